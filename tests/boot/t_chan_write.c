/* tests/boot/t_chan_write.c: read() and write() on channel ends, the byte
 * stream over messages: a write of more than CHAN_MSG_MAX bytes goes in as
 * messages of at most CHAN_MSG_MAX, and two writers' messages never mix; a
 * read takes part of a message (the rest comes next) or several; a write to
 * a rendezvous returns once all of it is taken; a write cut short by the
 * last receiver closing says how many bytes got through; and the errors. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE   4096
#define BIG         1000       /* a write of 3 whole messages and a part */
#define WRITER_SIZE (8 * 1024) /* each of two writers' writes */
#define WRITER_MSGS (WRITER_SIZE / CHAN_MSG_MAX)

static int ends[2];
#define R (ends[CHAN_RECV_END])
#define S (ends[CHAN_SEND_END])

static char buf[WRITER_SIZE], got[WRITER_SIZE];

static void fill(char *p, int n, int seed)
{
    for (int i = 0; i < n; i++)
        p[i] = (char)(seed + i * 7);
}

static void splitting(void)
{
    chan(CHAN_CAPACITY_MAX, ends);
    fill(buf, BIG, 1);
    tap_is(write(S, buf, BIG), BIG, "write of %d bytes returns %d", BIG, BIG);
    int lens[8], n, k = 0, off = 0, same = 1;
    struct pollreq pr = {R, POLL_IN, 0};
    while (poll(&pr, 1, 0) == 1 && k < 8) {
        n = recv(R, got, sizeof got);
        lens[k++] = n;
        same &= n > 0 && memcmp(got, buf + off, (size_t)n) == 0;
        off += n > 0 ? n : 0;
    }
    tap_ok(k == 4 && lens[0] == CHAN_MSG_MAX && lens[1] == CHAN_MSG_MAX &&
               lens[2] == CHAN_MSG_MAX && lens[3] == BIG - 3 * CHAN_MSG_MAX,
           "it went in as messages of 256, 256, 256 and 232 bytes (%d messages)", k);
    tap_ok(same && off == BIG, "holding the bytes in order");

    write(S, buf, CHAN_MSG_MAX);
    write(S, buf, CHAN_MSG_MAX + 1);
    tap_is(recv(R, got, sizeof got), CHAN_MSG_MAX, "a write of 256 bytes is one message");
    int a = recv(R, got, sizeof got), b = recv(R, got, sizeof got);
    tap_ok(a == CHAN_MSG_MAX && b == 1, "a write of 257 is two: 256 and 1");

    /* read() takes bytes, across messages and in parts of them. */
    write(S, "abcdefgh", 8);
    write(S, "ijk", 3);
    char r[16];
    tap_is(read(R, r, 3), 3, "read of 3 bytes of an 8-byte message: 3");
    tap_is(read(R, r + 3, 3), 3, "and 3 more");
    tap_is(read(R, r + 6, 10), 5, "a read of 10 takes the rest and the next message: 5");
    tap_ok(memcmp(r, "abcdefghijk", 11) == 0, "the bytes in order");
    tap_is(read(R, r, 0), 0, "read of 0 bytes with nothing there: 0, at once");
    write(S, "xyz", 3);
    tap_is(read(R, r, 0), 0, "read of 0 bytes with a message there: 0");
    tap_is(recv(R, r, sizeof r), 3, "which stays whole");
    close(S);
    tap_is(read(R, r, sizeof r), 0, "read at end of stream: 0");
    close(R);
}

/* ---------------------------------------------------------- two writers */

static int writer(void *arg)
{
    int seed = (int)(intptr_t)arg;
    static char mine[2][WRITER_SIZE];
    char *p = mine[seed - 1];
    memset(p, seed, WRITER_SIZE);
    return write(S, p, WRITER_SIZE) == WRITER_SIZE ? 0 : 1;
}

