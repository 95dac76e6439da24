/* kernel/task.h: tasks. A task is pyos's Task: a coroutine the scheduler
 * resumes until it traps. Its whole saved state is its trap frame, which
 * comes first in the record; the CPU writes into it directly on every trap
 * from user mode. Every task belongs to a process (kernel/process.h), one
 * running program, whose address space it shares with the program's other
 * tasks. */
#pragma once
#include "kernel/config.h"
#include "kernel/process.h"
#include "kernel/trap.h"
#include "lib/heap.h"
#include "lib/list.h"
#include "lib/syscalls.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum task_state {
    TASK_FREE = 0, /* the record is unused */
    TASK_RUNNING,  /* at the ready ring's hand (kernel/sched.c): in user mode
                      right now, or being handled after a trap */
    TASK_READY,    /* in the ready queue, waiting for its turn */
    TASK_SLEEPING, /* in the sleepers heap until its wake-up tick */
    TASK_WAITING,  /* in wait(): for a task (on its waiters list) or any child */
    TASK_BLOCKED,  /* parked on a kernel object (a channel, a terminal), or on
                      several (poll), until it can do what it asked: `wait`
                      says what */
    TASK_ZOMBIE,   /* ended; keeps its status until its parent collects it */
};

/* What a TASK_BLOCKED task is parked for: the system call it made, which
 * whoever changes the object completes for it (its arguments are still in
 * its saved registers: handle in ebx, buffer in ecx, length in edx). */
enum task_wait {
    WAIT_NONE = 0,
    WAIT_CHAN_RECV,  /* recv() on a channel: `obj` */
    WAIT_CHAN_READ,  /* read() on a channel */
    WAIT_CHAN_SEND,  /* send() into a channel (full, or a rendezvous) */
    WAIT_CHAN_WRITE, /* write() into a channel: `done` bytes of it sent */
    WAIT_CHAN_SENDW, /* sendrecv(), its send half: the word is in ecx */
    WAIT_CHAN_RECVW, /* sendrecv(), its receive half: through the handle in edx, into ecx */
    WAIT_TTY_READ,   /* read() on a terminal: `obj` */
    WAIT_TTY_WRITE,  /* write() on a terminal: `done` bytes of it out */
    WAIT_POLL,       /* poll(): on the nodes in `polls`, maybe with a timeout */
};

struct task {
    struct trapframe tf; /* first: the TSS points just past it */
    int tid;
    enum task_state state;
    struct task *id_next;      /* in use: the next record in its id bucket (kernel/task.c);
                                  free: the next free record */
    struct process *proc;      /* its program (stale once the task has ended) */
    unsigned pid;              /* proc->pid, kept after the task ends */
    int job;                   /* proc->job, kept when the task ends */
    struct task *parent;       /* who spawned it; NULL for init and orphans */
    struct list_node link;     /* in the ready queue, or a waiters list */
    struct list_node sibling;  /* in parent->children (ended ones first) */
    struct list_node children; /* tasks it spawned and has not collected */
    struct list_node waiters;  /* tasks blocked in wait() for this one */
    struct heap_node sleep;    /* in the sleepers heap while sleeping */
    int wait_for;              /* TASK_WAITING: a tid, or WAIT_ANY */
    uint32_t wait_status;      /* TASK_WAITING: where to store the status (0: nowhere) */
    int status;                /* TASK_ZOMBIE: how it ended (lib/status.h) */
    struct {
        enum task_wait kind;
        void *obj;              /* the channel or terminal */
        uint32_t done;          /* bytes of a write (or send) done so far */
        struct list_node polls; /* WAIT_POLL: its struct poll_nodes */
        uint64_t deadline;      /* WAIT_POLL with a timeout: the tick it ends at */
        uint32_t again_at;      /* woken to make its call again (sched_unpark_again): the
                                   address of that int $0x80; 0: none */
        uint32_t again_nr;      /* ... and the call's number */
        unsigned in_id;         /* sendrecv, its send half parked: the id of the channel
                                   `in` named, which the call made again must find there */
    } blocked;                  /* TASK_BLOCKED: what for */
    struct list_node member;    /* in proc->members */
    bool trace_ready;           /* the recorder has seen it become ready (kernel/sched.c) */
    uint32_t stack_slot;        /* its user stack's slot in proc */
    char name[TASK_NAME_LEN];
    /* Not this task's: room for the four words a trap from virtual-8086
     * mode pushes below the *next* record's trap frame (kernel/trapentry.S,
     * v86_trap), which would otherwise land on this record's fields. */
    uint32_t v86_room[TF_V86_EXTRA / sizeof(uint32_t)];
};

