/* tests/boot/t_sendrecv.c: sendrecv(), a send of one word and a receive of
 * one in one call (docs/syscalls.md, "sendrecv"):
 * - round trips between two tasks, each side sendrecv or send and recv,
 *   on rendezvous and buffered channels, a thousand in order; a pipeline
 *   of sendrecv stages; a round trip to another program;
 * - a word is a 4-byte message to recv, and a message of 1 to 4 bytes is
 *   received with its length and the rest of the word 0, by every way a
 *   message can reach a receiver (waiting in a slot, handed from buffer to
 *   frame, through a slot to a parked receiver, the rest of a message a
 *   read() began);
 * - the send half parked (a full channel, a rendezvous with nobody
 *   receiving) goes on with the receive half once its word is taken, by a
 *   recv or by another task's sendrecv: the call made again;
 * - send only, receive only, end of stream;
 * - every error of the table, and what each leaves: nothing received,
 *   the word sent or not, a message too long still waiting;
 * - every register but eax and ecx kept, ecx the word received, or kept
 *   when the call fails, also after the task was parked;
 * - a task killed in either half, or between them, leaves nothing, and the
 *   channels go on working; tasks() says "to send" and "to receive".
 * tests/boot/t_sendrecv_fast.c makes every one of these calls through the
 * other gate (sendrecv_fast, `int $0x81`), whose fast path takes the round
 * trips between a client and its server: all of it must hold there too. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

/* The gate every sendrecv here goes through: "0x80", or "0x81" for the
 * fast gate (t_sendrecv_fast.c, which also has sendrecv() mean
 * sendrecv_fast()). */
#ifndef SENDRECV_GATE
#define SENDRECV_GATE "0x80"
#endif

#define PAGE_SIZE   4096
#define ROUND_TRIPS 1000
#define PIPE_MSGS   1000
#define PIPE_TASKS  3 /* the source and two stages */
#define PROG_TRIPS  100
#define KILL_ROUNDS 2
#define PARKED      3          /* tasks parked at once in the first-come test */
#define GARBAGE     0xa5a5a5a5 /* in ecx before a receive: the kernel must clear it */
#define UNTOUCHED   0x5eed5eed /* in *reply: only a call that received may change it */
#define FILLER      0x0f0f0f0f /* fills a channel of capacity 1 */
#define NOT_YET     0x7777     /* a result not given yet: no call returns it */

static int a[2], b[2], c[2];
#define A_R (a[CHAN_RECV_END])
#define A_S (a[CHAN_SEND_END])
#define B_R (b[CHAN_RECV_END])
#define B_S (b[CHAN_SEND_END])
#define C_R (c[CHAN_RECV_END])
#define C_S (c[CHAN_SEND_END])

static const unsigned char bytes[4] = {0x81, 0x82, 0x83, 0x84};

/* The reply word a message of the first n of `bytes` makes. */
static unsigned short_word(int n)
{
    unsigned w = 0;
    for (int i = 0; i < n; i++)
        w |= (unsigned)bytes[i] << (8 * i);
    return w;
}

static void close_both(int *ends)
{
    close(ends[CHAN_RECV_END]);
    close(ends[CHAN_SEND_END]);
}

/* Is a message (or end of stream) waiting on receive end h? */
static int waiting(int h)
{
    struct pollreq r = {h, POLL_IN, 0};
    return poll(&r, 1, 0) == 1;
}

/* recv of what should be waiting on receive end h, or -2000 if nothing
 * is: never parks, so that a check that finds nothing fails instead of
 * waiting for ever. */
static int recv_now(int h, void *buf, int n)
{
    return waiting(h) ? recv(h, buf, n) : -2000;
}

/* The word waiting on h, or -1000 + what recv_now returned. */
static int recv_word(int h)
{
    int v = NOT_YET;
    int n = recv_now(h, &v, sizeof v);
    return n == sizeof v ? v : -1000 + n;
}

/* ------------------------------------------------- calls in other tasks */

/* A sendrecv made by a task of its own, and what it returned. */
struct call {
    int out, word, in;
    volatile int ret, reply, done;
};

static struct call calls[PARKED + 1];

static int do_call(void *arg)
{
    struct call *cl = arg;
    int reply = UNTOUCHED;
    int ret = sendrecv(cl->out, cl->word, cl->in, &reply);
    cl->reply = reply;
    cl->ret = ret;
    cl->done = 1;
    return 0;
}

/* Start a task that makes sendrecv(out, word, in, &reply). */
static int start(struct call *cl, int out, int word, int in)
{
    cl->out = out;
    cl->word = word;
    cl->in = in;
    cl->ret = NOT_YET;
    cl->reply = UNTOUCHED;
    cl->done = 0;
    return spawn(do_call, cl);
}

/* A recv or a send made by a task of its own. */
struct plain {
    int h, n;
    void *buf;
    volatile int ret;
};

static struct plain plains[2];

static int do_recv(void *arg)
{
    struct plain *p = arg;
    p->ret = recv(p->h, p->buf, p->n);
    return 0;
}

static int do_send(void *arg)
{
    struct plain *p = arg;
    p->ret = send(p->h, p->buf, p->n);
    return 0;
}

static int start_plain(int (*fn)(void *), struct plain *p, int h, void *buf, int n)
{
    p->h = h;
    p->buf = buf;
    p->n = n;
    p->ret = NOT_YET;
    return spawn(fn, p);
}

/* Collect task (or program) tid, which should have exited with 0 by now
 * or be about to: one that is still parked is killed, and fails. */