static void two_writers(int cap)
{
    chan(cap, ends);
    int a = spawn(writer, (void *)1), b = spawn(writer, (void *)2);
    settle();
    /* Both are parked now, one behind the other. Which one's message is
     * each: a write's messages must all come together. */
    int switches = 0, last = 0, msgs = 0, bytes = 0, bad = 0;
    for (int i = 0; i < 2 * WRITER_MSGS; i++) {
        int n = recv(R, got, sizeof got);
        if (n != CHAN_MSG_MAX) {
            bad++;
            break;
        }
        for (int j = 1; j < n; j++)
            bad += got[j] != got[0];
        switches += got[0] != last;
        last = got[0];
        msgs++;
        bytes += n;
        if (i % 5 == 0)
            yield(); /* let the writers run between our receives */
    }
    int sa, sb;
    wait(a, &sa);
    wait(b, &sb);
    tap_ok(bad == 0 && msgs == 2 * WRITER_MSGS && switches == 2,
           "capacity %d: two writers of 8 KiB: each one's 32 messages together (%d switches)", cap,
           switches);
    tap_ok(sa == 0 && sb == 0, "capacity %d: both writes returned 8192", cap);
    close(R);
    close(S);
}

/* ------------------------------------------------------------ rendezvous */

static volatile int write_result;

static int write_three_messages(void *arg)
{
    (void)arg;
    static char three[3 * CHAN_MSG_MAX];
    fill(three, sizeof three, 3);
    write_result = write(S, three, sizeof three);
    return 0;
}

static void rendezvous(void)
{
    chan(0, ends);
    write_result = 1;
    int t = spawn(write_three_messages, NULL);
    settle();
    int taken = 0, parked_each_time = 1;
    for (int i = 0; i < 3; i++) {
        parked_each_time &= write_result == 1;
        taken += recv(R, got + taken, CHAN_MSG_MAX);
        settle();
    }
    tap_ok(parked_each_time, "a write of 3 messages to a rendezvous waits until all are taken");
    tap_is(write_result, 3 * CHAN_MSG_MAX, "then returns 768");
    static char three[3 * CHAN_MSG_MAX];
    fill(three, sizeof three, 3);
    tap_ok(taken == 3 * CHAN_MSG_MAX && memcmp(got, three, sizeof three) == 0,
           "the bytes arrive in order");
    wait(t, NULL);

    /* A write cut short: the receiver takes one message and closes. */
    write_result = 1;
    t = spawn(write_three_messages, NULL);
    settle();
    recv(R, got, CHAN_MSG_MAX);
    close(R);
    settle();
    tap_is(write_result, CHAN_MSG_MAX,
           "rendezvous: a write whose receiver leaves after one message returns 256");
    wait(t, NULL);
    tap_is(write(S, "x", 1), -EPIPE, "then a write: -EPIPE");
    close(S);

    chan(1, ends);
    write_result = 1;
    t = spawn(write_three_messages, NULL);
    settle();
    close(R);
    settle();
    tap_is(write_result, CHAN_MSG_MAX,
           "capacity 1: a write whose receiver leaves returns what went in: 256");
    wait(t, NULL);
    close(S);
}

/* ---------------------------------------------------------------- errors */

static void errors(void)
{
    char *heap = (char *)sbrk(PAGE_SIZE);
    char *end = heap + PAGE_SIZE;
    chan(CHAN_CAPACITY_MAX, ends);
    tap_is(write(R, "x", 1), -EBADF, "write to a receive end: -EBADF");
    tap_is(read(S, got, 1), -EBADF, "read from a send end: -EBADF");
    tap_is(write(S, "x", -1), -EINVAL, "write of -1 bytes: -EINVAL");
    tap_is(read(R, got, -1), -EINVAL, "read of -1 bytes: -EINVAL");
    tap_is(write(S, end - 600, 1000), -EFAULT, "write running past the break: -EFAULT");
    struct pollreq pr = {R, POLL_IN, 0};
    tap_is(poll(&pr, 1, 0), 0, "and nothing of it was sent");
    tap_is(write(S, NULL, 0), 0, "write of 0 bytes: 0");
    tap_is(read(R, NULL, 4), -EFAULT, "read into NULL with nothing there: -EFAULT at once");
    write(S, "abcd", 4);
    tap_is(read(R, end - 2, 4), -EFAULT, "read into memory past the break: -EFAULT");
    tap_is(read(R, got, 4), 4, "the message stayed");
    close(R);
    tap_is(write(S, "x", 1), -EPIPE, "write with no receive end: -EPIPE");
    tap_is(write(S, "x", 0), 0, "write of 0 bytes with no receive end: 0");
    close(S);
    sbrk(-PAGE_SIZE);
}

int main(void)
{
    tap_plan(38);
    struct counters before = counters_now();
    splitting();
    two_writers(1);
    two_writers(CHAN_CAPACITY_MAX);
    two_writers(0);
    rendezvous();
    errors();
    tap_no_channel_left(before);
    return tap_done();
}
