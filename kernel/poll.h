/* kernel/poll.h: waiting on several handles at once, pyos's iopoll: the
 * poll() system call. A polling task hangs a poll node on each object it
 * polls (a channel, a terminal); whoever changes such an object calls
 * poll_notify(), which makes the task ready to poll again. The cost is in
 * the number of handles polled, never in the number of tasks. */
#pragma once
#include "lib/list.h"
#include <stdbool.h>

struct task;

/* One handle a task polls: linked into the object's list of pollers, and
 * into the task's own list (task->blocked.polls). */
struct poll_node {
    struct list_node on_object;
    struct list_node on_task;
    struct task *task;
};

/* poll_init: every poll node free. Call once at boot. */
void poll_init(void);

/* poll_notify: the object whose pollers `pollers` lists has changed: every
 * task polling it is woken to poll again (its poll() system call runs once
 * more, from the start, as Linux restarts a call; its timeout keeps its
 * original deadline). */
void poll_notify(struct list_node *pollers);

/* poll_cancel: `task` is parked in poll() and is ending, or its time is up:
 * take its nodes off every object. */
void poll_cancel(struct task *task);

/* poll_timeout: the timer says `task`'s poll() is over with nothing ready:
 * it returns 0, with every revents 0. */
void poll_timeout(struct task *task);

/* sys_poll is the call itself (kernel/syscall.h). */
