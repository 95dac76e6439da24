/* tests/boot/t_vanish.c: a parked call whose memory goes away before it
 * completes (another task of the program shrinks the heap with sbrk): a
 * receiver's buffer (-EFAULT when a message comes, and the message stays
 * for the next receiver), a writer's buffer (what got in, or -EFAULT),
 * a poll's requests (-EFAULT when it is woken; 0 when its time runs out).
 * Nothing of the kernel's is hurt, and the channel goes on working. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE  4096
#define WRITE_SIZE (3 * CHAN_MSG_MAX)
#define SHORT_MS   20

static int ends[2];
#define R (ends[CHAN_RECV_END])
#define S (ends[CHAN_SEND_END])
static volatile int result;
static char *page; /* a heap page, given back while a call is parked on it */

static int recv_into_page(void *arg)
{
    (void)arg;
    result = recv(R, page, CHAN_MSG_MAX);
    return 0;
}

static int write_from_page(void *arg)
{
    (void)arg;
    result = write(S, page, WRITE_SIZE);
    return 0;
}

static int poll_from_page(void *arg)
{
    int timeout = (int)(intptr_t)arg;
    struct pollreq *r = (struct pollreq *)page;
    *r = (struct pollreq){R, POLL_IN, 0};
    result = poll(r, 1, timeout);
    return 0;
}

/* Spawn fn, let it park on the page, then give the page back. */
static int park_then_vanish(int (*fn)(void *), void *arg)
{
    page = (char *)sbrk(PAGE_SIZE);
    memset(page, 'p', PAGE_SIZE);
    result = 1000;
    int t = spawn(fn, arg);
    settle();
    sbrk(-PAGE_SIZE);
    return t;
}

int main(void)
{
    tap_plan(8);
    struct counters before = counters_now();
    chan(1, ends);
    int v = 5;

    int t = park_then_vanish(recv_into_page, NULL);
    send(S, &v, sizeof v);
    settle();
    tap_is(result, -EFAULT, "a parked receiver whose buffer went away: -EFAULT");
    wait(t, NULL);
    int got = 0;
    tap_ok(recv(R, &got, sizeof got) == sizeof got && got == 5,
           "the message stayed, for the next receiver");

    send(S, &v, sizeof v); /* full: the writer parks */
    t = park_then_vanish(write_from_page, NULL);
    recv(R, &got, sizeof got);
    settle();
    tap_ok(result == -EFAULT || (result > 0 && result < WRITE_SIZE),
           "a parked writer whose buffer went away: what got in, or -EFAULT (%d)", result);
    wait(t, NULL);
    struct pollreq pr = {R, POLL_IN, 0};
    while (poll(&pr, 1, 0) == 1)
        recv(R, &got, sizeof got);
    tap_is(send(S, &v, sizeof v), sizeof v, "the channel goes on working");
    recv(R, &got, sizeof got);

    t = park_then_vanish(poll_from_page, (void *)POLL_FOREVER);
    send(S, &v, sizeof v);
    settle();
    tap_is(result, -EFAULT, "a parked poll whose requests went away, woken: -EFAULT");
    wait(t, NULL);
    recv(R, &got, sizeof got);

    t = park_then_vanish(poll_from_page, (void *)SHORT_MS);
    wait(t, NULL);
    tap_is(result, 0, "one whose time runs out: 0 (no revents to clear)");

    close(R);
    close(S);
    tap_no_channel_left(before);
    tap_ok(tasks(NULL, 0) == 1, "and no task");
    return tap_done();
}
