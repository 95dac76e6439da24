/* kernel/task.c: task records, stack slots, and how tasks end, wait for and
 * kill each other. The scheduler's queues are in kernel/sched.c. */
#include "kernel/task.h"
#include "kernel/console.h"
#include "kernel/mmu.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/uaccess.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/exception.h"
#include "lib/status.h"
#include "lib/string.h"
#include "lib/syscalls.h"

#define TID_MASK (MAX_TASKS - 1)
#define TID_MAX  0x7FFFFFFF

_Static_assert((MAX_TASKS & TID_MASK) == 0, "MAX_TASKS must be a power of two");
_Static_assert(sizeof(struct task) % sizeof(uint32_t) == 0, "task records are zeroed by words");
_Static_assert(USTACK_SLOTS <= PAGE_SIZE * 8, "the stack-slot bitmap fits in a page");
_Static_assert(USTACK_SLOTS % BITMAP_WORD_BITS == 0, "the stack-slot bitmap is whole words");
_Static_assert(USTACK_SLOTS >= MAX_TASKS, "a program never runs out of stack slots before tasks");

/* The task table: a task's slot is its id modulo MAX_TASKS, so finding a task
 * by id is one array index and one comparison. The first record has room in
 * front of it too, as every other has in the record before it (struct task's
 * v86_room). */
static struct {
    uint32_t v86_room[TF_V86_EXTRA / sizeof(uint32_t)];
    struct task records[MAX_TASKS];
} table;
static struct task *const tasks = table.records;
static struct process processes[MAX_PROCESSES];
static int next_tid = 1;
static unsigned next_pid = 1;
static unsigned alive;
static int init_tid; /* an id, not a pointer: records are reused */
static int init_status;

void tasks_init(void)
{
    memset(&table, 0, sizeof table);
}

struct task *task_lookup(int tid)
{
    if (tid <= 0)
        return NULL;
    struct task *t = &tasks[tid & TID_MASK];
    return t->state != TASK_FREE && t->tid == tid ? t : NULL;
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
    return sizeof(struct task) + sizeof(struct heap_node *);
}

/* ---------------------------------------------------------------- processes */

struct process *process_create(const char *name, int *err)
{
    struct process *p = NULL;
    for (int i = 0; i < MAX_PROCESSES && !p; i++)
        if (!processes[i].pgdir)
            p = &processes[i];
    if (!p) {
        *err = -EAGAIN;
        return NULL;
    }
    memset(p, 0, sizeof *p);
    uint32_t *stack_words = page_alloc();
    p->pgdir = stack_words ? vm_create() : NULL;
    if (!p->pgdir) {
        if (stack_words)
            page_free(stack_words);
        *err = -ENOMEM;
        return NULL;
    }
    bitmap_init(&p->stacks, stack_words, USTACK_SLOTS);
    p->pid = next_pid++;
    strlcpy(p->name, name, sizeof p->name);
    return p;
}

void process_destroy(struct process *proc)
{
    ASSERT(proc->tasks == 0);
    /* Never pull the page directory out from under the CPU. Only when the
     * running task's own program ends can it be the one loaded. */
    if (vm_current_pgdir == proc->pgdir)
        vm_switch(vm_kernel_pgdir());
    vm_destroy(proc->pgdir);
    page_free(proc->stacks.words);
    proc->pgdir = NULL;
}

/* ------------------------------------------------------------- stack slots */

static uint32_t slot_base(uint32_t slot)
{
    return USER_STACKS + slot * USTACK_SLOT;
}

/* A freed slot keeps its pages: the next task of the program that gets the
 * slot finds its stack ready, with no page to allocate and zero. Its old
 * contents belong to the same program, so nothing leaks. The pages go back
 * when the program ends. */
static void stack_slot_free(struct process *p, uint32_t slot)
{
    bitmap_free(&p->stacks, slot);
}

/* Is the user page at va mapped? */
static bool page_mapped(pde_t *pgdir, uint32_t va)
{
    pte_t *pte = vm_lookup(pgdir, va);
    return pte && (*pte & PTE_P);
}

int task_stack_fault(struct task *task, uint32_t addr)
{
    if (addr < USER_STACKS || addr >= USER_TOP)
        return -EFAULT;
    uint32_t slot = (addr - USER_STACKS) / USTACK_SLOT;
    if (!bitmap_test(&task->proc->stacks, slot) || addr - slot_base(slot) < USTACK_GUARD)
        return -EFAULT;
    uint32_t page = addr & ~(uint32_t)(PAGE_SIZE - 1);
    if (page_mapped(task->proc->pgdir, page))
        return -EFAULT; /* mapped already: a protection fault, not a missing page */
    return vm_map_zero(task->proc->pgdir, page, PTE_W) == 0 ? 0 : -EFAULT;
}

/* ------------------------------------------------------------ birth */

static struct task *task_alloc(void)
{
    for (int tries = 0; tries < MAX_TASKS; tries++) {
        int tid = next_tid;
        next_tid = next_tid == TID_MAX ? 1 : next_tid + 1;
        struct task *t = &tasks[tid & TID_MASK];
        if (t->state == TASK_FREE) {
            /* Nothing of the record's last owner may reach the new task. */
            rep_stosl(t, 0, sizeof *t / sizeof(uint32_t));
            t->tid = tid;
            return t;
        }
    }
    return NULL;
}

