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
 * system call goes to syscall_dispatch() (kernel/syscall.h), an interrupt or
 * a fault to trap_user() (kernel/trap.c). The loop runs on the one kernel
 * stack; tasks that block are parked on a queue here, never asleep inside the
 * kernel. */
#include "kernel/sched.h"
#include "kernel/console.h"
#include "kernel/gdt.h"
#include "kernel/options.h"
#include "kernel/poll.h"
#include "kernel/panic.h"
#include "kernel/dev/power.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/dev/timer.h"
#include "kernel/trace.h"
#include "kernel/tty.h"
#include "kernel/x86.h"
#include "lib/status.h"

/* pyos: Scheduler.ready. A ring (lib/list.h) of every task that can run,
 * with its hand on the one running now: `yield` moves the hand on, which puts
 * the running task at the back of the queue and brings the next one to the
 * front in a single step. */
struct list_node *sched_ready_ring;
static struct heap sleepers; /* by wake-up tick */
static struct heap_node *sleeper_slots[MAX_TASKS];
static bool preemptive;
static unsigned quantum_ms;
static unsigned quantum_ticks;
/* Timer ticks since the running task came to the front of the queue: its
 * time slice so far, under sched=preempt. */
unsigned sched_slice_ticks;

void sched_init(bool preempt, unsigned quantum)
{
    sched_ready_ring = NULL;
    heap_init(&sleepers, sleeper_slots, MAX_TASKS);
    preemptive = preempt;
    /* A slice is a whole number of timer ticks, at least one: the quantum
     * in force is that, which may be longer than the one asked for. */
    quantum_ticks = (unsigned)timer_ms_to_ticks(quantum);
    quantum_ms = (unsigned)timer_ticks_to_ms(quantum_ticks, timer_hz());
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
    ring_push_back(&sched_ready_ring, &task->link);
}

void sched_yield(struct task *task)
{
    task->state = TASK_READY;
    sched_ready_ring = task->link.next;
}

void sched_block(struct task *task, enum task_state state)
{
    ring_remove(&sched_ready_ring, &task->link);
    task->state = state;
}

void sched_park(struct task *task, enum task_wait why, void *obj, struct list_node *queue)
{
    sched_block(task, TASK_BLOCKED);
    task->blocked.kind = why;
    task->blocked.obj = obj;
    list_push_back(queue, &task->link);
}

void sched_unpark(struct task *task, int result)
{
    task->tf.eax = (uint32_t)result;
    if (task->state == TASK_BLOCKED) {
        list_remove(&task->link);
        task->blocked.kind = WAIT_NONE;
        sched_ready(task);
    }
}

void sched_unpark_again(struct task *task, int nr)
{
    task->tf.eip -= INT80_LENGTH;
    task->blocked.again_at = task->tf.eip;
    task->blocked.again_nr = (uint32_t)nr;
    sched_unpark(task, nr | SYSCALL_AGAIN);
}

__attribute__((regparm(3))) void sched_park_switch(struct task *task, struct task *woken,
                                                   struct list_node *queue)
{
    woken->blocked.kind = WAIT_NONE;
    woken->state = TASK_READY;
    list_unlink(&woken->link);
    ring_replace(&sched_ready_ring, &task->link, &woken->link);
    sched_ready_ring = sched_ready_ring->next; /* woken to the back; if it is alone, it is next */
    task->state = TASK_BLOCKED;
    list_push_back(queue, &task->link);
}

void sched_sleep(struct task *task, uint64_t wake_tick)
{
    sched_block(task, TASK_SLEEPING);
    /* Cannot fail: the heap has a slot for every possible task. */
    heap_insert(&sleepers, &task->sleep, wake_tick);
}

void sched_alarm(struct task *task, uint64_t tick)
{
    heap_insert(&sleepers, &task->sleep, tick);
}

void sched_alarm_cancel(struct task *task)
{
    heap_remove(&sleepers, &task->sleep);
}

void sched_forget(struct task *task)
{
    heap_remove(&sleepers, &task->sleep); /* asleep, or a poll with a timeout */
    if (task->state == TASK_RUNNING || task->state == TASK_READY)
        ring_remove(&sched_ready_ring, &task->link);
    else
        list_remove(&task->link); /* a waiters list, if on one */
}

/* Make ready every sleeper whose time has come, and end the polls whose
 * timeout has. */
static void sched_wake_sleepers(void)
{
    struct heap_node *n;
    while ((n = heap_peek(&sleepers)) && n->key <= timer_ticks()) {
        heap_pop(&sleepers);
        struct task *task = container_of(n, struct task, sleep);
        if (task->state == TASK_BLOCKED) {
            poll_timeout(task);
            continue;
        }
        task->tf.eax = 0; /* sleep() returns 0 */
        sched_ready(task);
    }
}

