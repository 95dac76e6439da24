/* tests/boot/t_deadlock_chan.c: deadlocks on channels, which the kernel
 * must find and report (tests/deadlock.t checks the report's lines):
 *
 *     t_deadlock_chan          two tasks each receive from a channel only
 *                              the other sends into; main waits on one
 *     t_deadlock_chan -- send  a task sends into a full channel whose only
 *                              receiver waits for that task to end
 *     t_deadlock_chan -- poll  a task polls, for ever, a channel nobody
 *                              will send into; main waits on it
 *
 * Each keeps the other ends open, so that no end of stream or EPIPE can
 * end the wait. */
// boot-expect: deadlock
#include "user/lib/coop.h"
#include "user/lib/tap.h"

static int ab[2], ba[2];

/* One side of a cycle that never starts: it receives from `arg` (ab or ba)
 * first, then passes on what it got into the other. Only the other side
 * sends into what this side receives from, and only after its own receive. */
static int relay(void *arg)
{
    const int *in = arg, *out = in == ba ? ab : ba;
    int v;
    recv(in[CHAN_RECV_END], &v, sizeof v);
    send(out[CHAN_SEND_END], &v, sizeof v);
    return 0;
}

static int sender(void *arg)
{
    (void)arg;
    int v = 1;
    send(ab[CHAN_SEND_END], &v, sizeof v); /* full, and its receiver waits for us */
    return 0;
}

static int poller(void *arg)
{
    (void)arg;
    struct pollreq r = {ab[CHAN_RECV_END], POLL_IN, 0};
    poll(&r, 1, POLL_FOREVER);
    return 0;
}

int main(int argc, char **argv)
{
    tap_plan(1);
    const char *mode = argc > 1 ? argv[1] : "recv";
    chan(1, ab);
    chan(1, ba);
    int t;
    if (strcmp(mode, "send") == 0) {
        int v = 0;
        send(ab[CHAN_SEND_END], &v, sizeof v);
        t = spawn(sender, NULL);
    } else if (strcmp(mode, "poll") == 0) {
        t = spawn(poller, NULL);
    } else {
        t = spawn(relay, ba);
        spawn(relay, ab);
    }
    tap_ok(t > 0, "mode %s: task %d will wait for ever", mode, t);
    wait(t, NULL);
    tap_diag("not reached: the kernel should have found the deadlock");
    return 1;
}
