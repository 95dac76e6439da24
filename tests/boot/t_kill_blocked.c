/* tests/boot/t_kill_blocked.c: kill() of tasks parked in every kind of
 * wait on an object: read of the console, recv, send (into a full channel
 * and into a rendezvous, holding its message), write (part of it in),
 * poll (with and without a timeout), and a program killed while parked.
 * The killed task's waiters wake; the channel goes on working for the
 * tasks still on it, in order, without the killed one's message; and
 * nothing leaks: after a first round (which maps the stack slots the
 * tasks use), a second leaves pages_free, channels, handles and tasks as
 * they were. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define ROUNDS     2
#define WRITE_SIZE (3 * CHAN_MSG_MAX)
#define LONG_MS    1000000

static int c[2], d[2], e[2];
static volatile int results[8];

static int recv_into(void *arg)
{
    int slot = (int)(intptr_t)arg, v;
    int n = recv(c[CHAN_RECV_END], &v, sizeof v);
    results[slot] = n == sizeof v ? v : -1000 + n;
    return 0;
}

static int send_tag(void *arg)
{
    int tag = (int)(intptr_t)arg;
    int h = tag >= 100 ? e[CHAN_SEND_END] : d[CHAN_SEND_END];
    send(h, &tag, sizeof tag);
    return 0;
}

static int write_big(void *arg)
{
    static char big[WRITE_SIZE];
    memset(big, (int)(intptr_t)arg, sizeof big);
    write(d[CHAN_SEND_END], big, sizeof big);
    return 0;
}

static int read_console(void *arg)
{
    (void)arg;
    char buf[8];
    read(FD_STDIN, buf, sizeof buf);
    return 0;
}

static int poll_for(void *arg)
{
    int slot = (int)(intptr_t)arg;
    struct pollreq reqs[2] = {{c[CHAN_RECV_END], POLL_IN, 0}, {d[CHAN_SEND_END], POLL_OUT, 0}};
    results[slot] = poll(reqs, 2, slot == 4 ? LONG_MS : POLL_FOREVER);
    return 0;
}

static int wait_for(void *arg)
{
    int status = 0;
    wait((int)(intptr_t)arg, &status);
    return WIFKILLED(status) ? 0 : 1;
}

/* Kill `tid`, a task of ours; a task waiting for it must wake with its
 * STATUS_KILL. */
static int kill_and_check(int tid)
{
    int w = spawn(wait_for, (void *)(intptr_t)tid);
    settle();
    int k = kill(tid), status = 1;
    wait(w, &status);
    wait(tid, NULL);
    return k == 0 && status == 0;
}

static void round_of_kills(int round)
{
    chan(1, c);
    chan(1, d);
    chan(0, e);
    int ok = 1, v;
    for (int i = 0; i < 8; i++)
        results[i] = 1000;

    /* Two receivers parked on c; the first is killed; a send reaches the
     * second, the next one wakes the poller not killed. The pollers wait
     * for c to have a message, or for room in d, which is full. */
    v = -1;
    send(d[CHAN_SEND_END], &v, sizeof v);
    int r1 = spawn(recv_into, (void *)0), r2 = spawn(recv_into, (void *)1);
    int p1 = spawn(poll_for, (void *)4), p2 = spawn(poll_for, (void *)5);
    int rd = spawn(read_console, NULL);
    settle();
    ok &= kill_and_check(r1);
    ok &= kill_and_check(p1);
    ok &= kill_and_check(rd);
    v = 42;
    send(c[CHAN_SEND_END], &v, sizeof v);
    settle();
    int p2_parked = results[5] == 1000;
    send(c[CHAN_SEND_END], &v, sizeof v);
    settle();
    recv(c[CHAN_RECV_END], &v, sizeof v);
    tap_ok(ok && results[1] == 42 && p2_parked && results[5] == 1,
           "round %d: receiver, poller, console reader killed, waiters woken; the next "
           "receiver gets the message, the other poller wakes",
           round);
    wait(r2, NULL);
    wait(p2, NULL);

    /* Two senders parked on the full d; the first is killed. */
    int s1 = spawn(send_tag, (void *)1), s2 = spawn(send_tag, (void *)2);
    settle();
    ok = kill_and_check(s1);
    int got[3] = {0, 0, 0};
    for (int i = 0; i < 2; i++)
        recv(d[CHAN_RECV_END], &got[i], sizeof got[i]);
    wait(s2, NULL);
    tap_ok(ok && got[0] == -1 && got[1] == 2,
           "round %d: a parked sender killed: its message never comes, the next one's does", round);

    /* The rendezvous holder killed: its message goes with it. */
    int h1 = spawn(send_tag, (void *)101), h2 = spawn(send_tag, (void *)102);
    settle();
    ok = kill_and_check(h1);
    recv(e[CHAN_RECV_END], &got[2], sizeof got[2]);
    wait(h2, NULL);
    tap_ok(ok && got[2] == 102,
           "round %d: a rendezvous sender holding its message killed: the "
           "receiver gets the next sender's",
           round);

    /* A writer killed half-way: what went in stays, in order, and the
     * next writer's bytes follow whole. */
    int w1 = spawn(write_big, (void *)'x'), w2 = spawn(write_big, (void *)'y');
    settle();
    ok = kill_and_check(w1);
    char buf[CHAN_MSG_MAX];
    int xs = 0, ys = 0, n;
    struct pollreq pr = {d[CHAN_RECV_END], POLL_IN, 0};
    while (ys < WRITE_SIZE && (n = recv(d[CHAN_RECV_END], buf, sizeof buf)) > 0) {
        xs += buf[0] == 'x' ? n : 0;
        ys += buf[0] == 'y' ? n : 0;
        settle();
    }
    wait(w2, NULL);
    tap_ok(ok && xs > 0 && xs < WRITE_SIZE && ys == WRITE_SIZE && poll(&pr, 1, 0) == 0,
           "round %d: a writer killed half-way (%d of its bytes in), the next writer's all %d",
           round, xs, ys);

    /* A program killed while parked in recv on our channel. */
    int map[] = {c[CHAN_RECV_END], d[CHAN_SEND_END], FD_STDERR};
    int prog = spawn_with("stage", NULL, map, 3, 0), status;
    settle();
    ok = kill(prog) == 0 && wait(prog, &status) == prog && WIFKILLED(status);
    v = 7;
    send(c[CHAN_SEND_END], &v, sizeof v);
    tap_ok(ok && recv(c[CHAN_RECV_END], &v, sizeof v) == sizeof v && v == 7,
           "round %d: a program killed while parked on our channel; the channel works on", round);

    for (int i = 0; i < 2; i++) {
        close(c[i]);
        close(d[i]);
        close(e[i]);
    }
}

int main(void)
{
    tap_plan(5 * ROUNDS + 1);
    round_of_kills(1);
    struct counters before = counters_now();
    round_of_kills(2);
    tap_ok(counters_same(before), "the second round leaked nothing");
    return tap_done();
}
