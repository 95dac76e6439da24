/* kernel/sched.c: the scheduler loop. If you know pyos, this is
 *
 *     def mainloop(self):
 *         while self.taskmap:
 *             task = self.ready.get()
 *             result = task.run()
 *             if isinstance(result, SystemCall): ...handle it...
 *             self.schedule(task)
 *
 * with the real machine's words: task.run() is task_run(), which returns when
 * the task traps (kernel/trapentry.S); the "result" is its trap frame: a
 * system call goes to syscall_dispatch() (kernel/syscall.c), an interrupt or
 * a fault to trap_user() (kernel/trap.c). The loop runs on the one kernel stack; tasks
 * that block are parked on a queue here, never asleep inside the kernel. */
#include "kernel/sched.h"
#include "kernel/console.h"
#include "kernel/gdt.h"
#include "kernel/options.h"
#include "kernel/panic.h"
#include "kernel/power.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/timer.h"
#include "kernel/x86.h"
#include "lib/status.h"

static struct list_node ready; /* pyos: Scheduler.ready */
static struct heap sleepers;   /* by wake-up tick */
static struct heap_node *sleeper_slots[MAX_TASKS];
static bool preemptive;
static unsigned quantum_ms;
static uint64_t quantum_ticks;

void sched_init(bool preempt, unsigned quantum)
{
    list_init(&ready);
    heap_init(&sleepers, sleeper_slots, MAX_TASKS);
    preemptive = preempt;
    quantum_ms = quantum;
    quantum_ticks = timer_ms_to_ticks(quantum);
}

bool sched_is_preemptive(void)
{
    return preemptive;
}

unsigned sched_quantum_ms(void)
{
    return quantum_ms;
}

void sched_ready(struct task *task)
{
    task->state = TASK_READY;
    list_push_back(&ready, &task->link);
}

void sched_sleep(struct task *task, uint64_t wake_tick)
{
    task->state = TASK_SLEEPING;
    /* Cannot fail: the heap has a slot for every possible task. */
    heap_insert(&sleepers, &task->sleep, wake_tick);
}

void sched_forget(struct task *task)
{
    if (task->state == TASK_SLEEPING)
        heap_remove(&sleepers, &task->sleep);
    else
        list_remove(&task->link); /* ready queue or a waiters list, if on one */
}

void sched_wake_sleepers(void)
{
    struct heap_node *n;
    while ((n = heap_peek(&sleepers)) && n->key <= timer_ticks()) {
        heap_pop(&sleepers);
        struct task *task = container_of(n, struct task, sleep);
        task->tf.eax = 0; /* sleep() returns 0 */
        sched_ready(task);
    }
}

struct task *sched_preempt_check(struct task *task)
{
    if (preemptive && timer_ticks() >= task->slice_end && !list_empty(&ready)) {
        sched_ready(task);
        return NULL;
    }
    return task;
}

/* What QEMU's exit status says about init's end (kernel/power.h). */
static __attribute__((cold)) int power_code(int status)
{
    if (WIFKILLED(status))
        return POWER_INIT_KILLED;
    if (WIFFAULTED(status))
        return POWER_INIT_FAULTED;
    return WEXITSTATUS(status) > POWER_INIT_MAX ? POWER_INIT_MAX : WEXITSTATUS(status);
}

static noreturn __attribute__((cold)) void sched_deadlock(void)
{
    kprintf("coop: deadlock: no task can run, and no timer or device can wake one:\n");
    task_blocked_report();
    if (options.test)
        power_off(POWER_DEADLOCK);
    kprintf("coop: halted. (Under the test harness this would fail the test.)\n");
    power_halt();
}

/* The next task to run: the head of the ready queue. With nobody ready, wait
 * for the timer to wake a sleeper; with nobody left at all, power off. */
static struct task *sched_next(void)
{
    for (;;) {
        struct list_node *n = list_pop_front(&ready);
        if (n) {
            struct task *task = list_entry(n, struct task, link);
            task->state = TASK_RUNNING;
            if (preemptive)
                task->slice_end = timer_ticks() + quantum_ticks;
            return task;
        }
        if (task_alive_count() == 0) {
            int status = task_init_status();
            char how[64];
            status_format(how, sizeof how, status);
            kprintf("coop: all tasks have ended; init %s. Powering off.\n", how);
            power_off(power_code(status));
        }
        if (heap_size(&sleepers) == 0)
            sched_deadlock();
        sti_hlt(); /* idle until an interrupt (kernel/trap.c: trap_kernel) */
    }
}

/* task_run: resume `tf` in user mode, and return when the task traps back
 * into the kernel, its registers saved in *tf again. It is a call of
 * task_enter (kernel/trapentry.S) that says "all registers but %ebp, %ebx and
 * %esp come back changed": the loop keeps its task in %ebx, and task_enter
 * saves no more than that on every trap. */
static inline void task_run(struct trapframe *tf)
{
    __asm__ volatile("call task_enter" : "+a"(tf) : : "ecx", "edx", "esi", "edi", "memory", "cc");
}

/* Resume `task` in user mode until it traps back: its address space, the
 * TSS pointing at the end of its trap frame, then iret (task_run). */
static void sched_resume(struct task *task)
{
    vm_switch(task->proc->pgdir);
    tss_set_kernel_stack((uint32_t)(&task->tf + 1));
    task_run(&task->tf);
}

/* noinline: the loop keeps a frame of its own, so that backtraces name it. */
__attribute__((noinline)) void sched_mainloop(void)
{
    struct task *task = NULL;
    for (;;) {
        if (!task)
            task = sched_next(); /* pyos: task = self.ready.get() */
        sched_resume(task);      /* pyos: result = task.run() */
        /* Handle the trap. Either way we get the task itself back, to go on
         * at once, or NULL: it gave up the CPU, is parked, or has ended. */
        if (task->tf.trapno == T_SYSCALL) /* pyos: isinstance(result, SystemCall) */
            task = syscall_dispatch(task);
        else
            task = trap_user(task); /* an interrupt or a fault */
    }
}
