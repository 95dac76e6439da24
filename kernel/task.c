/* kernel/task.c: the task table, and how tasks start, end, wait for and
 * kill each other. The scheduler's queues are in kernel/sched.c, processes
 * and their stack slots in kernel/process.c. */
#include "kernel/task.h"
#include "kernel/chan.h"
#include "kernel/console.h"
#include "kernel/handle.h"
#include "kernel/dev/timer.h"
#include "kernel/trace.h"
#include "kernel/tty.h"
#include "kernel/mmu.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/fmt.h"
#include "lib/status.h"
#include "lib/string.h"
#include "lib/syscalls.h"

#define TID_MASK (MAX_TASKS - 1)

_Static_assert((MAX_TASKS & TID_MASK) == 0, "MAX_TASKS must be a power of two");
_Static_assert(sizeof(struct task) % sizeof(uint32_t) == 0, "task records are zeroed by words");

/* The task table. A task's id is not its slot: ids only increase (the
 * next is one more than the last given), and a slot is reused as soon as
 * its task is collected. To find a task by id, the records in use hang in
 * MAX_TASKS buckets, by id modulo MAX_TASKS, chained through id_next: ids
 * given out one after another land in different buckets, so a lookup is one
 * index and one comparison unless tasks whose ids are MAX_TASKS apart live
 * at the same time. (An id that was its slot would make a spawn into a
 * nearly full table skip up to MAX_TASKS ids to reach the free slot, and
 * 2^31 ids would run out after 131,072 such spawns.)
 *
 * The first record has room in front of it too, as every other has in the
 * record before it (struct task's v86_room). */
static struct {
    uint32_t v86_room[TF_V86_EXTRA / sizeof(uint32_t)];
    struct task records[MAX_TASKS];
} table;
static struct task *const tasks = table.records;
static struct task *by_id[MAX_TASKS]; /* each bucket's first record */
static struct task *free_records;     /* collected records, chained by id_next */
static unsigned fresh;                /* records from here on were never used */
static unsigned next_tid = 1;         /* at TID_MAX + 1 there are no more */
static unsigned alive;
static int init_tid; /* an id, not a pointer: records are reused, ids are not */
static int init_status;

void tasks_init(void)
{
    /* Nothing to do: the table is in .bss, which the boot loader has
     * zeroed (it loads the kernel's ELF segments, and the bytes of a segment
     * past what the file holds, .bss, are zeroes: QEMU and GRUB both do
     * so), and a record of zeroes is TASK_FREE. This used to clear it again
     * with memset, a byte at a time: 3.5 MiB, 14 million instructions, four
     * fifths of booting. */
    _Static_assert(TASK_FREE == 0, "a zeroed record is free");
}

struct task *task_lookup(int tid)
{
    if (tid <= 0)
        return NULL;
    struct task *t = by_id[tid & TID_MASK];
    while (t && t->tid != tid)
        t = t->id_next;
    return t;
}

unsigned task_alive_count(void)
{
    return alive;
}

void task_set_init(struct task *task)
{
    init_tid = task->tid;
}

int task_init_status(void)
{
    return init_status;
}

unsigned task_bytes(void)
{
    return sizeof(struct task) + sizeof(struct heap_node *) + sizeof by_id[0];
}

void task_set_first_tid(unsigned tid)
{
    ASSERT(next_tid == 1 && tid >= 1 && tid <= TID_MAX);
    next_tid = tid;
}

/* ------------------------------------------------------------ birth */

/* A free record with the next id, in its bucket; NULL if the table is full
 * or the ids have run out. */
static struct task *task_alloc(void)
{
    if (next_tid > TID_MAX) {
        static bool said;
        if (!said)
            kprintf("coop: all %u task ids have been given out: no task can start until "
                    "coop boots again\n",
                    (unsigned)TID_MAX);
        said = true;
        return NULL;
    }
    struct task *t = free_records;
    if (t)
        free_records = t->id_next;
    else if (fresh < MAX_TASKS)
        t = &tasks[fresh++];
    else
        return NULL;
    /* Nothing of the record's last owner may reach the new task. */
    rep_stosl(t, 0, sizeof *t / sizeof(uint32_t));
    t->tid = (int)next_tid++;
    struct task **bucket = &by_id[t->tid & TID_MASK];
    t->id_next = *bucket;
    *bucket = t;
    return t;
}

