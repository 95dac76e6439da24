/* tests/boot/t_send_recv.c: send() and recv() on channels between tasks of
 * one program: every error code docs/syscalls.md lists for them, messages
 * of every length, capacity (a sender parks after exactly `capacity`
 * messages), rendezvous (capacity 0: send returns only once a receiver has
 * the message), first come first served for parked senders and receivers,
 * end of stream, EPIPE (also for a sender parked when the last receiver
 * closes) and -EBADF for a task parked on a handle that another task of its
 * program closes, also when another program still holds the same end. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE       4096
#define KERNEL_ADDR     0x00100000
#define RENDEZVOUS_MSGS 100
#define PARKED          3 /* tasks parked at once in the first-come tests */

static int ends[2];
#define R (ends[CHAN_RECV_END])
#define S (ends[CHAN_SEND_END])

/* ---------------------------------------------------------------- errors */

static void errors(void)
{
    int v = 42;
    char *heap = (char *)sbrk(PAGE_SIZE);
    char *heap_end = heap + PAGE_SIZE;
    chan(1, ends);
    struct sysinfo info;
    sysinfo(&info);
    unsigned channels = info.channels;
    int *last_int = (int *)heap_end - 1;
    tap_is(chan(1, (int *)(void *)errors), -EFAULT, "chan into our read-only code: -EFAULT");
    tap_is(chan(1, last_int), -EFAULT, "chan whose ends[1] is past the break: -EFAULT");
    sysinfo(&info);
    tap_is(info.channels, channels, "and neither made a channel");
    tap_is(send(-1, &v, sizeof v), -EBADF, "send on handle -1: -EBADF");
    tap_is(send(HANDLE_MAX, &v, sizeof v), -EBADF, "send on handle HANDLE_MAX: -EBADF");
    tap_is(send(R, &v, sizeof v), -EBADF, "send on a receive end: -EBADF");
    tap_is(send(FD_STDOUT, &v, sizeof v), -EBADF, "send on a terminal: -EBADF");
    tap_is(send(100, &v, sizeof v), -EBADF, "send on a handle not open: -EBADF");
    tap_is(send(S, &v, 0), -EINVAL, "send of 0 bytes: -EINVAL");
    tap_is(send(S, &v, -1), -EINVAL, "send of -1 bytes: -EINVAL");
    tap_is(send(S, heap, CHAN_MSG_MAX + 1), -EMSGSIZE, "send of CHAN_MSG_MAX + 1 bytes: -EMSGSIZE");
    tap_is(send(S, NULL, 4), -EFAULT, "send from NULL: -EFAULT");
    tap_is(send(S, (void *)KERNEL_ADDR, 4), -EFAULT, "send from kernel memory: -EFAULT");
    tap_is(send(S, heap_end - 2, 4), -EFAULT, "send from past the break: -EFAULT");
    struct pollreq pr = {R, POLL_IN, 0};
    tap_is(poll(&pr, 1, 0), 0, "a send that failed sent nothing");

    tap_is(recv(-1, &v, sizeof v), -EBADF, "recv on handle -1: -EBADF");
    tap_is(recv(S, &v, sizeof v), -EBADF, "recv on a send end: -EBADF");
    tap_is(recv(FD_STDIN, &v, sizeof v), -EBADF, "recv on a terminal: -EBADF");
    tap_is(recv(100, &v, sizeof v), -EBADF, "recv on a handle not open: -EBADF");
    tap_is(recv(R, &v, -1), -EINVAL, "recv with max -1: -EINVAL");
    tap_is(recv(R, NULL, 4), -EFAULT, "recv into NULL with nothing there: -EFAULT at once");

    tap_is(send(S, "hello", 5), 5, "send returns the length");
    char small[4], big[CHAN_MSG_MAX];
    tap_is(recv(R, small, sizeof small), -EMSGSIZE, "recv into a buffer too small: -EMSGSIZE");
    tap_is(recv(R, NULL, sizeof big), -EFAULT, "recv into NULL with a message there: -EFAULT");
    tap_is(recv(R, heap_end - 2, 5), -EFAULT, "recv into memory past the break: -EFAULT");
    tap_is(recv(R, big, 5), 5, "the message stayed: a buffer of its size takes it");
    tap_ok(memcmp(big, "hello", 5) == 0, "whole and unchanged");
    close(R);
    tap_is(send(S, "x", 1), -EPIPE, "send with no receive end open: -EPIPE");
    close(S);
    sbrk(-PAGE_SIZE);
}

/* ------------------------------------------------------- lengths, capacity */

static int send_every_length(void *arg)
{
    (void)arg;
    char buf[CHAN_MSG_MAX];
    for (int len = 1; len <= CHAN_MSG_MAX; len++) {
        memset(buf, len, (size_t)len);
        if (send(S, buf, len) != len)
            return 1;
    }
    close(S);
    return 0;
}

