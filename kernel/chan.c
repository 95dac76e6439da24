/* kernel/chan.c: channels. Each has a page of message slots, used as a
 * ring: `head` is the oldest message and `count` how many there are. A
 * rendezvous channel (capacity 0) has one slot, in which a sender's message
 * waits, with the sender parked as its `holder`, until a receiver takes it.
 *
 * One function moves things along: chan_pump() hands messages to parked
 * receivers while there are messages, and takes parked senders' messages
 * while there is room, until neither can go on. Every send, receive and
 * close ends with it: that is the whole of the rules. Short ways come
 * first for the common cases, each for a case where the rules come to the
 * same thing more cheaply (make bench measures them): a message for a
 * receiver already parked goes straight into its memory (chan_hand_over);
 * with nobody parked, a message goes into the next free slot and a recv
 * takes the oldest (chan_put_now, chan_take_now); and sendrecv's, for a
 * word in a register (chan_word_* in kernel/chan.h, chan_word_let_in). */
#include "kernel/chan.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/string.h"

static struct channel channels[CHAN_MAX];
static struct list_node free_channels;
static unsigned next_id = 1;
static unsigned alive;

void chan_init(void)
{
    list_init(&free_channels);
    for (int i = 0; i < CHAN_MAX; i++)
        list_push_back(&free_channels, &channels[i].free_link);
}

unsigned chan_alive(void)
{
    return alive;
}

int chan_create(int capacity, struct channel **out)
{
    if (capacity < 0 || capacity > CHAN_CAPACITY_MAX)
        return -EINVAL;
    if (list_empty(&free_channels))
        return -EAGAIN;
    char *data = page_alloc();
    if (!data)
        return -ENOMEM;
    struct channel *ch = list_entry(list_pop_front(&free_channels), struct channel, free_link);
    memset(ch, 0, sizeof *ch);
    ch->id = next_id++;
    ch->capacity = (uint16_t)capacity;
    ch->slots = capacity ? (uint16_t)capacity : 1;
    ch->senders = ch->receivers = 1;
    ch->data = data;
    list_init(&ch->recvq);
    list_init(&ch->sendq);
    list_init(&ch->pollers);
    list_node_init(&ch->free_link);
    alive++;
    *out = ch;
    return 0;
}

static char *slot_data(struct channel *ch, unsigned slot)
{
    return ch->data + slot * CHAN_MSG_MAX;
}

/* ------------------------------------------------------ a call's bytes */

/* Where the message of a task's call is. send, recv, read and write name a
 * buffer in the task's memory: ecx, of edx bytes. sendrecv carries one word
 * in the task's own ecx (WAIT_CHAN_SENDW: the word it sends; WAIT_CHAN_RECVW:
 * where the word it receives goes), so its "buffer" is that register of the
 * saved frame, in kernel memory: no page tables to look at. `kind` is the
 * call the task is making, parked or not. */
static bool call_in_register(enum task_wait kind)
{
    return kind == WAIT_CHAN_SENDW || kind == WAIT_CHAN_RECVW;
}

static uint32_t call_len(const struct task *task, enum task_wait kind)
{
    return call_in_register(kind) ? SENDRECV_WORD : task->tf.edx;
}

/* Copy n bytes from offset `off` of the call's message to dst. */
static inline __attribute__((always_inline)) int
call_copy_in(struct task *task, enum task_wait kind, void *dst, uint32_t off, uint32_t n)
{
    if (!call_in_register(kind))
        return copy_from_user(task, dst, task->tf.ecx + off, n);
    rep_movs(dst, (char *)&task->tf.ecx + off, n);
    return 0;
}

/* Copy n bytes from src to offset `off` of the call's buffer. A word
 * received into a register is zero past the message's end. */
static inline __attribute__((always_inline)) int
call_copy_out(struct task *task, enum task_wait kind, uint32_t off, const void *src, uint32_t n)
{
    if (!call_in_register(kind))
        return copy_to_user(task, task->tf.ecx + off, src, n);
    if (off == 0)
        task->tf.ecx = 0;
    rep_movs((char *)&task->tf.ecx + off, src, n);
    return 0;
}

