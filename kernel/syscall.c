/* kernel/syscall.c: the handlers of the system calls; kernel/syscall.h has
 * the dispatch that picks one (from lib/syscalls.h, the one list of call
 * numbers), and the two one-line handlers yield() and gettid().
 *
 * Every handler takes the calling task, reads its arguments from the task's
 * saved registers (ebx, ecx, edx) and returns the call's result, zero or more
 * on success and -E... (lib/errno.h) on failure. */
#include "kernel/syscall.h"
#include "kernel/chan.h"
#include "kernel/console.h"
#include "kernel/file.h"
#include "kernel/handle.h"
#include "kernel/initrd.h"
#include "kernel/mmu.h"
#include "kernel/process.h"
#include "kernel/page.h"
#include "kernel/program.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/dev/timer.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/status.h"
#include "lib/string.h"
#include "lib/syscalls.h"

/* open()'s names for terminals start with this: "dev/console", "dev/com2". */
#define DEVICE_PREFIX "dev/"

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

/* Check spawnvx's options: the handles it names are open in the caller, and
 * the job it names exists and is the caller's to join (task_job_allowed). */
static int spawn_opts_check(struct task *task, const struct spawn_opts *opts)
{
    if (opts->nhandles < 0 || opts->nhandles > SPAWN_MAX_HANDLES || opts->job < SPAWN_NEW_JOB)
        return -EINVAL;
    for (int i = 0; i < opts->nhandles; i++)
        if (opts->handles[i] != HANDLE_NONE && !handle_get(task->proc, opts->handles[i]))
            return -EBADF;
    return opts->job > 0 ? task_job_allowed(task, opts->job) : 0;
}

/* Copy the path (a program's, a file's) at user address upath into path:
 * its length, or -EINVAL (empty, or PROGRAM_PATH_MAX or more), -EFAULT. */
static int path_from_user(struct task *task, uint32_t upath, char path[PROGRAM_PATH_MAX])
{
    int len = copy_string_from_user(task, path, upath, PROGRAM_PATH_MAX);
    return len == -E2BIG || len == 0 ? -EINVAL : len;
}

/* spawnv and spawnvx: the program at user address upath, with the argv at
 * uargv (0: {path}) and the options at uopts (0: none). */
static int spawn_program(struct task *task, uint32_t upath, uint32_t uargv, uint32_t uopts)
{
    char path[PROGRAM_PATH_MAX];
    int len = path_from_user(task, upath, path);
    if (len < 0)
        return len;
    char strings[SPAWN_MAX_BYTES];
    char *argv[SPAWN_MAX_ARGS + 1];
    char *default_argv[] = {path, NULL}; /* argv == NULL means {path} */
    int argc = 1;
    if (uargv)
        argc = copy_argv_from_user(task, uargv, argv, strings);
    if (argc < 0)
        return argc;
    struct spawn_opts opts;
    if (uopts) {
        int err = copy_from_user(task, &opts, uopts, sizeof opts);
        if (err == 0)
            err = spawn_opts_check(task, &opts);
        if (err < 0)
            return err;
    }
    return program_spawn(path, argc, uargv ? argv : default_argv, task, uopts ? &opts : NULL);
}

/* spawnvx(path = ebx, argv = ecx, opts = edx): a program from the initrd,
 * with the handles and job `opts` names. */
int sys_spawnvx(struct task *task)
{
    return spawn_program(task, task->tf.ebx, task->tf.ecx, task->tf.edx);
}

/* spawnv(path = ebx, argv = ecx): spawnvx with no options. (Its edx is the
 * task's, whatever it holds: the call does not read it, and must not change
 * it.) */