static void lengths(void)
{
    chan(CHAN_CAPACITY_MAX, ends);
    int t = spawn(send_every_length, NULL);
    char buf[CHAN_MSG_MAX], want[CHAN_MSG_MAX];
    int bad = 0, len = 0, n;
    while ((n = recv(R, buf, sizeof buf)) > 0) {
        len++;
        memset(want, len, (size_t)len);
        bad += n != len || memcmp(buf, want, (size_t)n) != 0;
    }
    tap_ok(bad == 0 && len == CHAN_MSG_MAX && n == 0,
           "messages of 1 to CHAN_MSG_MAX bytes arrive with their lengths and bytes");
    int status;
    wait(t, &status);
    tap_is(status, 0, "and every send returned its length");
    close(R);
}

static volatile int sent;

static int send_forever(void *arg)
{
    (void)arg;
    for (int i = 0;; i++) {
        if (send(S, &i, sizeof i) != sizeof i)
            return 1;
        sent++;
    }
}

static void capacity(int cap)
{
    chan(cap, ends);
    sent = 0;
    int t = spawn(send_forever, NULL);
    settle();
    tap_is(sent, cap, "capacity %d: the sender parks after %d messages", cap, cap);
    int v;
    recv(R, &v, sizeof v);
    settle();
    tap_is(sent, cap + 1, "capacity %d: one received, one more sent", cap);
    kill(t);
    wait(t, NULL);
    close(R);
    close(S);
}

/* ------------------------------------------------------------ rendezvous */

static volatile int got, begun;
static int inbox; /* the receiver's buffer: the kernel copies into it */

/* The receiver counts the recvs it has begun, and those that returned. */
static int receive_all(void *arg)
{
    (void)arg;
    int n;
    for (;;) {
        begun++;
        if ((n = recv(R, &inbox, sizeof inbox)) <= 0)
            return n;
        got++;
    }
}

/* Send 1..RENDEZVOUS_MSGS to a receiver task; count the sends that
 * returned before the receiver had begun its recv for the message, or
 * before the message was in the receiver's buffer. Every other
 * round we yield first, so that the receiver parks before the send about
 * half of the time, and the sender parks first the other half. */
static int sends_ahead_of_receiver(int cap)
{
    chan(cap, ends);
    got = begun = 0;
    inbox = 0;
    int t = spawn(receive_all, NULL);
    int ahead = 0;
    for (int i = 1; i <= RENDEZVOUS_MSGS; i++) {
        if (i % 2)
            yield();
        send(S, &i, sizeof i);
        ahead += begun < i || inbox != i;
    }
    close(S);
    int status;
    wait(t, &status);
    tap_ok(got == RENDEZVOUS_MSGS && status == 0, "capacity %d: %d messages, then end of stream",
           cap, got);
    close(R);
    return ahead;
}

static volatile int returned;

static int send_one(void *arg)
{
    int v = (int)(intptr_t)arg;
    int r = send(S, &v, sizeof v);
    returned = 1;
    return r == sizeof v ? 0 : 1;
}

static void rendezvous(void)
{
    tap_is(sends_ahead_of_receiver(0), 0,
           "rendezvous: no send returned before the receiver had its message");
    tap_ok(sends_ahead_of_receiver(1) > 0, "capacity 1, for contrast: sends ran ahead");

    /* The sender first: it stays parked until a receiver takes it. */
    chan(0, ends);
    returned = 0;
    int t = spawn(send_one, (void *)7);
    settle();
    tap_is(returned, 0, "rendezvous: a send with nobody receiving stays parked");
    int v = 0;
    tap_is(recv(R, &v, sizeof v), sizeof v, "recv takes its message");
    tap_is(v, 7, "the right one");
    int status;
    wait(t, &status);
    tap_ok(returned && status == 0, "and then the send returned its length");
    close(R);
    close(S);
}

/* ----------------------------------------------------- first come first */

static volatile int order[PARKED], done_count;

static int send_tagged(void *arg)
{
    int tag = (int)(intptr_t)arg;
    return send(S, &tag, sizeof tag) == sizeof tag ? 0 : 1;
}

static int recv_tagged(void *arg)
{
    int slot = (int)(intptr_t)arg, v;
    int n = recv(R, &v, sizeof v);
    order[slot] = n == sizeof v ? v : -100 + n;
    done_count++;
    return 0;
}

