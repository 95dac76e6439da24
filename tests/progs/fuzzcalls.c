/* tests/progs/fuzzcalls.c: make the system calls of handles, channels,
 * terminals and poll with hostile arguments, for tests/boot/t_fuzz.c:
 *
 *     fuzzcalls SEED N    N calls, each picked with its arguments from
 *                         SEED's pseudo-random sequence
 *
 * The arguments come from lists of what breaks things: handles out of
 * range, closed, of the wrong kind; sizes 0, -1, huge, off by one; and
 * pointers to NULL, the kernel, read-only code, past the break, across the
 * top of memory, or to good buffers of ours; and call numbers marked as
 * made again (SYSCALL_AGAIN) out of turn. It has no terminal (its
 * spawner hands it no handle, and it opens none), so nothing it writes can
 * reach the console. A call may park it for ever: its spawner kills it
 * then. It exits with 0
 * once all N calls have returned. */
#include "user/lib/coop.h"
#include "user/lib/syscall.h"

#define PAGE_SIZE   4096
#define BUF_SIZE    (2 * PAGE_SIZE)
#define KERNEL_ADDR 0x00100000u
#define TOP_ADDR    0xfffffff0u
#define STACK_AREA  0x80000000u
#define CHANNELS    3
#define PREFILL     8
#define POLL_REQS   4
#define RISK        64 /* one in RISK calls that may park is made whatever */

static unsigned state;

static unsigned rnd(void)
{
    state ^= state << 13;
    state ^= state >> 17;
    state ^= state << 5;
    return state;
}

static unsigned pick(unsigned n)
{
    return rnd() % n;
}

static char buf[BUF_SIZE];
static char *heap_end;
static int ends[CHANNELS][2];

static int any_handle(void)
{
    static const int odd[] = {-1, -1000, HANDLE_MAX, HANDLE_MAX - 1, 0x7fffffff, 100};
    if (pick(4) == 0)
        return odd[pick(sizeof odd / sizeof odd[0])];
    return (int)pick(12); /* mostly our channels' ends and files */
}

static int any_size(void)
{
    static const int sizes[] = {0,
                                1,
                                -1,
                                4,
                                8,
                                CHAN_MSG_MAX,
                                CHAN_MSG_MAX + 1,
                                255,
                                16,
                                64,
                                0x7fffffff,
                                (int)0x80000000,
                                BUF_SIZE,
                                BUF_SIZE + 1};
    return sizes[pick(sizeof sizes / sizeof sizes[0])];
}

static void *any_pointer(void)
{
    switch (pick(10)) {
    case 0:
        return NULL;
    case 1:
        return (void *)KERNEL_ADDR;
    case 2:
        return (void *)any_pointer; /* our code: read-only */
    case 3:
        return heap_end - pick(16);
    case 4:
        return (void *)TOP_ADDR;
    case 5:
        return (void *)(uintptr_t)(STACK_AREA + pick(0x1000) * PAGE_SIZE);
    default:
        return buf + pick(BUF_SIZE / 2);
    }
}

static const char *any_path(void)
{
    static const char *const paths[] = {"motd.txt", "nosuch", "",      "dev/",         "dev/com2",
                                        "dev/com9", "hold",   "/hold", "dev/console/x"};
    if (pick(4) == 0)
        return any_pointer();
    return paths[pick(sizeof paths / sizeof paths[0])];
}

/* A handle for a call that may park: mostly one on which it would not
 * (poll says so), now and then any at all. */
static int handle_for(short events)
{
    int h = any_handle();
    struct pollreq r = {h, events, 0};
    if (pick(RISK) == 0 || poll(&r, 1, 0) == 1)
        return h;
    return -1;
}

/* Call nr through the fast gate, `int $0x81`. */
static int fastcall3(int nr, int a1, int a2, int a3)
{
    int ret;
    __asm__ volatile("int $0x81" : "=a"(ret) : "a"(nr), "b"(a1), "c"(a2), "d"(a3) : "memory");
    return ret;
}