/* tasks_init: empty task table. */
void tasks_init(void);

/* task_lookup: the task with id `tid` (any state but free), or NULL. O(1)
 * unless many records' ids are equal modulo MAX_TASKS: then it walks them. */
struct task *task_lookup(int tid);

/* task_alive_count: tasks that have not ended. */
unsigned task_alive_count(void);

/* task_spawn: a new task in `proc` that will start in user mode at `eip`,
 * with its stack pointer at the top of a fresh stack slot whose top page is
 * mapped. Its parent is `parent` (NULL for init). Not yet runnable: the caller
 * pushes its arguments (task_push) and makes it ready (sched_ready). Returns
 * the task, or NULL and *err = -EAGAIN (the task table is full, or every
 * task id has been given out) or -ENOMEM. A call that fails uses no id. */
struct task *task_spawn(struct process *proc, struct task *parent, uint32_t eip, int *err);

/* task_push: copy n bytes onto the new task's stack (below what is there
 * already, 4-byte aligned) and return their user address. The total pushed
 * must fit in the stack's top page (PAGE_SIZE). */
uint32_t task_push(struct task *task, const void *data, uint32_t n);

/* task_end: end `task` with `status` (lib/status.h), wherever it is: take it
 * off the ready queue, the sleepers or a waiters list, wake the tasks waiting
 * for it, free its stack, and free the program when it was its last task. */
void task_end(struct task *task, int status);

/* task_wait: the wait() system call: if `tid` (or, for WAIT_ANY, any child)
 * has ended, store its status at user address `ustatus` (unless 0) and return
 * its id, collecting it if `task` is its parent; otherwise block `task` until
 * it ends and return 0 (the answer is written into task->tf then). Negative
 * error code if the wait is not allowed, or -EFAULT if `ustatus` is not the
 * task's writable memory (then nothing is collected). */
int task_wait(struct task *task, int tid, uint32_t ustatus);

/* task_job_allowed: may the program of `task` act on job `job` as a whole
 * (kill(-job), or start a program in it with spawnvx): it started the job,
 * or is in it? 0, or -ESRCH (no program is left in the job) or -EPERM.
 * Joining is no way round the kill: a program that could join any job
 * could kill any job from inside it. */
int task_job_allowed(const struct task *task, int job);

/* task_kill: the kill() system call for `task` on `tid`, or, for tid < -1,
 * on every task of job -tid. Returns 0 or a negative error code. */
int task_kill(struct task *task, int tid);

/* task_blocked_report: print each task that has not ended, its state and
 * what it waits for (the deadlock report). */
void task_blocked_report(void) __attribute__((cold));

/* task_wait_describe: what `t` waits for, in words, into buf (size bytes,
 * truncated like snprintf): "for task 3 (countdown)", "for any of its
 * children", "on the timer (12 ms left)", "on channel 4, to receive",
 * "on console input", "in poll on 3 handles"; "" when it waits for nothing.
 * Returns the length the whole text has. */
int task_wait_describe(const struct task *t, char *buf, size_t size);

/* task_kill_job: end every task of every program in job `job` (Ctrl-C on
 * the console, for its foreground job). */
void task_kill_job(int job);

/* task_info_next: the `ps` line (lib/syscalls.h) of the next task that is
 * not free, from table slot *cursor on (start at 0), in *info; moves
 * *cursor past it. Returns 1, or 0 when there is none left. */
int task_info_next(int *cursor, struct task_info *info);

/* task_set_first_tid: the id the next task gets, `tid` (1 to TID_MAX),
 * instead of 1; only before any task exists (firsttid=, for seeing what
 * happens when the ids run out). */
void task_set_first_tid(unsigned tid);

/* task_set_init: remember `task` as init, whose status coop powers off with. */
void task_set_init(struct task *task);

/* task_init_status: the status init's first task ended with. */
int task_init_status(void);

/* task_bytes: kernel memory per task: its record and its sleepers-heap slot. */
unsigned task_bytes(void);
