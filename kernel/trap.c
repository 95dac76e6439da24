/* kernel/trap.c: what happens after kernel/trapentry.S has saved a trap frame.
 * A trap from user mode is one of three things: a system call (the scheduler
 * loop hands those to kernel/syscall.c, as pyos's mainloop handles a yielded
 * SystemCall), an interrupt (a device needs attention; the task did nothing
 * wrong), or a fault (the task did something wrong, and ends). The last two
 * come here, as do traps that interrupt the kernel itself. */
#include "kernel/trap.h"
#include "kernel/mmu.h"
#include "kernel/x86.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/dev/pic.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/trace.h"
#include "kernel/dev/timer.h"
#include "kernel/dev/uart.h"
#include "kernel/tty.h"
#include "kernel/usyms.h"
#include "lib/errno.h"
#include "lib/exception.h"
#include "lib/status.h"

/* Devices. Interrupts are acknowledged first: the kernel runs with interrupts
 * off, so the next one cannot arrive before we are back in user mode or idle.
 * `running` is the task the interrupt took the CPU from (NULL: the kernel was
 * idle); returns it if it may go on, or NULL if the scheduler should pick
 * another (its time slice is over). */
static struct task *irq_handle(int irq, struct task *running)
{
    if (!pic_eoi(irq))
        return running; /* spurious */
    if (irq == IRQ_TIMER) {
        timer_tick();
        return sched_tick(running);
    }
    if (irq == IRQ_KEYBOARD || irq == IRQ_COM13 || irq == IRQ_COM24)
        tty_irq(irq);
    /* Input may have ended the task it interrupted (Ctrl-C, its job). */
    return running && running->state == TASK_RUNNING ? running : NULL;
}

static bool trap_is_irq(uint32_t trapno)
{
    return trapno >= T_IRQ0 && trapno < T_IRQ0 + IRQ_COUNT;
}

void trap_kernel(struct trapframe *tf)
{
    if (trap_is_irq(tf->trapno)) {
        if (trace_on)
            trace_event(TRACE_IRQ, 0, (int)(tf->trapno - T_IRQ0), 0, NULL);
        irq_handle((int)(tf->trapno - T_IRQ0), NULL);
        return;
    }
    panic_trap(tf);
}

static const char *fault_access(uint32_t err)
{
    return err & PF_WRITE ? "write to" : "read from";
}

/* The task caused a CPU exception: say what it did, where (its function and
 * source line, by its program's symbol table, and a short backtrace), and end
 * it with a status naming the fault (pyos has no such thing: a Python
 * exception in a task takes its scheduler down). `no_memory`: a page fault
 * that would have grown the task's stack, had there been a free page. */
static __attribute__((cold)) void trap_fault(struct task *task, bool no_memory)
{
    struct trapframe *tf = &task->tf;
    if (tf->eflags & FL_VM) {
        /* Not a trap number of its own: a real CPU would have ignored the VM
         * flag, so call it what the iret deserved, a protection fault. */
        kprintf("coop: task %d (%s) faulted: %s (%s): an iret into virtual-8086 mode\n", task->tid,
                task->name, exception_name(T_GPFLT), exception_mnemonic(T_GPFLT));
        task_end(task, STATUS_FAULT(T_GPFLT));
        return;
    }
    struct symtab syms = usyms_find(task->proc->name);
    kprintf("coop: task %d (%s) faulted: %s (%s) at eip 0x%08x", task->tid, task->name,
            exception_name(tf->trapno), exception_mnemonic(tf->trapno), tf->eip);
    symtab_print_where(&syms, tf->eip);
    if (tf->trapno == T_PGFLT) {
        uint32_t addr = rcr2();
        const char *what = addr < PAGE_SIZE         ? "a NULL pointer"
                           : addr < USER_BASE       ? "kernel memory"
                           : (tf->err & PF_PRESENT) ? "a read-only page"
                                                    : "an unmapped page";
        if (no_memory)
            kprintf(": %s the stack at 0x%08x, with no free page to grow it into (out of memory)",
                    fault_access(tf->err), addr);
        else
            kprintf(": %s %s at 0x%08x", fault_access(tf->err), what, addr);
        if (process_is_guard_page(addr))
            kprintf(" (a stack's guard page: stack overflow?)");
    } else if (tf->err) {
        kprintf(", error code 0x%x", tf->err);
    }
    kprintf("\n");
    usyms_backtrace(&syms, task);
    task_end(task, STATUS_FAULT(tf->trapno));
}

struct task *trap_user(struct task *task)
{
    struct trapframe *tf = &task->tf;

    /* The task got QEMU to enter virtual-8086 mode (kernel/trapentry.S,
     * v86_trap). Whatever this trap is, the task cannot go on there: an
     * interrupt is still handled, with no task to go on, and the task ends as
     * if the iret that got it there had been refused (trap_fault), unless
     * the interrupt's input has ended it already (Ctrl-C, its job). */
    if (tf->eflags & FL_VM) {
        if (trap_is_irq(tf->trapno))
            irq_handle((int)(tf->trapno - T_IRQ0), NULL);
        if (task->state == TASK_RUNNING)
            trap_fault(task, false);
        return NULL;
    }
    if (trap_is_irq(tf->trapno))
        return irq_handle((int)(tf->trapno - T_IRQ0), task);

    /* A CPU exception: the task faulted. A page fault on a stack page not yet
     * in use is no fault at all: give the stack its page and go on. */
    int grown = tf->trapno == T_PGFLT ? process_stack_fault(task->proc, rcr2()) : -EFAULT;
    if (grown == 0)
        return task;
    trap_fault(task, grown == -ENOMEM);
    return NULL;
}
