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
 * or from its memory, and makes it ready: the parked task never runs again
 * until its call is done, and its call is never made twice. */
#pragma once
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

/* chan_send: `task` sends n bytes at user address buf: one message (send(),
 * `stream` false: n from 1 to CHAN_MSG_MAX) or, with `stream` (write()), as
 * many messages of at most CHAN_MSG_MAX bytes as it takes, in order and
 * together (no other sender's message comes between them). Returns n once
 * the channel has taken all of it (for a rendezvous: once a receiver has);
 * parks `task` until then, returning 0 (the parked call's result is written
 * into its eax when it completes); or -EINVAL (send of 0 bytes),
 * -EMSGSIZE (send of more than CHAN_MSG_MAX), -EPIPE (no receive end open),
 * -EFAULT (buf is not readable memory of the task). */
int chan_send(struct task *task, struct channel *ch, uint32_t buf, uint32_t n, bool stream);

/* chan_recv: `task` takes the oldest message into its buffer buf of n
 * bytes. recv() (`stream` false) takes one whole message and returns its
 * length, or -EMSGSIZE if n is too small for it (it stays). read() takes up
 * to n bytes of the messages there are, in order, splitting one if it must
 * (the rest stays for the next read). Both return 0 at end of stream (no
 * send end open, nothing left); with nothing to take they park `task` and
 * return 0 (see chan_send). The caller has checked that all of buf is
 * writable memory of the task (sys_recv, handle_read); should it go away
 * while the task is parked, the call ends with -EFAULT. */
int chan_recv(struct task *task, struct channel *ch, uint32_t buf, uint32_t n, bool stream);

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
