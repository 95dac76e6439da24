/* tests/boot/t_chan_progs.c: channels between programs, their ends handed
 * with spawnvx: messages through a stage program (tests/progs/stage) and
 * back, also through rendezvous; end of stream when the program holding
 * the last send end ends, or is killed, also for a task of ours parked in
 * recv right then; -EPIPE for a task of ours parked in send when the
 * program holding the last receive end ends; a program killed while its
 * task is parked on our channel; two programs receiving from one channel
 * share its messages, each once. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define COUNT 1000

static int a[2], b[2]; /* a: us -> the program; b: the program -> us */

/* Start a stage from a to b, keeping none of the ends it holds. */
static int start_stage(void)
{
    int map[] = {a[CHAN_RECV_END], b[CHAN_SEND_END], FD_STDERR};
    int t = spawn_with("stage", NULL, map, 3, 0);
    close(a[CHAN_RECV_END]);
    close(b[CHAN_SEND_END]);
    return t;
}

static int sender(void *arg)
{
    int n = (int)(intptr_t)arg;
    for (int i = 0; i < n; i++)
        if (send(a[CHAN_SEND_END], &i, sizeof i) != sizeof i)
            return 1;
    close(a[CHAN_SEND_END]);
    return 0;
}

/* Receive from b until end of stream: how many came in order. */
static int receive_in_order(int *count)
{
    int v, n, bad = 0;
    *count = 0;
    while ((n = recv(b[CHAN_RECV_END], &v, sizeof v)) > 0)
        bad += v != (*count)++;
    return bad + (n < 0);
}

static void through(int cap)
{
    chan(cap, a);
    chan(cap, b);
    int t = start_stage();
    int s = spawn(sender, (void *)COUNT);
    int count, bad = receive_in_order(&count);
    tap_ok(bad == 0 && count == COUNT,
           "capacity %d: %d messages there and back through a program, in order, then end of "
           "stream when it ends (%d)",
           cap, COUNT, count);
    int st, ss;
    wait(t, &st);
    wait(s, &ss);
    tap_ok(st == 0 && ss == 0, "capacity %d: the stage and our sender both exited 0", cap);
    close(b[CHAN_RECV_END]);
}

static volatile int parked_result;

static int recv_parked(void *arg)
{
    (void)arg;
    int v;
    parked_result = recv(b[CHAN_RECV_END], &v, sizeof v);
    return 0;
}

static int send_parked(void *arg)
{
    int h = (int)(intptr_t)arg, v = 1;
    parked_result = send(h, &v, sizeof v);
    return 0;
}

static void program_ends(void)
{
    /* Killed while we wait for its output: end of stream. */
    chan(1, a);
    chan(1, b);
    int t = start_stage();
    parked_result = 1;
    int r = spawn(recv_parked, NULL);
    settle();
    tap_is(parked_result, 1, "our receiver parked on the program's output");
    kill(t);
    settle();
    tap_is(parked_result, 0, "the program killed: our parked receiver gets end of stream");
    wait(t, NULL);
    wait(r, NULL);
    /* The stage was parked in recv on a: now a has no receiver. */
    int v = 0;
    tap_is(send(a[CHAN_SEND_END], &v, sizeof v), -EPIPE,
           "its task was parked on our channel: the channel lives on, with no receiver: -EPIPE");
    close(a[CHAN_SEND_END]);
    close(b[CHAN_RECV_END]);

    /* Our sender parked on a full channel whose receiver is a program that
     * ends without reading it. */
    int control[2], full[2];
    chan(1, control);
    chan(1, full);
    int map[] = {control[CHAN_RECV_END], full[CHAN_RECV_END]};
    int holder = spawn_with("hold", NULL, map, 2, 0);
    close(control[CHAN_RECV_END]);
    close(full[CHAN_RECV_END]);
    send(full[CHAN_SEND_END], &v, sizeof v);
    parked_result = 1;
    int s = spawn(send_parked, (void *)(intptr_t)full[CHAN_SEND_END]);
    settle();
    tap_is(parked_result, 1, "our sender parked on a full channel the program receives from");
    close(control[CHAN_SEND_END]); /* hold ends */
    wait(holder, NULL);
    settle();
    tap_is(parked_result, -EPIPE, "the program ended: our parked sender gets -EPIPE");
    wait(s, NULL);
    close(full[CHAN_SEND_END]);
}

/* Two stages receive from the same channel and send into the same one:
 * every message comes out once. */
static void two_receivers(void)
{
    chan(1, a);
    chan(1, b);
    int map[] = {a[CHAN_RECV_END], b[CHAN_SEND_END], FD_STDERR};
    int t1 = spawn_with("stage", NULL, map, 3, 0);
    int t2 = spawn_with("stage", NULL, map, 3, 0);
    close(a[CHAN_RECV_END]);
    close(b[CHAN_SEND_END]);
    int s = spawn(sender, (void *)COUNT);
    static char seen[COUNT];
    memset(seen, 0, sizeof seen);
    int v, n, bad = 0, count = 0;
    while ((n = recv(b[CHAN_RECV_END], &v, sizeof v)) > 0) {
        if (v < 0 || v >= COUNT || seen[v]++)
            bad++;
        count++;
    }
    tap_ok(bad == 0 && count == COUNT,
           "two programs receiving from one channel: each of %d "
           "messages came through once (%d)",
           COUNT, count);
    wait(t1, NULL);
    wait(t2, NULL);
    wait(s, NULL);
    close(b[CHAN_RECV_END]);
}

int main(void)
{
    tap_plan(11);
    struct counters before = counters_now();
    through(CHAN_CAPACITY_MAX);
    through(0);
    program_ends();
    two_receivers();
    tap_no_channel_left(before);
    return tap_done();
}