static void one_call(void)
{
    struct pollreq reqs[POLL_REQS];
    struct spawn_opts opts;
    int t;
    switch (pick(17)) {
    case 0:
        read(handle_for(POLL_IN), any_pointer(), any_size());
        break;
    case 1:
        write(handle_for(POLL_OUT), any_pointer(), any_size());
        break;
    case 2:
        t = open(any_path());
        if (t >= 0 && pick(2))
            close(t);
        break;
    case 3:
        if (pick(3) == 0)
            close(any_handle());
        break;
    case 4:
        t = chan((int)pick(20) - 2, pick(3) ? (int *)(void *)buf : any_pointer());
        break;
    case 5:
        send(handle_for(POLL_OUT), any_pointer(), any_size());
        break;
    case 6:
        recv(handle_for(POLL_IN), any_pointer(), any_size());
        break;
    case 7:
        for (int i = 0; i < POLL_REQS; i++)
            reqs[i] = (struct pollreq){any_handle(), (short)rnd(), (short)rnd()};
        poll(pick(3) ? reqs : any_pointer(), (int)pick(POLL_REQS + 2) - 1,
             pick(RISK) ? 0 : (int)pick(4) - 2);
        break;
    case 8:
        memset(&opts, 0, sizeof opts);
        opts.nhandles = (int)pick(SPAWN_MAX_HANDLES + 3) - 1;
        for (int i = 0; i < SPAWN_MAX_HANDLES; i++)
            opts.handles[i] = pick(5) ? (int)pick(8) : any_handle();
        opts.job = (int)pick(6) - 2;
        t = spawnvx(pick(2) ? "nosuch" : any_path(), pick(2) ? NULL : any_pointer(),
                    pick(4) ? &opts : any_pointer());
        if (t > 0)
            kill(t); /* a hold we started: it must not outlive us */
        break;
    case 9:
        ioctl(any_handle(), (int)pick(8) - 2, (int)rnd());
        break;
    case 10:
        tasks(pick(2) ? (void *)buf : any_pointer(), pick(2) ? (int)pick(4) : any_size());
        break;
    case 11:
        sysinfo(pick(2) ? (void *)buf : any_pointer());
        break;
    case 12:
        /* handle_for's -1 is SENDRECV_NONE: one half or both left out. The
         * kernel never sees `reply` (the stub stores the word), so only
         * pointers the stub may write to. */
        sendrecv(handle_for(POLL_OUT), (int)rnd(), handle_for(POLL_IN),
                 pick(2) ? (int *)(void *)buf : NULL);
        break;
    case 14:
        files(pick(2) ? (void *)buf : any_pointer(), pick(2) ? (int)pick(4) : any_size());
        break;
    case 13:
        /* A number marked as made again (lib/syscalls.h) that no call of
         * the kernel's asked for, with any arguments. */
        syscall3((int)(SYSCALL_AGAIN | pick(SYSCALL_COUNT + 2)), any_handle(), (int)rnd(),
                 any_handle());
        break;
    case 15:
        /* The fast gate (kernel/fastpath.S): sendrecv as in case 12; or,
         * with any handles, a random number (almost never a call's) or
         * sendrecv's marked as made again, unasked: the fast path must
         * leave both to the loop, which says -ENOSYS. */
        if (pick(2))
            sendrecv_fast(handle_for(POLL_OUT), (int)rnd(), handle_for(POLL_IN),
                          pick(2) ? (int *)(void *)buf : NULL);
        else
            fastcall3(pick(2) ? (int)rnd() : (int)(SYSCALL_AGAIN | SYS_sendrecv), any_handle(),
                      (int)rnd(), any_handle());
        break;
    default:
        yield();
    }
}

int main(int argc, char **argv)
{
    if (argc != 3)
        return 1;
    state = (unsigned)atoi(argv[1]) * 2654435761u + 1;
    int calls = atoi(argv[2]);
    heap_end = (char *)sbrk(PAGE_SIZE) + PAGE_SIZE;
    for (int i = 0; i < CHANNELS; i++) {
        chan(CHAN_CAPACITY_MAX, ends[i]);
        for (int k = 0; k < PREFILL; k++)
            send(ends[i][CHAN_SEND_END], &k, sizeof k);
    }
    open("motd.txt");
    for (int i = 0; i < calls; i++)
        one_call();
    return 0;
}
