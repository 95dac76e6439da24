/* tests/boot/t_tasks.c: tasks(buf, max), the kernel's `ps`: a line for
 * every task not yet collected, with its id, parent, job, program, state
 * and what it waits on in words, for each way of waiting (a task, any
 * child, the timer, a channel both ways, console input, poll with and
 * without a timeout), jobs of programs; the count when max is smaller (and nothing written
 * past max); -EINVAL and -EFAULT, also for a max so big that its size in
 * bytes wraps around. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define LIST_MAX 32
#define LONG_MS  1000000
#define SENTINEL 0x5a

static struct task_info list[LIST_MAX];
static int ends[2], full[2];

static const struct task_info *find(int n, int tid)
{
    for (int i = 0; i < n && i < LIST_MAX; i++)
        if (list[i].tid == tid)
            return &list[i];
    return NULL;
}

static int starts_with(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

/* "on channel N, to receive": N a number, and the rest as given. */
static int is_channel_wait(const char *waits, const char *what)
{
    const char *p = waits + strlen("on channel ");
    if (!starts_with(waits, "on channel ") || *p < '1' || *p > '9')
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    return strcmp(p, what) == 0;
}

static int sleeper(void *arg)
{
    (void)arg;
    sleep(LONG_MS);
    return 0;
}

static int waiter(void *arg)
{
    wait((int)(intptr_t)arg, NULL);
    return 0;
}

static int any_waiter(void *arg)
{
    (void)arg;
    spawn(sleeper, NULL);
    wait(WAIT_ANY, NULL);
    return 0;
}

static int receiver(void *arg)
{
    (void)arg;
    int v;
    recv(ends[CHAN_RECV_END], &v, sizeof v);
    return 0;
}

static int sender(void *arg)
{
    (void)arg;
    int v = 0;
    send(full[CHAN_SEND_END], &v, sizeof v);
    return 0;
}

static int reader(void *arg)
{
    (void)arg;
    char c;
    read(FD_STDIN, &c, 1);
    return 0;
}

static int poller(void *arg)
{
    int timeout = (int)(intptr_t)arg;
    struct pollreq reqs[2] = {{ends[CHAN_RECV_END], POLL_IN, 0}, {FD_STDIN, POLL_IN, 0}};
    poll(reqs, timeout < 0 ? 1 : 2, timeout);
    return 0;
}

static int quick(void *arg)
{
    (void)arg;
    return 3;
}

static void check(int n, int tid, const char *state, const char *waits, const char *what)
{
    const struct task_info *t = find(n, tid);
    int ok = t && strcmp(t->state, state) == 0 && strcmp(t->waits, waits) == 0;
    tap_ok(ok, "%s: \"%s\" \"%s\" (got \"%s\" \"%s\")", what, state, waits, t ? t->state : "-",
           t ? t->waits : "-");
}

static int tasks_call(void *buf, int max)
{
    return tasks(buf, max);
}

