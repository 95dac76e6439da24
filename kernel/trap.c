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
#include "kernel/pic.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/timer.h"
#include "lib/exception.h"

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
    return running;
}

static bool trap_is_irq(uint32_t trapno)
{
    return trapno >= T_IRQ0 && trapno < T_IRQ0 + IRQ_COUNT;
}

void trap_kernel(struct trapframe *tf)
{
    if (trap_is_irq(tf->trapno)) {
        irq_handle((int)(tf->trapno - T_IRQ0), NULL);
        return;
    }
    panic_trap(tf);
}

struct task *trap_user(struct task *task)
{
    struct trapframe *tf = &task->tf;

    /* The task got QEMU to enter virtual-8086 mode (kernel/trapentry.S,
     * v86_trap). Whatever this trap is, the task cannot go on there: an
     * interrupt is still handled, with no task to go on, and the task ends as
     * if the iret that got it there had been refused (task_fault). */
    if (tf->eflags & FL_VM) {
        if (trap_is_irq(tf->trapno))
            irq_handle((int)(tf->trapno - T_IRQ0), NULL);
        task_fault(task);
        return NULL;
    }
    if (trap_is_irq(tf->trapno))
        return irq_handle((int)(tf->trapno - T_IRQ0), task);

    /* A CPU exception: the task faulted. A page fault on a stack page not yet
     * in use is no fault at all: give the stack its page and go on. */
    if (tf->trapno == T_PGFLT && task_stack_fault(task, rcr2()) == 0)
        return task;
    task_fault(task);
    return NULL;
}

void trap_dump(const struct trapframe *tf)
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
