/* kernel/chan.c: channels. Each has a page of message slots, used as a
 * ring: `head` is the oldest message and `count` how many there are. A
 * rendezvous channel (capacity 0) has one slot, in which a sender's message
 * waits, with the sender parked as its `holder`, until a receiver takes it.
 *
 * One function moves things along: chan_pump() hands messages to parked
 * receivers while there are messages, and takes parked senders' messages
 * while there is room, until neither can go on. Every send, receive and
 * close ends with it: that is the whole of the rules. Three short ways come
 * first for the common cases, each for a case where the rules come to the
 * same thing more cheaply (make bench measures them): a message for a
 * receiver already parked goes straight into its memory (chan_hand_over);
 * with nobody parked, a message goes into the next free slot and a recv
 * takes the oldest (chan_put_now, chan_take_now). */
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

/* ------------------------------------------------------ parking and waking */

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
 * `task`'s memory at buf. There is at least one message. Returns the bytes
 * taken, or -EMSGSIZE (recv with a buffer too small: nothing taken) or
 * -EFAULT (nothing taken). */
static int chan_take(struct channel *ch, struct task *task, uint32_t buf, uint32_t n, bool stream)
{
    if (!stream && n < (uint32_t)(ch->len[ch->head] - ch->offset))
        return -EMSGSIZE;
    uint32_t taken = 0;
    while (ch->count > 0 && taken < n) {
        uint32_t left = ch->len[ch->head] - ch->offset;
        uint32_t part = left < n - taken ? left : n - taken;
        if (copy_to_user(task, buf + taken, slot_data(ch, ch->head) + ch->offset, part) < 0)
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
            if (h->blocked.done == h->tf.edx) /* a write may have more to send */
                sched_unpark(h, (int)h->tf.edx);
        }
        if (!stream)
            break; /* one message per recv */
    }
    return (int)taken;
}

/* Copy what is left of sender `task`'s message (or write) into free slots.
 * Its buffer is in ecx and its length in edx; blocked.done counts what is
 * in already. Returns 0, or -EFAULT if its memory is gone. */
static int chan_fill(struct channel *ch, struct task *task)
{
    uint32_t buf = task->tf.ecx, n = task->tf.edx;
    while (task->blocked.done < n && ch->count < ch->slots && !ch->holder) {
        uint32_t part = n - task->blocked.done;
        if (part > CHAN_MSG_MAX)
            part = CHAN_MSG_MAX;
        unsigned slot = (ch->head + ch->count) % ch->slots;
        if (copy_from_user(task, slot_data(ch, slot), buf + task->blocked.done, part) < 0)
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
static bool chan_sent(const struct channel *ch, const struct task *task)
{
    return task->blocked.done == task->tf.edx && ch->holder != task;
}

/* Hand messages to parked receivers, and take parked senders' messages,
 * until neither can go on. */
static void chan_pump(struct channel *ch)
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
            int got = chan_take(ch, r, r->tf.ecx, r->tf.edx, r->blocked.kind == WAIT_CHAN_READ);
            sched_unpark(r, got);
            moved = true;
        }
        while (!list_empty(&ch->sendq) && ch->count < ch->slots && !ch->holder) {
            struct task *s = list_entry(ch->sendq.next, struct task, link);
            bool stream = s->blocked.kind == WAIT_CHAN_WRITE;
            if (chan_fill(ch, s) < 0)
                sched_unpark(s, stream && s->blocked.done ? (int)s->blocked.done : -EFAULT);
            else if (chan_sent(ch, s))
                sched_unpark(s, (int)s->tf.edx);
            moved = true;
        }
    }
    chan_changed(ch);
}

/* The short way for a message (up to CHAN_MSG_MAX bytes at buf) when a
 * receiver is parked for it on an empty channel: straight from the sender's
 * memory into the receiver's, one copy instead of two (into a slot, then out
 * of it), and the receiver's call is done. Only when both sides lie in one
 * mapped page each and the receiver takes the message whole; otherwise
 * returns false and the message goes the long way, through a slot. */