/* The handle a parked call names: ebx, except sendrecv's receive half,
 * which waits through the handle in edx. */
static uint32_t call_handle(const struct task *task)
{
    return task->blocked.kind == WAIT_CHAN_RECVW ? task->tf.edx : task->tf.ebx;
}

/* ------------------------------------------------------ parking and waking */

/* Sender `s`, parked, has all of its message taken: its call is done.
 * sendrecv's is half done: it makes the call again, which now only
 * receives (kernel/syscall.c: sys_sendrecv_again). */
static void chan_send_done(struct task *s)
{
    if (s->blocked.kind == WAIT_CHAN_SENDW && (int)s->tf.edx != SENDRECV_NONE) {
        sched_unpark_again(s, SYS_sendrecv);
        return;
    }
    sched_unpark(s, (int)call_len(s, s->blocked.kind));
}

/* What a parked sender's call returns when it cannot go on (`err`: -EPIPE,
 * -EBADF): a write that got some of its bytes to a receiver, or into the
 * channel, says how many; anything else, the error. The message a
 * rendezvous holds for it has not been taken, so it does not count. */
static int chan_sender_result(const struct channel *ch, const struct task *s, int err)
{
    uint32_t in = s->blocked.done;
    if (s == ch->holder)
        in -= ch->len[ch->head] - ch->offset;
    return s->blocked.kind == WAIT_CHAN_WRITE && in > 0 ? (int)in : err;
}

/* A rendezvous sender's message goes with its call. */
static void chan_drop_held(struct channel *ch)
{
    ch->holder = NULL;
    ch->count = ch->offset = 0;
}

/* Something a poller might wait for has changed: its readiness, an end. */
static inline void chan_changed(struct channel *ch)
{
    if (!list_empty(&ch->pollers)) /* nearly always empty: no call for nothing */
        poll_notify(&ch->pollers);
}

/* ---------------------------------------------------------- moving bytes */

/* Take the oldest message (or, for read(), `n` bytes of what there is) into
 * the buffer of `task`'s call `kind` (its memory, or its saved ecx for
 * sendrecv). There is at least one message. Returns the bytes
 * taken, or -EMSGSIZE (recv with a buffer too small: nothing taken) or
 * -EFAULT (nothing taken). */
static int chan_take(struct channel *ch, struct task *task, enum task_wait kind)
{
    uint32_t n = call_len(task, kind);
    bool stream = kind == WAIT_CHAN_READ;
    if (!stream && n < (uint32_t)(ch->len[ch->head] - ch->offset))
        return -EMSGSIZE;
    uint32_t taken = 0;
    while (ch->count > 0 && taken < n) {
        uint32_t left = ch->len[ch->head] - ch->offset;
        uint32_t part = left < n - taken ? left : n - taken;
        if (call_copy_out(task, kind, taken, slot_data(ch, ch->head) + ch->offset, part) < 0)
            return taken ? (int)taken : -EFAULT;
        taken += part;
        if (part < left) {
            ch->offset = (uint16_t)(ch->offset + part);
            break; /* the buffer is full; the rest stays */
        }
        ch->offset = 0;
        ch->head = (uint16_t)((ch->head + 1) % ch->slots);
        ch->count--;
        if (ch->holder) { /* a rendezvous: its sender's message is taken */
            struct task *h = ch->holder;
            ch->holder = NULL;
            /* A parked holder's call may be done now (a write may have more
             * to send); a running one (still in chan_send) sees it there. */
            if (h->state == TASK_BLOCKED && h->blocked.done == call_len(h, h->blocked.kind))
                chan_send_done(h);
        }
        if (!stream)
            break; /* one message per recv */
    }
    return (int)taken;
}

/* Copy what is left of sender `task`'s message (or write) into free slots.
 * `kind` is its call; blocked.done counts what is in already. Returns 0, or
 * -EFAULT if its memory is gone. */
