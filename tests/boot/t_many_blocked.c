/* tests/boot/t_many_blocked.c: 10,000 tasks parked on channels at once.
 * First 10,000 receivers on 4 channels: tasks() shows them all blocked;
 * 10,000 messages, each a different number, are sent and every receiver
 * gets exactly one, every number once. Then 10,000 senders parked on 4
 * full channels: every message they hold is received, each once. The
 * tasks run in a child copy of this program (argument "child"), so that
 * afterwards pages_free, channels, handles and tasks are checked to be
 * back where they were. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define TASKS    10000
#define CHANNELS 4

static int chans[CHANNELS][2];
static int got[TASKS];
static char seen[TASKS];

static int receiver(void *arg)
{
    int i = (int)(intptr_t)arg, v;
    if (recv(chans[i % CHANNELS][CHAN_RECV_END], &v, sizeof v) != sizeof v)
        return 1;
    got[i] = v;
    return 0;
}

static int sender(void *arg)
{
    int i = (int)(intptr_t)arg;
    return send(chans[i % CHANNELS][CHAN_SEND_END], &i, sizeof i) == sizeof i ? 0 : 1;
}

/* How many of our children are blocked on a channel, says tasks(). */
static int count_blocked(const char *what)
{
    static struct task_info list[TASKS + 16];
    int n = tasks(list, TASKS + 16), blocked = 0, me = gettid();
    for (int i = 0; i < n && i < TASKS + 16; i++)
        if (list[i].parent == me && strcmp(list[i].state, "blocked") == 0 &&
            strncmp(list[i].waits, "on channel ", 11) == 0)
            blocked += strcmp(list[i].waits + strlen(list[i].waits) - strlen(what), what) == 0;
    return blocked;
}

/* Wait for every task in tids; how many did not exit 0. */
static int wait_all(const int *tids)
{
    int failed = 0, status;
    for (int i = 0; i < TASKS; i++)
        failed += wait(tids[i], &status) != tids[i] || status != 0;
    return failed;
}

static int tids[TASKS];

/* The child reports each check to its parent, which makes it a test:
 * one message {passed, name} per check on handle REPORT. */
#define CHILD_TESTS 9
#define REPORT      3
#define NAME_MAX    (CHAN_MSG_MAX - (int)sizeof(int))

struct check {
    int passed;
    char name[NAME_MAX];
};

static int check(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int check(int cond, const char *fmt, ...)
{
    struct check c = {cond != 0, ""};
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(c.name, sizeof c.name, fmt, ap);
    va_end(ap);
    send(REPORT, &c, sizeof c);
    return cond != 0;
}

static int child(void)
{
    int failed = 0;
    struct sysinfo info;
    sysinfo(&info);
    unsigned alive = info.tasks_alive, channels = info.channels;
    for (int i = 0; i < CHANNELS; i++)
        chan(1, chans[i]);
    int spawned = 0;
    for (int i = 0; i < TASKS; i++)
        spawned += (tids[i] = spawn(receiver, (void *)(intptr_t)i)) > 0;
    failed += !check(spawned == TASKS, "child: %d receivers spawned", TASKS);
    settle();
    failed += !check(count_blocked(", to receive") == TASKS,
                     "all %d blocked on a channel, to receive", TASKS);
    for (int v = 0; v < TASKS; v++)
        send(chans[v % CHANNELS][CHAN_SEND_END], &v, sizeof v);
    failed += !check(wait_all(tids) == 0, "10,000 messages sent: every receiver got one and ended");
    int bad = 0;
    for (int i = 0; i < TASKS; i++)
        bad += got[i] < 0 || got[i] >= TASKS || seen[got[i]]++;
    failed += !check(bad == 0, "every number received once");

    for (int i = 0; i < CHANNELS; i++) {
        int filler = -1;
        send(chans[i][CHAN_SEND_END], &filler, sizeof filler);
    }
    spawned = 0;
    for (int i = 0; i < TASKS; i++)
        spawned += (tids[i] = spawn(sender, (void *)(intptr_t)i)) > 0;
    settle();
    failed +=
        !check(count_blocked(", to send") == TASKS, "10,000 senders blocked on full channels");
    memset(seen, 0, sizeof seen);
    int fillers = 0, v;
    bad = 0;
    for (int k = 0; k < TASKS + CHANNELS; k++) {
        if (recv(chans[k % CHANNELS][CHAN_RECV_END], &v, sizeof v) != sizeof v) {
            bad++;
            continue;
        }
        if (v == -1)
            fillers++;
        else
            bad += v < 0 || v >= TASKS || seen[v]++ || v % CHANNELS != k % CHANNELS;
    }
    failed +=
        !check(bad == 0 && fillers == CHANNELS, "every parked sender's message received once");
    failed += !check(wait_all(tids) == 0, "and every send returned its length");
    for (int i = 0; i < CHANNELS; i++) {
        close(chans[i][CHAN_RECV_END]);
        close(chans[i][CHAN_SEND_END]);
    }
    sysinfo(&info);
    failed += !check(info.tasks_alive == alive, "child: only its main task is left");
    failed += !check(info.channels == channels, "and no channel");
    return failed;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child();
    tap_plan(CHILD_TESTS + 2);
    int report[2];
    chan(CHAN_CAPACITY_MAX, report);
    struct counters before = counters_now();
    char *args[] = {"t_many_blocked", "child", NULL};
    struct spawn_opts opts = {.nhandles = 4,
                              .handles = {FD_STDIN, FD_STDOUT, FD_STDERR, report[CHAN_SEND_END]}};
    int t = spawnvx("t_many_blocked", args, &opts), status;
    close(report[CHAN_SEND_END]);
    struct check c;
    int reported = 0;
    while (recv(report[CHAN_RECV_END], &c, sizeof c) == sizeof c && reported < CHILD_TESTS) {
        tap_ok(c.passed, "%s", c.name);
        reported++;
    }
    while (reported++ < CHILD_TESTS)
        tap_ok(0, "a check the child never reported");
    wait(t, &status);
    tap_is(status, 0, "the child's 10,000 tasks did all that");
    before.handles -= 1; /* the report channel's send end, closed since */
    tap_ok(counters_same(before), "and left nothing behind: pages, channels, handles, tasks");
    close(report[CHAN_RECV_END]);
    return tap_done();
}