/* Give back a record task_alloc gave: its id becomes unknown. */
static void task_release(struct task *t)
{
    struct task **p = &by_id[t->tid & TID_MASK];
    while (*p != t)
        p = &(*p)->id_next;
    *p = t->id_next;
    t->state = TASK_FREE;
    t->id_next = free_records;
    free_records = t;
}

struct task *task_spawn(struct process *proc, struct task *parent, uint32_t eip, int *err)
{
    /* The stack first: a spawn that fails must use no id, and task_alloc
     * gives one. */
    int slot = process_stack_alloc(proc);
    if (slot < 0) {
        *err = slot;
        return NULL;
    }
    struct task *t = task_alloc();
    if (!t) {
        process_stack_free(proc, (uint32_t)slot);
        *err = -EAGAIN;
        return NULL;
    }

    t->tf.cs = SEG_UCODE;
    t->tf.ss = SEG_UDATA;
    t->tf.eflags = FL_IF | FL_RESERVED1; /* interrupts on in user mode, no I/O */
    t->tf.eip = eip;
    t->tf.esp = process_stack_top((uint32_t)slot);
    t->stack_slot = (uint32_t)slot;
    t->proc = proc;
    t->pid = proc->pid;
    t->parent = parent;
    t->state = TASK_READY; /* not free; the caller puts it on the ready queue */
    list_node_init(&t->link);
    list_node_init(&t->sibling);
    list_init(&t->children);
    list_init(&t->waiters);
    heap_node_init(&t->sleep);
    strlcpy(t->name, proc->name, sizeof t->name);
    if (parent)
        list_push_back(&parent->children, &t->sibling);
    list_push_back(&proc->members, &t->member);
    t->job = proc->job;
    list_init(&t->blocked.polls);
    proc->tasks++;
    alive++;
    return t;
}

uint32_t task_push(struct task *task, const void *data, uint32_t n)
{
    uint32_t top = process_stack_top(task->stack_slot);
    uint32_t esp = (task->tf.esp - n) & ~3u;
    ASSERT(esp >= top - PAGE_SIZE);
    char *page = vm_user_page(task->proc->pgdir, top - PAGE_SIZE, PTE_W);
    memcpy(page + (esp - (top - PAGE_SIZE)), data, n);
    task->tf.esp = esp;
    return esp;
}

/* ------------------------------------------------------------- ending */

/* Free the record of an ended task: its id becomes unknown. */
static void task_free(struct task *t)
{
    ASSERT(t->state == TASK_ZOMBIE);
    list_remove(&t->sibling);
    task_release(t);
}

/* Store `status` at user address `ustatus` in `task`'s memory, if it gave
 * one: 0, or -EFAULT. */
static int wait_store_status(struct task *task, uint32_t ustatus, int status)
{
    return ustatus ? copy_to_user(task, ustatus, &status, sizeof status) : 0;
}

/* Hand `ended`'s id and status to `waiter` as the result of its wait(), the
 * way pyos's scheduler sends a value into a task, and make it ready. Returns
 * false if the status could not be stored (the waiter's memory changed while
 * it waited): then wait() returns -EFAULT and `ended` is not collected. */
static bool wait_deliver(struct task *waiter, struct task *ended)
{
    int err = wait_store_status(waiter, waiter->wait_status, ended->status);
    waiter->tf.eax = err < 0 ? (uint32_t)err : (uint32_t)ended->tid;
    sched_ready(waiter);
    return err == 0;
}

/* Take `task` off every queue, mark it ended, and give back what it held:
 * its stack slot, and its program when it was the program's last task. */