int sys_spawnv(struct task *task)
{
    return spawn_program(task, task->tf.ebx, task->tf.ecx, 0);
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

/* write(h = ebx, buf = ecx, n = edx): to a terminal or a channel. */
int sys_write(struct task *task)
{
    if ((int)task->tf.edx < 0)
        return -EINVAL;
    return handle_write(task, (int)task->tf.ebx, task->tf.ecx, task->tf.edx);
}

/* read(h = ebx, buf = ecx, n = edx): from a terminal, a channel or a file. */
int sys_read(struct task *task)
{
    if ((int)task->tf.edx < 0)
        return -EINVAL;
    return handle_read(task, (int)task->tf.ebx, task->tf.ecx, task->tf.edx);
}

/* open(path = ebx): a file of the initrd, or a terminal ("dev/console",
 * "dev/com2", ...). */
int sys_open(struct task *task)
{
    char path[PROGRAM_PATH_MAX];
    int len = path_from_user(task, task->tf.ebx, path);
    if (len < 0)
        return len;
    if (strncmp(path, DEVICE_PREFIX, sizeof DEVICE_PREFIX - 1) == 0) {
        struct tty *tty = tty_find(path + sizeof DEVICE_PREFIX - 1);
        return tty ? handle_install(task->proc, HANDLE_TTY, tty) : -ENOENT;
    }
    struct file *f;
    int err = file_open(path, &f);
    return err < 0 ? err : handle_install(task->proc, HANDLE_FILE, f);
}

/* close(h = ebx). */
int sys_close(struct task *task)
{
    return handle_close(task->proc, (int)task->tf.ebx);
}

/* chan(capacity = ebx, ends = ecx): a channel, its two ends as handles in
 * ends[CHAN_RECV_END] and ends[CHAN_SEND_END]. */
int sys_chan(struct task *task)
{
    uint32_t uends = task->tf.ecx;
    if (uaccess_check(task, uends, 2 * sizeof(int), true) < 0)
        return -EFAULT;
    struct channel *ch;
    int err = chan_create((int)task->tf.ebx, &ch);
    if (err < 0)
        return err;
    int ends[2];
    ends[CHAN_RECV_END] = handle_install(task->proc, HANDLE_RECV, ch);
    ends[CHAN_SEND_END] = handle_install(task->proc, HANDLE_SEND, ch);
    if (ends[CHAN_RECV_END] < 0 || ends[CHAN_SEND_END] < 0) {
        /* handle_install dropped the end it could not place; close the other */
        for (int i = 0; i < 2; i++)
            if (ends[i] >= 0)
                handle_close(task->proc, ends[i]);
        return -EMFILE;
    }
    return copy_to_user(task, uends, ends, sizeof ends);
}

/* The channel behind handle h of `task`, if it is a `kind` end. */
static struct channel *chan_of(struct task *task, int h, enum handle_kind kind)
{
    struct handle *hd = handle_get(task->proc, h);
    return hd && hd->kind == kind ? hd->obj : NULL;
}

/* send(h = ebx, msg = ecx, n = edx): one message (pyos: target.send()). */
int sys_send(struct task *task)
{
    struct channel *ch = chan_of(task, (int)task->tf.ebx, HANDLE_SEND);
    if (!ch)
        return -EBADF;
    if ((int)task->tf.edx < 0)
        return -EINVAL;
    return chan_send(task, ch, WAIT_CHAN_SEND);
}

/* recv(h = ebx, buf = ecx, max = edx): one message (pyos: item = (yield)). */
int sys_recv(struct task *task)
{
    struct channel *ch = chan_of(task, (int)task->tf.ebx, HANDLE_RECV);
    if (!ch)
        return -EBADF;
    if ((int)task->tf.edx < 0)
        return -EINVAL;
    if (uaccess_check(task, task->tf.ecx, task->tf.edx, true) < 0)
        return -EFAULT; /* all of it, as read() */
    return chan_recv(task, ch, WAIT_CHAN_RECV);
}

/* sendrecv(out = ebx, word = ecx, in = edx): send the word as a message of
 * SENDRECV_WORD bytes on `out`, then receive one of at most that many from
 * `in` into ecx (L4's call, Plan 9's sendul and recvul in one). Either
 * handle may be SENDRECV_NONE. A send that parks completes later by
 * making the call again (chan_send_done, sys_sendrecv_again). */
static int sys_sendrecv_long(struct task *task)
{
    int out = (int)task->tf.ebx, in = (int)task->tf.edx;
    if (out == SENDRECV_NONE && in == SENDRECV_NONE)
        return -EINVAL;
    struct channel *och = NULL, *ich = NULL;
    if (out != SENDRECV_NONE && !(och = chan_of(task, out, HANDLE_SEND)))
        return -EBADF;
    if (in != SENDRECV_NONE && !(ich = chan_of(task, in, HANDLE_RECV)))
        return -EBADF;
    if (och) {
        task->blocked.in_id = ich ? ich->id : 0; /* if the send half parks */
        int r = chan_send(task, och, WAIT_CHAN_SENDW);
        if (r <= 0)
            return r; /* an error, or parked (0) */
    }
    if (!ich)
        return SENDRECV_WORD; /* sent, and nothing to receive */
    return chan_recv(task, ich, WAIT_CHAN_RECVW);
}

/* sendrecv's receive half, from `ich`: the word waiting there into ecx
 * (the short way), or as recv receives it (or parks). */
static inline int sendrecv_receive(struct task *task, struct channel *ich)
{
    int got = chan_word_take(ich, &task->tf.ecx);
    return got ? got : chan_recv(task, ich, WAIT_CHAN_RECVW);
}

/* sendrecv(out = ebx, word = ecx, in = edx): the short ways, their tests
 * inline in kernel/chan.h; the rest is sys_sendrecv_long.
 * - A server and its client (make bench's ping-pong): the other side waits
 *   in sendrecv for this word, and this side's answer has not come. The
 *   word goes from this frame's ecx to the other's, and the other task
 *   takes this one's place in the ready ring as this one parks.
 * - A pipeline's stage (make bench's pipeline): room in `out`, a word
 *   waiting in `in`. Or the next stage waits for the word: it gets it;
 *   or `out` is full: this one parks to send.
 * Either half may be left out (the first stage and the last). */
__attribute__((regparm(1))) int sys_sendrecv(struct task *task)
{
    /* chan_of's test, written out: as unsigned numbers, one comparison
     * rules out both a negative handle and one past the table, and the
     * kind's test rules out a free one (chan_of here makes the pipeline
     * benchmark 6% slower). */
    const struct handle *hs = task->proc->handles;
    uint32_t out = task->tf.ebx, in = task->tf.edx;
    struct channel *ich = NULL;
    if (in != (uint32_t)SENDRECV_NONE) {
        if (in >= HANDLE_MAX || hs[in].kind != HANDLE_RECV)
            return sys_sendrecv_long(task);
        ich = hs[in].obj;
    }
    if (out != (uint32_t)SENDRECV_NONE) {
        if (out >= HANDLE_MAX || hs[out].kind != HANDLE_SEND)
            return sys_sendrecv_long(task);
        struct channel *och = hs[out].obj;
        struct task *r = chan_word_receiver(och);
        if (r && ich && chan_word_would_park(ich)) {
            /* The server's (or client's) case: hand over, and wait. */
            r->tf.ecx = task->tf.ecx;
            r->tf.eax = SENDRECV_WORD;
            task->blocked.kind = WAIT_CHAN_RECVW;
            task->blocked.obj = ich;
            sched_park_switch(task, r, &ich->recvq);
            return 0;
        }
        if (r) {
            r->tf.ecx = task->tf.ecx;
            sched_unpark(r, SENDRECV_WORD);
        } else if (!chan_word_put(och, task->tf.ecx)) {
            if (!chan_word_full(och))
                return sys_sendrecv_long(task);
            /* A stage whose next one is behind: wait for room. */
            task->blocked.done = 0;
            task->blocked.in_id = ich ? ich->id : 0;
            sched_park(task, WAIT_CHAN_SENDW, och, &och->sendq);
            return 0;
        }
        if (!ich)
            return SENDRECV_WORD;
    } else if (!ich) {
        return sys_sendrecv_long(task); /* -EINVAL */
    }
    return sendrecv_receive(task, ich);
}

/* sendrecv made again (chan_send_done): the send half is done, and only
 * the receive half is left. Its `in` must still name the channel it named
 * when the call parked: closed, or its number taken by a new channel
 * meanwhile, the call fails, as a handle closed under a parked call does. */
int sys_sendrecv_again(struct task *task)
{
    struct channel *ich = chan_of(task, (int)task->tf.edx, HANDLE_RECV);
    if (!ich || ich->id != task->blocked.in_id)
        return -EBADF;
    return sendrecv_receive(task, ich);
}

int syscall_unlisted(struct task *task)
{
    uint32_t nr = task->tf.eax & ~(uint32_t)SYSCALL_AGAIN;
    if (!(task->tf.eax & SYSCALL_AGAIN) || !sched_called_again(task, nr))
        return -ENOSYS;
    switch (nr) {
    case SYS_sendrecv:
        return sys_sendrecv_again(task);
    case SYS_poll:
        return sys_poll_again(task);
    }
    return -ENOSYS;
}

/* ioctl(h = ebx, request = ecx, arg = edx): terminals' settings. */
int sys_ioctl(struct task *task)
{
    struct handle *hd = handle_get(task->proc, (int)task->tf.ebx);
    if (!hd)
        return -EBADF;
    if (hd->kind != HANDLE_TTY)
        return -ENOTTY;
    return tty_ioctl(hd->obj, (int)task->tf.ecx, (int)task->tf.edx);
}

/* A listing call's arguments, buf = ebx and max = ecx, for entries of
 * `size` bytes: 0, or -EINVAL (max < 0) or -EFAULT (buf..buf + max entries
 * is not writable memory of the task). */
static int list_args(struct task *task, uint32_t size)
{
    int max = (int)task->tf.ecx;
    if (max < 0)
        return -EINVAL;
    /* In 64 bits: a huge max must not wrap around to a small size. */
    uint64_t bytes = (uint64_t)max * size;
    if (bytes > UINT32_MAX || uaccess_check(task, task->tf.ebx, (uint32_t)bytes, true) < 0)
        return -EFAULT;
    return 0;
}

/* Entry `count` of a listing, if buf (checked by list_args) has room. */
static void list_put(struct task *task, int count, const void *entry, uint32_t size)
{
    if (count < (int)task->tf.ecx)
        copy_to_user(task, task->tf.ebx + (uint32_t)count * size, entry, size);
}

/* tasks(buf = ebx, max = ecx): a struct task_info for each task, up to max;
 * returns how many tasks there are. */
int sys_tasks(struct task *task)
{
    int err = list_args(task, sizeof(struct task_info));
    if (err < 0)
        return err;
    struct task_info info;
    int count = 0, cursor = 0;
    while (task_info_next(&cursor, &info))
        list_put(task, count++, &info, sizeof info);
    return count;
}

/* files(buf = ebx, max = ecx): a struct file_info for each file of the
 * initrd, up to max, in archive order; returns how many files there are. */
int sys_files(struct task *task)
{
    int err = list_args(task, sizeof(struct file_info));
    if (err < 0)
        return err;
    struct ustar_file f;
    struct file_info info;
    int count = 0;
    size_t cursor = 0;
    while (initrd_next(&cursor, &f)) {
        memset(&info, 0, sizeof info);
        strlcpy(info.name, f.name, sizeof info.name);
        info.size = f.size;
        info.flags = program_is_executable(f.data, f.size) ? FILE_INFO_PROGRAM : 0;
        list_put(task, count++, &info, sizeof info);
    }
    return count;
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
        .channels = chan_alive(),
        .channels_max = CHAN_MAX,
        .input_lost = tty_input_lost(),
        .handles = handle_count(),
    };
    return copy_to_user(task, task->tf.ebx, &info, sizeof info);
}
