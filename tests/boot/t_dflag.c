/* tests/boot/t_dflag.c: a task that sets the direction flag (std) before its
 * system calls must not make the kernel's string instructions (rep stos,
 * which zero new task records and pages) run backwards over kernel memory:
 * through either gate, `int $0x80` or `int $0x81`, whose fast path hands
 * the CPU to another task, which must find its own flag. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"
#include <stdbool.h>

#define ROUNDS 20

static int child(void *arg)
{
    return (int)(uintptr_t)arg;
}

/* Where the spawned tasks start, as user/lib/syscall.c's spawn() does. */
static noreturn void entry(int (*fn)(void *), void *arg)
{
    exit(fn(arg));
}

/* spawn() with DF set, through `gate`: the kernel zeroes the new task's
 * record. */
#define SPAWN_BACKWARDS(gate)                                                                      \
    __asm__ volatile("std\n\t"                                                                     \
                     "int $" gate "\n\t"                                                           \
                     "cld"                                                                         \
                     : "=a"(tid)                                                                   \
                     : "a"(SYS_spawn), "b"(entry), "c"(fn), "d"(arg)                               \
                     : "memory", "cc")

static int spawn_backwards(int (*fn)(void *), void *arg, bool fast_gate)
{
    int tid;
    if (fast_gate)
        SPAWN_BACKWARDS("0x81");
    else
        SPAWN_BACKWARDS("0x80");
    return tid;
}

/* The partner of the fast path's test: waits in sendrecv on `a`, and
 * answers with its own direction flag (EFLAGS_DF, or 0). */
#define EFLAGS_DF 0x400
static int a[2], b[2];

static int flag_partner(void *arg)
{
    (void)arg;
    int w;
    if (sendrecv(SENDRECV_NONE, 0, a[CHAN_RECV_END], &w) != SENDRECV_WORD)
        return 1;
    uint32_t flags;
    __asm__ volatile("pushfl\n\tpopl %0" : "=r"(flags));
    return sendrecv(b[CHAN_SEND_END], (int)(flags & EFLAGS_DF), SENDRECV_NONE, NULL) ==
                   SENDRECV_WORD
               ? 0
               : 1;
}

int main(void)
{
    tap_plan(6);
    for (int gate = 0; gate < 2; gate++) {
        int ok = 1;
        for (int i = 1; i <= ROUNDS && ok; i++) {
            int status, tid = spawn_backwards(child, (void *)(uintptr_t)i, gate);
            ok = tid > 0 && wait(tid, &status) == tid && WEXITSTATUS(status) == i;
        }
        tap_ok(ok, "%d tasks spawned with the direction flag set ran and exited (int $%#x)", ROUNDS,
               gate ? FASTCALL_VECTOR : SYSCALL_VECTOR);
    }

    /* sendrecv_fast with DF set, to a partner waiting for the word: the
     * fast path resumes the partner straight away. */
    chan(0, a), chan(0, b);
    int partner = spawn(flag_partner, NULL), got = -1, r0, status;
    yield(); /* it waits in sendrecv now */
    uint32_t flags;
    __asm__ volatile("std\n\t"
                     "int $0x81\n\t"
                     "pushfl\n\t"
                     "popl %[flags]\n\t"
                     "cld"
                     : "=a"(r0), "+c"(got), [flags] "=r"(flags)
                     : "a"(SYS_sendrecv), "b"(a[CHAN_SEND_END]), "d"(b[CHAN_RECV_END])
                     : "memory", "cc");
    tap_ok(r0 == SENDRECV_WORD && got == 0 && wait(partner, &status) == partner && status == 0,
           "sendrecv_fast with the direction flag set: the partner it woke had its own, clear "
           "(%d, %d)",
           r0, got);
    tap_ok(flags & EFLAGS_DF, "and this task got its own back, set");
    /* sbrk with DF set: the kernel zeroes a fresh page. */
    char *heap = (char *)sbrk(0);
    int r;
    __asm__ volatile("std\n\tint $0x80\n\tcld"
                     : "=a"(r)
                     : "a"(SYS_sbrk), "b"(8192)
                     : "memory", "cc");
    tap_ok(r == (int)(uintptr_t)heap && heap[0] == 0 && heap[8191] == 0,
           "sbrk with the direction flag set gives zeroed memory");
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.tasks_alive, 1, "only main is alive: no task record was damaged");
    return tap_done();
}
