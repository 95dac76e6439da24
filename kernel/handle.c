/* kernel/handle.c: handle tables, and the switch that sends a call on a
 * handle to the object behind it: a terminal (kernel/tty.c), a channel end
 * (kernel/chan.c) or an initrd file (kernel/file.c). A table is a page of
 * struct handle, allocated with its process. */
#include "kernel/handle.h"
#include "kernel/chan.h"
#include "kernel/config.h"
#include "kernel/file.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/poll.h"
#include "kernel/process.h"
#include "kernel/task.h"
#include "kernel/tty.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/syscalls.h"

_Static_assert(HANDLE_MAX * sizeof(struct handle) <= PAGE_SIZE, "a handle table fits in a page");

static unsigned open_handles;

int handle_table_create(struct process *proc)
{
    proc->handles = page_alloc(); /* zeroed: every handle HANDLE_FREE */
    return proc->handles ? 0 : -ENOMEM;
}

/* Drop one reference to the object of handle `hd`, and free the handle. */
static void handle_release(struct handle *hd)
{
    switch (hd->kind) {
    case HANDLE_RECV:
    case HANDLE_SEND:
        chan_close_end(hd->obj, hd->kind == HANDLE_SEND);
        break;
    case HANDLE_FILE:
        file_unref(hd->obj);
        break;
    case HANDLE_TTY: /* terminals live for ever */
    case HANDLE_FREE:
        break;
    }
    if (hd->kind != HANDLE_FREE)
        open_handles--;
    hd->kind = HANDLE_FREE;
    hd->obj = NULL;
}

/* One more reference to the object of `hd`. */
static void handle_reference(const struct handle *hd)
{
    if (hd->kind == HANDLE_RECV || hd->kind == HANDLE_SEND)
        chan_open_end(hd->obj, hd->kind == HANDLE_SEND);
    else if (hd->kind == HANDLE_FILE)
        file_ref(hd->obj);
}

void handle_table_destroy(struct process *proc)
{
    if (!proc->handles)
        return;
    /* Only as far as handles were ever used: a program ending must not cost
     * a look at all HANDLE_MAX (starting a program, make bench). */
    for (int h = 0; h < proc->handles_used; h++)
        handle_release(&proc->handles[h]);
    page_free(proc->handles);
    proc->handles = NULL;
}

int handle_install(struct process *proc, enum handle_kind kind, void *obj)
{
    for (int h = 0; h < HANDLE_MAX; h++) {
        if (proc->handles[h].kind == HANDLE_FREE) {
            proc->handles[h] = (struct handle){kind, obj};
            if (h >= proc->handles_used)
                proc->handles_used = h + 1;
            open_handles++;
            return h;
        }
    }
    struct handle dropped = {kind, obj};
    open_handles++; /* handle_release counts it back down */
    handle_release(&dropped);
    return -EMFILE;
}

int handle_copy(struct process *dst, int to, struct process *src, int from)
{
    struct handle *hd = handle_get(src, from);
    ASSERT(to >= 0 && to < HANDLE_MAX && dst->handles[to].kind == HANDLE_FREE);
    if (!hd)
        return -EBADF;
    handle_reference(hd);
    dst->handles[to] = *hd;
    if (to >= dst->handles_used)
        dst->handles_used = to + 1;
    open_handles++;
    return 0;
}

/* Handle `h` of `proc` is closing: the program's tasks parked on its object
 * through it get -EBADF, and every task polling the object polls again (and
 * finds the handle gone, if it was theirs). */
static void handle_unpark(struct process *proc, int h, const struct handle *hd)
{
    switch (hd->kind) {
    case HANDLE_RECV:
    case HANDLE_SEND:
        chan_close_handle(hd->obj, hd->kind == HANDLE_SEND, proc, (uint32_t)h);
        break; /* chan_close_end tells the pollers */
    case HANDLE_TTY:
        tty_close_handle(hd->obj, proc, (uint32_t)h);
        break;
    case HANDLE_FILE:
        poll_notify(file_pollers(hd->obj));
        break;
    case HANDLE_FREE:
        break;
    }
}

int handle_close(struct process *proc, int h)
{
    struct handle *hd = handle_get(proc, h);
    if (!hd)
        return -EBADF;
    handle_unpark(proc, h, hd);
    handle_release(hd);
    return 0;
}

int handle_read(struct task *task, int h, uint32_t buf, uint32_t n)
{
    struct handle *hd = handle_get(task->proc, h);
    enum handle_kind kind = hd ? hd->kind : HANDLE_FREE;
    if (kind != HANDLE_TTY && kind != HANDLE_RECV && kind != HANDLE_FILE)
        return -EBADF;
    /* All of the buffer, whatever there is to read right now: the same
     * call gets the same answer whether or not it would have waited. */
    if (uaccess_check(task, buf, n, true) < 0)
        return -EFAULT;
    switch (kind) {
    case HANDLE_TTY:
        return tty_read(task, hd->obj, buf, n);
    case HANDLE_RECV:
        return chan_recv(task, hd->obj, WAIT_CHAN_READ);
    case HANDLE_FILE:
        return file_read(task, hd->obj, buf, n);
    default:
        return -EBADF;
    }
}

int handle_write(struct task *task, int h, uint32_t buf, uint32_t n)
{
    struct handle *hd = handle_get(task->proc, h);
    switch (hd ? hd->kind : HANDLE_FREE) {
    case HANDLE_TTY:
        return tty_write(task, hd->obj, buf, n);
    case HANDLE_SEND:
        return chan_send(task, hd->obj, WAIT_CHAN_WRITE);
    default:
        return -EBADF;
    }
}

int handle_poll_events(struct process *proc, int h, int events)
{
    struct handle *hd = handle_get(proc, h);
    int ready = 0;
    switch (hd ? hd->kind : HANDLE_FREE) {
    case HANDLE_TTY:
        ready = tty_poll_events(hd->obj);
        break;
    case HANDLE_RECV:
    case HANDLE_SEND:
        ready = chan_poll_events(hd->obj, hd->kind == HANDLE_SEND);
        break;
    case HANDLE_FILE:
        ready = POLL_IN; /* a read never waits */
        break;
    case HANDLE_FREE:
        return POLL_NVAL;
    }
    return ready & (events | POLL_HUP);
}

struct list_node *handle_pollers(struct process *proc, int h)
{
    struct handle *hd = handle_get(proc, h);
    ASSERT(hd);
    switch (hd->kind) {
    case HANDLE_TTY:
        return tty_pollers(hd->obj);
    case HANDLE_RECV:
    case HANDLE_SEND:
        return &((struct channel *)hd->obj)->pollers;
    default:
        return file_pollers(hd->obj);
    }
}

void handle_cancel_wait(struct task *task)
{
    switch (task->blocked.kind) {
    case WAIT_CHAN_RECV:
    case WAIT_CHAN_READ:
    case WAIT_CHAN_SEND:
    case WAIT_CHAN_WRITE:
    case WAIT_CHAN_SENDW:
    case WAIT_CHAN_RECVW:
        chan_cancel(task);
        break;
    case WAIT_TTY_READ:
    case WAIT_TTY_WRITE:
        tty_cancel(task);
        break;
    case WAIT_POLL:
        poll_cancel(task);
        break;
    case WAIT_NONE:
        break;
    }
}

unsigned handle_count(void)
{
    return open_handles;
}
