/* kernel/sched.h: the scheduler, pyos's Scheduler: the ready queue, the
 * sleepers, and the main loop that resumes one task at a time. */
#pragma once
#include <stdbool.h>
#include <stdint.h>
#include <stdnoreturn.h>

struct task;

/* sched_init: empty queues; `preempt` and `quantum_ms` choose the policy
 * (sched=coop or sched=preempt quantum=MS). */
void sched_init(bool preempt, unsigned quantum_ms);

/* sched_mainloop: run tasks until none is left, then power off with init's
 * status. pyos's Scheduler.mainloop(). */
noreturn void sched_mainloop(void);

/* sched_ready: put `task` at the back of the ready queue (pyos schedule()). */
void sched_ready(struct task *task);

/* sched_sleep: park `task` until the timer reaches `wake_tick`. */
void sched_sleep(struct task *task, uint64_t wake_tick);

/* sched_forget: take `task` off whatever queue its state puts it on (ready
 * queue, sleepers, a waiters list), so that it can end. */
void sched_forget(struct task *task);

/* sched_wake_sleepers: make ready every sleeper whose time has come (the
 * timer interrupt calls this). */
void sched_wake_sleepers(void);

/* sched_preempt_check: after an interrupt took the CPU from `task`: under
 * sched=preempt, if its time slice is over and another task is ready, send it
 * to the back of the queue and return NULL; otherwise return `task`, which goes
 * on running. */
struct task *sched_preempt_check(struct task *task);

/* sched_is_preemptive, sched_quantum_ms: the policy in force. */
bool sched_is_preemptive(void);
unsigned sched_quantum_ms(void);