int main(void)
{
    tap_plan(32);
    int me = gettid();
    tap_is(tasks(NULL, 0), 1, "tasks(NULL, 0): how many there are: one");
    int n = tasks(list, LIST_MAX);
    tap_is(n, 1, "tasks(list, %d) says 1", LIST_MAX);
    tap_ok(list[0].tid == me && list[0].parent == 0 && list[0].job == 1 &&
               strcmp(list[0].program, "t_tasks") == 0,
           "our line: id %d, parent %d, job %d, program %s", list[0].tid, list[0].parent,
           list[0].job, list[0].program);
    check(n, me, "running", "", "we are running");
    tap_listing_errors(tasks_call, sizeof(struct task_info), "tasks");

    chan(1, ends);
    chan(1, full);
    int v = 0;
    send(full[CHAN_SEND_END], &v, sizeof v);
    int ready = spawn(quick, NULL);
    n = tasks(list, LIST_MAX);
    check(n, ready, "ready", "", "a task spawned, not yet run");
    const struct task_info *t = find(n, ready);
    tap_ok(t && t->parent == me && t->job == 1, "its parent is us, its job ours");
    settle();
    n = tasks(list, LIST_MAX);
    check(n, ready, "ended", "", "ended and not collected");
    wait(ready, NULL);
    n = tasks(list, LIST_MAX);
    tap_ok(find(n, ready) == NULL, "collected: no line any more");

    int sl = spawn(sleeper, NULL);
    int wt = spawn(waiter, (void *)(intptr_t)sl);
    int wa = spawn(any_waiter, NULL);
    int rc = spawn(receiver, NULL);
    int sd = spawn(sender, NULL);
    int rd = spawn(reader, NULL);
    int pf = spawn(poller, (void *)POLL_FOREVER);
    int pt = spawn(poller, (void *)LONG_MS);
    settle();
    n = tasks(list, LIST_MAX);
    t = find(n, sl);
    tap_ok(t && strcmp(t->state, "sleeping") == 0 && starts_with(t->waits, "on the timer (") &&
               ends_with(t->waits, " ms left)"),
           "sleeping: \"%s\"", t ? t->waits : "-");
    char want[TASK_INFO_WAIT_LEN];
    snprintf(want, sizeof want, "for task %d (t_tasks)", sl);
    check(n, wt, "waiting", want, "in wait(tid)");
    check(n, wa, "waiting", "for any of its children", "in wait(WAIT_ANY)");
    t = find(n, rc);
    tap_ok(t && strcmp(t->state, "blocked") == 0 && is_channel_wait(t->waits, ", to receive"),
           "in recv: \"%s\"", t ? t->waits : "-");
    t = find(n, sd);
    tap_ok(t && strcmp(t->state, "blocked") == 0 && is_channel_wait(t->waits, ", to send"),
           "in send: \"%s\"", t ? t->waits : "-");
    check(n, rd, "blocked", "on console input", "reading the console");
    check(n, pf, "blocked", "in poll on 1 handles", "in poll for ever");
    check(n, pt, "blocked", "in poll on 2 handles, with a timeout", "in poll with a timeout");
    tap_is(n, 10, "ten tasks: us, the nine we started (one a grandchild)");

    memset(list, SENTINEL, sizeof list);
    tap_is(tasks(list, 2), n, "max 2: still says how many there are");
    unsigned char *past = (unsigned char *)&list[2];
    int untouched = 1;
    for (size_t i = 0; i < sizeof(struct task_info); i++)
        untouched &= past[i] == SENTINEL;
    tap_ok(list[0].tid > 0 && list[1].tid > 0 && untouched, "and fills only 2 entries");

    /* Programs in jobs: one of its own, one joining it. */
    int control[2];
    chan(1, control);
    int map[] = {control[CHAN_RECV_END]};
    int first = spawn_with("hold", NULL, map, 1, SPAWN_NEW_JOB);
    int second = spawn_with("hold", NULL, map, 1, first);
    close(control[CHAN_RECV_END]);
    n = tasks(list, LIST_MAX);
    const struct task_info *a = find(n, first), *b = find(n, second);
    tap_ok(a && a->job == first && a->parent == me && strcmp(a->program, "hold") == 0,
           "a program in a new job: job %d, its first task's id %d", a ? a->job : -1, first);
    tap_ok(b && b->job == first, "a program that joins it: job %d", b ? b->job : -1);
    close(control[CHAN_SEND_END]);
    settle();
    n = tasks(list, LIST_MAX);
    a = find(n, first);
    tap_ok(a && strcmp(a->state, "ended") == 0 && a->job == first,
           "ended, not collected: still in its job (%d)", a ? a->job : -1);
    wait(first, NULL);
    wait(second, NULL);

    int kids[] = {sl, wt, wa, rc, sd, rd, pf, pt};
    for (unsigned i = 0; i < sizeof kids / sizeof kids[0]; i++)
        kill(kids[i]);
    for (unsigned i = 0; i < sizeof kids / sizeof kids[0]; i++)
        wait(kids[i], NULL);
    /* any_waiter's child is an orphan now, asleep: its program is ours. */
    n = tasks(list, LIST_MAX);
    tap_is(n, 2, "killed and collected: us and one orphan left");
    for (int i = 0; i < n; i++)
        if (list[i].tid != me)
            tap_ok(list[i].parent == 0, "the orphan's parent is 0");
    for (int i = 0; i < n; i++)
        if (list[i].tid != me)
            kill(list[i].tid);
    return tap_done();
}
