/* kernel/panic.c: panic(), ASSERT() failures and kernel-mode CPU exceptions:
 * everything that ends with "the kernel is wrong". */
#include "kernel/panic.h"
#include "kernel/console.h"
#include "kernel/ksyms.h"
#include "kernel/dev/power.h"
#include "kernel/trace.h"
#include "kernel/trap.h"
#include "kernel/mmu.h"
#include "kernel/x86.h"
#include "lib/exception.h"
#include "lib/fmt.h"
#include <stdarg.h>
#include <stdbool.h>

#define BACKTRACE_MAX 32

extern char kstack_bottom[], kstack_top[];

int panic_halt_requested;
static bool panicking;

/* Walk the chain of saved frame pointers: each frame starts with the caller's
 * %ebp, followed by the return address. The boot entry set %ebp to 0, and
 * every frame lives on the one kernel stack, so the walk is easy to bound. */
static void backtrace_from(uint32_t eip, uint32_t ebp)
{
    kprintf("backtrace:\n");
    int n = 0;
    ksyms_print_frame(n++, eip);
    while (ebp && n < BACKTRACE_MAX) {
        if (ebp < (uint32_t)kstack_bottom || ebp + 8 > (uint32_t)kstack_top || (ebp & 3)) {
            kprintf("  (frame pointer 0x%08x is off the kernel stack: stopping)\n", ebp);
            break;
        }
        uint32_t *frame = (uint32_t *)ebp;
        if (frame[1] == 0)
            break;
        /* The return address points after the call; -1 lands inside it, so
         * the symbol and line are the caller's. */
        ksyms_print_frame(n++, frame[1] - 1);
        ebp = frame[0];
    }
}

static noreturn void panic_finish(void)
{
    trace_dump(); /* what led up to it, if the recorder is on */
    if (panic_halt_requested) {
        kprintf("panic=halt: the CPU stays halted. Under 'make debug', run 'make gdb' in another\n"
                "terminal to look at it; otherwise quit QEMU (Ctrl-A then X).\n");
        power_halt();
    }
    power_off(POWER_PANIC);
}

/* Guard against a panic inside the panic path (a fault while printing). */
static void panic_enter(void)
{
    cli();
    if (panicking) {
        kprintf("\npanic: a second panic while panicking; halting.\n");
        power_off(POWER_PANIC);
    }
    panicking = true;
}

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    panic_enter();
    va_list ap;
    va_start(ap, fmt);
    char msg[256];
    fmt_vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    kprintf("\npanic: %s\n  at %s:%d in %s()\n", msg, file, line, func);
    /* Start from our caller: panic_at itself is of no interest. */
    uint32_t *frame = (uint32_t *)read_ebp();
    backtrace_from(frame[1] - 1, frame[0]);
    panic_finish();
}

/* Every register of a trap that struck the kernel. */
static void panic_dump_registers(const struct trapframe *tf)
{
    kprintf("  eax=0x%08x ebx=0x%08x ecx=0x%08x edx=0x%08x\n", tf->eax, tf->ebx, tf->ecx, tf->edx);
    kprintf("  esi=0x%08x edi=0x%08x ebp=0x%08x eip=0x%08x\n", tf->esi, tf->edi, tf->ebp, tf->eip);
    /* From user mode the CPU saved the task's esp and ss; from the kernel it
     * did not switch stacks, so the kernel's esp is where the frame ends. */
    bool user = tf->cs & CPL_MASK;
    kprintf("  esp=0x%08x ss=0x%04x cs=0x%04x eflags=0x%08x\n", user ? tf->esp : (uint32_t)&tf->esp,
            user ? tf->ss : read_ss(), tf->cs, tf->eflags);
    kprintf(
        "  ds=0x%04x (not saved: a trap sets ds, es, fs, gs to SEG_UDATA) cr0=0x%08x cr3=0x%08x\n",
        read_ds(), rcr0(), rcr3());
}

void panic_trap(const struct trapframe *tf)
{
    panic_enter();
    kprintf("\npanic: %s (%s) in the kernel, error code 0x%x\n", exception_name(tf->trapno),
            exception_mnemonic(tf->trapno), tf->err);
    if (tf->trapno == T_PGFLT)
        kprintf("  faulting address (cr2): 0x%08x\n", rcr2());
    panic_dump_registers(tf);
    backtrace_from(tf->eip, tf->ebp);
    panic_finish();
}