struct task *sched_tick(struct task *running)
{
    sched_wake_sleepers();
    if (running && preemptive && ++sched_slice_ticks >= quantum_ticks &&
        running->link.next != &running->link) {
        sched_yield(running);
        return NULL;
    }
    return running;
}

/* What QEMU's exit status says about init's end (kernel/dev/power.h). */
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
    trace_dump();
    if (options.test)
        power_off(POWER_DEADLOCK);
    kprintf("coop: halted. (Under the test harness this would fail the test.)\n");
    power_halt();
}

static void trace_ready_scan(int by);
static bool trace_idling; /* the recorder has seen the CPU start idling, and no one is ready yet */

/* Nobody is ready. With nobody left at all, power off; with nothing that
 * could ever wake anyone, a deadlock; otherwise idle until an interrupt
 * (kernel/trap.c: trap_kernel), which may make someone ready. A function of
 * its own, and cold: the loop's hot path is the one with a task ready. */
static __attribute__((noinline, cold)) void sched_idle(void)
{
    if (task_alive_count() == 0) {
        int status = task_init_status();
        char how[64];
        status_format(how, sizeof how, status);
        kprintf("coop: all tasks have ended; init %s. Powering off.\n", how);
        tty_flush();
        trace_dump();
        power_off(power_code(status));
    }
    /* A sleeper, or a task parked on a terminal, can still be woken, by the
     * timer or a device; otherwise nothing ever will. */
    if (heap_size(&sleepers) == 0 && !tty_someone_waiting())
        sched_deadlock();
    /* One idle spell is one pair of records, however many interrupts it
     * takes until someone is ready (trace_event counts the repeats). */
    if (trace_on && !trace_idling) {
        trace_current = 0;
        trace_idling = true;
        trace_event(TRACE_IDLE, 0, 1, 0, NULL);
    }
    sti_hlt();
    if (trace_on && sched_ready_ring) {
        trace_idling = false;
        trace_event(TRACE_IDLE, 0, 0, 0, NULL);
        trace_ready_scan(0);
    }
}

/* The next task to run: the one at the ready ring's hand. */
static struct task *sched_next(void)
{
    while (!sched_ready_ring)
        sched_idle();
    struct task *task = list_entry(sched_ready_ring, struct task, link);
    task->state = TASK_RUNNING;
    sched_slice_ticks = 0;
    return task;
}

/* task_run: resume `tf` in user mode, and return it when the task traps back
 * into the kernel, its registers saved in *tf again. It is a call of
 * task_enter (kernel/trapentry.S) that says "all registers but %ebp and %esp
 * come back changed, and %eax holds the frame": task_enter saves no more than
 * that on every trap. */
