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
#include "kernel/page.h"
#include "kernel/program.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/timer.h"
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

    /* Copy argv's strings into one buffer; argv == NULL means {path}. */
    char strings[SPAWN_MAX_BYTES];
    char *argv[SPAWN_MAX_ARGS + 1];
    int argc = 0;
    uint32_t used = 0, uargv = task->tf.ecx;
    if (!uargv)
        argv[argc++] = path;
    while (uargv) {
        uint32_t ustr;
        int err = copy_from_user(task, &ustr, uargv + (uint32_t)argc * 4, sizeof ustr);
        if (err < 0)
            return err;
        if (!ustr)
            break;
        if (argc == SPAWN_MAX_ARGS)
            return -E2BIG;
        len = copy_string_from_user(task, strings + used, ustr, SPAWN_MAX_BYTES - used);
        if (len < 0)
            return len;
        argv[argc++] = strings + used;
        used += (uint32_t)len + 1;
    }
    argv[argc] = NULL;
    return program_spawn(path, argc, argv, task);
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

static uint32_t page_up(uint32_t a)
{
    return (a + PAGE_SIZE - 1) & ~(uint32_t)(PAGE_SIZE - 1);
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

    if (incr > 0) {
        for (uint32_t va = page_up(old); va < page_up(new); va += PAGE_SIZE) {
            if (vm_map_zero(p->pgdir, va, PTE_W) < 0) {
                for (uint32_t undo = page_up(old); undo < va; undo += PAGE_SIZE)
                    vm_unmap(p->pgdir, undo);
                return -ENOMEM;
            }
        }
        /* New memory reads as zeroes: the new pages are, but the part of the
         * old break's page past the break may hold what the program wrote
         * there (nothing stops it: the page is mapped) or what the heap held
         * before it shrank. */
        if (old < page_up(old)) {
            char *k = vm_user_page(p->pgdir, old & ~(uint32_t)(PAGE_SIZE - 1), PTE_W);
            uint32_t end = new < page_up(old) ? new : page_up(old);
            memset(k + (old & (PAGE_SIZE - 1)), 0, end - old);
        }
    } else if (incr < 0) {
        for (uint32_t va = page_up(new); va < page_up(old); va += PAGE_SIZE)
            vm_unmap(p->pgdir, va);
    }
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
