/* kernel/panic.h: what the kernel does when it finds itself wrong: say where,
 * dump what it knows, print a backtrace, and stop with a failure status. */
#pragma once
#include <stdnoreturn.h>

struct trapframe;

/* panic(fmt, ...): print "panic: <message>", the file, line and function,
 * and a backtrace, then power off with POWER_PANIC (or halt under panic=halt).
 * Never returns. */
#define panic(...) panic_at(__FILE__, __LINE__, __func__, __VA_ARGS__)

/* ASSERT(cond): panic with the condition's text if it is false. */
#define ASSERT(cond)                                                                               \
    do {                                                                                           \
        if (!(cond))                                                                               \
            panic("assertion failed: %s", #cond);                                                  \
    } while (0)

noreturn void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* panic_trap: panic for a CPU exception taken in kernel mode: names the
 * exception, its error code, CR2, every register, and backtraces from the
 * faulting instruction. */
noreturn void panic_trap(const struct trapframe *tf);

/* panic_halt_requested: set by panic=halt on the command line; a panic then
 * halts the CPU instead of powering off, so gdb can look around. */
extern int panic_halt_requested;
