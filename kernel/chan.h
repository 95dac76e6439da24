/* kernel/chan.h: channels, the pipeline primitive: a kernel object that
 * carries messages from the tasks that send into it to the tasks that
 * receive from it, in order, each message once. Programs reach a channel
 * through handles on its two ends (kernel/handle.h); this module counts
 * those, so that it knows when nobody can send any more (end of stream) or
 * receive any more (EPIPE).
 *
 * A task that cannot go on (nothing to receive, no room to send) is parked
 * on the channel, pyos's ReadWait and WriteWait. Whoever changes the
 * channel next finishes the parked task's call for it, copying straight to
 * or from its memory (or its saved ecx, for sendrecv's word), and makes it
 * ready: the parked task never runs again until its call is done, and its
 * call is never made twice. (sendrecv's is done in two halves: when its
 * send half is done, it makes the call again for the receive half,
 * sched_unpark_again.) */
#pragma once
#include "kernel/task.h"
#include "lib/list.h"
#include "lib/syscalls.h"
#include <stdbool.h>
#include <stdint.h>

struct process;
struct task;

/* A message slot holds CHAN_MSG_MAX bytes; a channel's slots fill a page. */
#define CHAN_SLOTS (4096 / CHAN_MSG_MAX)
_Static_assert(CHAN_SLOTS >= CHAN_CAPACITY_MAX, "a channel's messages fit in its page");

struct channel {
    unsigned id;       /* for people: "channel 7"; 0 when the record is free */
    uint16_t capacity; /* messages it holds; 0: a rendezvous */
    uint16_t slots;    /* capacity, or 1 for a rendezvous (its message in transit) */
    uint16_t count;    /* messages in it now */
    uint16_t head;     /* the slot of the oldest */
    uint16_t offset;   /* bytes of the oldest message read() already */
    uint16_t len[CHAN_SLOTS];
    uint32_t senders;           /* open handles on the send end */
    uint32_t receivers;         /* open handles on the receive end */
    char *data;                 /* a page: CHAN_SLOTS slots of CHAN_MSG_MAX bytes */
    struct task *holder;        /* a rendezvous: the sender whose message is in the slot */
    struct list_node recvq;     /* tasks parked to receive or read, first come first */
    struct list_node sendq;     /* tasks parked to send or write */
    struct list_node pollers;   /* poll nodes of tasks polling either end */
    struct list_node free_link; /* on the free list while unused */
};

/* ---- sendrecv's short ways (kernel/syscall.c: sys_sendrecv), inline in
 * it: a word in a register needs no copy and no look at page tables, and
 * the common cases need no more than a few tests. Each returns
 * "no" where the long way (chan_send, chan_recv) must decide, having
 * changed nothing. They rely on what chan_pump leaves behind every call:
 * senders are parked only on a full channel (or a rendezvous holding a
 * message), so with room, or with nothing in it, nobody waits to send. */

/* chan_word_receiver: the task parked in sendrecv's receive half on `ch`,
 * empty and with nobody polling: a word sent now goes straight into its
 * ecx. NULL if there is none. */
static inline struct task *chan_word_receiver(struct channel *ch)
{
    if (ch->count || list_empty(&ch->recvq) || !list_empty(&ch->pollers))
        return NULL;
    struct task *r = list_entry(ch->recvq.next, struct task, link);
    return r->blocked.kind == WAIT_CHAN_RECVW ? r : NULL;
}

/* chan_word_append: the word as one message into the next free slot of
 * `ch`, which has one. */
static inline void chan_word_append(struct channel *ch, uint32_t word)
{
    unsigned slot = (ch->head + ch->count) % ch->slots;
    *(uint32_t *)(ch->data + slot * CHAN_MSG_MAX) = word;
    ch->len[slot] = SENDRECV_WORD;
    ch->count++;
}

/* chan_word_put: the word as one message into a buffered `ch` that has
 * room, a receive end open, and nobody parked or polling. */
static inline bool chan_word_put(struct channel *ch, uint32_t word)
{
    if (ch->count >= ch->capacity /* full, or a rendezvous */ || ch->receivers == 0 ||
        !list_empty(&ch->recvq) || !list_empty(&ch->pollers))
        return false;
    chan_word_append(ch, word);
    return true;
}

/* chan_pump: after a change to `ch` (a message taken, an end closed),
 * finish the parked calls that can go on now: parked receivers take
 * messages, parked senders' messages come in while there is room. */
void chan_pump(struct channel *ch);

/* chan_word_let_in: one message has just been taken from `ch`, full until
 * then, by chan_word_take, and a sender is parked on it: let its message
 * in (kernel/chan.c). */
void chan_word_let_in(struct channel *ch);

/* chan_word_take: the oldest message of `ch`, if it is a whole word in a
 * buffered channel and nobody polls, into *word; SENDRECV_WORD, or 0. A
 * sender parked on the full channel has room now: chan_word_let_in. */
