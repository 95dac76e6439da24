/* A call the kernel makes again (kernel/sched.h: sched_call_again) is the
 * task's very next `int $0x80`, at the same address: the send half of a
 * parked sendrecv is done, a woken poll looks again. Here the instruction is
 * gone when the task resumes (another task of the program overwrites it
 * with two nops), so the call is never made again. The task's next call,
 * from somewhere else, is a new one, and must be taken as new: not a
 * sendrecv whose send is done (which skipped the send, or, with no receive
 * half, crashed the kernel), nor a poll whose first deadline has passed.
 * So is a call from the same address after another call in between (the
 * instruction put back): a call the task makes has its own number, and a
 * call made again has SYSCALL_AGAIN added (a yield in between once left
 * the request standing, and the new call was taken for it). And a number
 * marked as made again that no call asked for, or not the call asked for,
 * is no call at all. */
#include "tests/boot/testkit.h"

#define NOP 0x90

static int A[2], B[2], C[2], P[2], R[2];

/* int $0x80; ret, in writable memory, so that it can be overwritten. */
static unsigned char stub[16] = {0xcd, 0x80, 0xc3};

/* Make system call nr through the stub, with ebx, ecx, edx; returns eax. */
static int stub_call(int nr, int ebx, int ecx, int edx)
{
    int r;
    __asm__ volatile("call *%[f]"
                     : "=a"(r), "+c"(ecx)
                     : "a"(nr), "b"(ebx), "d"(edx), [f] "r"(stub)
                     : "memory");
    return r;
}

static void stub_restore(void)
{
    stub[0] = 0xcd;
    stub[1] = 0x80;
}

/* How the task's next call comes, after the call that is not made again. */
enum next_call {
    ELSEWHERE, /* at once, from another int $0x80 */
    SAME_INT,  /* after a yield, from the stub's int, put back */
};

static enum next_call next_call;

/* Parks in sendrecv's send half (A is full), through the stub; then sends
 * one word more, with the receive half `in` (SENDRECV_NONE, or C), the
 * way next_call says. */
static int parker(void *arg)
{
    int in = (int)(intptr_t)arg, v = 0;
    stub_call(SYS_sendrecv, A[CHAN_SEND_END], 0x77, B[CHAN_RECV_END]);
    if (next_call == ELSEWHERE)
        return sendrecv(A[CHAN_SEND_END], 0x88, in, &v);
    yield();
    stub_restore();
    return stub_call(SYS_sendrecv, A[CHAN_SEND_END], 0x88, in);
}

/* Fill A, let the parker park in the stub, overwrite the stub's int, and
 * make room: the parker's call is to be made again, but is not. Returns
 * the parker's status; *words, how many of the two words the parker sends
 * come out of A, in order (a second of waiting for each, at most). */
static int stale_sendrecv(int in, int *words)
{
    stub_restore();
    int w = 1;
    send(A[CHAN_SEND_END], &w, sizeof w); /* A is full */
    int t = spawn(parker, (void *)(intptr_t)in);
    settle();
    stub[0] = stub[1] = NOP;
    recv(A[CHAN_RECV_END], &w, sizeof w); /* the filler: room for the parker's word */
    *words = 0;
    struct pollreq pr = {A[CHAN_RECV_END], POLL_IN, 0};
    int expect[] = {0x77, 0x88};
    for (int i = 0; i < 2; i++)
        if (poll(&pr, 1, 1000) == 1 && recv(A[CHAN_RECV_END], &w, sizeof w) == sizeof w &&
            w == expect[i])
            ++*words;
    int st = -1;
    wait(t, &st);
    return st;
}

/* Parks in poll on P with a timeout of 1 ms, through the stub; is woken by
 * a message in P, so its poll is to be made again, but is not. Then, once
 * that deadline has long passed, polls R, idle, for 10 s (the way
 * next_call says): R gets a message after a while, and the poll must say
 * so (1), not time out at once (0). */
static int poller(void *arg)
{
    (void)arg;
    struct pollreq first = {P[CHAN_RECV_END], POLL_IN, 0};
    stub_call(SYS_poll, (int)(intptr_t)&first, 1, 1);
    sleep(5);
    struct pollreq next = {R[CHAN_RECV_END], POLL_IN, 0};
    if (next_call == ELSEWHERE)
        return poll(&next, 1, 10000);
    stub_restore();
    return stub_call(SYS_poll, (int)(intptr_t)&next, 1, 10000);
}

/* Parks in poll on P, through the stub, and is woken: its poll is to be
 * made again, but the int is gone. Then, from the stub put back, it makes
 * sendrecv marked as made again: not the call asked for. */