static int chan_fill(struct channel *ch, struct task *task, enum task_wait kind)
{
    uint32_t n = call_len(task, kind);
    while (task->blocked.done < n && ch->count < ch->slots && !ch->holder) {
        uint32_t part = n - task->blocked.done;
        if (part > CHAN_MSG_MAX)
            part = CHAN_MSG_MAX;
        unsigned slot = (ch->head + ch->count) % ch->slots;
        if (call_copy_in(task, kind, slot_data(ch, slot), task->blocked.done, part) < 0)
            return -EFAULT;
        ch->len[slot] = (uint16_t)part;
        ch->count++;
        task->blocked.done += part;
        if (ch->capacity == 0)
            ch->holder = task; /* done when a receiver takes it */
    }
    return 0;
}

/* Is sender `task`'s call done: all of it in the channel, and, for a
 * rendezvous, taken? */
static bool chan_sent(const struct channel *ch, const struct task *task, enum task_wait kind)
{
    return task->blocked.done == call_len(task, kind) && ch->holder != task;
}

/* chan_pump (kernel/chan.h): hand messages to parked receivers, and take
 * parked senders' messages, until neither can go on. */
void chan_pump(struct channel *ch)
{
    if (list_empty(&ch->recvq) && list_empty(&ch->sendq)) {
        chan_changed(ch); /* nobody parked: most of the time, in a pipeline */
        return;
    }
    bool moved = true;
    while (moved) {
        moved = false;
        while (ch->count > 0 && !list_empty(&ch->recvq)) {
            struct task *r = list_entry(ch->recvq.next, struct task, link);
            sched_unpark(r, chan_take(ch, r, r->blocked.kind));
            moved = true;
        }
        while (!list_empty(&ch->sendq) && ch->count < ch->slots && !ch->holder) {
            struct task *s = list_entry(ch->sendq.next, struct task, link);
            bool stream = s->blocked.kind == WAIT_CHAN_WRITE;
            if (chan_fill(ch, s, s->blocked.kind) < 0)
                sched_unpark(s, stream && s->blocked.done ? (int)s->blocked.done : -EFAULT);
            else if (chan_sent(ch, s, s->blocked.kind))
                chan_send_done(s);
            moved = true;
        }
    }
    chan_changed(ch);
}

void chan_word_let_in(struct channel *ch)
{
    struct task *s = list_entry(ch->sendq.next, struct task, link);
    if (s->blocked.kind != WAIT_CHAN_SENDW || !list_empty(&ch->recvq)) {
        chan_pump(ch); /* any other sender, the long way */
        return;
    }
    /* A pipeline's stage waiting in sendrecv for room for its word: the
     * one slot just freed is its. */
    chan_word_append(ch, s->tf.ecx);
    s->blocked.done = SENDRECV_WORD;
    chan_send_done(s);
}

/* The short way for a message (up to CHAN_MSG_MAX bytes: the call `kind`
 * of `sender`) when a receiver is parked for it on an empty channel:
 * straight from the sender's memory into the receiver's, one copy instead
 * of two (into a slot, then out of it), and the receiver's call is done.
 * A word in a register goes from frame to frame. Only when both sides lie
 * in one mapped page each and the receiver takes the message whole;
 * otherwise returns false and the message goes the long way, through a
 * slot. */
static bool chan_hand_over(struct channel *ch, struct task *sender, enum task_wait kind, uint32_t n)
{
    if (ch->count > 0 || list_empty(&ch->recvq))
        return false;
    struct task *r = list_entry(ch->recvq.next, struct task, link);
    enum task_wait rkind = r->blocked.kind;
    if (n > call_len(r, rkind))
        return false; /* too big for its buffer: recv says so, read splits it */
    void *from =
        call_in_register(kind) ? &sender->tf.ecx : uaccess_one_page(sender, sender->tf.ecx, n, 0);
    void *to = call_in_register(rkind) ? &r->tf.ecx : uaccess_one_page(r, r->tf.ecx, n, PTE_W);
    if (!from || !to)
        return false;
    if (call_in_register(rkind))
        r->tf.ecx = 0; /* a shorter message leaves the rest of the word 0 */
    rep_movs(to, from, n);
    sched_unpark(r, (int)n);
    chan_changed(ch);
    return true;
}

