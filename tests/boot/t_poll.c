/* tests/boot/t_poll.c: poll(reqs, n, timeout): what each kind of handle
 * reports (a channel's two ends, a rendezvous, a file, the console, a
 * handle not open), POLL_HUP and POLL_NVAL unasked, the same handle twice;
 * timeout 0, a timeout that runs out (0, every revents cleared), for ever
 * until another task sends or closes; a poll woken for nothing (another
 * task took the message first) that waits on with its first deadline; 256
 * handles; -EINVAL, -EFAULT, and -EAGAIN when the kernel's 16384 poll
 * nodes are all hung, which a poll gives back every time it returns. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE    4096
#define KERNEL_ADDR  0x00100000
#define SHORT_MS     50
#define TIMEOUT_MS   200 /* the woken-for-nothing poll's timeout */
#define SEND_GAP_MS  20  /* between the sends that wake it */
#define SEND_LIMIT   50  /* sends after which the waking stops anyway */
#define SLACK        3   /* a sanity bound only: QEMU's speed varies */
#define CHANNELS     253 /* with 0, 1 and 2: 256 handles, and the table is full */
#define POLL_NODES   16384
#define NODE_POLLERS (POLL_NODES / POLL_MAX)
#define LEAK_ROUNDS  100
#define GARBAGE      0x7bad

static int ends[2];
#define R (ends[CHAN_RECV_END])
#define S (ends[CHAN_SEND_END])

/* revents of one request polled alone, at once. */
static int events_of(int h, short events)
{
    struct pollreq r = {h, events, GARBAGE};
    int n = poll(&r, 1, 0);
    return n < 0 ? n : r.revents;
}

static void errors(void)
{
    struct pollreq r = {FD_STDOUT, POLL_OUT, 0};
    char *heap = (char *)sbrk(PAGE_SIZE);
    tap_is(poll(&r, -1, 0), -EINVAL, "n -1: -EINVAL");
    tap_is(poll(&r, POLL_MAX + 1, 0), -EINVAL, "n POLL_MAX + 1: -EINVAL");
    tap_is(poll(&r, 1, -2), -EINVAL, "timeout -2: -EINVAL");
    tap_is(poll(NULL, 1, 0), -EFAULT, "reqs NULL: -EFAULT");
    tap_is(poll((void *)KERNEL_ADDR, 1, 0), -EFAULT, "reqs in the kernel: -EFAULT");
    tap_is(poll((struct pollreq *)(void *)errors, 1, 0), -EFAULT,
           "reqs in our read-only code: -EFAULT");
    struct pollreq *last = (struct pollreq *)(heap + PAGE_SIZE) - 1;
    *last = r;
    tap_is(poll(last, 1, 0), 1, "one request just before the break");
    tap_is(poll(last, 2, 0), -EFAULT, "two, running past it: -EFAULT");
    tap_is(poll(NULL, 0, 0), 0, "n 0, timeout 0: 0");
    unsigned start = uptime();
    tap_is(poll(NULL, 0, SHORT_MS), 0, "n 0 with a timeout: 0 when it runs out");
    tap_ok(uptime() - start >= SHORT_MS, "after at least the timeout");
    sbrk(-PAGE_SIZE);
}

static volatile int parked_recv;

static int recv_once(void *arg)
{
    (void)arg;
    int v;
    parked_recv = recv(R, &v, sizeof v);
    return 0;
}

