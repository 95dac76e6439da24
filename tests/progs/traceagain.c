/* tests/progs/traceagain.c: the two calls the kernel has a task make
 * again (kernel/sched.h: sched_call_again): a poll woken by a message, and
 * a sendrecv whose send half waited for room. tests/trace.t checks that the
 * recording names the second calls "poll (made again)" and "sendrecv (made
 * again)", with the numbers of poll and sendrecv. And a number that is no
 * call, negative as an int: -ENOSYS, with the recorder on as without it
 * (the traced loop once took it for a fault, and ended the task). */
#include "user/lib/coop.h"
#include "user/lib/syscall.h"

#define NEGATIVE_NR ((int)0x80000000)

static int a[2], b[2], c[2];

/* Waits in poll until main sends on a. */
static int poller(void *arg)
{
    (void)arg;
    struct pollreq req = {a[CHAN_RECV_END], POLL_IN, 0};
    return poll(&req, 1, POLL_FOREVER) == 1 ? 0 : 1;
}

/* Waits in sendrecv's send half (b is full) until main takes from b, then
 * in its receive half until main sends on c. */
static int sender(void *arg)
{
    (void)arg;
    int reply = 0;
    return sendrecv(b[CHAN_SEND_END], 2, c[CHAN_RECV_END], &reply) == 4 && reply == 3 ? 0 : 1;
}

int main(void)
{
    if (chan(1, a) < 0 || chan(1, b) < 0 || chan(1, c) < 0)
        return 1;
    int word = 1, st1 = -1, st2 = -1;
    send(b[CHAN_SEND_END], &word, sizeof word); /* b is full */
    int p = spawn(poller, NULL);
    int s = spawn(sender, NULL);
    yield(); /* both park */
    send(a[CHAN_SEND_END], &word, sizeof word);
    recv(b[CHAN_RECV_END], &word, sizeof word); /* room: the sender's word goes in */
    word = 3;
    send(c[CHAN_SEND_END], &word, sizeof word);
    wait(p, &st1);
    wait(s, &st2);
    int none = syscall3(NEGATIVE_NR, 0, 0, 0);
    return st1 == 0 && st2 == 0 && none == -ENOSYS ? 0 : 1;
}
