/* kernel/sched.h: the scheduler, pyos's Scheduler: the ready queue, the
 * sleepers, and the main loop that resumes one task at a time. */
#pragma once
#include "kernel/task.h"
#include "lib/syscalls.h"
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

/* sched_init: empty queues; `preempt` and `quantum_ms` choose the policy
 * (sched=coop or sched=preempt quantum=MS). The quantum is rounded up to
 * whole timer ticks (at least one), so timer_init must have run. */
void sched_init(bool preempt, unsigned quantum_ms);

/* The ready ring, its hand on the running task, and the running task's
 * time slice so far in timer ticks: the scheduler's own, and written
 * outside kernel/sched.c only by sendrecv's fast path (kernel/fastpath.S),
 * which switches tasks as the loop does. */
extern struct list_node *sched_ready_ring;
extern unsigned sched_slice_ticks;

/* sched_mainloop: run tasks until none is left, then power off with init's
 * status. pyos's Scheduler.mainloop(). */
noreturn void sched_mainloop(void);

/* sched_mainloop_traced: the same, recording what it does (`trace` on the
 * command line: kernel/trace.h). */
noreturn void sched_mainloop_traced(void);

/* sched_ready: put `task` at the back of the ready queue (pyos schedule()). */
void sched_ready(struct task *task);

/* sched_yield: the running `task` goes to the back of the ready queue and the
 * next one comes to the front (pyos: a bare `yield`, then schedule()). Only
 * for the running task, which is the one at the ready ring's hand: the
 * hand moves on one place. */
void sched_yield(struct task *task);

/* sched_block: take the running `task` off the ready queue, to be parked
 * somewhere else, in `state`, until something makes it ready again. */
void sched_block(struct task *task, enum task_state state);

/* sched_park: take the running `task` off the ready queue and park it on
 * `queue` of the kernel object `obj` (a channel, a terminal), TASK_BLOCKED
 * for `why`: pyos's ReadWait and WriteWait. Its system call stays pending,
 * its arguments in its saved registers; whoever changes the object finishes
 * the call for it with sched_unpark. */
void sched_park(struct task *task, enum task_wait why, void *obj, struct list_node *queue);

/* sched_unpark: the call of `task` is done with `result`, which goes into its
 * eax, as pyos sends a value into a task. A parked task also leaves its
 * object's queue and is made ready; the task whose call is being handled
 * right now (never parked) only gets its eax. */
void sched_unpark(struct task *task, int result);

/* sched_park_switch: park `task`, the running one, on `queue`, as
 * sched_park does, and make `woken`, parked on some queue, ready, as
 * sched_unpark does, in one step: `woken` takes the parker's place in the
 * ready ring, and the hand moves on past it, so the ring's order is what
 * the two calls would have made it (`woken` last in the queue), without
 * taking one node out and putting another in. The caller has set what
 * `task` waits for (blocked.kind, blocked.obj) and `woken`'s result.
 * sendrecv's hand-over (kernel/syscall.c); its arguments in registers, as
 * it is on that short way's every trap. */
__attribute__((regparm(3))) void sched_park_switch(struct task *task, struct task *woken,
                                                   struct list_node *queue);

/* sched_unpark_again: the parked call `nr` of `task` is finished by the
 * task making it again when it next runs, with the arguments in its
 * registers: its eip goes back over its `int $0x80`, nr | SYSCALL_AGAIN
 * goes into its eax, and it is made ready as sched_unpark makes it. The
 * call asks sched_called_again whether it is that second time. */
void sched_unpark_again(struct task *task, int nr);

/* sched_called_again: is call `nr`, made with SYSCALL_AGAIN, the one
 * sched_unpark_again asked `task` for, from the same `int $0x80`? Forgets
 * the request either way. The task's code may have been changed under it
 * (by another task of its program) before it ran again, so that it never
 * made the call again; and a task may put SYSCALL_AGAIN into eax itself:
 * neither is the call asked for. */
static inline bool sched_called_again(struct task *task, uint32_t nr)
{
    uint32_t at = task->blocked.again_at;
    task->blocked.again_at = 0;
    return at != 0 && task->blocked.again_nr == nr && task->tf.eip - INT80_LENGTH == at;
}

/* sched_sleep: park the running `task` until the timer reaches `wake_tick`. */
void sched_sleep(struct task *task, uint64_t wake_tick);

/* sched_alarm: `task`, parked (TASK_BLOCKED in poll), is also woken at
 * `tick`, by poll_timeout() (kernel/poll.h). sched_alarm_cancel: not (any
 * more); nothing happens if it has no alarm. */
void sched_alarm(struct task *task, uint64_t tick);
void sched_alarm_cancel(struct task *task);

/* sched_forget: take `task` off whatever queue its state puts it on (ready
 * queue, sleepers, a waiters list), so that it can end. */
void sched_forget(struct task *task);

/* sched_tick: the timer has ticked (kernel/trap.c): make ready every
 * sleeper whose time has come. `running` is the task the tick interrupted,
 * or NULL if the kernel was idle. Under sched=preempt, if its time slice is
 * over and another task is ready, it goes to the back of the queue and
 * sched_tick returns NULL; otherwise it returns `running`, which goes on. */
struct task *sched_tick(struct task *running);

/* sched_is_preemptive, sched_quantum_ms: the policy in force; the quantum
 * as it is, in whole ticks, which may be longer than the one asked for. */
bool sched_is_preemptive(void);
unsigned sched_quantum_ms(void);