static volatile int marked_result;

static int poll_then_marked_sendrecv(void *arg)
{
    (void)arg;
    struct pollreq first = {P[CHAN_RECV_END], POLL_IN, 0};
    stub_call(SYS_poll, (int)(intptr_t)&first, 1, POLL_FOREVER);
    yield();
    stub_restore();
    marked_result = stub_call(SYS_sendrecv | SYSCALL_AGAIN, SENDRECV_NONE, 0, B[CHAN_RECV_END]);
    return 0;
}

static int stale_poll(void)
{
    stub_restore();
    int t = spawn(poller, NULL);
    settle(); /* the poller is parked in its first poll */
    stub[0] = stub[1] = NOP;
    int m = 1;
    send(P[CHAN_SEND_END], &m, sizeof m); /* wakes it: its poll is to be made again */
    sleep(50);                            /* it is in its second poll by now */
    send(R[CHAN_SEND_END], &m, sizeof m);
    int st = -1;
    wait(t, &st);
    recv(P[CHAN_RECV_END], &m, sizeof m);
    recv(R[CHAN_RECV_END], &m, sizeof m);
    return st;
}

int main(void)
{
    tap_plan(17);
    if (chan(1, A) < 0 || chan(1, B) < 0 || chan(1, C) < 0 || chan(1, P) < 0 || chan(1, R) < 0) {
        tap_diag("cannot make the channels");
        return 1;
    }
    struct counters before = counters_now();

    static const char *const how[] = {"", ", from the same int after a yield"};
    for (next_call = ELSEWHERE; next_call <= SAME_INT; next_call++) {
        const char *h = how[next_call];
        int words;
        tap_is(stale_sendrecv(SENDRECV_NONE, &words), SENDRECV_WORD,
               "a new one-word send after a call that was not made again%s: sent (4)", h);
        tap_is(words, 2, "... and both of the task's words are in the channel, in order");

        int c = 0x99;
        send(C[CHAN_SEND_END], &c, sizeof c);
        tap_is(stale_sendrecv(C[CHAN_RECV_END], &words), SENDRECV_WORD,
               "a new sendrecv after a call that was not made again%s: it gets its reply", h);
        tap_is(words, 2, "... and its word was sent, not skipped");

        tap_is(stale_poll(), 1,
               "a new poll after one that was not made again%s: waits, and sees the message", h);
    }
    /* A number marked as made again, by the task itself: no call of the
     * kernel's asked for it, so it is no call, and does nothing. */
    stub_restore();
    int m = 0x55, got = 0;
    send(B[CHAN_SEND_END], &m, sizeof m);
    tap_is(stub_call(SYS_sendrecv | SYSCALL_AGAIN, A[CHAN_SEND_END], 1, B[CHAN_RECV_END]), -ENOSYS,
           "sendrecv | SYSCALL_AGAIN that nobody asked for: -ENOSYS");
    struct pollreq pa = {A[CHAN_RECV_END], POLL_IN, 0};
    tap_ok(poll(&pa, 1, 0) == 0 && recv(B[CHAN_RECV_END], &got, sizeof got) == 4 && got == m,
           "... nothing sent, nothing received");
    struct pollreq pb = {B[CHAN_RECV_END], POLL_IN, 0};
    tap_is(stub_call(SYS_poll | SYSCALL_AGAIN, (int)(intptr_t)&pb, 1, POLL_FOREVER), -ENOSYS,
           "poll | SYSCALL_AGAIN that nobody asked for: -ENOSYS, at once");
    tap_is(stub_call(SYS_gettid | SYSCALL_AGAIN, 0, 0, 0), -ENOSYS,
           "gettid | SYSCALL_AGAIN: -ENOSYS");

    /* A poll is to be made again, and the task makes another call marked
     * so, from that same int: not the call asked for. */
    send(B[CHAN_SEND_END], &m, sizeof m);
    int t = spawn(poll_then_marked_sendrecv, NULL);
    settle();
    stub[0] = stub[1] = NOP;
    send(P[CHAN_SEND_END], &m, sizeof m);
    wait(t, NULL);
    tap_is(marked_result, -ENOSYS, "sendrecv | SYSCALL_AGAIN where a poll was asked for: -ENOSYS");
    struct pollreq pb2 = {B[CHAN_RECV_END], POLL_IN, 0};
    tap_ok(poll(&pb2, 1, 0) == 1 && recv(B[CHAN_RECV_END], &got, sizeof got) == 4 &&
               recv(P[CHAN_RECV_END], &got, sizeof got) == 4,
           "... and nothing was received");
    tap_no_channel_left(before);
    return tap_done();
}
