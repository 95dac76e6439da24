/* user/echoserver.c: pyos8's echo server on coop's serial lines. Every
 * extra serial line QEMU gives (COM2, COM3, COM4) is a "connection"; the
 * server sends back each line it receives there as "echo: LINE\r\n", while
 * a heartbeat task keeps printing on the console to show that a task
 * waiting for input holds up nobody:
 *
 *     echoserver [tasks|poll] [HEARTBEAT_MS]
 *
 * tasks (the default) is pyos8: one task per line, parked in read()
 * (pyos's ReadWait) until bytes come. poll is the select() loop pyos8's
 * iopoll hides: one task waits on all lines at once with poll(). A line
 * "quit", or Ctrl-D, closes that connection ("bye\r\n"); the server ends
 * when every connection has closed. docs/echoserver.md shows how to run it. */
#include "user/lib/coop.h"
#include <stdbool.h>

#define CONNS_MAX            3    /* COM2, COM3, COM4 */
#define TEXT_MAX             255  /* bytes of one line kept; a longer one is echoed in pieces */
#define READ_SIZE            64   /* bytes taken from a line per read() */
#define HEARTBEAT_MS_DEFAULT 1000 /* slow enough to read when run by hand */
#define CTRL_D               0x04 /* end of input: the line is raw, so the kernel leaves it to us */
#define REPLY_PREFIX         "echo: "
#define REPLY_END            "\r\n" /* as on a network line protocol: any terminal shows it right */
#define QUIT_WORD            "quit"
#define REPLY_BYE            "bye" REPLY_END /* the last thing sent on a line */

static const char *const line_names[CONNS_MAX] = {"com2", "com3", "com4"};

/* One serial line and the line of text being collected from it. */
struct conn {
    const char *name;    /* "com2" */
    int handle;          /* its terminal, open for reading and writing */
    int tid;             /* the task serving it (tasks mode) */
    int lines;           /* lines echoed on it so far */
    bool after_cr;       /* the last byte was '\r': a '\n' right after it ends no line */
    bool open;           /* not yet closed by "quit" or Ctrl-D */
    int len;             /* bytes in text */
    char text[TEXT_MAX]; /* the line so far, without its end */
};

static struct conn conns[CONNS_MAX];
static int nconns;
static int heartbeat_ms = HEARTBEAT_MS_DEFAULT;
static int echoed; /* lines echoed on all lines: the heartbeat shows it */

/* "s" for a count that wants a plural noun: "1 line", "2 lines". */
static const char *plural(int n)
{
    return n == 1 ? "" : "s";
}

/* ------------------------------------------------------------ one line */

/* Send `n` bytes at `s` back on c's line. Waits while the line's output
 * buffer is full (pyos's WriteWait), which holds up only this task. */
static void conn_send(struct conn *c, const char *s, int n)
{
    int sent = write(c->handle, s, n);
    if (sent != n)
        printf("echoserver: %s: cannot write: %s\n", c->name, strerror(sent));
}

/* The line collected so far is complete: echo it, or close on "quit". The
 * reply is put together with memcpy, not printf, so that every byte of the
 * line comes back, a NUL too. */
static void conn_line(struct conn *c)
{
    char reply[sizeof REPLY_PREFIX + TEXT_MAX + sizeof REPLY_END];
    int n = 0;
    if (c->len == sizeof QUIT_WORD - 1 && memcmp(c->text, QUIT_WORD, c->len) == 0) {
        c->open = false;
        return;
    }
    memcpy(reply, REPLY_PREFIX, sizeof REPLY_PREFIX - 1);
    n += sizeof REPLY_PREFIX - 1;
    memcpy(reply + n, c->text, c->len);
    n += c->len;
    memcpy(reply + n, REPLY_END, sizeof REPLY_END - 1);
    n += sizeof REPLY_END - 1;
    conn_send(c, reply, n);
    c->len = 0;
    c->lines++;
    echoed++;
}

/* Take one byte from c's line. '\n', '\r' and "\r\n" all end a line, so
 * that nc (LF), a raw terminal (CR) and telnet (CR LF) all work. */
static void conn_byte(struct conn *c, char b)
{
    bool second_half_of_cr_lf = c->after_cr && b == '\n';
    c->after_cr = b == '\r';
    if (b == CTRL_D) {
        c->open = false;
    } else if (b == '\r' || b == '\n') {
        if (!second_half_of_cr_lf)
            conn_line(c);
    } else {
        if (c->len == TEXT_MAX)
            conn_line(c); /* full: what we have goes out as a line of its own */
        c->text[c->len++] = b;
    }
}

/* Take the n bytes a read gave; stop at the end of the connection (what
 * follows "quit" on its line is ignored). */
static void conn_feed(struct conn *c, const char *buf, int n)
{
    for (int i = 0; i < n && c->open; i++)
        conn_byte(c, buf[i]);
}

/* Read once from c's line (parking until there is something: ReadWait)
 * and act on it. Returns false once the connection has closed. */