struct task *task_spawn(struct process *proc, struct task *parent, uint32_t eip, int *err)
{
    struct task *t = task_alloc();
    if (!t) {
        *err = -EAGAIN;
        return NULL;
    }
    int slot = bitmap_alloc(&proc->stacks);
    uint32_t top = slot >= 0 ? slot_base((uint32_t)slot) + USTACK_SLOT : 0;
    if (slot < 0 || (!page_mapped(proc->pgdir, top - PAGE_SIZE) &&
                     vm_map_zero(proc->pgdir, top - PAGE_SIZE, PTE_W) < 0)) {
        if (slot >= 0)
            stack_slot_free(proc, (uint32_t)slot);
        *err = -ENOMEM;
        return NULL; /* t is still TASK_FREE */
    }

    t->tf.cs = SEG_UCODE;
    t->tf.ss = SEG_UDATA;
    t->tf.eflags = FL_IF | FL_RESERVED1; /* interrupts on in user mode, no I/O */
    t->tf.eip = eip;
    t->tf.esp = top;
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
    proc->tasks++;
    alive++;
    return t;
}

uint32_t task_push(struct task *task, const void *data, uint32_t n)
{
    uint32_t top = slot_base(task->stack_slot) + USTACK_SLOT;
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
    t->state = TASK_FREE;
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

void task_end(struct task *task, int status)
{
    ASSERT(task->state != TASK_FREE && task->state != TASK_ZOMBIE);
    sched_forget(task);
    task->state = TASK_ZOMBIE;
    task->status = status;
    alive--;
    if (task->tid == init_tid)
        init_status = status;

    struct process *proc = task->proc;
    stack_slot_free(proc, task->stack_slot);
    if (--proc->tasks == 0)
        process_destroy(proc);

    /* Its children are orphans now: nobody will collect them, so the ended
     * ones go at once and the others when they end. */
    struct list_node *n;
    while ((n = list_pop_front(&task->children))) {
        struct task *child = list_entry(n, struct task, sibling);
        child->parent = NULL;
        if (child->state == TASK_ZOMBIE)
            child->state = TASK_FREE;
    }

    bool collected = false;
    while ((n = list_pop_front(&task->waiters))) {
        struct task *waiter = list_entry(n, struct task, link);
        if (wait_deliver(waiter, task) && waiter == task->parent)
            collected = true;
    }
    struct task *parent = task->parent;
    if (parent && parent->state == TASK_WAITING && parent->wait_for == WAIT_ANY)
        collected = wait_deliver(parent, task);

    if (collected || !parent) {
        task_free(task);
    } else {
        /* Ended children go first, so that wait(WAIT_ANY) finds one in O(1). */
        list_remove(&task->sibling);
        list_push_front(&parent->children, &task->sibling);
    }
}

static const char *fault_access(uint32_t err)
{
    return err & PF_WRITE ? "write to" : "read from";
}

void task_fault(struct task *task)
{
    struct trapframe *tf = &task->tf;
    if (tf->eflags & FL_VM) {
        /* Not a trap number of its own: a real CPU would have ignored the VM
         * flag, so call it what the iret deserved, a protection fault. */
        kprintf("coop: task %d (%s) faulted: %s (%s): an iret into virtual-8086 mode\n", task->tid,
                task->name, exception_name(T_GPFLT), exception_mnemonic(T_GPFLT));
        task_end(task, STATUS_FAULT(T_GPFLT));
        return;
    }
    kprintf("coop: task %d (%s) faulted: %s (%s) at eip 0x%08x", task->tid, task->name,
            exception_name(tf->trapno), exception_mnemonic(tf->trapno), tf->eip);
    if (tf->trapno == T_PGFLT) {
        uint32_t addr = rcr2();
        const char *what = addr < PAGE_SIZE         ? "a NULL pointer"
                           : addr < USER_BASE       ? "kernel memory"
                           : (tf->err & PF_PRESENT) ? "a read-only page"
                                                    : "an unmapped page";
        kprintf(": %s %s at 0x%08x", fault_access(tf->err), what, addr);
        if (addr >= USER_STACKS && addr < USER_TOP &&
            (addr - USER_STACKS) % USTACK_SLOT < USTACK_GUARD)
            kprintf(" (a stack's guard page: stack overflow?)");
    } else if (tf->err) {
        kprintf(", error code 0x%x", tf->err);
    }
    kprintf("\n");
    task_end(task, STATUS_FAULT(tf->trapno));
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

int task_kill(struct task *task, int tid)
{
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
    static const char *const names[] = {"free", "running", "ready", "sleeping", "waiting", "ended"};
    return names[s];
}

void task_blocked_report(void)
{
    for (int i = 0; i < MAX_TASKS; i++) {
        struct task *t = &tasks[i];
        if (t->state == TASK_FREE || t->state == TASK_ZOMBIE)
            continue;
        kprintf("  task %d (%s) is %s", t->tid, t->name, state_name(t->state));
        if (t->state == TASK_WAITING && t->wait_for == WAIT_ANY) {
            kprintf(" for any of its children\n");
        } else if (t->state == TASK_WAITING) {
            struct task *target = task_lookup(t->wait_for);
            kprintf(" for task %d (%s)\n", t->wait_for, target ? target->name : "?");
        } else {
            kprintf("\n");
        }
    }
}