static void task_leave(struct task *task, int status)
{
    if (task->state == TASK_BLOCKED)
        handle_cancel_wait(task);
    sched_forget(task);
    list_remove(&task->member);
    task->job = task->proc->job; /* for tasks(), once proc is gone */
    task->state = TASK_ZOMBIE;
    task->status = status;
    alive--;
    if (task->tid == init_tid)
        init_status = status;
    struct process *proc = task->proc;
    process_stack_free(proc, task->stack_slot);
    if (--proc->tasks == 0)
        process_destroy(proc);
}

/* `task`'s children are orphans now: nobody will collect them, so the
 * ended ones go at once and the others when they end. */
static void task_orphan_children(struct task *task)
{
    struct list_node *n;
    while ((n = list_pop_front(&task->children))) {
        struct task *child = list_entry(n, struct task, sibling);
        child->parent = NULL;
        if (child->state == TASK_ZOMBIE)
            task_release(child);
    }
}

/* Wake every task waiting for `task` with its status: those in wait(tid) on
 * it, and its parent if that waits for any child. Returns whether the
 * parent got it, which collects it. */
static bool task_deliver_to_waiters(struct task *task)
{
    bool collected = false;
    struct list_node *n;
    while ((n = list_pop_front(&task->waiters))) {
        struct task *waiter = list_entry(n, struct task, link);
        if (wait_deliver(waiter, task) && waiter == task->parent)
            collected = true;
    }
    struct task *parent = task->parent;
    if (parent && parent->state == TASK_WAITING && parent->wait_for == WAIT_ANY)
        collected = wait_deliver(parent, task);
    return collected;
}

void task_end(struct task *task, int status)
{
    ASSERT(task->state != TASK_FREE && task->state != TASK_ZOMBIE);
    task_leave(task, status);
    task_orphan_children(task);
    bool collected = task_deliver_to_waiters(task);
    if (collected || !task->parent) {
        task_free(task);
    } else {
        /* Kept for its parent. Ended children go first, so that
         * wait(WAIT_ANY) finds one in O(1). */
        list_remove(&task->sibling);
        list_push_front(&task->parent->children, &task->sibling);
    }
}

/* ----------------------------------------------------- waiting and killing */

/* May `task` wait on or kill `target`? Its children, and its own program. */
static bool task_may_touch(const struct task *task, const struct task *target)
{
    return target->parent == task || target->pid == task->pid;
}

int task_wait(struct task *task, int tid, uint32_t ustatus)
{
    struct task *target;
    if (tid == WAIT_ANY) {
        if (list_empty(&task->children))
            return -ECHILD;
        target = list_entry(task->children.next, struct task, sibling);
    } else {
        if (tid <= 0)
            return -EINVAL;
        if (tid == task->tid)
            return -EDEADLK;
        target = task_lookup(tid);
        if (!target)
            return -ESRCH;
        if (!task_may_touch(task, target))
            return -EPERM;
    }

    if (target->state == TASK_ZOMBIE) { /* it has ended: the answer is now */
        if (wait_store_status(task, ustatus, target->status) < 0)
            return -EFAULT;
        int ended = target->tid;
        if (target->parent == task)
            task_free(target);
        return ended;
    }

    /* Block. Check `ustatus` now, so that a bad pointer fails at once. */
    if (ustatus && uaccess_check(task, ustatus, sizeof(int), true) < 0)
        return -EFAULT;
    sched_block(task, TASK_WAITING);
    task->wait_status = ustatus;
    task->wait_for = tid;
    if (tid != WAIT_ANY)
        list_push_back(&target->waiters, &task->link);
    return 0;
}

int task_job_allowed(const struct task *task, int job)
{
    struct process *p = process_in_job(job);
    if (!p)
        return -ESRCH;
    if (p->job_owner != task->pid && task->job != job)
        return -EPERM;
    return 0;
}

/* kill(-job): every task of job `job`, if task_job_allowed. The caller
 * itself may be one of them (then it does not return). */
static int task_kill_whole_job(struct task *task, int job)
{
    int err = task_job_allowed(task, job);
    if (err < 0)
        return err;
    task_kill_job(job);
    return 0;
}