static void readiness(void)
{
    chan(1, ends);
    tap_is(events_of(R, POLL_IN), 0, "an empty receive end: nothing");
    tap_is(events_of(S, POLL_OUT), POLL_OUT, "a send end with room: POLL_OUT");
    int v = 1;
    send(S, &v, sizeof v);
    tap_is(events_of(R, POLL_IN), POLL_IN, "a receive end with a message: POLL_IN");
    tap_is(events_of(R, 0), 0, "the same, asking for nothing: nothing");
    tap_is(events_of(S, POLL_OUT), 0, "a full send end: nothing");
    struct pollreq two[2] = {{R, POLL_IN, 0}, {R, POLL_IN, 0}};
    tap_ok(poll(two, 2, 0) == 2 && two[0].revents == POLL_IN && two[1].revents == POLL_IN,
           "the same handle twice: both say POLL_IN, and the result counts 2");
    close(S);
    tap_is(events_of(R, POLL_IN), POLL_IN, "no sender, a message left: POLL_IN");
    recv(R, &v, sizeof v);
    tap_is(events_of(R, POLL_IN), POLL_IN | POLL_HUP,
           "no sender, nothing left: POLL_IN | POLL_HUP");
    tap_is(events_of(R, 0), POLL_HUP, "the same, asking for nothing: POLL_HUP unasked");
    close(R);

    chan(1, ends);
    close(R);
    tap_is(events_of(S, POLL_OUT), POLL_OUT | POLL_HUP,
           "a send end with no receiver: POLL_OUT | POLL_HUP (a send fails at once)");
    tap_is(events_of(S, POLL_IN), POLL_HUP, "the same, asking for POLL_IN: POLL_HUP unasked");
    close(S);

    chan(0, ends);
    tap_is(events_of(S, POLL_OUT), 0, "a rendezvous with nobody receiving: nothing");
    int t = spawn(recv_once, NULL);
    settle();
    tap_is(events_of(S, POLL_OUT), POLL_OUT, "a rendezvous with a receiver parked: POLL_OUT");
    send(S, &v, sizeof v);
    wait(t, NULL);
    close(R);
    close(S);

    int f = open("motd.txt");
    tap_is(events_of(f, POLL_IN | POLL_OUT), POLL_IN, "a file: POLL_IN, never POLL_OUT");
    close(f);
    tap_is(events_of(FD_STDOUT, POLL_IN | POLL_OUT), POLL_OUT,
           "the console, nothing typed: POLL_OUT");
    tap_is(events_of(f, POLL_IN), POLL_NVAL, "a closed handle: POLL_NVAL");
    tap_is(events_of(-1, 0), POLL_NVAL, "handle -1: POLL_NVAL, unasked");
    tap_is(events_of(HANDLE_MAX, POLL_IN), POLL_NVAL, "handle HANDLE_MAX: POLL_NVAL");

    chan(1, ends);
    send(S, &v, sizeof v);
    struct pollreq mix[5] = {{R, POLL_IN, 0},
                             {S, POLL_OUT, 0},
                             {-1, POLL_IN, 0},
                             {FD_STDIN, POLL_IN, 0},
                             {FD_STDOUT, POLL_OUT, 0}};
    tap_is(poll(mix, 5, 0), 3, "five requests, three with something: 3");
    close(R);
    close(S);
}

/* ----------------------------------------------------------------- waits */

static int send_later(void *arg)
{
    sleep((int)(intptr_t)arg);
    int v = 9;
    send(S, &v, sizeof v);
    return 0;
}

static int close_later(void *arg)
{
    sleep((int)(intptr_t)arg);
    close(S);
    return 0;
}

static void timeouts(void)
{
    chan(1, ends);
    struct pollreq r[2] = {{R, POLL_IN, GARBAGE}, {S, POLL_IN, GARBAGE}};
    tap_is(poll(r, 2, 0), 0, "timeout 0, nothing ready: 0 at once");
    tap_ok(r[0].revents == 0 && r[1].revents == 0, "and every revents 0");
    r[0].revents = r[1].revents = GARBAGE;
    unsigned start = uptime();
    tap_is(poll(r, 2, SHORT_MS), 0, "a timeout that runs out: 0");
    unsigned took = uptime() - start;
    tap_ok(took >= SHORT_MS, "after at least %d ms (%u)", SHORT_MS, took);
    tap_ok(r[0].revents == 0 && r[1].revents == 0, "every revents cleared");

    int t = spawn(send_later, (void *)10);
    r[0].revents = GARBAGE;
    tap_is(poll(r, 1, POLL_FOREVER), 1, "POLL_FOREVER, woken by another task's send: 1");
    tap_is(r[0].revents, POLL_IN, "POLL_IN");
    wait(t, NULL);
    int v;
    recv(R, &v, sizeof v);

    t = spawn(close_later, (void *)10);
    tap_is(poll(r, 1, POLL_FOREVER), 1, "POLL_FOREVER, woken by the last sender closing: 1");
    tap_is(r[0].revents, POLL_IN | POLL_HUP, "POLL_IN | POLL_HUP");
    wait(t, NULL);
    close(R);
}

/* A poll woken again and again for messages that another task takes
 * first: it goes back to waiting each time, and keeps its first deadline,
 * so it ends while the sends still come. */
static volatile int poll_over, sends;

static int take_all(void *arg)
{
    (void)arg;
    int v;
    while (recv(R, &v, sizeof v) > 0)
        ;
    return 0;
}

static int keep_sending(void *arg)
{
    (void)arg;
    for (sends = 0; !poll_over && sends < SEND_LIMIT; sends++) {
        sleep(SEND_GAP_MS);
        int v = sends;
        send(S, &v, sizeof v);
    }
    return 0;
}

static void woken_for_nothing(void)
{
    chan(1, ends);
    int taker = spawn(take_all, NULL);
    settle(); /* it is parked in recv, ahead of every poll */
    poll_over = 0;
    int sender = spawn(keep_sending, NULL);
    struct pollreq r = {R, POLL_IN, GARBAGE};
    unsigned start = uptime();
    int n = poll(&r, 1, TIMEOUT_MS);
    unsigned took = uptime() - start;
    poll_over = 1;
    int sent = sends;
    tap_ok(n == 0 && r.revents == 0, "woken for messages another task took: 0 at the timeout");
    tap_ok(sent >= 2, "it was woken (%d sends came while it waited)", sent);
    tap_ok(sent < SEND_LIMIT, "it kept its first deadline: it ended while the sends went on");
    tap_ok(took >= TIMEOUT_MS && took <= SLACK * TIMEOUT_MS,
           "after at least its %d ms, and not far beyond (%u ms)", TIMEOUT_MS, took);
    wait(sender, NULL);
    close(S);
    wait(taker, NULL);
    close(R);
}