static bool conn_serve_once(struct conn *c)
{
    char buf[READ_SIZE];
    int n = read(c->handle, buf, sizeof buf);
    if (n < 0)
        printf("echoserver: %s: cannot read: %s\n", c->name, strerror(n));
    if (n <= 0)
        c->open = false; /* 0: end of input, should someone have made the line cooked */
    else
        conn_feed(c, buf, n);
    return c->open;
}

/* The connection is over: say goodbye, and give the line back. */
static void conn_close(struct conn *c)
{
    conn_send(c, REPLY_BYE, sizeof REPLY_BYE - 1);
    close(c->handle);
    printf("echoserver: %s closed after %d line%s\n", c->name, c->lines, plural(c->lines));
}

/* ------------------------------------------------------------ the two styles */

/* tasks mode: the task of one connection (pyos8's handle_client). */
static int conn_task(void *arg)
{
    struct conn *c = arg;
    while (conn_serve_once(c))
        ;
    conn_close(c);
    return 0;
}

/* tasks mode: a task per connection; returns when all have ended. */
static void serve_tasks(void)
{
    for (int i = 0; i < nconns; i++) {
        conns[i].tid = spawn(conn_task, &conns[i]); /* pyos: yield NewTask(...) */
        if (conns[i].tid < 0)
            printf("echoserver: %s: cannot spawn: %s\n", conns[i].name, strerror(conns[i].tid));
    }
    for (int i = 0; i < nconns; i++)
        if (conns[i].tid > 0)
            wait(conns[i].tid, NULL); /* pyos: yield WaitTask(tid) */
}

/* poll mode: one task waits on every open line at once (the select() loop
 * of pyos8's iopoll) and serves whichever has input; returns when all have
 * closed. Its reads never wait: poll said there is input. */
static void serve_poll(void)
{
    struct pollreq reqs[CONNS_MAX];
    struct conn *of[CONNS_MAX];
    for (;;) {
        int n = 0;
        for (int i = 0; i < nconns; i++)
            if (conns[i].open) {
                reqs[n] = (struct pollreq){.handle = conns[i].handle, .events = POLL_IN};
                of[n++] = &conns[i];
            }
        if (n == 0)
            return;
        int ready = poll(reqs, n, POLL_FOREVER);
        if (ready < 0) {
            printf("echoserver: poll: %s\n", strerror(ready));
            return;
        }
        for (int i = 0; i < n; i++)
            if (reqs[i].revents && !conn_serve_once(of[i]))
                conn_close(of[i]);
    }
}

/* ------------------------------------------------------------ the rest */

/* Prints a line every heartbeat_ms while the server runs (pyos8's alive()):
 * it goes on whatever the connections wait for. Ends when main kills it. */
static noreturn int heartbeat(void *arg)
{
    (void)arg;
    for (int beat = 1;; beat++) {
        printf("echoserver: heartbeat %d (%d line%s echoed)\n", beat, echoed, plural(echoed));
        sleep(heartbeat_ms);
    }
}

/* Open every serial line QEMU gave, raw. Returns how many there are. */
static int open_lines(void)
{
    char path[sizeof "dev/" + sizeof "comN"];
    for (int i = 0; i < CONNS_MAX; i++) {
        snprintf(path, sizeof path, "dev/%s", line_names[i]);
        int h = open(path);
        if (h == -ENOENT)
            continue; /* QEMU has no such line: not an error */
        if (h < 0) {
            printf("echoserver: %s: %s\n", path, strerror(h));
            continue;
        }
        ioctl(h, TTY_SET_RAW, 1); /* the default, but a program before us may have changed it */
        conns[nconns++] = (struct conn){.name = line_names[i], .handle = h, .open = true};
    }
    return nconns;
}

/* Print the "ready" line (tests wait for it before they connect), in one
 * write, so that no other task's line can come in the middle. */
static void say_ready(bool use_poll)
{
    char names[CONNS_MAX * sizeof " comN"] = "";
    for (int i = 0; i < nconns; i++)
        snprintf(names + strlen(names), sizeof names - strlen(names), " %s", conns[i].name);
    printf("echoserver: ready:%s, %s\n", names,
           use_poll ? "one task polling all lines" : "one task per line");
}

int main(int argc, char **argv)
{
    bool use_poll = argc > 1 && strcmp(argv[1], "poll") == 0;
    if (argc > 1 && !use_poll && strcmp(argv[1], "tasks") != 0) {
        printf("usage: echoserver [tasks|poll] [HEARTBEAT_MS]\n");
        return 2;
    }
    if (argc > 2 && atoi(argv[2]) > 0)
        heartbeat_ms = atoi(argv[2]);
    if (open_lines() == 0) {
        printf("echoserver: no serial lines: start QEMU with -serial for COM2 (see "
               "docs/echoserver.md)\n");
        return 1;
    }
    int beat = spawn(heartbeat, NULL);
    say_ready(use_poll);
    if (use_poll)
        serve_poll();
    else
        serve_tasks();
    if (beat > 0)
        kill(beat); /* pyos: KillTask */
    printf("echoserver: every line closed, %d line%s echoed\n", echoed, plural(echoed));
    return 0;
}
