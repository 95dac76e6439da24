/* kernel/syscall.h: system calls, pyos's SystemCall subclasses. */
#pragma once

struct task;

/* syscall_dispatch: handle the system call `task` just made (number in eax,
 * arguments in ebx, ecx, edx) and put its result in the task's eax. Returns
 * `task` if it may go on running at once, or NULL if the call gave up the CPU
 * (yield), parked the task (sleep, wait) or ended it (exit). */
struct task *syscall_dispatch(struct task *task);
