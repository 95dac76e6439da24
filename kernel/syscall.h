/* kernel/syscall.h: system calls, pyos's SystemCall subclasses: the dispatch
 * that picks a call's handler, and the handlers' prototypes.
 *
 * In pyos a system call is an object the task yields; the scheduler calls its
 * handle() and sends the result back into the task. Here the task's registers
 * are the object: eax holds the number, ebx, ecx and edx the arguments, and
 * the result goes back into the saved eax, which the task finds there when it
 * is resumed. A handler that parks or ends the task changes its state. */
#pragma once
#include "kernel/sched.h"
#include "kernel/task.h"
#include "lib/errno.h"
#include "lib/syscalls.h"

/* The handlers in kernel/syscall.c. Each reads its arguments from the
 * task's saved registers and returns the call's result. */
int sys_spawn(struct task *task);
int sys_spawnv(struct task *task);
int sys_exit(struct task *task);
int sys_wait(struct task *task);
int sys_kill(struct task *task);
int sys_sleep(struct task *task);
int sys_write(struct task *task);
int sys_uptime(struct task *task);
int sys_sbrk(struct task *task);
int sys_sysinfo(struct task *task);
int sys_read(struct task *task);
int sys_open(struct task *task);
int sys_close(struct task *task);
int sys_chan(struct task *task);
int sys_send(struct task *task);
int sys_recv(struct task *task);
int sys_poll(struct task *task); /* kernel/poll.c */
int sys_spawnvx(struct task *task);
int sys_ioctl(struct task *task);
int sys_tasks(struct task *task);
int sys_files(struct task *task);
/* sendrecv: the short ways first (kernel/syscall.c). Its argument in a
 * register, as it has a few instructions only on its short ways. */
__attribute__((regparm(1))) int sys_sendrecv(struct task *task);

/* syscall_unlisted: a number the table does not list: the call
 * sched_unpark_again asked `task` to make again (its number with
 * SYSCALL_AGAIN, from where it asked), or -ENOSYS. Out of the way of the
 * table's calls, which it costs nothing. */
int syscall_unlisted(struct task *task);
/* The calls that are made again, the second time (kernel/syscall.c,
 * kernel/poll.c). */
int sys_sendrecv_again(struct task *task);
int sys_poll_again(struct task *task);

/* The two commonest calls are one line each, and are written here so that
 * they cost no function call in the loop. */

/* yield(): to the back of the ready queue (pyos: a bare `yield`). */
static inline int sys_yield(struct task *task)
{
    sched_yield(task);
    return 0;
}

/* gettid(): this task's id (pyos: GetTid). */
static inline int sys_gettid(struct task *task)
{
    return task->tid;
}

/* One `case` per line of lib/syscalls.h's SYSCALL_LIST. */
#define SYSCALL_CASE(nr, name)                                                                     \
    case nr:                                                                                       \
        result = sys_##name(task);                                                                 \
        break;

/* syscall_dispatch: handle the system call `task` just made (number in eax,
 * arguments in ebx, ecx, edx) and put its result in the task's eax. Returns
 * `task` if it may go on running at once, or NULL if the call gave up the CPU
 * (yield), parked the task (sleep, wait) or ended it (exit, or a kill of
 * itself).
 *
 * Inline (always: it has two callers, the plain and the traced loop, and
 * gcc would otherwise make it a function), and a switch rather than a table
 * of function pointers: the scheduler loop runs it on every system call,
 * and this way the compiler builds it into the loop, with yield() and
 * gettid() in it. */
static inline __attribute__((always_inline)) struct task *syscall_dispatch(struct task *task)
{
    int result;
    switch (task->tf.eax) {
        SYSCALL_LIST(SYSCALL_CASE)
    default:
        result = syscall_unlisted(task); /* a call made again, or -ENOSYS */
    }
    /* A blocked call's eax is overwritten when the task is woken. */
    task->tf.eax = (uint32_t)result;
    return task->state == TASK_RUNNING ? task : NULL;
}

#undef SYSCALL_CASE
