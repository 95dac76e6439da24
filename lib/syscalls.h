/* lib/syscalls.h: coop's system-call numbers, the one table of them.
 *
 * SYSCALL_LIST(X) expands X(number, name) once per call. The kernel builds its
 * dispatch from it (a switch, in kernel/syscall.h's syscall_dispatch), the user
 * library names its calls after it (user/lib/syscall.c), and
 * scripts/check-syscalls compares it with the table in docs/syscalls.md, so
 * the three can never drift apart.
 *
 * The ABI: `int $0x80` (T_SYSCALL) with the number in %eax and arguments in
 * %ebx, %ecx, %edx, %esi, %edi. The result comes back in %eax: zero or more
 * on success, -E... (lib/errno.h) on failure. Every other general register
 * is preserved, but for sendrecv's %ecx, which brings back the word it
 * received (and is unchanged when the call fails).
 *
 * Segment registers are not a task's own: every task runs with USER_DATA_SEG
 * in %ds, %es, %fs and %gs, and the kernel sets all four again on every trap
 * (system call, interrupt or fault), whatever the task loaded into them. */
#pragma once

#define SYSCALL_LIST(X)                                                                            \
    X(0, yield)                                                                                    \
    X(1, gettid)                                                                                   \
    X(2, spawn)                                                                                    \
    X(3, spawnv)                                                                                   \
    X(4, exit)                                                                                     \
    X(5, wait)                                                                                     \
    X(6, kill)                                                                                     \
    X(7, sleep)                                                                                    \
    X(8, write)                                                                                    \
    X(9, uptime)                                                                                   \
    X(10, sbrk)                                                                                    \
    X(11, sysinfo)                                                                                 \
    X(12, read)                                                                                    \
    X(13, open)                                                                                    \
    X(14, close)                                                                                   \
    X(15, chan)                                                                                    \
    X(16, send)                                                                                    \
    X(17, recv)                                                                                    \
    X(18, poll)                                                                                    \
    X(19, spawnvx)                                                                                 \
    X(20, ioctl)                                                                                   \
    X(21, tasks)                                                                                   \
    X(22, sendrecv)                                                                                \
    X(23, files)

#define SYSCALL_ENUM(nr, name) SYS_##name = nr,
enum { SYSCALL_LIST(SYSCALL_ENUM) SYSCALL_COUNT };
#undef SYSCALL_ENUM

/* A call's number with this bit set is the kernel's: a parked call that it
 * finishes by having the task make it again (a woken poll, sendrecv once
 * its send half is done) goes back over its `int $0x80` with this in %eax
 * (kernel/sched.h: sched_unpark_again). A call a task makes with its own
 * number is always a new one; a task that sets the bit itself gets
 * -ENOSYS (unless it makes just the call the kernel asked it to make
 * again, from where it asked: then it is that call). An enum, so that gdb
 * knows it (scripts/coop-gdb.py). */
enum { SYSCALL_AGAIN = 0x40000000 };

/* The selector of the flat user data segment (kernel/mmu.h: SEG_UDATA). */
#define USER_DATA_SEG 0x23

/* wait(WAIT_ANY, ...) waits for whichever child of the caller ends first. */
#define WAIT_ANY (-1)

/* Handles: every program has a table of them, numbered from 0; read,
 * write, send, recv, poll and close take one. A program starts with 0, 1
 * and 2 open (the console, or what its spawner handed it: spawnvx). */
#define FD_STDIN    0
#define FD_STDOUT   1
#define FD_STDERR   2
#define HANDLE_MAX  512  /* handles per program */
#define HANDLE_NONE (-1) /* in a spawnvx handle map: leave this one closed */

/* Channels (chan, send, recv): a message is 1 to CHAN_MSG_MAX bytes; a
 * channel holds up to its capacity of them, CHAN_CAPACITY_MAX at most
 * (capacity 0: a rendezvous, the sender waits until a receiver has taken
 * its message). At most CHAN_MAX channels exist at once. */
#define CHAN_MSG_MAX      256
#define CHAN_CAPACITY_MAX 16
#define CHAN_MAX          1024
#define CHAN_RECV_END     0 /* ends[CHAN_RECV_END] of chan(): receive from it */
#define CHAN_SEND_END     1 /* ends[CHAN_SEND_END]: send into it */

/* sendrecv(out, word, in): a one-word message each way in registers, the
 * send and the receive in one call. SENDRECV_NONE for `out` or `in` leaves
 * that half out. */
#define SENDRECV_WORD 4    /* bytes: the message sent, and the most received */
#define SENDRECV_NONE (-1) /* no handle: no send half, or no receive half */