static bool chan_hand_over(struct channel *ch, struct task *sender, uint32_t buf, uint32_t n)
{
    if (ch->count > 0 || list_empty(&ch->recvq))
        return false;
    struct task *r = list_entry(ch->recvq.next, struct task, link);
    if (n > r->tf.edx)
        return false; /* too big for its buffer: recv says so, read splits it */
    void *from = uaccess_one_page(sender, buf, n, 0);
    void *to = uaccess_one_page(r, r->tf.ecx, n, PTE_W);
    if (!from || !to)
        return false;
    rep_movs(to, from, n);
    sched_unpark(r, (int)n);
    chan_changed(ch);
    return true;
}

/* The short way for one message into a buffered channel that has room and
 * nobody parked on it (a pipeline's stages, most of the time): into the
 * next free slot, and done. Returns false, having changed nothing, where the
 * long way (chan_fill, chan_pump) must decide. */
static bool chan_put_now(struct channel *ch, struct task *task, uint32_t buf, uint32_t n)
{
    if (ch->capacity == 0 || ch->count == ch->slots || !list_empty(&ch->sendq) ||
        !list_empty(&ch->recvq))
        return false;
    unsigned slot = (ch->head + ch->count) % ch->slots;
    if (copy_from_user(task, slot_data(ch, slot), buf, n) < 0)
        return false;
    ch->len[slot] = (uint16_t)n;
    ch->count++;
    chan_changed(ch);
    return true;
}

/* The short way for recv() of a whole message, with nobody parked to send
 * (the other half of a pipeline's hop): out of the oldest slot. Returns its
 * length, or 0 where the long way (chan_take, chan_pump) must decide. */
static int chan_take_now(struct channel *ch, struct task *task, uint32_t buf, uint32_t n)
{
    uint32_t len = ch->len[ch->head];
    if (ch->count == 0 || ch->offset || ch->holder || n < len || !list_empty(&ch->sendq))
        return 0;
    if (copy_to_user(task, buf, slot_data(ch, ch->head), len) < 0)
        return 0;
    ch->head = (uint16_t)((ch->head + 1) % ch->slots);
    ch->count--;
    chan_changed(ch);
    return (int)len;
}

/* ------------------------------------------------------ the calls */

int chan_send(struct task *task, struct channel *ch, uint32_t buf, uint32_t n, bool stream)
{
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
    if (stream && uaccess_check(task, buf, n, false) < 0)
        return -EFAULT;
    task->blocked.done = 0;
    if (n <= CHAN_MSG_MAX && (chan_put_now(ch, task, buf, n) ||
                              (list_empty(&ch->sendq) && chan_hand_over(ch, task, buf, n))))
        return (int)n;
    /* Senders parked before us go first: a write's messages stay together.
     * Otherwise put in what fits, let parked receivers take it, and again,
     * while that makes room. */
    while (list_empty(&ch->sendq)) {
        uint32_t before = task->blocked.done;
        if (chan_fill(ch, task) < 0)
            return stream && before ? (int)before : -EFAULT;
        chan_pump(ch);
        if (chan_sent(ch, task))
            return (int)n;
        if (ch->count == ch->slots || ch->holder == task)
            break; /* no room until a receiver comes */
    }
    sched_park(task, stream ? WAIT_CHAN_WRITE : WAIT_CHAN_SEND, ch, &ch->sendq);
    return 0;
}

int chan_recv(struct task *task, struct channel *ch, uint32_t buf, uint32_t n, bool stream)
{
    if (stream && n == 0)
        return 0; /* as from a terminal or a file: never a wait for nothing */
    int got = stream ? 0 : chan_take_now(ch, task, buf, n);
    if (got > 0)
        return got;
    if (ch->count > 0) {
        got = chan_take(ch, task, buf, n, stream);
        chan_pump(ch); /* room for parked senders now */
        return got;
    }
    if (ch->senders == 0)
        return 0; /* end of stream */
    sched_park(task, stream ? WAIT_CHAN_READ : WAIT_CHAN_RECV, ch, &ch->recvq);
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
        if (t->proc != proc || t->tf.ebx != h)
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
