/* lib/syscalls.h: coop's system-call numbers, the one table of them.
 *
 * SYSCALL_LIST(X) expands X(number, name) once per call. The kernel builds its
 * dispatch from it (a switch, in kernel/syscall.h's syscall_dispatch), the user
 * library names its calls after it (user/lib/syscall.c), and
 * scripts/check-syscalls compares it with the table in docs/syscalls.md, so
 * the three can never drift apart.
 *
 * The ABI: `int $0x80` (T_SYSCALL) with the number in %eax and arguments in
 * %ebx, %ecx, %edx, %esi, %edi. The result comes back in %eax: zero or more
 * on success, -E... (lib/errno.h) on failure. Every other general register
 * is preserved.
 *
 * Segment registers are not a task's own: every task runs with USER_DATA_SEG
 * in %ds, %es, %fs and %gs, and the kernel sets all four again on every trap
 * (system call, interrupt or fault), whatever the task loaded into them. */
#pragma once

#define SYSCALL_LIST(X)                                                                            \
    X(0, yield)                                                                                    \
    X(1, gettid)                                                                                   \
    X(2, spawn)                                                                                    \
    X(3, spawnv)                                                                                   \
    X(4, exit)                                                                                     \
    X(5, wait)                                                                                     \
    X(6, kill)                                                                                     \
    X(7, sleep)                                                                                    \
    X(8, write)                                                                                    \
    X(9, uptime)                                                                                   \
    X(10, sbrk)                                                                                    \
    X(11, sysinfo)

#define SYSCALL_ENUM(nr, name) SYS_##name = nr,
enum { SYSCALL_LIST(SYSCALL_ENUM) SYSCALL_COUNT };
#undef SYSCALL_ENUM

/* The selector of the flat user data segment (kernel/mmu.h: SEG_UDATA). */
#define USER_DATA_SEG 0x23

/* wait(WAIT_ANY, ...) waits for whichever child of the caller ends first. */
#define WAIT_ANY (-1)

/* File descriptors write() accepts. */
#define FD_STDOUT 1
#define FD_STDERR 2

/* Limits on spawnv()'s arguments: how many, and their total size in bytes
 * (with terminating NULs). */
#define SPAWN_MAX_ARGS  32
#define SPAWN_MAX_BYTES 1024

/* What sysinfo() fills in: a snapshot of the kernel for tests and benchmarks. */
struct sysinfo {
    unsigned int tasks_alive; /* tasks that have not ended */
    unsigned int tasks_max;   /* the size of the task table */
    unsigned int pages_free;  /* free physical pages (4 KiB each) */
    unsigned int pages_total; /* physical pages the allocator manages */
    unsigned int task_bytes;  /* kernel bytes per task record */
    unsigned int tick_hz;     /* timer interrupts per second */
    unsigned int preemptive;  /* 1 under sched=preempt, 0 under sched=coop */
    unsigned int quantum_ms;  /* time slice under sched=preempt */
};