/* The two system-call gates: `int $SYSCALL_VECTOR` for every call, and
 * `int $FASTCALL_VECTOR`, which makes any call too, but tries sendrecv's
 * fast path first (kernel/fastpath.S; user/lib/coop.h: sendrecv_fast). */
#define SYSCALL_VECTOR  0x80
#define FASTCALL_VECTOR 0x81

/* poll(): wait until one of several handles is ready, or a timeout. */
struct pollreq {
    int handle;
    short events;  /* what to wait for: POLL_IN, POLL_OUT */
    short revents; /* what is ready (set by poll): POLL_IN, POLL_OUT, POLL_HUP, POLL_NVAL */
};
#define POLL_IN      0x1  /* a read or recv would not block */
#define POLL_OUT     0x4  /* a write or send would not block */
#define POLL_HUP     0x10 /* the other end is gone: end of stream, or no receiver */
#define POLL_NVAL    0x20 /* not an open handle */
#define POLL_MAX     256  /* requests per call */
#define POLL_FOREVER (-1) /* timeout: no limit */

/* spawnvx()'s options: the handles the new program starts with, and the
 * job it joins. */
#define SPAWN_MAX_HANDLES 16
#define SPAWN_NEW_JOB     (-1) /* job: a job of its own, numbered by the new task's id */
struct spawn_opts {
    /* The new program's handle i is the caller's handles[i] (HANDLE_NONE:
     * closed), for i < nhandles; its others are closed. nhandles == 0: it
     * gets the caller's 0, 1 and 2. */
    int nhandles;
    int handles[SPAWN_MAX_HANDLES];
    /* 0: the caller's job; SPAWN_NEW_JOB; or a job id (> 0) to join. */
    int job;
};

/* ioctl() requests on a terminal handle (the console, a serial line). */
#define TTY_SET_RAW                                                                                \
    1 /* arg 1: raw (bytes as they come, no echo, no editing), 0: lines; returns the old mode */
#define TTY_GET_RAW 2 /* returns 1 if raw */
#define TTY_SET_FOREGROUND                                                                         \
    3 /* console only: arg = the job Ctrl-C ends (0: none); returns the old one */
#define TTY_GET_FOREGROUND 4 /* console only: the job Ctrl-C ends (0: none) */

/* tasks(): a line of `ps` for each task. */
#define TASK_INFO_STATE_LEN 12
#define TASK_INFO_WAIT_LEN  48
struct task_info {
    int tid;
    int parent; /* its parent's id, 0 for none (init, orphans) */
    int job;
    char program[16];
    char state[TASK_INFO_STATE_LEN]; /* "running", "ready", "sleeping", "waiting", "blocked",
                                        "ended" */
    char waits[TASK_INFO_WAIT_LEN];  /* what it waits on: "task 5 (countdown)", "channel 3 (to
                                        receive)", ... */
};

/* files(): an entry for each file of the initrd (`ls`). */
#define FILE_INFO_NAME_LEN 64 /* the longest name open() and spawnv() take is 63 bytes */
#define FILE_INFO_PROGRAM  1  /* flags: a program spawnv() can start (a valid coop ELF file) */
struct file_info {
    char name[FILE_INFO_NAME_LEN]; /* without a leading "./"; a longer name is cut short */
    unsigned int size;             /* in bytes */
    unsigned int flags;            /* FILE_INFO_PROGRAM, or 0: data */
};

/* Limits on spawnv()'s arguments: how many, and their total size in bytes
 * (with terminating NULs). */
#define SPAWN_MAX_ARGS  32
#define SPAWN_MAX_BYTES 1024

/* What sysinfo() fills in: a snapshot of the kernel for tests and benchmarks. */
struct sysinfo {
    unsigned int tasks_alive; /* tasks that have not ended */
    unsigned int tasks_max;   /* the size of the task table */
    unsigned int pages_free;  /* free physical pages (4 KiB each) */
    unsigned int pages_total; /* physical pages the allocator manages */
    unsigned int task_bytes;  /* kernel bytes per task record */
    unsigned int tick_hz;     /* timer interrupts per second */
    unsigned int preemptive;  /* 1 under sched=preempt, 0 under sched=coop */
    unsigned int quantum_ms;  /* time slice under sched=preempt */
    unsigned int channels;    /* channels alive */
    unsigned int channels_max;
    unsigned int input_lost; /* console input bytes dropped since boot (a full buffer) */
    unsigned int handles;    /* open handles, in all programs */
};