static int finish(int tid)
{
    char state[TASK_INFO_STATE_LEN], waits[TASK_INFO_WAIT_LEN];
    settle();
    if (task_state(tid, state, waits) == 0 && strcmp(state, "ended") != 0) {
        tap_diag("task %d is still %s %s", tid, state, waits);
        kill(tid);
    }
    int status = -1;
    return wait(tid, &status) == tid && WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static int killed(int tid)
{
    int status = 0;
    return kill(tid) == 0 && wait(tid, &status) == tid && WIFKILLED(status);
}

/* What tasks() says task tid waits for, "" if it is not blocked. */
static const char *waits_of(int tid)
{
    static char waits[TASK_INFO_WAIT_LEN];
    char state[TASK_INFO_STATE_LEN];
    if (task_state(tid, state, waits) < 0 || strcmp(state, "blocked") != 0)
        waits[0] = 0;
    return waits;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* 4 bytes of heap across a page boundary, both pages mapped: a buffer
 * there is not in one page, so a message to or from it cannot be handed
 * over directly (chan_hand_over) and goes through a slot. */
static char *across;

static void across_init(void)
{
    char *heap = (char *)sbrk(2 * PAGE_SIZE);
    memset(heap, 0, 2 * PAGE_SIZE);
    uintptr_t boundary = ((uintptr_t)heap + PAGE_SIZE) & ~(uintptr_t)(PAGE_SIZE - 1);
    across = (char *)boundary - 1;
}

/* ----------------------------------------------------------- round trips */

static unsigned answer(unsigned w)
{
    return w * 2654435761u + 12345;
}

static volatile int server_words, server_bad, server_last;

/* Answer each word on A with answer(word) on B until end of stream, in
 * three ways by turns: one sendrecv; a send-only sendrecv, a yield (so that
 * the client's next word finds nobody receiving) and a receive-only one;
 * plain send, yield, recv. Counts the words, and those out of order. */
static int server(void *arg)
{
    (void)arg;
    int w = NOT_YET, n = sendrecv(SENDRECV_NONE, 0, A_R, &w);
    char buf[8];
    server_words = server_bad = 0;
    while (n == SENDRECV_WORD) {
        server_bad += w != server_words;
        int ans = (int)answer((unsigned)w);
        switch (server_words++ % 3) {
        case 0:
            n = sendrecv(B_S, ans, A_R, &w);
            break;
        case 1:
            server_bad += sendrecv(B_S, ans, SENDRECV_NONE, NULL) != SENDRECV_WORD;
            yield();
            n = sendrecv(SENDRECV_NONE, 0, A_R, &w);
            break;
        default:
            server_bad += send(B_S, &ans, sizeof ans) != sizeof ans;
            yield();
            n = recv(A_R, buf, sizeof buf);
            memcpy(&w, buf, sizeof w);
        }
    }
    server_last = n;
    return 0;
}

/* ROUND_TRIPS words through a server, A and B of capacity `cap`. */
static void round_trips(int cap)
{
    chan(cap, a);
    chan(cap, b);
    int t = spawn(server, NULL), bad = 0, r = UNTOUCHED;
    int n = sendrecv(A_S, 0, B_R, &r);
    tap_ok(n == SENDRECV_WORD && r == (int)answer(0),
           "capacity %d: a round trip returns 4, with the answer (%d, %#x)", cap, n, r);
    for (int i = 1; i < ROUND_TRIPS; i++) {
        r = UNTOUCHED;
        n = sendrecv(A_S, i, B_R, &r);
        bad += n != SENDRECV_WORD || r != (int)answer((unsigned)i);
    }
    close(A_S);
    tap_ok(bad == 0 && server_bad == 0 && server_words == ROUND_TRIPS,
           "capacity %d: %d round trips, answered in order, by sendrecv and send/recv in turn "
           "(%d bad here, %d there)",
           cap, ROUND_TRIPS, bad, server_bad);
    int ended = finish(t);
    tap_ok(ended && server_last == 0, "capacity %d: then the server's sendrecv gets 0", cap);
    close(A_R);
    close_both(b);
}

static volatile int stage_bad;

/* The pipeline stage of the docs: pass the last word on, take the next. */
static int stage(void *arg)
{
    int i = (int)(intptr_t)arg, v = NOT_YET;
    int in = i == 0 ? A_R : B_R, out = i == 0 ? B_S : C_S;
    int n = sendrecv(SENDRECV_NONE, 0, in, &v);
    while (n == SENDRECV_WORD)
        n = sendrecv(out, v, in, &v);
    stage_bad += n != 0;
    close(out);
    return 0;
}

static int source(void *arg)
{
    (void)arg;
    for (int i = 0; i < PIPE_MSGS; i++)
        stage_bad += sendrecv(A_S, i * 7, SENDRECV_NONE, NULL) != SENDRECV_WORD;
    close(A_S);
    return 0;
}

/* Channels of capacity 1, so that a stage's send half parks again and
 * again, and its call goes on with the receive half when made again. */
static void pipeline(void)
{
    chan(1, a);
    chan(1, b);
    chan(1, c);
    stage_bad = 0;
    int tids[PIPE_TASKS] = {spawn(source, NULL), spawn(stage, (void *)0), spawn(stage, (void *)1)};
    int bad = 0, count = 0, v = UNTOUCHED, n;
    while ((n = sendrecv(SENDRECV_NONE, 0, C_R, &v)) == SENDRECV_WORD)
        bad += v != count++ * 7;
    int ok = 1;
    for (int i = 0; i < PIPE_TASKS; i++)
        ok &= finish(tids[i]);
    tap_ok(bad == 0 && count == PIPE_MSGS && n == 0 && stage_bad == 0 && ok,
           "a pipeline of sendrecv stages: %d words in order, then end of stream", count);
    close(A_R);
    close(B_R);
    close(C_R);
}

/* A round trip to a program of its own: tests/progs/stage sends each
 * message back as it came. */
static void other_program(void)
{
    chan(1, a);
    chan(1, b);
    int map[] = {A_R, B_S, FD_STDERR};
    int prog = spawn_with("stage", NULL, map, 3, 0);
    close(A_R);
    close(B_S);
    int r = UNTOUCHED, bad = 0;
    for (int i = 0; i < PROG_TRIPS; i++)
        bad += sendrecv(A_S, i + 1000, B_R, &r) != SENDRECV_WORD || r != i + 1000;
    close(A_S);
    int ended = finish(prog);
    tap_ok(bad == 0 && ended, "%d round trips to another program, each word back", PROG_TRIPS);
    close(B_R);

    /* A server program in sendrecv (tests/progs/fastpp.c, which answers
     * each word w with 2w): each word handed straight to it, in its own
     * address space. */
    chan(1, a);
    chan(1, b);
    prog = spawn_with("fastpp", "serve", map, 3, 0);
    close(A_R);
    close(B_S);
    bad = 0;
    for (int i = 0; i < PROG_TRIPS; i++)
        bad += sendrecv(A_S, i + 1000, B_R, &r) != SENDRECV_WORD || r != 2 * (i + 1000);
    close(A_S);
    ended = finish(prog);
    tap_ok(bad == 0 && ended, "%d round trips to a server program in sendrecv, each answered",
           PROG_TRIPS);
    close(B_R);
}

/* --------------------------------------------- mixing with send and recv */

static void word_to_recv(void)
{
    int word;
    memcpy(&word, bytes, sizeof word);
    char buf[8], small[3];
    chan(1, a);
    tap_is(sendrecv(A_S, word, SENDRECV_NONE, NULL), SENDRECV_WORD, "send only returns 4");
    tap_is(recv_now(A_R, small, sizeof small), -EMSGSIZE, "a word is too big for a 3-byte recv");
    memset(buf, 0, sizeof buf);
    int n = recv_now(A_R, buf, sizeof buf);
    tap_ok(n == 4 && memcmp(buf, bytes, 4) == 0,
           "into a channel: the word is a 4-byte message to recv, its bytes as in memory (%d)", n);

    memset(buf, 0, sizeof buf);
    int t = start_plain(do_recv, &plains[0], A_R, buf, sizeof buf);
    settle();
    n = sendrecv(A_S, word, SENDRECV_NONE, NULL);
    finish(t);
    tap_ok(n == 4 && plains[0].ret == 4 && memcmp(buf, bytes, 4) == 0,
           "to a recv parked: 4 bytes, straight into its buffer (%d)", plains[0].ret);

    memset(across, 0, 4);
    t = start_plain(do_recv, &plains[0], A_R, across, 4);
    settle();
    n = sendrecv(A_S, word, SENDRECV_NONE, NULL);
    finish(t);
    tap_ok(n == 4 && plains[0].ret == 4 && memcmp(across, bytes, 4) == 0,
           "to a recv parked with its buffer across a page: 4 bytes (%d)", plains[0].ret);
    close_both(a);
}

/* Messages of 1 to 4 bytes from send to sendrecv's receive half, by every
 * way there is. Each check counts the lengths that went wrong. */
/* A task parked in sendrecv's receive half on A gets n bytes of `src`
 * sent to it, for n from `first` to 4: how many times its result or its
 * word was wrong (the length; the bytes, the rest of the word 0). */
static int parked_receives(const void *src, int first, const char *how)
{
    int bad = 0;
    for (int n = first; n <= 4; n++) {
        int t = start(&calls[0], SENDRECV_NONE, (int)GARBAGE, A_R);
        settle();
        send(A_S, src, n);
        finish(t);
        if (calls[0].ret != n || (unsigned)calls[0].reply != short_word(n)) {
            tap_diag("%d bytes %s: %d, %#x", n, how, calls[0].ret, calls[0].reply);
            bad++;
        }
    }
    return bad;
}

static void short_to_sendrecv(void)
{
    int r, bad = 0;
    chan(1, a);
    for (int n = 1; n <= 4; n++) {
        send(A_S, bytes, n);
        r = UNTOUCHED;
        int got = sendrecv(SENDRECV_NONE, (int)GARBAGE, A_R, &r);
        if (got != n || (unsigned)r != short_word(n)) {
            tap_diag("%d bytes waiting: %d, %#x", n, got, r);
            bad++;
        }
    }
    tap_is(bad, 0, "1 to 4 bytes waiting in the channel: the length, the rest of the word 0");

    bad = parked_receives(bytes, 1, "to a parked receiver");
    tap_is(bad, 0, "1 to 4 bytes to a receiver parked: the length, the rest of the word 0");

    memcpy(across, bytes, 4);
    bad = parked_receives(across, 2, "through a slot");
    tap_is(bad, 0,
           "2 to 4 bytes from across a page to a receiver parked (through a slot): the length, "
           "the rest 0");

    /* A message waiting with a sender parked behind it: taken the long
     * way (chan_take), which lets the parked one's message in. */
    send(A_S, bytes, 2);
    int t = start_plain(do_send, &plains[0], A_S, (void *)bytes, 3);
    settle();
    r = UNTOUCHED;
    int got1 = sendrecv(SENDRECV_NONE, (int)GARBAGE, A_R, &r);
    int r1 = r;
    r = UNTOUCHED;
    int got2 = sendrecv(SENDRECV_NONE, (int)GARBAGE, A_R, &r);
    finish(t);
    tap_ok(got1 == 2 && (unsigned)r1 == short_word(2) && got2 == 3 &&
               (unsigned)r == short_word(3) && plains[0].ret == 3,
           "2 bytes with a sender parked behind, then its 3: lengths and words right (%d %#x, %d "
           "%#x)",
           got1, r1, got2, r);

    /* read() took the first byte of a 4-byte message: 3 are left. */
    send(A_S, bytes, 4);
    char one;
    read(A_R, &one, 1);
    r = UNTOUCHED;
    int got = sendrecv(SENDRECV_NONE, (int)GARBAGE, A_R, &r);
    tap_ok(got == 3 && (unsigned)r == (short_word(4) >> 8),
           "the 3 bytes a read() left of a message: 3, the rest of the word 0 (%d, %#x)", got, r);
    close_both(a);
}

/* ------------------------------------------------ send only, receive only */

static void one_half(void)
{
    chan(1, a);
    chan(1, b);
    int r = UNTOUCHED;
    int n = sendrecv(A_S, 5, SENDRECV_NONE, &r);
    tap_ok(recv_word(A_R) == 5 && n == SENDRECV_WORD && r == UNTOUCHED,
           "send only: 4, the word sent, *reply untouched");

    /* Parked in the send half with no receive half: done when taken. */
    send(A_S, &(int){FILLER}, 4);
    int t = start(&calls[0], A_S, 6, SENDRECV_NONE);
    settle();
    int parked = !calls[0].done;
    int first = recv_word(A_R);
    settle();
    int w = recv_word(A_R), ended = finish(t);
    tap_ok(parked && first == FILLER && calls[0].ret == SENDRECV_WORD && w == 6 && ended,
           "send only into a full channel: parks, then returns 4 once there is room");

    send(B_S, &(int){9}, 4);
    r = UNTOUCHED;
    n = sendrecv(SENDRECV_NONE, 123, B_R, &r);
    tap_ok(n == SENDRECV_WORD && r == 9, "receive only: 4, the word");
    close_both(a);
    close_both(b);
}

/* ------------------------------------------------------------- rendezvous */

static void rendezvous(void)
{
    chan(0, a);
    chan(1, b);
    /* The sender first: it holds its word until a receiver comes. */
    int t = start(&calls[0], A_S, 7, SENDRECV_NONE);
    settle();
    int parked = !calls[0].done && ends_with(waits_of(t), ", to send");
    int v = recv_word(A_R);
    finish(t);
    tap_ok(parked && v == 7 && calls[0].ret == SENDRECV_WORD,
           "rendezvous, sendrecv first: parked to send, then recv takes the word and it returns 4");

    /* The receiver first: the word goes from frame to frame. */
    t = start(&calls[0], SENDRECV_NONE, (int)GARBAGE, A_R);
    settle();
    parked = !calls[0].done && ends_with(waits_of(t), ", to receive");
    int n = sendrecv(A_S, 8, SENDRECV_NONE, NULL);
    finish(t);
    tap_ok(parked && n == SENDRECV_WORD && calls[0].ret == SENDRECV_WORD && calls[0].reply == 8,
           "rendezvous, receiver first: both sendrecv, both return 4, the word arrives");

    /* A plain send to a sendrecv parked to receive, from across a page:
     * through the slot, taken at once. */
    memcpy(across, bytes, 4);
    t = start(&calls[0], SENDRECV_NONE, (int)GARBAGE, A_R);
    settle();
    n = send(A_S, across, 3);
    finish(t);
    tap_ok(n == 3 && calls[0].ret == 3 && (unsigned)calls[0].reply == short_word(3),
           "rendezvous: 3 bytes sent from across a page to a sendrecv parked: 3, the rest 0");

    /* A plain recv parked with its buffer across a page: the sendrecv is
     * the rendezvous' holder while the receiver takes the word, within
     * its own call. */
    memset(across, 0, 4);
    int word;
    memcpy(&word, bytes, 4);
    int tr = start_plain(do_recv, &plains[0], A_R, across, 4);
    settle();
    send(B_S, &(int){10}, 4);
    int r = UNTOUCHED;
    n = sendrecv(A_S, word, B_R, &r);
    finish(tr);
    tap_ok(n == SENDRECV_WORD && r == 10 && plains[0].ret == 4 && memcmp(across, bytes, 4) == 0,
           "rendezvous: sendrecv to a recv parked across a page, then its receive half (%d, %d)", n,
           plains[0].ret);
    close_both(a);
    close_both(b);
}

/* --------------------------------------------------- the call made again */

/* A task parked in the send half (`a`: full, or a rendezvous) goes on
 * with its receive half once its word is taken: check each way of taking
 * it. */
static void made_again(void)
{
    int x = UNTOUCHED;

    /* Room made by a recv, the word taken by a recv, the answer sent. */
    chan(1, a);
    chan(1, b);
    send(A_S, &(int){FILLER}, 4);
    int t = start(&calls[0], A_S, 0x11, B_R);
    settle();
    int send_half = !calls[0].done && ends_with(waits_of(t), ", to send");
    int f = recv_word(A_R);
    settle();
    int recv_half = !calls[0].done && ends_with(waits_of(t), ", to receive");
    int w = recv_word(A_R);
    send(B_S, &(int){0x22}, 4);
    finish(t);
    tap_ok(send_half && recv_half && f == FILLER && w == 0x11 && calls[0].ret == SENDRECV_WORD &&
               calls[0].reply == 0x22,
           "a full channel: parked to send, then to receive once there is room, then the answer");

    /* Room made and the word taken by our sendrecv; the answer goes in
     * before the task has made its call again. */
    send(A_S, &(int){FILLER}, 4);
    t = start(&calls[0], A_S, 0x33, B_R);
    settle();
    int n1 = sendrecv(SENDRECV_NONE, 0, A_R, &x);
    int x1 = x;
    int n2 = sendrecv(B_S, 0x44, A_R, &x);
    finish(t);
    tap_ok(n1 == 4 && x1 == FILLER && n2 == 4 && x == 0x33 && calls[0].ret == SENDRECV_WORD &&
               calls[0].reply == 0x44,
           "a full channel: the filler and the word taken by sendrecv, whose word is the answer");
    close_both(a);

    /* The same through a rendezvous: the parked task holds its word. */
    chan(0, a);
    t = start(&calls[0], A_S, 0x55, B_R);
    settle();
    send_half = !calls[0].done && ends_with(waits_of(t), ", to send");
    w = recv_word(A_R);
    settle();
    recv_half = !calls[0].done && ends_with(waits_of(t), ", to receive");
    send(B_S, &(int){0x66}, 4);
    finish(t);
    tap_ok(send_half && w == 0x55 && recv_half && calls[0].ret == SENDRECV_WORD &&
               calls[0].reply == 0x66,
           "a rendezvous: held until recv takes it, then parked to receive, then the answer");

    t = start(&calls[0], A_S, 0x77, B_R);
    settle();
    x = UNTOUCHED;
    int n = sendrecv(B_S, 0x88, A_R, &x);
    finish(t);
    tap_ok(n == 4 && x == 0x77 && calls[0].ret == SENDRECV_WORD && calls[0].reply == 0x88,
           "a rendezvous: the held word taken by sendrecv, whose word is the answer");

    /* Senders parked in the send half go on in the order they came, and
     * so do their receive halves. */
    close_both(a);
    chan(1, a);
    send(A_S, &(int){FILLER}, 4);
    int tids[PARKED], bad = 0;
    for (int i = 0; i < PARKED; i++) {
        tids[i] = start(&calls[i], A_S, 100 + i, B_R);
        settle();
    }
    bad += recv_word(A_R) != FILLER;
    for (int i = 0; i < PARKED; i++) {
        bad += recv_word(A_R) != 100 + i;
        settle();
    }
    for (int i = 0; i < PARKED; i++) {
        send(B_S, &(int){200 + i}, 4);
        settle();
    }
    for (int i = 0; i < PARKED; i++) {
        finish(tids[i]);
        bad += calls[i].ret != SENDRECV_WORD || calls[i].reply != 200 + i;
    }
    tap_is(bad, 0, "%d parked in the send half: words and answers in the order they came", PARKED);
    close_both(a);
    close_both(b);
}

/* ----------------------------------------------------------- end of stream */

static void end_of_stream(void)
{
    chan(CHAN_CAPACITY_MAX, a);
    chan(1, b);
    for (int i = 0; i < 3; i++)
        sendrecv(A_S, i, SENDRECV_NONE, NULL);
    close(A_S);
    int bad = 0, r;
    for (int i = 0; i < 3; i++) {
        r = UNTOUCHED;
        bad += sendrecv(SENDRECV_NONE, 0, A_R, &r) != SENDRECV_WORD || r != i;
    }
    tap_is(bad, 0, "the words sent before the last send end closed are received");
    r = UNTOUCHED;
    int n = sendrecv(SENDRECV_NONE, 0, A_R, &r);
    tap_ok(n == 0 && r == UNTOUCHED, "then end of stream: 0, *reply untouched");
    n = sendrecv(B_S, 12, A_R, &r);
    tap_ok(recv_word(B_R) == 12 && n == 0, "and 0 again, with the send half done first");
    close(A_R);

    chan(1, a);
    int t = start(&calls[0], SENDRECV_NONE, 0, A_R);
    settle();
    close(A_S);
    finish(t);
    tap_ok(calls[0].ret == 0 && calls[0].reply == UNTOUCHED,
           "a task parked to receive gets 0 when the last send end closes");
    close(A_R);
    close_both(b);
}

/* ------------------------------------------------------------------ errors */

/* Start tests/progs/hold holding our handle h, so that closing ours
 * leaves the end open. Returns its id; *control is what lets it go. */
static int hold(int h, int *control)
{
    int ctl[2];
    chan(1, ctl);
    int map[] = {ctl[CHAN_RECV_END], h};
    int t = spawn_with("hold", NULL, map, 2, 0);
    close(ctl[CHAN_RECV_END]);
    *control = ctl[CHAN_SEND_END];
    return t;
}

static int let_go(int holder, int control)
{
    close(control);
    return finish(holder);
}

static void bad_handles(void)
{
    chan(CHAN_CAPACITY_MAX, a); /* room for the words a faulty call might send */
    chan(1, b);
    int file = open("motd.txt"), r = UNTOUCHED;
    tap_is(sendrecv(SENDRECV_NONE, 1, SENDRECV_NONE, &r), -EINVAL, "neither handle: -EINVAL");

    /* A message waits on B: a call that fails must not take it. */
    send(B_S, &(int){42}, 4);
    const int bad_out[] = {100, HANDLE_MAX, -2, A_R, FD_STDOUT, file};
    const char *const what[] = {"not open",      "HANDLE_MAX", "-2",
                                "a receive end", "a terminal", "a file"};
    for (int i = 0; i < 6; i++)
        tap_is(sendrecv(bad_out[i], 1, B_R, &r), -EBADF, "out %s: -EBADF", what[i]);
    tap_ok(recv_word(B_R) == 42 && r == UNTOUCHED, "and none received anything");

    const int bad_in[] = {100, HANDLE_MAX, -2, A_S, FD_STDIN, file};
    const char *const what_in[] = {"not open",   "HANDLE_MAX", "-2",
                                   "a send end", "a terminal", "a file"};
    for (int i = 0; i < 6; i++)
        tap_is(sendrecv(A_S, 1, bad_in[i], &r), -EBADF, "in %s: -EBADF", what_in[i]);
    tap_ok(!waiting(A_R), "and none sent its word: in is checked first");
    tap_is(sendrecv(A_R, 1, A_S, &r), -EBADF, "the ends the wrong way round: -EBADF");
    close(file);
    close_both(a);

    /* EPIPE: nothing sent, nothing received. */
    chan(1, a);
    close(A_R);
    send(B_S, &(int){43}, 4);
    r = UNTOUCHED;
    int n = sendrecv(A_S, 1, B_R, &r);
    tap_ok(recv_word(B_R) == 43 && n == -EPIPE && r == UNTOUCHED,
           "no receive end: -EPIPE, and the message waiting to be received is still there");
    close(A_S);

    /* Parked to send when the last receive end closes. */
    chan(1, a);
    send(A_S, &(int){FILLER}, 4);
    send(B_S, &(int){44}, 4);
    int t = start(&calls[0], A_S, 1, B_R);
    settle();
    close(A_R);
    finish(t);
    tap_ok(recv_word(B_R) == 44 && calls[0].ret == -EPIPE,
           "parked to send when the last receive end closes: -EPIPE, nothing received");
    close(A_S);
    close_both(b);
}

static void too_long(void)
{
    chan(1, a);
    chan(1, b);
    char buf[CHAN_MSG_MAX];
    int r = UNTOUCHED;
    send(B_S, "12345", 5);
    int n = sendrecv(A_S, 0x99, B_R, &r);
    tap_ok(n == -EMSGSIZE && r == UNTOUCHED, "5 bytes waiting: -EMSGSIZE, *reply untouched (%d)",
           n);
    tap_is(recv_word(A_R), 0x99, "the word was sent");
    n = recv_now(B_R, buf, sizeof buf);
    tap_ok(n == 5 && memcmp(buf, "12345", 5) == 0, "the message stayed: recv gets it whole (%d)",
           n);

    memset(buf, 'm', sizeof buf);
    send(B_S, buf, CHAN_MSG_MAX);
    int n1 = sendrecv(SENDRECV_NONE, 0, B_R, &r);
    tap_ok(recv_now(B_R, buf, sizeof buf) == CHAN_MSG_MAX && n1 == -EMSGSIZE,
           "CHAN_MSG_MAX bytes waiting: -EMSGSIZE, and it stays");

    /* Parked to receive when 5 bytes come. */
    int t = start(&calls[0], SENDRECV_NONE, 0, B_R);
    settle();
    send(B_S, "abcde", 5);
    finish(t);
    n = recv_now(B_R, buf, sizeof buf);
    tap_ok(calls[0].ret == -EMSGSIZE && calls[0].reply == UNTOUCHED && n == 5 &&
               memcmp(buf, "abcde", 5) == 0,
           "parked to receive when 5 bytes come: -EMSGSIZE, the message stays whole");

    /* Parked to send, made again with 5 bytes waiting. */
    send(A_S, &(int){FILLER}, 4);
    send(B_S, "vwxyz", 5);
    t = start(&calls[0], A_S, 0xaa, B_R);
    settle();
    int f = recv_word(A_R);
    finish(t);
    int w = recv_word(A_R);
    n = recv_now(B_R, buf, sizeof buf);
    tap_ok(f == FILLER && calls[0].ret == -EMSGSIZE && w == 0xaa && n == 5,
           "made again after its send half, with 5 bytes waiting: -EMSGSIZE, word sent, message "
           "stays");
    close_both(a);
    close_both(b);
}

/* Take the filler out of A (into *filler), so that the word of task t,
 * parked in its send half, goes in; t's result once it has run (or
 * NOT_YET: still parked, and killed). */
static int take_filler(int t, int *filler)
{
    *filler = recv_word(A_R);
    settle();
    int ret = calls[0].ret;
    if (ret == NOT_YET)
        kill(t);
    wait(t, NULL);
    return ret;
}

/* A handle closed, by us, under a task parked on it in either half. */
static void closed_under(void)
{
    int control, holder;

    /* The send half, a full channel: nothing goes in, nothing is received. */
    chan(1, a);
    chan(1, b);
    send(A_S, &(int){FILLER}, 4);
    send(B_S, &(int){45}, 4);
    int t = start(&calls[0], A_S, 1, B_R);
    settle();
    close(A_S);
    settle();
    int ret = calls[0].ret;
    finish(t);
    int f = recv_word(A_R), end = recv(A_R, &(int){0}, 4);
    tap_ok(recv_word(B_R) == 45 && ret == -EBADF && f == FILLER && end == 0,
           "out closed under the send half: -EBADF, the word not sent, nothing received");
    close(A_R);

    /* The same with another program holding the send end: only the
     * handle goes, and with it the call. */
    chan(1, a);
    send(A_S, &(int){FILLER}, 4);
    holder = hold(A_S, &control);
    t = start(&calls[0], A_S, 1, B_R);
    settle();
    close(A_S);
    settle();
    ret = calls[0].ret;
    if (ret == NOT_YET)
        kill(t); /* still parked: free it */
    wait(t, NULL);
    f = recv_word(A_R);
    tap_ok(ret == -EBADF && f == FILLER && !waiting(A_R),
           "out closed under the send half, another program holding that end: -EBADF, not sent");
    close(A_R);
    let_go(holder, control);

    /* The send half of a rendezvous: the word it held goes. */
    chan(0, a);
    t = start(&calls[0], A_S, 1, B_R);
    settle();
    close(A_S);
    settle();
    ret = calls[0].ret;
    finish(t);
    tap_ok(recv(A_R, &(int){0}, 4) == 0 && ret == -EBADF,
           "out closed under a rendezvous' holder: -EBADF, the word it held not received");
    close(A_R);

    /* The receive half, its send half done. */
    chan(1, a);
    t = start(&calls[0], A_S, 2, B_R);
    settle();
    close(B_R);
    settle();
    ret = calls[0].ret;
    finish(t);
    tap_ok(recv_word(A_R) == 2 && ret == -EBADF && calls[0].reply == UNTOUCHED,
           "in closed under the receive half: -EBADF, and the word was sent");
    close(B_S);

    /* The same with another program holding the receive end. */
    chan(1, b);
    holder = hold(B_R, &control);
    t = start(&calls[0], A_S, 3, B_R);
    settle();
    close(B_R);
    settle();
    ret = calls[0].ret;
    if (ret == NOT_YET)
        kill(t);
    wait(t, NULL);
    tap_ok(recv_word(A_R) == 3 && ret == -EBADF,
           "in closed under the receive half, another program holding that end: -EBADF");
    close(B_S);
    let_go(holder, control);

    /* in closed while the task is still in its send half: the send goes
     * on, and the call ends once the receive half finds in gone. */
    chan(1, b);
    send(A_S, &(int){FILLER}, 4);
    t = start(&calls[0], A_S, 4, B_R);
    settle();
    close(B_R);
    settle();
    ret = take_filler(t, &f);
    tap_ok(recv_word(A_R) == 4 && f == FILLER && ret == -EBADF,
           "in closed while parked in the send half: the word goes in, then -EBADF (%d)", ret);
    close(B_S);

    /* The same, and a new channel takes in's number before the word goes:
     * the number names another channel now, and the call must not receive
     * from that one (it did: the new channel's message was its reply). */
    chan(1, b);
    send(A_S, &(int){FILLER}, 4);
    t = start(&calls[0], A_S, 5, B_R);
    settle();
    int old_in = B_R;
    close(B_R);
    close(B_S);
    chan(1, c); /* the lowest free numbers: old_in among them */
    int reused = c[CHAN_RECV_END] == old_in;
    send(c[CHAN_SEND_END], &(int){0x66}, 4);
    ret = take_filler(t, &f);
    tap_ok(reused && recv_word(A_R) == 5 && f == FILLER && ret == -EBADF &&
               calls[0].reply == UNTOUCHED && recv_now(c[CHAN_RECV_END], &(int){0}, 4) == 4,
           "in closed and its number taken by a new channel while parked in the send half: "
           "-EBADF, nothing taken from the new one (%d, reply 0x%x)",
           ret, (unsigned)calls[0].reply);
    close_both(c);
    close_both(a);
}

/* -------------------------------------------------------------- registers */

/* Every register the call may see: what is loaded before, what is there
 * after. */
struct regs {
    uint32_t ebx, ecx, edx, esi, edi, ebp, esp, eflags;
};

struct regs_call {
    struct regs before, after;
    int ret;
};

_Static_assert(offsetof(struct regs_call, after) == 32 && offsetof(struct regs_call, ret) == 64,
               "the offsets the assembly below uses");

/* sendrecv(out, word, in) with known values in esi, edi and ebp, and a
 * flag set (carry), all of them stored before and after the int (through
 * SENDRECV_GATE) as the call left them. %ebp is the frame pointer: saved by hand. */
static int sendrecv_regs(int out, int word, int in, struct regs_call *rc)
{
    rc->before = (struct regs){
        (uint32_t)out, (uint32_t)word, (uint32_t)in, 0x44444444, 0x55555555, 0x66666666, 0, 0};
    memset(&rc->after, 0, sizeof rc->after);
    struct regs_call *p = rc;
    __asm__ volatile("pushl %%ebp\n\t"
                     "pushl %%eax\n\t" /* rc, for after the call */
                     "movl 0(%%eax), %%ebx\n\t"
                     "movl 4(%%eax), %%ecx\n\t"
                     "movl 8(%%eax), %%edx\n\t"
                     "movl 12(%%eax), %%esi\n\t"
                     "movl 16(%%eax), %%edi\n\t"
                     "movl 20(%%eax), %%ebp\n\t"
                     "movl %%esp, 24(%%eax)\n\t"
                     "stc\n\t"
                     "pushfl\n\t"
                     "popl 28(%%eax)\n\t"
                     "movl %[nr], %%eax\n\t"
                     "int $" SENDRECV_GATE "\n\t"
                     "pushfl\n\t"
                     "xchgl %%eax, 4(%%esp)\n\t" /* rc back; the result where rc was */
                     "popl 60(%%eax)\n\t"
                     "movl %%ebx, 32(%%eax)\n\t"
                     "movl %%ecx, 36(%%eax)\n\t"
                     "movl %%edx, 40(%%eax)\n\t"
                     "movl %%esi, 44(%%eax)\n\t"
                     "movl %%edi, 48(%%eax)\n\t"
                     "movl %%ebp, 52(%%eax)\n\t"
                     "movl %%esp, 56(%%eax)\n\t"
                     "popl 64(%%eax)\n\t"
                     "popl %%ebp"
                     : "+a"(p)
                     : [nr] "i"(SYS_sendrecv)
                     : "ebx", "ecx", "edx", "esi", "edi", "memory", "cc");
    return rc->ret;
}

/* The call returned `ret`, kept every register but eax and ecx, and left
 * `ecx` in ecx (unless ecx is NOT_CHECKED). Says what differs. */
#define NOT_CHECKED 0xffffffffu

static int regs_ok(const struct regs_call *rc, int ret, uint32_t ecx)
{
    static const char *const names[] = {"ebx", "ecx", "edx", "esi", "edi", "ebp", "esp", "eflags"};
    const uint32_t *before = &rc->before.ebx, *after = &rc->after.ebx;
    int ok = rc->ret == ret;
    if (!ok)
        tap_diag("returned %d, not %d", rc->ret, ret);
    for (int i = 0; i < 8; i++) {
        uint32_t want = i == 1 ? ecx : before[i];
        if (i == 1 && ecx == NOT_CHECKED)
            continue;
        if (after[i] != want) {
            tap_diag("%s: %#x, not %#x", names[i], after[i], want);
            ok = 0;
        }
    }
    return ok;
}

/* What a partner task does while we are parked in sendrecv_regs. */
static volatile int partner_got;

static int partner_restart(void *arg)
{
    (void)arg;
    recv_word(A_R); /* the filler: our word goes in, our call is made again */
    partner_got = recv_word(A_R);
    settle(); /* we park in the receive half */
    send(B_S, "xyz", 3);
    return 0;
}

static int partner_close_recv_end(void *arg)
{
    close(*(int *)arg);
    return 0;
}

/* Waits in sendrecv_regs for a word on A, which a sendrecv hands straight
 * into its frame (the fast gate's fast path, or sys_sendrecv's short way),
 * and answers it on B plus one. */
static struct regs_call partner_rc;

static int partner_server(void *arg)
{
    (void)arg;
    sendrecv_regs(SENDRECV_NONE, (int)GARBAGE, A_R, &partner_rc);
    return sendrecv(B_S, (int)partner_rc.after.ecx + 1, SENDRECV_NONE, NULL) == SENDRECV_WORD ? 0
                                                                                              : 1;
}

static int partner_send_long(void *arg)
{
    (void)arg;
    send(B_S, "12345", 5);
    return 0;
}

static void registers(void)
{
    struct regs_call rc;
    chan(1, a);
    chan(1, b);
    send(B_S, "\xc1\xc2", 2);
    sendrecv_regs(A_S, 0x01020304, B_R, &rc);
    tap_ok((recv_word(A_R) == 0x01020304) & regs_ok(&rc, 2, 0xc2c1),
           "registers: at once, both halves: 2, ecx the reply, all the others kept");
    sendrecv_regs(A_S, 0x01020305, SENDRECV_NONE, &rc);
    tap_ok((recv_word(A_R) == 0x01020305) & regs_ok(&rc, 4, 0x01020305),
           "registers: send only: 4, ecx still the word, all the others kept");
    send(B_S, "\xd1\xd2\xd3\xd4", 4);
    sendrecv_regs(SENDRECV_NONE, (int)GARBAGE, B_R, &rc);
    tap_ok(regs_ok(&rc, 4, 0xd4d3d2d1), "registers: receive only: 4, ecx the reply, others kept");

    sendrecv_regs(SENDRECV_NONE, 0x1234, SENDRECV_NONE, &rc);
    tap_ok(regs_ok(&rc, -EINVAL, 0x1234), "registers: -EINVAL: ecx and all the others kept");
    sendrecv_regs(100, 0x1235, B_R, &rc);
    tap_ok(regs_ok(&rc, -EBADF, 0x1235), "registers: -EBADF for out: all kept");
    sendrecv_regs(A_S, 0x1236, 100, &rc);
    tap_ok(regs_ok(&rc, -EBADF, 0x1236), "registers: -EBADF for in: all kept");
    while (waiting(A_R)) /* a word wrongly sent (bad_handles checks that) must not fill a */
        recv_word(A_R);
    send(B_S, "12345", 5);
    sendrecv_regs(A_S, 0x1237, B_R, &rc);
    tap_ok((recv_word(A_R) == 0x1237) & regs_ok(&rc, -EMSGSIZE, 0x1237),
           "registers: -EMSGSIZE: all kept");
    recv_now(B_R, (char[8]){0}, 8);

    /* Parked in the send half, made again, parked in the receive half. */
    send(A_S, &(int){FILLER}, 4);
    int t = spawn(partner_restart, NULL);
    sendrecv_regs(A_S, 0x1238, B_R, &rc);
    finish(t);
    tap_ok(regs_ok(&rc, 3, 0x7a7978) && partner_got == 0x1238,
           "registers: parked in both halves, made again between: 3, ecx the reply, others kept");

    /* A server waits: the word handed over, this side parked, answered. */
    t = spawn(partner_server, NULL);
    settle();
    sendrecv_regs(A_S, 0x2468, B_R, &rc);
    tap_ok(finish(t) && regs_ok(&rc, 4, 0x2469),
           "registers: to a server waiting in sendrecv, then the answer: 4, ecx the answer, others "
           "kept");
    tap_ok(regs_ok(&partner_rc, 4, 0x2468),
           "registers: the server's call, woken with the word: 4, ecx the word, others kept");

    t = spawn(partner_send_long, NULL);
    sendrecv_regs(SENDRECV_NONE, 0x1239, B_R, &rc);
    finish(t);
    tap_ok(regs_ok(&rc, -EMSGSIZE, 0x1239),
           "registers: parked to receive, then -EMSGSIZE: ecx and the others kept");
    recv_now(B_R, (char[8]){0}, 8);

    t = spawn(partner_close_recv_end, &B_R);
    sendrecv_regs(SENDRECV_NONE, 0x123a, B_R, &rc);
    finish(t);
    tap_ok(regs_ok(&rc, -EBADF, 0x123a),
           "registers: parked to receive, in closed: -EBADF, ecx and the others kept");
    close(B_S);

    chan(1, b);
    close(B_S);
    sendrecv_regs(A_S, 0x123b, B_R, &rc);
    tap_ok((recv_word(A_R) == 0x123b) & regs_ok(&rc, 0, NOT_CHECKED),
           "registers: end of stream: 0, all but ecx kept");
    close(B_R);

    send(A_S, &(int){FILLER}, 4);
    t = spawn(partner_close_recv_end, &A_R);
    sendrecv_regs(A_S, 0x123c, SENDRECV_NONE, &rc);
    finish(t);
    tap_ok(regs_ok(&rc, -EPIPE, 0x123c),
           "registers: parked to send, the last receive end closed: -EPIPE, all kept");
    close(A_S);
}

/* ----------------------------------------------- the hand-over's edges */

/* Who ran in what order: each task notes its letter; 'y' for a task that
 * was ready, and it notes what state the server order_server is in ('r':
 * ready, as it must be once woken; 'b': still blocked). */
static char order[8];
static volatile int order_len, order_server;

static int note_order(void *arg)
{
    order[order_len++] = (char)(intptr_t)arg;
    char state[TASK_INFO_STATE_LEN], waits[TASK_INFO_WAIT_LEN];
    if (task_state(order_server, state, waits) == 0)
        order[order_len++] = state[0];
    return 0;
}

/* Polls *arg (a send end) for POLL_OUT once, with no time limit; what it
 * saw in poll_out_seen. */
static volatile int poll_out_seen;

static int poll_out_once(void *arg)
{
    struct pollreq req = {*(int *)arg, POLL_OUT, 0};
    poll_out_seen = 0;
    if (poll(&req, 1, POLL_FOREVER) == 1)
        poll_out_seen = req.revents;
    return 0;
}

/* A task waits on A for our word, as a server does, and we call with both
 * halves, in from B: the case sendrecv_fast's fast path (and sys_sendrecv's
 * short way) takes, only when nothing else has a say. Each of these is one
 * thing that has, and the call must come out as if made the long way. */
static void hand_over_edges(void)
{
    int r = UNTOUCHED, t;
    struct counters before = counters_now();

    /* The one waiting on A is in recv(), not sendrecv: the word goes to
     * its buffer, in its memory; then our call waits on B. */
    chan(1, a), chan(1, b);
    int got = NOT_YET;
    t = start_plain(do_recv, &plains[0], A_R, &got, sizeof got);
    settle();
    int u = start(&calls[0], A_S, 0x515, B_R);
    settle();
    tap_ok(plains[0].ret == 4 && got == 0x515 && !calls[0].done &&
               ends_with(waits_of(u), "to receive"),
           "edges: a recv() waits on out: it gets the word, and the call waits on in (%d %#x %s)",
           plains[0].ret, got, waits_of(u));
    send(B_S, &(int){0x616}, 4);
    int ended = finish(t) & finish(u);
    tap_ok(ended && calls[0].ret == 4 && calls[0].reply == 0x616,
           "edges: ... and its answer arrives (%d %#x)", calls[0].ret, calls[0].reply);

    /* A word waits on B already: no waiting, it is the answer at once. */
    t = start(&calls[1], SENDRECV_NONE, 0, A_R);
    settle();
    send(B_S, &(int){0x717}, 4);
    int n = sendrecv(A_S, 0x818, B_R, &r);
    tap_ok(n == 4 && r == 0x717 && finish(t) && calls[1].reply == 0x818,
           "edges: a word waits on in: the call returns it at once, and out's server got ours");

    /* Nobody can send on B any more: end of stream, after the word went. */
    close(B_S);
    t = start(&calls[1], SENDRECV_NONE, 0, A_R);
    settle();
    r = UNTOUCHED;
    n = sendrecv(A_S, 0x919, B_R, &r);
    tap_ok(n == 0 && r == UNTOUCHED && finish(t) && calls[1].reply == 0x919,
           "edges: in's send ends all closed: 0 (end of stream), the word delivered (%d)", n);
    close(B_R), close_both(a);

    /* A rendezvous B, polled for room to send: our call waiting on B makes
     * room, and the poller must hear of it. */
    chan(1, a), chan(0, b);
    t = start(&calls[1], SENDRECV_NONE, 0, A_R);
    settle();
    int p = spawn(poll_out_once, &B_S);
    settle();
    u = start(&calls[0], A_S, 0xa1a, B_R);
    settle();
    tap_ok(poll_out_seen == POLL_OUT && calls[1].done && calls[1].reply == 0xa1a,
           "edges: a rendezvous in, polled for POLL_OUT: our waiting on it wakes the poller (%#x)",
           poll_out_seen);
    send(B_S, &(int){0xb1b}, 4);
    ended = finish(p) & finish(t) & finish(u);
    tap_ok(ended && calls[0].ret == 4 && calls[0].reply == 0xb1b,
           "edges: ... and the answer sent on it is ours (%d %#x)", calls[0].ret, calls[0].reply);
    close_both(a), close_both(b);

    /* `in` no receive end: -EBADF, and nothing sent: the server still
     * waits for a word. */
    chan(1, a), chan(1, b);
    t = start(&calls[1], SENDRECV_NONE, 0, A_R);
    settle();
    int bad_in[] = {B_S, FD_STDOUT, HANDLE_MAX - 1};
    int all_badf = 1;
    for (int i = 0; i < 3; i++)
        all_badf &= sendrecv(A_S, 0xc1c, bad_in[i], &r) == -EBADF;
    settle();
    tap_ok(all_badf && !calls[1].done,
           "edges: in a send end, a terminal, a closed handle: -EBADF, the server still waits");
    n = sendrecv(A_S, 0xd1d, SENDRECV_NONE, NULL);
    ended = finish(t);
    tap_ok(n == 4 && ended && calls[1].reply == 0xd1d,
           "edges: ... for the word a good call then sends (%#x)", calls[1].reply);

    /* Another task is ready: the server, woken, goes behind it, as any
     * task made ready does; this side waits. */
    t = spawn(partner_server, NULL); /* answers w with w + 1 */
    settle();
    order_len = 0;
    order_server = t;
    int y = spawn(note_order, (void *)(intptr_t)'y'); /* ready, not run yet */
    n = sendrecv(A_S, 0xf1f, B_R, &r);
    tap_ok(order_len == 2 && order[0] == 'y' && order[1] == 'r',
           "edges: another task ready: it runs first, the woken server ready meanwhile (%.*s)",
           order_len, order);
    ended = finish(y) & finish(t);
    tap_ok(ended && n == 4 && r == 0xf20, "edges: ... then the server, which answers (%d %#x)", n,
           r);
    close_both(a), close_both(b);
    tap_ok(counters_same(before), "edges: nothing leaked");
}

/* ------------------------------------------------------------------ tasks() */

static void task_list(void)
{
    chan(1, a);
    chan(1, b);
    send(A_S, &(int){FILLER}, 4);
    int ps = start_plain(do_send, &plains[0], A_S, &(int){1}, 4);
    int pr = start_plain(do_recv, &plains[1], B_R, &(int){0}, 4);
    int t = start(&calls[0], A_S, 2, B_R);
    settle();
    char send_wait[TASK_INFO_WAIT_LEN];
    strlcpy(send_wait, waits_of(ps), sizeof send_wait);
    const char *w = waits_of(t);
    tap_ok(ends_with(w, ", to send") && strcmp(w, send_wait) == 0,
           "tasks(): in the send half, \"%s\", as a send on the same channel", w);
    recv_word(A_R);
    recv_word(A_R);
    settle();
    char recv_wait[TASK_INFO_WAIT_LEN];
    strlcpy(recv_wait, waits_of(pr), sizeof recv_wait);
    w = waits_of(t);
    tap_ok(ends_with(w, ", to receive") && strcmp(w, recv_wait) == 0 && strcmp(w, send_wait) != 0,
           "tasks(): in the receive half, \"%s\", as a recv on the same channel", w);
    send(B_S, &(int){3}, 4);
    send(B_S, &(int){4}, 4);
    finish(ps);
    finish(pr);
    finish(t);
    tap_ok(recv_word(A_R) == 2 && calls[0].ret == SENDRECV_WORD && calls[0].reply == 4,
           "and it goes on after the recv parked before it");
    close_both(a);
    close_both(b);
}

/* --------------------------------------------------------------------- kills */

static void kills(int round)
{
    chan(1, a);
    chan(1, b);
    chan(0, c);

    /* Two in the send half of the full a; the first is killed. */
    send(A_S, &(int){FILLER}, 4);
    int t1 = start(&calls[0], A_S, 1, B_R), t2 = start(&calls[1], A_S, 2, B_R);
    settle();
    int ok = killed(t1);
    int f = recv_word(A_R), w = recv_word(A_R);
    tap_ok(ok && f == FILLER && w == 2 && !waiting(A_R),
           "round %d: killed in the send half: its word never comes, the next one's does", round);

    /* t2 is in the receive half of b now, a receive-only task behind it;
     * t2 is killed, and the next word goes to the other. */
    settle();
    int t3 = start(&calls[2], SENDRECV_NONE, 0, B_R);
    settle();
    int parked = ends_with(waits_of(t2), ", to receive");
    ok = killed(t2);
    send(B_S, &(int){0x99}, 4);
    int ended = finish(t3);
    tap_ok(parked && ok && calls[2].ret == SENDRECV_WORD && calls[2].reply == 0x99 &&
               calls[1].ret == NOT_YET && ended,
           "round %d: killed in the receive half: the next receiver gets the word", round);

    /* A rendezvous holder killed: its word goes with it. */
    int h1 = start(&calls[0], C_S, 101, B_R), h2 = start(&calls[1], C_S, 102, SENDRECV_NONE);
    settle();
    ok = killed(h1);
    w = recv_word(C_R);
    ended = finish(h2);
    tap_ok(ok && w == 102 && ended && calls[1].ret == SENDRECV_WORD,
           "round %d: a rendezvous holder killed: the receiver gets the next sender's word", round);

    /* Killed after its word was taken, before its call was made again. */
    int h3 = start(&calls[0], C_S, 103, B_R);
    settle();
    w = recv_word(C_R);
    ok = killed(h3);
    send(B_S, &(int){0x98}, 4);
    int h4 = start(&calls[1], C_S, 104, SENDRECV_NONE);
    settle();
    int wb = recv_word(B_R), wc = recv_word(C_R);
    ended = finish(h4);
    tap_ok(w == 103 && ok && wb == 0x98 && wc == 104 && ended,
           "round %d: killed between its halves: both channels work on", round);

    close_both(a);
    close_both(b);
    close_both(c);
}

int main(void)
{
    tap_plan(107);
    struct counters before = counters_now();
    across_init();
    round_trips(0);
    round_trips(1);
    round_trips(CHAN_CAPACITY_MAX);
    pipeline();
    other_program();
    word_to_recv();
    short_to_sendrecv();
    one_half();
    rendezvous();
    made_again();
    end_of_stream();
    bad_handles();
    too_long();
    closed_under();
    registers();
    hand_over_edges();
    task_list();
    kills(1);
    struct counters after_first = counters_now();
    for (int round = 2; round <= KILL_ROUNDS; round++)
        kills(round);
    tap_ok(counters_same(after_first), "the kills of the second round leaked nothing");
    tap_no_channel_left(before);
    return tap_done();
}
