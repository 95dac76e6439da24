/* kernel/syscall.c: the handlers of the system calls; kernel/syscall.h has
 * the dispatch that picks one (from lib/syscalls.h, the one list of call
 * numbers), and the two one-line handlers yield() and gettid().
 *
 * Every handler takes the calling task, reads its arguments from the task's
 * saved registers (ebx, ecx, edx) and returns the call's result, zero or more
 * on success and -E... (lib/errno.h) on failure. */
#include "kernel/syscall.h"
#include "kernel/console.h"
#include "kernel/mmu.h"
#include "kernel/process.h"
#include "kernel/page.h"
#include "kernel/program.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/dev/timer.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/status.h"
#include "lib/string.h"
#include "lib/syscalls.h"

/* spawn(entry = ebx, fn = ecx, arg = edx): a new task in this program,
 * starting at the runtime's entry(fn, arg) (see user/lib/syscall.c). */
int sys_spawn(struct task *task)
{
    uint32_t entry = task->tf.ebx;
    if (entry < USER_BASE || entry >= USER_TOP)
        return -EFAULT;
    int err;
    struct task *child = task_spawn(task->proc, task, entry, &err);
    if (!child)
        return err;
    /* entry's frame: a return address it never uses, then its two arguments. */
    uint32_t frame[3] = {0, task->tf.ecx, task->tf.edx};
    task_push(child, frame, sizeof frame);
    sched_ready(child);
    return child->tid;
}

/* spawnv(path = ebx, argv = ecx): a program from the initrd. */
int sys_spawnv(struct task *task)
{
    char path[PROGRAM_PATH_MAX];
    int len = copy_string_from_user(task, path, task->tf.ebx, sizeof path);
    if (len == -E2BIG || len == 0)
        return -EINVAL;
    if (len < 0)
        return len;
    char strings[SPAWN_MAX_BYTES];
    char *argv[SPAWN_MAX_ARGS + 1];
    char *default_argv[] = {path, NULL}; /* argv == NULL means {path} */
    int argc = 1;
    if (task->tf.ecx)
        argc = copy_argv_from_user(task, task->tf.ecx, argv, strings);
    if (argc < 0)
        return argc;
    return program_spawn(path, argc, task->tf.ecx ? argv : default_argv, task);
}

/* exit(status = ebx): the task ends (pyos: StopIteration). */
int sys_exit(struct task *task)
{
    task_end(task, STATUS_EXIT((int)task->tf.ebx));
    return 0;
}

/* wait(tid = ebx, status = ecx): pyos WaitTask. */
int sys_wait(struct task *task)
{
    return task_wait(task, (int)task->tf.ebx, task->tf.ecx);
}

/* kill(tid = ebx): pyos KillTask. */
int sys_kill(struct task *task)
{
    return task_kill(task, (int)task->tf.ebx);
}

/* sleep(ms = ebx): park in the sleepers heap; sleep(0) is yield(). The extra
 * tick makes it "at least ms" even when we are part-way through a tick. */
int sys_sleep(struct task *task)
{
    int ms = (int)task->tf.ebx;
    if (ms < 0)
        return -EINVAL;
    if (ms == 0)
        return sys_yield(task);
    sched_sleep(task, timer_ticks() + timer_ms_to_ticks((uint32_t)ms) + 1);
    return 0;
}

/* write(fd = ebx, buf = ecx, n = edx): to the console, page by page. */
int sys_write(struct task *task)
{
    int fd = (int)task->tf.ebx;
    uint32_t buf = task->tf.ecx;
    int n = (int)task->tf.edx;
    if (fd != FD_STDOUT && fd != FD_STDERR)
        return -EBADF;
    if (n < 0)
        return -EINVAL;
    /* Check all of it first, so a bad buffer prints nothing. */
    int err = uaccess_check(task, buf, (uint32_t)n, false);
    if (err < 0)
        return err;
    for (uint32_t done = 0; done < (uint32_t)n;) {
        void *k;
        int len = uaccess_chunk(task, buf + done, (uint32_t)n - done, false, &k);
        console_write(k, (size_t)len);
        done += (uint32_t)len;
    }
    return n;
}

/* uptime(): milliseconds since boot. */
int sys_uptime(struct task *task)
{
    (void)task;
    return (int)timer_uptime_ms();
}

/* sbrk(increment = ebx): move the program's break; returns the old one. The
 * break stays below USER_HEAP_LIMIT, so that it is a positive int. */
int sys_sbrk(struct task *task)
{
    struct process *p = task->proc;
    int incr = (int)task->tf.ebx;
    uint32_t old = p->brk;
    uint32_t new = old + (uint32_t)incr;
    if (incr > 0 && (new < old || new >= USER_HEAP_LIMIT))
        return -ENOMEM;
    if (incr < 0 && (new > old || new < p->heap_start))
        return -EINVAL;
    if (incr > 0 && vm_grow(p->pgdir, old, new) < 0)
        return -ENOMEM;
    if (incr < 0)
        vm_shrink(p->pgdir, old, new);
    p->brk = new;
    return (int)old;
}

/* sysinfo(info = ebx): a snapshot of the kernel's counters. */
int sys_sysinfo(struct task *task)
{
    struct sysinfo info = {
        .tasks_alive = task_alive_count(),
        .tasks_max = MAX_TASKS,
        .pages_free = page_free_count(),
        .pages_total = page_total_count(),
        .task_bytes = task_bytes(),
        .tick_hz = timer_hz(),
        .preemptive = sched_is_preemptive(),
        .quantum_ms = sched_quantum_ms(),
    };
    return copy_to_user(task, task->tf.ebx, &info, sizeof info);
}