static inline struct trapframe *task_run(struct trapframe *tf)
{
    __asm__ volatile("call task_enter"
                     : "+a"(tf)
                     :
                     : "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
    return tf;
}

/* Make `task` the one the CPU runs next: load its address space, and point
 * the TSS at the end of its trap frame, where its next trap will land. While
 * it keeps running, neither changes: only the scheduler switches address
 * spaces (and process_destroy, from one that is going away to the kernel's;
 * never from the running task's while that task goes on). */
static inline void sched_switch_to(struct task *task)
{
    vm_switch(task->proc->pgdir);
    tss_set_kernel_stack((uint32_t)(&task->tf + 1));
}

/* ------------------------------------------------------------ tracing */

/* What the traced loop notes of a trap before handling it: the event, and
 * the task the kernel is now handling (the waker of whoever it wakes: the
 * task, for its system call or for the fault that ends it and so wakes its
 * waiters; none for an interrupt, which is nobody's doing). */
static __attribute__((noinline)) void trace_trap(const struct task *task)
{
    const struct trapframe *tf = &task->tf;
    trace_current = task->tid;
    if (tf->trapno == T_SYSCALL) {
        trace_event(TRACE_SYSCALL, task->tid, (int)tf->eax, 0, NULL);
    } else if (tf->trapno >= T_IRQ0 && tf->trapno < T_IRQ0 + IRQ_COUNT) {
        trace_event(TRACE_IRQ, task->tid, (int)(tf->trapno - T_IRQ0), 0, NULL);
        trace_current = 0;
    } else {
        trace_event(TRACE_FAULT, task->tid, (int)tf->trapno, 0, NULL);
    }
}

/* What the traced loop notes once a trap of task `tid` (record `task`) has
 * been handled: system call `nr` (-1: not one) with first argument `arg`,
 * `result` in eax. A task it spawned, a task it killed; and, if it left the
 * CPU (`goes_on` false), why: the state it is in now and what it waits on,
 * or how it ended. */
static __attribute__((noinline)) void trace_handled(const struct task *task, int tid, int nr,
                                                    int arg, int result, bool goes_on)
{
    if ((nr == SYS_spawn || nr == SYS_spawnv || nr == SYS_spawnvx) && result > 0)
        trace_event(TRACE_SPAWN, result, tid, 0, task_lookup(result)->name);
    /* Only kill(tid) names the task it ended: kill(-job)'s argument is a job,
     * no task id, and task_kill_job records the end of each task of the job
     * as it ends it (Ctrl-C ends a job there too, with no system call). */
    bool job_kill = nr == SYS_kill && arg < 0;
    if (nr == SYS_kill && result == 0 && arg > 0 && arg != tid)
        trace_event(TRACE_END, arg, STATUS_KILL, 0, NULL);
    if (goes_on)
        return;
    if (task->state == TASK_ZOMBIE || task->state == TASK_FREE || task->tid != tid) {
        /* A task that killed its own job is one of those task_kill_job
         * recorded: a second end would be one too many. */
        if (!job_kill)
            trace_event(TRACE_END, tid, task->status, 0, NULL);
        return;
    }
    char waits[TRACE_TEXT_LEN];
    task_wait_describe(task, waits, sizeof waits);
    trace_event(TRACE_STOP, tid, (int)task->state, (int)task->blocked.kind, waits);
    if (task->state == TASK_READY)
        ((struct task *)task)->trace_ready = true; /* it yielded: ready, but not woken */
}

/* Record a wake-up for every task that has become ready since the last
 * look, woken by task `by` (0: an interrupt): every ready task the recorder
 * has not seen become ready (marked trace_ready). The walk goes round the
 * whole ring, from the hand, in the order the tasks will run, which is the
 * order they were made ready in: the new ones need not be at the back, since
 * a task that yields in the same trap (a time slice that ends with the tick
 * that woke two sleepers) moves the hand past them. All the cost is here, in
 * the traced loop: sched_ready itself has nothing to do with tracing. */
static void trace_ready_scan(int by)
{
    struct list_node *n = sched_ready_ring;
    if (!n)
        return;
    do {
        struct task *t = list_entry(n, struct task, link);
        if (t->state == TASK_READY && !t->trace_ready) {
            t->trace_ready = true;
            trace_event(TRACE_WAKE, t->tid, by, 0, NULL);
        }
        n = n->next;
    } while (n != sched_ready_ring);
}

/* How the traced loop handles a trap: as the plain loop does, with what
 * happened recorded on either side. */
static __attribute__((noinline)) struct task *sched_handle_traced(struct task *task)
{
    int tid = task->tid, arg = (int)task->tf.ebx;
    bool call = task->tf.trapno == T_SYSCALL; /* whatever its number: eax may be negative */
    int nr = call ? (int)task->tf.eax : -1;
    trace_trap(task);
    struct task *next = call ? syscall_dispatch(task) : trap_user(task);
    trace_handled(task, tid, nr, arg, (int)task->tf.eax, next != NULL);
    trace_ready_scan(trace_current);
    return next;
}

/* ------------------------------------------------------------ the loop */

/* The loop, written once. `traced` is a constant in each of its two copies
 * below, so the compiler leaves every trace line out of the plain one: with
 * the recorder off, the system-call path is exactly what it would be
 * without it. */
static inline __attribute__((always_inline)) noreturn void sched_loop(bool traced)
{
    for (;;) {
        struct task *task = sched_next(); /* pyos: task = self.ready.get() */
        sched_switch_to(task);
        if (traced) {
            task->trace_ready = false;
            trace_event(TRACE_RUN, task->tid, task->parent ? task->parent->tid : 0, 0, task->name);
        }
        do {
            /* pyos: result = task.run() */
            task = container_of(task_run(&task->tf), struct task, tf);
            /* Handle the trap. Either way we get the task itself back, to go
             * on at once, or NULL: it gave up the CPU, is parked, or has
             * ended, and the loop takes the next task from the queue. */
            if (traced)
                task = sched_handle_traced(task);
            else if (task->tf.trapno == T_SYSCALL) /* pyos: isinstance(result, SystemCall) */
                task = syscall_dispatch(task);
            else
                task = trap_user(task); /* an interrupt or a fault */
        } while (task);
    }
}

/* noinline: each loop keeps a frame of its own, so that backtraces name it. */
__attribute__((noinline)) void sched_mainloop(void)
{
    sched_loop(false);
}

/* The same loop with the recorder on (kernel/trace.h). */
__attribute__((noinline)) void sched_mainloop_traced(void)
{
    sched_loop(true);
}
