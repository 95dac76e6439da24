/* user/broadcast.c: one producer, several consumers, the lesson's
 * broadcast (seeds 002 and 004: "data can be broadcast to multiple
 * destinations"):
 *
 *                +--> count:  how many requests
 *   producer ----+--> bytes:  how many bytes in all
 *                +--> errors: prints each request that failed
 *
 * The producer reads a web server's log (a few lines of it, built in) and
 * sends every line to every consumer, each on a channel of its own; the
 * consumers are tasks that do different things with the same lines. When
 * the log is done the producer closes its send ends, and each consumer, at
 * end of stream, says what it found and ends. */
#include "user/lib/coop.h"

#define CAPACITY     0   /* rendezvous channels: a send waits until a consumer takes its line */
#define LINE_MAX     128 /* a log line, with room for its NUL */
#define HTTP_FAILURE 400 /* the first of HTTP's failure statuses */

static const char *const log_lines[] = {
    "GET /index.html 200 4120",        "GET /ply/ply.html 200 97238",
    "GET /favicon.ico 404 133",        "GET /ply/ply-2.3.tar.gz 200 144682",
    "GET /ply/bookplug.gif 200 23903", "GET /robots.txt 404 133",
    "GET /cgi-bin/wiki.pl 403 211",    "GET /ply/example.html 200 2359",
    "GET /python/index.html 200 8214", "GET /ply/PLYTalk.pdf 404 133",
};

#define LOG_LINES (int)(sizeof log_lines / sizeof log_lines[0])

/* A consumer: its name, what it does with the lines it receives from `in`. */
struct consumer {
    const char *name;
    int (*run)(const struct consumer *c);
    int in;
};

/* ------------------------------------------------------------ lines */

/* The next line from channel end h into buf (size bytes), NUL-terminated.
 * Returns its length, 0 at end of stream, or an error. */
static int recv_line(int h, char *buf, int size)
{
    int n = recv(h, buf, size - 1);
    buf[n > 0 ? n : 0] = '\0';
    return n;
}

/* The start of the field of `line` that ends at `end` (fields are
 * separated by single spaces). */
static const char *field_start(const char *line, const char *end)
{
    while (end > line && end[-1] != ' ')
        end--;
    return end;
}

/* A log line's last two fields: its HTTP status, and the bytes sent. */
static void parse_line(const char *line, int *status, int *sent)
{
    const char *last = field_start(line, line + strlen(line));
    *sent = atoi(last);
    *status = last > line ? atoi(field_start(line, last - 1)) : 0;
}

/* -------------------------------------------------------- consumers */

/* count: how many lines. */
static int count(const struct consumer *c)
{
    char line[LINE_MAX];
    int n, lines = 0;
    while ((n = recv_line(c->in, line, sizeof line)) > 0)
        lines++;
    printf("  %s: end of stream: %d requests\n", c->name, lines);
    return n < 0;
}

/* bytes: the sum of the lines' last fields. */
static int bytes(const struct consumer *c)
{
    char line[LINE_MAX];
    int n, sum = 0, status, sent;
    while ((n = recv_line(c->in, line, sizeof line)) > 0) {
        parse_line(line, &status, &sent);
        sum += sent;
    }
    printf("  %s: end of stream: %d bytes in all\n", c->name, sum);
    return n < 0;
}

/* errors: print each line whose status is a failure, as it comes. */
static int errors(const struct consumer *c)
{
    char line[LINE_MAX];
    int n, failed = 0, lines = 0, status, sent;
    while ((n = recv_line(c->in, line, sizeof line)) > 0) {
        lines++;
        parse_line(line, &status, &sent);
        if (status >= HTTP_FAILURE) {
            failed++;
            printf("  %s: %s\n", c->name, line);
        }
    }
    printf("  %s: end of stream: %d of %d requests failed\n", c->name, failed, lines);
    return n < 0;
}

static struct consumer consumers[] = {
    {"count", count, -1},
    {"bytes", bytes, -1},
    {"errors", errors, -1},
};

#define CONSUMERS (int)(sizeof consumers / sizeof consumers[0])

/* A consumer task: spawn()'s function, with the consumer as its argument. */
static int consumer_task(void *arg)
{
    const struct consumer *c = arg;
    int failed = c->run(c);
    close(c->in);
    return failed;
}

/* ---------------------------------------------------------- producer */

/* Send every line of the log to every consumer: out[i] is the send end
 * of consumer i's channel. Returns 0, or an error. */
static int produce(const int out[CONSUMERS])
{
    for (int l = 0; l < LOG_LINES; l++) {
        printf("producer: line %d to all %d: %s\n", l + 1, CONSUMERS, log_lines[l]);
        for (int i = 0; i < CONSUMERS; i++) {
            int err = send(out[i], log_lines[l], (int)strlen(log_lines[l]));
            if (err < 0)
                return err;
        }
        /* Let the consumers deal with this line before the next comes.
         * Without it the producer runs ahead, up to a line per consumer:
         * a rendezvous send waits until its line is taken, not done. */
        yield();
    }
    return 0;
}

/* Start each consumer on a channel of its own; out[i] gets the send end
 * of consumer i's. Returns how many started, and their ids in tids. */
static int start_consumers(int out[CONSUMERS], int tids[CONSUMERS])
{
    for (int i = 0; i < CONSUMERS; i++) {
        int ends[2], err = chan(CAPACITY, ends);
        if (err < 0)
            return i;
        consumers[i].in = ends[CHAN_RECV_END];
        out[i] = ends[CHAN_SEND_END];
        tids[i] = spawn(consumer_task, &consumers[i]);
        if (tids[i] < 0) {
            close(ends[CHAN_RECV_END]);
            close(ends[CHAN_SEND_END]);
            return i;
        }
    }
    return CONSUMERS;
}

int main(void)
{
    printf("broadcast: a producer and %d consumers, each a task with a channel of its own;\n"
           "broadcast: the producer sends every line of a log to every consumer\n",
           CONSUMERS);
    int out[CONSUMERS], tids[CONSUMERS];
    int started = start_consumers(out, tids), err = 0;
    if (started == CONSUMERS)
        err = produce(out);
    else
        printf("broadcast: cannot start a consumer\n");
    if (err < 0)
        printf("broadcast: send: %s\n", strerror(err));
    printf("producer: the log is done: it closes its %d send ends\n", started);
    for (int i = 0; i < started; i++)
        close(out[i]);
    int bad = started < CONSUMERS || err < 0;
    for (int i = 0; i < started; i++) {
        int status;
        wait(tids[i], &status);
        bad |= status != STATUS_EXIT(0);
    }
    printf("broadcast: %s\n", bad ? "something went wrong" : "every consumer has ended");
    return bad;
}
