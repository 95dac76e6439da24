/* user/lib/syscall.c: the system calls as C functions: the first stop on the
 * trap path (docs/trap-path.md). In pyos a task asks the scheduler for
 * something by yielding a SystemCall object; here a task does it with one
 * instruction, `int $0x80`, after putting the call's number in %eax and its
 * arguments in %ebx, %ecx, %edx (user/lib/syscall.h).
 *
 * What `int $0x80` does, in the CPU:
 *   1. it looks up vector 0x80 in the IDT; that gate is the only one user
 *      code may use (any other `int $n` is a general protection fault);
 *   2. because the gate leads to ring 0 and the task runs in ring 3, it
 *      switches stacks: it loads %ss:%esp from the TSS, which the kernel
 *      points just past this task's saved trap frame before resuming it;
 *   3. it pushes the task's %ss, %esp, %eflags, %cs and %eip there (eip is
 *      the instruction after the `int`), turns interrupts off and jumps to
 *      the kernel's vector128 (kernel/trapentry.S), which saves the other
 *      registers: the task is now frozen, like a suspended generator.
 * The kernel's scheduler loop handles the call, writes the result into the
 * saved %eax, and, when it decides this task runs again (at once, or after
 * others: yield), pops the frame and executes `iret`, which reloads %eip,
 * %cs, %eflags, %esp and %ss: the task continues after its `int $0x80` with
 * the result in %eax, as if the instruction had been an ordinary call. */
#include "user/lib/syscall.h"
#include "user/lib/coop.h"

int yield(void)
{
    return syscall0(SYS_yield);
}

int gettid(void)
{
    return syscall0(SYS_gettid);
}

/* Where every spawned task starts. The kernel builds this frame on the new
 * task's stack: [0 (a return address nobody uses), fn, arg], so a plain C
 * function with those two parameters can be the entry point. Returning from
 * fn ends the task, as returning from main does (crt0.S). */
static noreturn void spawn_entry(int (*fn)(void *), void *arg)
{
    exit(fn(arg));
}

int spawn(int (*fn)(void *arg), void *arg)
{
    return syscall3(SYS_spawn, (int)(uintptr_t)spawn_entry, (int)(uintptr_t)fn,
                    (int)(uintptr_t)arg);
}

int spawnv(const char *path, char *const argv[])
{
    return syscall2(SYS_spawnv, (int)(uintptr_t)path, (int)(uintptr_t)argv);
}

noreturn void exit(int status)
{
    syscall1(SYS_exit, status);
    /* The kernel never resumes an ended task; if it did, fault visibly. */
    __builtin_trap();
}

int wait(int tid, int *status)
{
    return syscall2(SYS_wait, tid, (int)(uintptr_t)status);
}

int kill(int tid)
{
    return syscall1(SYS_kill, tid);
}

int sleep(int ms)
{
    return syscall1(SYS_sleep, ms);
}

int write(int fd, const void *buf, int n)
{
    return syscall3(SYS_write, fd, (int)(uintptr_t)buf, n);
}

unsigned uptime(void)
{
    return (unsigned)syscall0(SYS_uptime);
}

intptr_t sbrk(int increment)
{
    return syscall1(SYS_sbrk, increment);
}

int sysinfo(struct sysinfo *info)
{
    return syscall1(SYS_sysinfo, (int)(uintptr_t)info);
}

int read(int h, void *buf, int n)
{
    return syscall3(SYS_read, h, (int)(uintptr_t)buf, n);
}

int open(const char *path)
{
    return syscall1(SYS_open, (int)(uintptr_t)path);
}

int close(int h)
{
    return syscall1(SYS_close, h);
}

int chan(int capacity, int ends[2])
{
    return syscall2(SYS_chan, capacity, (int)(uintptr_t)ends);
}

int send(int h, const void *msg, int n)
{
    return syscall3(SYS_send, h, (int)(uintptr_t)msg, n);
}

int recv(int h, void *buf, int max)
{
    return syscall3(SYS_recv, h, (int)(uintptr_t)buf, max);
}

int poll(struct pollreq *reqs, int n, int timeout_ms)
{
    return syscall3(SYS_poll, (int)(uintptr_t)reqs, n, timeout_ms);
}

int spawnvx(const char *path, char *const argv[], const struct spawn_opts *opts)
{
    return syscall3(SYS_spawnvx, (int)(uintptr_t)path, (int)(uintptr_t)argv, (int)(uintptr_t)opts);
}

int ioctl(int h, int request, int arg)
{
    return syscall3(SYS_ioctl, h, request, arg);
}

int tasks(struct task_info *buf, int max)
{
    return syscall2(SYS_tasks, (int)(uintptr_t)buf, max);
}

int files(struct file_info *buf, int max)
{
    return syscall2(SYS_files, (int)(uintptr_t)buf, max);
}
