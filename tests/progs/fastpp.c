/* tests/progs/fastpp.c: a client and a server taking turns in
 * sendrecv_fast, the calls sendrecv's fast path (kernel/fastpath.S) is
 * for: each hands its word to the other, which already waits for it, and
 * waits for the answer. First the server is a task of this program, then
 * another program (this one again, run as `fastpp serve`, handed the ends
 * with spawnvx): the fast path then loads the other's address space too.
 * The server answers each word w with 2w. tests/gdb-fastpath.t stops in
 * the fast path; docs/trap-path.md walks through it with this program. */
#include "user/lib/coop.h"

#define ROUNDS   3
#define REQUESTS 0 /* the server's handles, run as a program of its own */
#define REPLIES  1

static int requests[2], replies[2];

/* Answer each word with twice it, until end of stream on `in`. */
static int serve(int in, int out)
{
    int w = 0;
    int got = sendrecv_fast(SENDRECV_NONE, 0, in, &w); /* the first word */
    while (got == SENDRECV_WORD)
        got = sendrecv_fast(out, 2 * w, in, &w);
    return got == 0 ? 0 : 1;
}

static int server_task(void *arg)
{
    (void)arg;
    return serve(requests[CHAN_RECV_END], replies[CHAN_SEND_END]);
}

/* ROUNDS round trips with the server that waits on `requests`. */
static int client(const char *who)
{
    int bad = 0;
    for (int w = 1; w <= ROUNDS; w++) {
        int answer = 0;
        int got = sendrecv_fast(requests[CHAN_SEND_END], w, replies[CHAN_RECV_END], &answer);
        printf("fastpp: sent %d to %s, got %d back\n", w, who, answer);
        bad += got != SENDRECV_WORD || answer != 2 * w;
    }
    return bad;
}

/* One client and one server: the server started (`start`), and parked in
 * its first call before the client's first. */
static int round_trips(int server, const char *who)
{
    if (server < 0) {
        printf("fastpp: cannot start the server: %s\n", strerror(server));
        return 1;
    }
    yield(); /* the server waits for the first word now */
    int bad = client(who);
    close(requests[CHAN_SEND_END]); /* end of stream: the server returns */
    int status = -1;
    wait(server, &status);
    close(requests[CHAN_RECV_END]), close(replies[CHAN_SEND_END]), close(replies[CHAN_RECV_END]);
    return bad || status != 0;
}

static int open_channels(void)
{
    return chan(0, requests) < 0 || chan(0, replies) < 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "serve") == 0)
        return serve(REQUESTS, REPLIES);
    int bad = open_channels() || round_trips(spawn(server_task, NULL), "a task");
    struct spawn_opts opts = {.nhandles = 3};
    bad = bad || open_channels();
    opts.handles[REQUESTS] = requests[CHAN_RECV_END];
    opts.handles[REPLIES] = replies[CHAN_SEND_END];
    opts.handles[FD_STDERR] = FD_STDERR;
    char *args[] = {"fastpp", "serve", NULL};
    bad = bad || round_trips(spawnvx("fastpp", args, &opts), "a program");
    printf("fastpp: %s\n", bad ? "wrong answers" : "every answer right");
    return bad;
}