/* The short way for one message into a buffered channel that has room and
 * nobody parked on it (a pipeline's stages, most of the time): into the
 * next free slot, and done. Returns false, having changed nothing, where the
 * long way (chan_fill, chan_pump) must decide. */
static bool chan_put_now(struct channel *ch, struct task *task, enum task_wait kind, uint32_t n)
{
    if (ch->capacity == 0 || ch->count == ch->slots || !list_empty(&ch->sendq) ||
        !list_empty(&ch->recvq))
        return false;
    unsigned slot = (ch->head + ch->count) % ch->slots;
    if (call_copy_in(task, kind, slot_data(ch, slot), 0, n) < 0)
        return false;
    ch->len[slot] = (uint16_t)n;
    ch->count++;
    chan_changed(ch);
    return true;
}

/* The short way for recv() (or sendrecv's receive half) of a whole
 * message, with nobody parked to send (the other half of a pipeline's
 * hop): out of the oldest slot. Returns its length, or 0 where the long way
 * (chan_take, chan_pump) must decide. */
static int chan_take_now(struct channel *ch, struct task *task, enum task_wait kind)
{
    uint32_t len = ch->len[ch->head];
    if (ch->count == 0 || ch->offset || ch->holder || call_len(task, kind) < len ||
        !list_empty(&ch->sendq))
        return 0;
    if (call_copy_out(task, kind, 0, slot_data(ch, ch->head), len) < 0)
        return 0;
    ch->head = (uint16_t)((ch->head + 1) % ch->slots);
    ch->count--;
    chan_changed(ch);
    return (int)len;
}

/* ------------------------------------------------------ the calls */

int chan_send(struct task *task, struct channel *ch, enum task_wait kind)
{
    bool stream = kind == WAIT_CHAN_WRITE;
    uint32_t n = call_len(task, kind);
    if (!stream && n == 0)
        return -EINVAL; /* 0 bytes is what end of stream looks like */
    if (!stream && n > CHAN_MSG_MAX)
        return -EMSGSIZE;
    if (n == 0)
        return 0;
    if (ch->receivers == 0)
        return -EPIPE;
    /* A write's buffer is checked first, all of it, so that a bad one sends
     * nothing; a message goes in whole or not at all anyway. */
    if (stream && uaccess_check(task, task->tf.ecx, n, false) < 0)
        return -EFAULT;
    task->blocked.done = 0;
    if (n <= CHAN_MSG_MAX && (chan_put_now(ch, task, kind, n) ||
                              (list_empty(&ch->sendq) && chan_hand_over(ch, task, kind, n))))
        return (int)n;
    /* Senders parked before us go first: a write's messages stay together.
     * Otherwise put in what fits, let parked receivers take it, and again,
     * while that makes room. */
    while (list_empty(&ch->sendq)) {
        uint32_t before = task->blocked.done;
        if (chan_fill(ch, task, kind) < 0)
            return stream && before ? (int)before : -EFAULT;
        chan_pump(ch);
        if (chan_sent(ch, task, kind))
            return (int)n;
        if (ch->count == ch->slots || ch->holder == task)
            break; /* no room until a receiver comes */
    }
    sched_park(task, kind, ch, &ch->sendq);
    return 0;
}

