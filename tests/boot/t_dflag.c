/* tests/boot/t_dflag.c: a task that sets the direction flag (std) before its
 * system calls must not make the kernel's string instructions (rep stos,
 * which zero new task records and pages) run backwards over kernel memory. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

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

/* spawn() with DF set: the kernel zeroes the new task's record. */
static int spawn_backwards(int (*fn)(void *), void *arg)
{
    int tid;
    __asm__ volatile("std\n\t"
                     "int $0x80\n\t"
                     "cld"
                     : "=a"(tid)
                     : "a"(SYS_spawn), "b"(entry), "c"(fn), "d"(arg)
                     : "memory", "cc");
    return tid;
}

int main(void)
{
    tap_plan(3);
    int ok = 1;
    for (int i = 1; i <= ROUNDS && ok; i++) {
        int status, tid = spawn_backwards(child, (void *)(uintptr_t)i);
        ok = tid > 0 && wait(tid, &status) == tid && WEXITSTATUS(status) == i;
    }
    tap_ok(ok, "%d tasks spawned with the direction flag set ran and exited", ROUNDS);
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
