/* tests/boot/t_pipeline.c: 100,000 messages through a pipeline of 8 stages,
 * twice: 8 tasks of this program, then 8 programs (tests/progs/stage), each
 * stage joined to the next by a channel. Every message arrives, once, in
 * order, unchanged: the sink checks each sequence number and value, and a
 * checksum over all of them; every stage checks the order it saw too.
 * tests/boot/t_pipeline_preempt.c runs the same under sched=preempt. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define MESSAGES 100000
#define STAGES   8
/* Capacities of the links: 1 between tasks, so that every message parks and
 * wakes a stage; the most between programs, where each switch also changes
 * the address space. */
#define TASK_CAPACITY    1
#define PROGRAM_CAPACITY CHAN_CAPACITY_MAX

struct msg {
    unsigned seq;
    unsigned value;
};

/* The value message `seq` carries: a mix of its bits. */
static unsigned value_of(unsigned seq)
{
    unsigned x = seq * 2654435761u;
    return x ^ (x >> 15);
}

/* A checksum over the whole stream that depends on the order. */
static unsigned checksum_step(unsigned sum, const struct msg *m)
{
    return (sum * 31u + m->seq) ^ m->value;
}

static unsigned expected_checksum(void)
{
    unsigned sum = 0;
    for (unsigned i = 0; i < MESSAGES; i++) {
        struct msg m = {i, value_of(i)};
        sum = checksum_step(sum, &m);
    }
    return sum;
}

static int links[STAGES + 1][2]; /* links[i]: into stage i (links[STAGES]: into the sink) */

static int source(void *arg)
{
    int out = (int)(intptr_t)arg;
    for (unsigned i = 0; i < MESSAGES; i++) {
        struct msg m = {i, value_of(i)};
        if (send(out, &m, sizeof m) != sizeof m)
            return 1;
    }
    close(out);
    return 0;
}

/* A stage task: from links[i] to links[i + 1], checking the order. */
static int stage_task(void *arg)
{
    int i = (int)(intptr_t)arg;
    struct msg m;
    unsigned next = 0;
    int bad = 0, n;
    while ((n = recv(links[i][CHAN_RECV_END], &m, sizeof m)) > 0) {
        bad |= n != sizeof m || m.seq != next++;
        if (send(links[i + 1][CHAN_SEND_END], &m, sizeof m) != sizeof m)
            bad = 1;
    }
    close(links[i + 1][CHAN_SEND_END]);
    return bad || n < 0 || next != MESSAGES;
}

/* Receive the stream from `in`; returns how many messages were out of
 * place, and the checksum in *sum and the count in *count. */
static int sink(int in, unsigned *sum, unsigned *count)
{
    struct msg m;
    int bad = 0, n;
    *sum = 0;
    *count = 0;
    while ((n = recv(in, &m, sizeof m)) > 0) {
        bad += n != sizeof m || m.seq != *count || m.value != value_of(m.seq);
        *sum = checksum_step(*sum, &m);
        (*count)++;
    }
    return n < 0 ? bad + 1 : bad;
}

static void make_links(int capacity)
{
    for (int i = 0; i <= STAGES; i++)
        chan(capacity, links[i]);
}

/* Wait for every task in tids[n]; how many did not exit with 0. */
static int wait_all(const int *tids, int n)
{
    int failed = 0;
    for (int i = 0; i < n; i++) {
        int status;
        failed += wait(tids[i], &status) != tids[i] || status != 0;
    }
    return failed;
}

static void check_stream(const char *what, int in, unsigned want_sum)
{
    unsigned sum, count;
    int bad = sink(in, &sum, &count);
    tap_is(count, MESSAGES, "%s: every message reached the sink", what);
    tap_is(bad, 0, "%s: each in order, once, unchanged", what);
    tap_is(sum, want_sum, "%s: the checksum over the stream", what);
}

static void pipeline_of_tasks(unsigned want_sum)
{
    make_links(TASK_CAPACITY);
    int tids[STAGES + 1];
    tids[0] = spawn(source, (void *)(intptr_t)links[0][CHAN_SEND_END]);
    for (int i = 0; i < STAGES; i++)
        tids[i + 1] = spawn(stage_task, (void *)(intptr_t)i);
    check_stream("8 tasks", links[STAGES][CHAN_RECV_END], want_sum);
    tap_is(wait_all(tids, STAGES + 1), 0, "8 tasks: every stage saw its messages in order");
    for (int i = 0; i <= STAGES; i++)
        close(links[i][CHAN_RECV_END]);
}

static void pipeline_of_programs(unsigned want_sum)
{
    make_links(PROGRAM_CAPACITY);
    int tids[STAGES + 1];
    for (int i = 0; i < STAGES; i++) {
        int map[] = {links[i][CHAN_RECV_END], links[i + 1][CHAN_SEND_END], FD_STDERR};
        tids[i + 1] = spawn_with("stage", NULL, map, 3, 0);
        /* Only the stage holds these now: its end closes the stream. */
        close(links[i][CHAN_RECV_END]);
        close(links[i + 1][CHAN_SEND_END]);
    }
    tids[0] = spawn(source, (void *)(intptr_t)links[0][CHAN_SEND_END]);
    check_stream("8 programs", links[STAGES][CHAN_RECV_END], want_sum);
    tap_is(wait_all(tids, STAGES + 1), 0, "8 programs: every stage saw its messages in order");
    close(links[STAGES][CHAN_RECV_END]);
}

int main(void)
{
    tap_plan(10);
    struct counters before = counters_now();
    unsigned want_sum = expected_checksum();
    pipeline_of_tasks(want_sum);
    /* The tasks' stack slots keep their pages for the next tasks (see
     * docs/syscalls.md): compare pages from here on. */
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.channels, before.channels, "8 tasks: no channel left");
    struct counters after_tasks = counters_now();
    pipeline_of_programs(want_sum);
    tap_ok(counters_same(after_tasks), "8 programs: no channel, handle, task or page left");
    return tap_done();
}