int chan_recv(struct task *task, struct channel *ch, enum task_wait kind)
{
    bool stream = kind == WAIT_CHAN_READ;
    if (stream && task->tf.edx == 0)
        return 0; /* as from a terminal or a file: never a wait for nothing */
    int got = stream ? 0 : chan_take_now(ch, task, kind);
    if (got > 0)
        return got;
    if (ch->count > 0) {
        got = chan_take(ch, task, kind);
        chan_pump(ch); /* room for parked senders now */
        return got;
    }
    if (ch->senders == 0)
        return 0; /* end of stream */
    sched_park(task, kind, ch, &ch->recvq);
    chan_changed(ch); /* a rendezvous sender can go now */
    return 0;
}

void chan_cancel(struct task *task)
{
    struct channel *ch = task->blocked.obj;
    list_remove(&task->link);
    task->blocked.kind = WAIT_NONE;
    if (ch->holder == task)
        chan_drop_held(ch);
    chan_pump(ch);
}

void chan_close_handle(struct channel *ch, bool send_end, const struct process *proc, uint32_t h)
{
    struct list_node *queue = send_end ? &ch->sendq : &ch->recvq;
    struct list_node *n = queue->next;
    while (n != queue) {
        struct task *t = list_entry(n, struct task, link);
        n = n->next; /* t may leave the queue */
        if (t->proc != proc || call_handle(t) != h)
            continue;
        int result = send_end ? chan_sender_result(ch, t, -EBADF) : -EBADF;
        if (t == ch->holder)
            chan_drop_held(ch);
        sched_unpark(t, result);
    }
    chan_pump(ch); /* the next sender may go in now */
}

/* ------------------------------------------------------ ends */

void chan_open_end(struct channel *ch, bool send_end)
{
    if (send_end)
        ch->senders++;
    else
        ch->receivers++;
}

static void chan_free(struct channel *ch)
{
    ASSERT(list_empty(&ch->recvq) && list_empty(&ch->sendq) && list_empty(&ch->pollers));
    page_free(ch->data);
    ch->id = 0;
    list_push_back(&free_channels, &ch->free_link);
    alive--;
}

void chan_close_end(struct channel *ch, bool send_end)
{
    ASSERT(send_end ? ch->senders > 0 : ch->receivers > 0);
    struct list_node *n;
    if (send_end && --ch->senders == 0) {
        /* End of stream: parked receivers have nothing (they would have
         * taken it), so they get 0 now. A sender still parked had its
         * handle closed under it by another task of its program. */
        while ((n = ch->recvq.next) != &ch->recvq)
            sched_unpark(list_entry(n, struct task, link), 0);
        while ((n = ch->sendq.next) != &ch->sendq) {
            struct task *s = list_entry(n, struct task, link);
            sched_unpark(s, chan_sender_result(ch, s, -EBADF));
        }
        if (ch->holder)
            chan_drop_held(ch);
    } else if (!send_end && --ch->receivers == 0) {
        /* Nobody will ever receive: senders get EPIPE, parked ones too (a
         * write that got part of its bytes in says how many), and what
         * is in the channel goes. */
        while ((n = ch->sendq.next) != &ch->sendq) {
            struct task *s = list_entry(n, struct task, link);
            sched_unpark(s, chan_sender_result(ch, s, -EPIPE));
        }
        /* And so did a receiver still parked. */
        while ((n = ch->recvq.next) != &ch->recvq)
            sched_unpark(list_entry(n, struct task, link), -EBADF);
        chan_drop_held(ch);
    }
    chan_changed(ch);
    if (ch->senders == 0 && ch->receivers == 0)
        chan_free(ch);
}

int chan_poll_events(const struct channel *ch, bool send_end)
{
    if (!send_end) {
        if (ch->count > 0)
            return POLL_IN;
        return ch->senders == 0 ? POLL_IN | POLL_HUP : 0;
    }
    if (ch->receivers == 0)
        return POLL_OUT | POLL_HUP;
    if (!list_empty(&ch->sendq) || ch->holder)
        return 0;
    /* A rendezvous: a send goes through at once only to a parked receiver. */
    if (ch->capacity == 0)
        return list_empty(&ch->recvq) ? 0 : POLL_OUT;
    return ch->count < ch->slots ? POLL_OUT : 0;
}
