/* user/lib/syscall.h: the raw system-call instruction, `int $0x80`, wrapped
 * in C for 0 to 5 arguments. user/lib/syscall.c builds the named calls
 * (yield, spawn, ...) on these; tests use them directly to pass arguments the
 * named calls never would (a bad entry point, an unknown call number).
 *
 * The ABI (lib/syscalls.h): the number in %eax, the arguments in %ebx, %ecx,
 * %edx, %esi, %edi; the result comes back in %eax, >= 0 for success or
 * -E... (lib/errno.h) for failure. The kernel preserves every other general
 * register (sendrecv's %ecx aside, an output too: its stub in
 * user/lib/coop.h), so the only output here is %eax. The "memory" clobber
 * tells the compiler that the kernel may read or write any memory the
 * arguments point to, and that other tasks may have changed shared memory
 * while this one was away: nothing cached in registers across the call. */
#pragma once

static inline int syscall0(int nr)
{
    int ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr) : "memory");
    return ret;
}

static inline int syscall1(int nr, int a1)
{
    int ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a1) : "memory");
    return ret;
}

static inline int syscall2(int nr, int a1, int a2)
{
    int ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a1), "c"(a2) : "memory");
    return ret;
}

static inline int syscall3(int nr, int a1, int a2, int a3)
{
    int ret;
    __asm__ volatile("int $0x80" : "=a"(ret) : "a"(nr), "b"(a1), "c"(a2), "d"(a3) : "memory");
    return ret;
}

static inline int syscall4(int nr, int a1, int a2, int a3, int a4)
{
    int ret;
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4)
                     : "memory");
    return ret;
}

static inline int syscall5(int nr, int a1, int a2, int a3, int a4, int a5)
{
    int ret;
    __asm__ volatile("int $0x80"
                     : "=a"(ret)
                     : "a"(nr), "b"(a1), "c"(a2), "d"(a3), "S"(a4), "D"(a5)
                     : "memory");
    return ret;
}
