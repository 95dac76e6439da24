/* kernel/poll.c: poll(), the multi-wait. A task that finds none of its
 * handles ready hangs a node on each one's object and parks (and, with a
 * timeout, sets an alarm). When one of those objects changes, poll_notify()
 * takes all the task's nodes down and makes it ready with its eip moved
 * back onto its `int $0x80`: it polls again, from the start, and either
 * finds something ready or parks again. That is pyos's iopoll: a task
 * waiting for I/O is rescheduled when select() says it may go on, and tries
 * again. */
#include "kernel/poll.h"
#include "kernel/handle.h"
#include "kernel/panic.h"
#include "kernel/sched.h"
#include "kernel/syscall.h"
#include "kernel/task.h"
#include "kernel/dev/timer.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

#define POLL_NODES 16384 /* nodes for all parked pollers together */

static struct poll_node nodes[POLL_NODES];
static unsigned nodes_used; /* never used beyond this index yet */
static struct list_node free_nodes;

/* The requests of the poll() being handled: one kernel stack and no
 * preemption inside the kernel, so one buffer serves every call. */
static struct pollreq reqs[POLL_MAX];

void poll_init(void)
{
    list_init(&free_nodes);
    nodes_used = 0;
}

static struct poll_node *node_alloc(void)
{
    if (!list_empty(&free_nodes))
        return list_entry(list_pop_front(&free_nodes), struct poll_node, on_object);
    return nodes_used < POLL_NODES ? &nodes[nodes_used++] : NULL;
}

void poll_cancel(struct task *task)
{
    struct list_node *n;
    while ((n = list_pop_front(&task->blocked.polls))) {
        struct poll_node *node = list_entry(n, struct poll_node, on_task);
        list_remove(&node->on_object);
        list_push_back(&free_nodes, &node->on_object);
    }
    task->blocked.kind = WAIT_NONE;
}

void poll_notify(struct list_node *pollers)
{
    while (!list_empty(pollers)) {
        struct task *task = list_entry(pollers->next, struct poll_node, on_object)->task;
        poll_cancel(task); /* takes this node off `pollers` too */
        sched_alarm_cancel(task);
        sched_unpark_again(task, SYS_poll);
    }
}

void poll_timeout(struct task *task)
{
    poll_cancel(task);
    /* Every revents 0 (the array was checked writable when the task
     * parked; should its memory be gone, there is nothing to clear). */
    uint32_t ureqs = task->tf.ebx, n = task->tf.ecx;
    for (uint32_t i = 0; i < n; i++) {
        short zero = 0;
        copy_to_user(task, ureqs + i * sizeof(struct pollreq) + offsetof(struct pollreq, revents),
                     &zero, sizeof zero);
    }
    task->tf.eax = 0;
    sched_ready(task);
}

/* Fill in every revents; returns how many requests have something. */
static int poll_scan(struct process *proc, int n)
{
    int ready = 0;
    for (int i = 0; i < n; i++) {
        reqs[i].revents = (short)handle_poll_events(proc, reqs[i].handle, reqs[i].events);
        ready += reqs[i].revents != 0;
    }
    return ready;
}

/* Hang a node on the object of every request. Returns 0, or -EAGAIN when
 * the nodes run out (none is left hanging then). */
static int poll_hang(struct task *task, int n)
{
    for (int i = 0; i < n; i++) {
        struct poll_node *node = node_alloc();
        if (!node) {
            poll_cancel(task);
            return -EAGAIN;
        }
        node->task = task;
        list_push_back(handle_pollers(task->proc, reqs[i].handle), &node->on_object);
        list_push_back(&task->blocked.polls, &node->on_task);
    }
    return 0;
}

/* poll(reqs = ebx, n = ecx, timeout_ms = edx); `restart`: made again
 * (sys_poll_again), with the deadline of its first time. */
static int poll_call(struct task *task, bool restart)
{
    uint32_t ureqs = task->tf.ebx;
    int n = (int)task->tf.ecx, timeout = (int)task->tf.edx;
    if (n < 0 || n > POLL_MAX || timeout < POLL_FOREVER)
        return -EINVAL;
    uint32_t bytes = (uint32_t)n * sizeof(struct pollreq);
    if (uaccess_check(task, ureqs, bytes, true) < 0 || copy_from_user(task, reqs, ureqs, bytes) < 0)
        return -EFAULT;

    int ready = poll_scan(task->proc, n);
    /* A restarted poll keeps its first deadline: it is over if that passed. */
    bool expired = restart && timeout > 0 && timer_ticks() >= task->blocked.deadline;
    if (ready || timeout == 0 || expired)
        return copy_to_user(task, ureqs, reqs, bytes) < 0 ? -EFAULT : ready;

    int err = poll_hang(task, n);
    if (err < 0)
        return err;
    sched_block(task, TASK_BLOCKED);
    task->blocked.kind = WAIT_POLL;
    task->blocked.obj = NULL;
    if (timeout > 0) {
        if (!restart)
            task->blocked.deadline = timer_ticks() + timer_ms_to_ticks((uint32_t)timeout) + 1;
        sched_alarm(task, task->blocked.deadline);
    }
    return 0;
}

int sys_poll(struct task *task)
{
    return poll_call(task, false);
}

/* A woken poll, made again (poll_notify, syscall_unlisted): it looks from the
 * start, and keeps its first deadline. */
int sys_poll_again(struct task *task)
{
    return poll_call(task, true);
}
