/* tests/boot/t_fastgate.c: the second system-call gate, `int $0x81`
 * (lib/syscalls.h: FASTCALL_VECTOR). It makes any call, as `int $0x80`
 * does: only sendrecv may take its fast path (kernel/fastpath.S), and a
 * call with another number that looks like one (a send whose length
 * happens to be a receive end's number, with a server waiting) is that
 * call. A number that is no call is -ENOSYS there too, and the CPU's gate
 * is open to user mode; the vector after it is not (tests/boot/t_faults.c).
 * Every sendrecv through it: tests/boot/t_sendrecv_fast.c. */
#include "tests/boot/testkit.h"

/* Call nr with three arguments through the fast gate. */
static int fastcall3(int nr, uint32_t a1, uint32_t a2, uint32_t a3)
{
    int ret;
    __asm__ volatile("int $0x81" : "=a"(ret) : "a"(nr), "b"(a1), "c"(a2), "d"(a3) : "memory");
    return ret;
}

static int a[2], b[2];
static volatile int server_got, server_ret;

/* Waits in sendrecv for a word on a; notes what it got. */
static int server(void *arg)
{
    (void)arg;
    int w = 0;
    server_ret = sendrecv(SENDRECV_NONE, 0, a[CHAN_RECV_END], &w);
    server_got = w;
    return 0;
}

int main(void)
{
    tap_plan(8);
    struct counters before = counters_now();
    tap_is(fastcall3(SYS_gettid, 0, 0, 0), gettid(), "gettid through int $0x81");
    tap_is(fastcall3(SYS_yield, 0, 0, 0), 0, "yield through int $0x81");
    tap_is(fastcall3(SYSCALL_COUNT + 7, 0, 0, 0), -ENOSYS, "a number that is no call: -ENOSYS");
    static struct sysinfo info;
    tap_ok(fastcall3(SYS_sysinfo, (uint32_t)(uintptr_t)&info, 0, 0) == 0 && info.tasks_alive == 1,
           "sysinfo through int $0x81 fills in the buffer");

    /* A receive end numbered 4, as the length of a send of 4 bytes. */
    int x[2];
    chan(1, x);
    close(x[CHAN_SEND_END]);
    chan(1, b);
    chan(1, a);
    tap_is(b[CHAN_RECV_END], 4, "a receive end is handle 4 (the length below)");
    int t = spawn(server, NULL);
    settle(); /* it waits in sendrecv on a */
    int word = 0x12345678;
    int n = fastcall3(SYS_send, (uint32_t)a[CHAN_SEND_END], (uint32_t)(uintptr_t)&word, 4);
    settle();
    tap_ok(n == 4 && server_ret == 4 && server_got == 0x12345678,
           "send(a, &word, 4) through int $0x81, a server waiting in sendrecv: sent as a send, the "
           "word (%d %d %#x)",
           n, server_ret, server_got);
    wait(t, NULL);
    tap_is(fastcall3(SYS_close, 100, 0, 0), -EBADF, "close of a handle not open: -EBADF");
    for (int i = 0; i < 2; i++)
        close(a[i]), close(b[i]);
    close(x[CHAN_RECV_END]);
    tap_no_channel_left(before);
    return tap_done();
}