/* ------------------------------------------------------------- 256, nodes */

static int chans[CHANNELS][2];
static struct pollreq big[POLL_MAX];

static void fill_big(void)
{
    for (int i = 0; i < CHANNELS; i++)
        big[i] = (struct pollreq){chans[i][CHAN_RECV_END], POLL_IN, GARBAGE};
    for (int i = CHANNELS; i < POLL_MAX; i++)
        big[i] = (struct pollreq){i - CHANNELS, POLL_IN, GARBAGE}; /* 0, 1, 2: the console */
}

static int send_into(void *arg)
{
    int i = (int)(intptr_t)arg;
    sleep(5);
    int v = i;
    send(chans[i][CHAN_SEND_END], &v, sizeof v);
    return 0;
}

static volatile int pollers_done;
static struct pollreq pollers_reqs[NODE_POLLERS][POLL_MAX];

static int poll_big(void *arg)
{
    int k = (int)(intptr_t)arg;
    for (int i = 0; i < POLL_MAX; i++)
        pollers_reqs[k][i] = big[i];
    int n = poll(pollers_reqs[k], POLL_MAX, POLL_FOREVER);
    pollers_done += n == 1;
    return 0;
}

static void many(void)
{
    int made = 0;
    for (int i = 0; i < CHANNELS; i++)
        made += chan(1, chans[i]) == 0;
    tap_is(made, CHANNELS, "%d channels: with 0, 1, 2, a full handle table", CHANNELS);
    fill_big();
    tap_is(poll(big, POLL_MAX, 0), 0, "256 requests, nothing ready: 0");
    int t = spawn(send_into, (void *)200);
    fill_big();
    int n = poll(big, POLL_MAX, POLL_FOREVER);
    int others = 0;
    for (int i = 0; i < POLL_MAX; i++)
        others += i != 200 && big[i].revents != 0;
    tap_ok(n == 1 && big[200].revents == POLL_IN && others == 0,
           "256 requests, woken by a send into the 201st: 1, and only its revents");
    wait(t, NULL);
    int v;
    recv(chans[200][CHAN_RECV_END], &v, sizeof v);

    /* Every node the kernel has: 64 tasks polling 256 handles each. */
    pollers_done = 0;
    int tids[NODE_POLLERS];
    for (int k = 0; k < NODE_POLLERS; k++)
        tids[k] = spawn(poll_big, (void *)(intptr_t)k);
    settle();
    fill_big();
    tap_is(poll(big, POLL_MAX, POLL_FOREVER), -EAGAIN,
           "with 64 polls of 256 hung, the 16384 nodes are in use: -EAGAIN");
    send(chans[0][CHAN_SEND_END], &v, sizeof v);
    for (int k = 0; k < NODE_POLLERS; k++)
        wait(tids[k], NULL);
    tap_is(pollers_done, NODE_POLLERS, "one send wakes all 64, and each finds it");
    recv(chans[0][CHAN_RECV_END], &v, sizeof v);

    /* Polls that time out, and polls that are woken, give their nodes back. */
    int bad = 0;
    for (int r = 0; r < LEAK_ROUNDS; r++) {
        fill_big();
        if (r % 2 == 0) {
            bad += poll(big, POLL_MAX, 1) != 0;
        } else {
            t = spawn(send_into, (void *)(intptr_t)(r % CHANNELS));
            bad += poll(big, POLL_MAX, POLL_FOREVER) != 1;
            wait(t, NULL);
            recv(chans[r % CHANNELS][CHAN_RECV_END], &v, sizeof v);
        }
    }
    tap_is(bad, 0, "%d polls of 256 that time out or are woken: no node is lost", LEAK_ROUNDS);

    for (int i = 0; i < CHANNELS; i++)
        send(chans[i][CHAN_SEND_END], &v, sizeof v);
    fill_big();
    for (int i = CHANNELS; i < POLL_MAX; i++)
        big[i].events = POLL_OUT;
    tap_is(poll(big, POLL_MAX, POLL_FOREVER), POLL_MAX, "256 requests, all ready: 256");
    for (int i = 0; i < CHANNELS; i++) {
        close(chans[i][CHAN_RECV_END]);
        close(chans[i][CHAN_SEND_END]);
    }
}

int main(void)
{
    tap_plan(51);
    struct counters before = counters_now();
    errors();
    readiness();
    timeouts();
    woken_for_nothing();
    many();
    tap_no_channel_left(before);
    return tap_done();
}
