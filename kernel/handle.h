/* kernel/handle.h: handles. Every program (process) has a table of
 * HANDLE_MAX of them, shared by its tasks; a handle is a small number that
 * names a kernel object the program may use: a terminal (the console, a
 * serial line), one end of a channel, or a file of the initrd. read, write,
 * send, recv, poll, ioctl and close take a handle, and this module sends
 * each to the object behind it. */
#pragma once
#include "kernel/process.h"
#include "lib/list.h"
#include "lib/syscalls.h"
#include <stdbool.h>
#include <stdint.h>

struct process;
struct task;

enum handle_kind {
    HANDLE_FREE = 0,
    HANDLE_TTY,  /* obj: struct tty (kernel/tty.h) */
    HANDLE_RECV, /* obj: struct channel (kernel/chan.h), its receive end */
    HANDLE_SEND, /* obj: struct channel, its send end */
    HANDLE_FILE, /* obj: struct file (kernel/file.h) */
};

struct handle {
    enum handle_kind kind;
    void *obj;
};

/* handle_table_create: give `proc` an empty handle table. 0 or -ENOMEM. */
int handle_table_create(struct process *proc);

/* handle_table_destroy: close every handle of `proc` and free its table. */
void handle_table_destroy(struct process *proc);

/* handle_get: the open handle `h` of `proc`, or NULL. Inline: every call
 * on a handle starts here. */
static inline struct handle *handle_get(struct process *proc, int h)
{
    if (h < 0 || h >= HANDLE_MAX || proc->handles[h].kind == HANDLE_FREE)
        return NULL;
    return &proc->handles[h];
}

/* handle_install: put a reference to `obj` (one the caller holds and gives
 * to the table) in the lowest free handle of `proc`. Returns the handle, or
 * -EMFILE (and the reference is dropped). */
int handle_install(struct process *proc, enum handle_kind kind, void *obj);

/* handle_copy: make handle `to` of `dst` (free) refer to what handle `from`
 * of `src` does, as one more reference to it. 0, or -EBADF. */
int handle_copy(struct process *dst, int to, struct process *src, int from);

/* handle_close: close handle `h` of `proc`. Tasks of `proc` parked on its
 * object through `h` get -EBADF (kernel/chan.h: chan_close_handle), and
 * tasks polling the object poll again. 0, or -EBADF. */
int handle_close(struct process *proc, int h);

/* handle_read, handle_write: the read() and write() calls of `task` on
 * handle h, with its buffer at user address buf of n bytes: the call's
 * ecx and edx, from where a channel's code reads them (kernel/chan.h). The result, or
 * 0 with the task parked (kernel/chan.h). -EBADF when h is not open or
 * cannot do that (write to a receive end, read from a send end). */
int handle_read(struct task *task, int h, uint32_t buf, uint32_t n);
int handle_write(struct task *task, int h, uint32_t buf, uint32_t n);

/* handle_poll_events: what is ready on handle h of `proc` of what
 * `events` asks (POLL_IN, POLL_OUT), plus POLL_HUP and POLL_NVAL whatever
 * it asks (lib/syscalls.h). */
int handle_poll_events(struct process *proc, int h, int events);

/* handle_pollers: the list of poll nodes of the object behind the open
 * handle h of `proc` (kernel/poll.h). */
struct list_node *handle_pollers(struct process *proc, int h);

/* handle_cancel_wait: `task`, TASK_BLOCKED on some object, is ending: take
 * it off that object. */
void handle_cancel_wait(struct task *task);

/* handle_count: handles open now, in every program. */
unsigned handle_count(void);