static inline int chan_word_take(struct channel *ch, uint32_t *word)
{
    if (ch->count == 0 || ch->offset || ch->holder || ch->len[ch->head] != SENDRECV_WORD ||
        !list_empty(&ch->pollers))
        return 0;
    *word = *(const uint32_t *)(ch->data + ch->head * CHAN_MSG_MAX);
    ch->head = (uint16_t)((ch->head + 1) % ch->slots);
    ch->count--;
    if (!list_empty(&ch->sendq))
        chan_word_let_in(ch);
    return SENDRECV_WORD;
}

/* chan_word_full: a send into `ch` would park, and nothing else: a
 * buffered channel, full, with a receive end open and nobody polling. */
static inline bool chan_word_full(const struct channel *ch)
{
    return ch->capacity != 0 && ch->count == ch->capacity && ch->receivers != 0 &&
           list_empty(&ch->pollers);
}

/* chan_word_would_park: a receive on `ch` would park, and nothing else:
 * nothing in it, a send end open, nobody polling (for whom a receiver
 * coming could make a rendezvous writable). */
static inline bool chan_word_would_park(const struct channel *ch)
{
    return ch->count == 0 && ch->senders != 0 && list_empty(&ch->pollers);
}

/* chan_init: every channel free. Call once at boot. */
void chan_init(void);

/* chan_create: a new channel for `capacity` messages (0 to
 * CHAN_CAPACITY_MAX), with one open handle on each end. Returns 0 and
 * *out, or -EINVAL (capacity), -EAGAIN (CHAN_MAX channels exist), -ENOMEM. */
int chan_create(int capacity, struct channel **out);

/* chan_open_end, chan_close_end: one more, or one fewer, open handle on the
 * send end (`send_end`) or the receive end. When the last handle on the send
 * end closes, receivers drain what is left and then get end of stream; when
 * the last on the receive end closes, senders get -EPIPE (those parked too,
 * at once) and the messages left are dropped. With both ends closed the
 * channel is freed. */
void chan_open_end(struct channel *ch, bool send_end);
void chan_close_end(struct channel *ch, bool send_end);

/* chan_close_handle: handle `h` of `proc` on the send end (`send_end`) or
 * the receive end is closing (before chan_close_end drops its reference):
 * the tasks of `proc` parked on that end through that handle get -EBADF
 * (a write that got bytes through, how many), as if the handle had been
 * closed before they called. Those parked through another handle, or in
 * another program, go on waiting. */
void chan_close_handle(struct channel *ch, bool send_end, const struct process *proc, uint32_t h);

/* chan_send: `task` sends what its call `kind` names: one message (send(),
 * WAIT_CHAN_SEND: n bytes at user address buf, n from 1 to CHAN_MSG_MAX;
 * sendrecv, WAIT_CHAN_SENDW: the SENDRECV_WORD bytes of its ecx) or (write(),
 * WAIT_CHAN_WRITE) as many messages of at most CHAN_MSG_MAX bytes as it
 * takes, in order and together (no other sender's message comes between
 * them). buf and n are the call's ecx and edx. Returns n once
 * the channel has taken all of it (for a rendezvous: once a receiver has);
 * parks `task` until then, returning 0 (the parked call's result is written
 * into its eax when it completes); or -EINVAL (send of 0 bytes),
 * -EMSGSIZE (send of more than CHAN_MSG_MAX), -EPIPE (no receive end open),
 * -EFAULT (buf is not readable memory of the task). */
int chan_send(struct task *task, struct channel *ch, enum task_wait kind);

/* chan_recv: `task` takes the oldest message into the buffer its call
 * `kind` names: buf (ecx) of n (edx) bytes, or, for sendrecv's receive half
 * (WAIT_CHAN_RECVW), its ecx, SENDRECV_WORD bytes. recv() (WAIT_CHAN_RECV)
 * and sendrecv take one whole message and return its length, or -EMSGSIZE
 * if n is too small for it (it stays). read() (WAIT_CHAN_READ) takes up
 * to n bytes of the messages there are, in order, splitting one if it must
 * (the rest stays for the next read). Both return 0 at end of stream (no
 * send end open, nothing left); with nothing to take they park `task` and
 * return 0 (see chan_send). The caller has checked that all of buf is
 * writable memory of the task (sys_recv, handle_read); should it go away
 * while the task is parked, the call ends with -EFAULT. */
int chan_recv(struct task *task, struct channel *ch, enum task_wait kind);

/* chan_cancel: `task`, parked on the channel, is ending: forget it. If it
 * was a rendezvous sender whose message is in the slot, the message goes:
 * its send never completed. */
void chan_cancel(struct task *task);

/* chan_poll_events: what a poll on the send end (`send_end`) or the
 * receive end would report now: POLL_IN (a recv or read would not park),
 * POLL_OUT (a send would not park), POLL_HUP (end of stream, or no
 * receiver: a send fails at once). */
int chan_poll_events(const struct channel *ch, bool send_end);

/* chan_alive: how many channels exist now. */
unsigned chan_alive(void);