int task_kill(struct task *task, int tid)
{
    if (tid < -1)
        return task_kill_whole_job(task, -tid);
    if (tid <= 0)
        return -EINVAL;
    struct task *target = task_lookup(tid);
    if (!target || target->state == TASK_ZOMBIE)
        return -ESRCH;
    if (!task_may_touch(task, target))
        return -EPERM;
    task_end(target, STATUS_KILL);
    return 0;
}

static const char *state_name(enum task_state s)
{
    static const char *const names[] = {"free",    "running", "ready", "sleeping",
                                        "waiting", "blocked", "ended"};
    return names[s];
}

/* What a blocked task's call is parked for, in words. */
static const char *blocked_what(enum task_wait kind)
{
    switch (kind) {
    case WAIT_CHAN_RECV:
    case WAIT_CHAN_READ:
    case WAIT_CHAN_RECVW:
        return "to receive";
    case WAIT_CHAN_SEND:
    case WAIT_CHAN_WRITE:
    case WAIT_CHAN_SENDW:
        return "to send";
    case WAIT_TTY_READ:
        return "input";
    case WAIT_TTY_WRITE:
        return "output";
    default:
        return "";
    }
}

int task_wait_describe(const struct task *t, char *buf, size_t size)
{
    const struct task *target;
    switch (t->state) {
    case TASK_WAITING:
        if (t->wait_for == WAIT_ANY)
            return fmt_snprintf(buf, size, "for any of its children");
        target = task_lookup(t->wait_for);
        return fmt_snprintf(buf, size, "for task %d (%s)", t->wait_for,
                            target ? target->name : "?");
    case TASK_SLEEPING:
        return fmt_snprintf(buf, size, "on the timer (%u ms left)",
                            (unsigned)timer_ticks_to_ms(t->sleep.key - timer_ticks(), timer_hz()));
    case TASK_BLOCKED:
        if (t->blocked.kind == WAIT_POLL)
            return fmt_snprintf(buf, size, "in poll on %u handles%s", (unsigned)t->tf.ecx,
                                heap_node_queued(&t->sleep) ? ", with a timeout" : "");
        if (t->blocked.kind == WAIT_TTY_READ || t->blocked.kind == WAIT_TTY_WRITE)
            return fmt_snprintf(buf, size, "on %s %s", tty_name(t->blocked.obj),
                                blocked_what(t->blocked.kind));
        return fmt_snprintf(buf, size, "on channel %u, %s",
                            ((const struct channel *)t->blocked.obj)->id,
                            blocked_what(t->blocked.kind));
    default:
        return fmt_snprintf(buf, size, "%s", "");
    }
}

void task_blocked_report(void)
{
    for (unsigned i = 0; i < fresh; i++) {
        struct task *t = &tasks[i];
        if (t->state == TASK_FREE || t->state == TASK_ZOMBIE)
            continue;
        char waits[TASK_INFO_WAIT_LEN];
        task_wait_describe(t, waits, sizeof waits);
        kprintf("  task %d (%s) is %s%s%s\n", t->tid, t->name, state_name(t->state),
                waits[0] ? " " : "", waits);
    }
}

void task_kill_job(int job)
{
    struct process *p;
    while ((p = process_in_job(job))) {
        struct task *t = list_entry(p->members.next, struct task, member);
        if (trace_on)
            trace_event(TRACE_END, t->tid, STATUS_KILL, 0, NULL);
        task_end(t, STATUS_KILL);
    }
}

int task_info_next(int *cursor, struct task_info *info)
{
    while (*cursor < (int)fresh) { /* records past `fresh` were never used */
        const struct task *t = &tasks[(*cursor)++];
        if (t->state == TASK_FREE)
            continue;
        /* A program's job is set after its first task is made
         * (kernel/program.c), so ask the program while there is one. */
        int job = t->state == TASK_ZOMBIE ? t->job : t->proc->job;
        *info =
            (struct task_info){.tid = t->tid, .parent = t->parent ? t->parent->tid : 0, .job = job};
        strlcpy(info->program, t->name, sizeof info->program);
        strlcpy(info->state, state_name(t->state), sizeof info->state);
        task_wait_describe(t, info->waits, sizeof info->waits);
        return 1;
    }
    return 0;
}