static void first_come(void)
{
    chan(1, ends);
    int filler = -1;
    send(S, &filler, sizeof filler);
    int tids[PARKED];
    for (int i = 0; i < PARKED; i++) {
        tids[i] = spawn(send_tagged, (void *)(intptr_t)i);
        settle(); /* it parks before the next one comes */
    }
    int bad = 0, v;
    recv(R, &v, sizeof v);
    bad += v != filler;
    for (int i = 0; i < PARKED; i++) {
        recv(R, &v, sizeof v);
        bad += v != i;
    }
    tap_is(bad, 0, "parked senders go on in the order they came");
    for (int i = 0; i < PARKED; i++)
        wait(tids[i], NULL);

    done_count = 0;
    for (int i = 0; i < PARKED; i++) {
        tids[i] = spawn(recv_tagged, (void *)(intptr_t)i);
        settle();
    }
    for (int i = 0; i < PARKED; i++)
        send(S, &i, sizeof i);
    settle();
    bad = done_count != PARKED;
    for (int i = 0; i < PARKED; i++)
        bad += order[i] != i;
    tap_is(bad, 0, "parked receivers are served in the order they came");
    for (int i = 0; i < PARKED; i++)
        wait(tids[i], NULL);
    close(R);
    close(S);
}

/* ------------------------------------------------- end of stream, EPIPE */

static void end_of_stream(void)
{
    chan(CHAN_CAPACITY_MAX, ends);
    for (int i = 0; i < 3; i++)
        send(S, &i, sizeof i);
    close(S);
    int bad = 0, v;
    for (int i = 0; i < 3; i++)
        bad += recv(R, &v, sizeof v) != sizeof v || v != i;
    tap_is(bad, 0, "messages sent before the last send end closed are still received");
    tap_is(recv(R, &v, sizeof v), 0, "then end of stream: 0");
    tap_is(recv(R, &v, sizeof v), 0, "and again 0");
    close(R);

    chan(1, ends);
    done_count = 0;
    for (int i = 0; i < PARKED; i++)
        spawn(recv_tagged, (void *)(intptr_t)i);
    settle();
    close(S);
    settle();
    bad = done_count != PARKED;
    for (int i = 0; i < PARKED; i++)
        bad += order[i] != -100;
    tap_is(bad, 0, "every receiver parked when the last send end closes gets 0");
    close(R);
}

static volatile int send_result;

static int send_and_keep(void *arg)
{
    (void)arg;
    int v = 1;
    send_result = send(S, &v, sizeof v);
    return 0;
}

static void epipe_parked(int cap)
{
    chan(cap, ends);
    int v = 0;
    for (int i = 0; i < cap; i++)
        send(S, &v, sizeof v);
    send_result = 1;
    int t = spawn(send_and_keep, NULL);
    settle();
    tap_is(send_result, 1, "capacity %d: a sender into the full channel is parked", cap);
    close(R);
    wait(t, NULL);
    tap_is(send_result, -EPIPE, "capacity %d: it gets -EPIPE when the last receive end closes",
           cap);
    close(S);
}

/* ------------------------------------------- a handle closed under a task */

static volatile int parked_result;

static int recv_parked(void *arg)
{
    (void)arg;
    int v;
    parked_result = recv(R, &v, sizeof v);
    return 0;
}

static int send_parked(void *arg)
{
    (void)arg;
    int v = 5;
    parked_result = send(S, &v, sizeof v);
    return 0;
}

/* A task parked on end `end` through its handle; another task (we) closes
 * that handle. `shared`: a program (tests/progs/hold) holds the same end,
 * so the end stays open. */
static void closed_under(int end, int shared)
{
    chan(0, ends);
    int control[2], holder = 0;
    if (shared) {
        chan(1, control);
        int map[] = {control[CHAN_RECV_END], ends[end]};
        holder = spawn_with("hold", NULL, map, 2, 0);
        close(control[CHAN_RECV_END]);
    }
    parked_result = 1;
    int t = spawn(end == CHAN_RECV_END ? recv_parked : send_parked, NULL);
    settle();
    close(ends[end]);
    settle();
    tap_is(parked_result, -EBADF, "a task parked to %s gets -EBADF when its handle closes%s",
           end == CHAN_RECV_END ? "receive" : "send",
           shared ? " (another program holds the same end)" : "");
    if (parked_result == 1) {
        kill(t); /* still parked: free it */
    }
    wait(t, NULL);
    close(ends[1 - end]);
    if (shared) {
        close(control[CHAN_SEND_END]);
        wait(holder, NULL);
    }
}

int main(void)
{
    tap_plan(60);
    struct counters before = counters_now();
    errors();
    lengths();
    capacity(1);
    capacity(5);
    capacity(CHAN_CAPACITY_MAX);
    rendezvous();
    first_come();
    end_of_stream();
    epipe_parked(0);
    epipe_parked(1);
    closed_under(CHAN_RECV_END, 0);
    closed_under(CHAN_SEND_END, 0);
    closed_under(CHAN_RECV_END, 1);
    closed_under(CHAN_SEND_END, 1);
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.channels, before.channels, "no channel left");
    tap_is(info.handles, before.handles, "no handle left");
    return tap_done();
}
