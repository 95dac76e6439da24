/* user/fetch.c: the "fetch some URLs" example that coroutines are explained
 * with, on coop's one CPU. A request is a little work to send it, a wait
 * for the server's answer (a sleep() stands in for the network), and a
 * little work on the answer. Twelve of them, done three ways:
 *
 *     make run ARGS="init=fetch -- sequential"
 *     make run ARGS="init=fetch sched=preempt quantum=2 -- threads"
 *     make run ARGS="init=fetch -- coroutines"
 *
 * sequential: one task does them one after the other; while it waits for
 *   an answer, the CPU has nothing to do.
 * threads: TASKS tasks take REQUESTS requests each, and wait by spinning:
 *   they look at the clock until the answer is due, holding the CPU all
 *   the while, and only the timer (sched=preempt) takes it away from them
 *   at the end of their time slice.
 * coroutines: the same tasks wait with sleep(), giving the CPU back at the
 *   very moment they start waiting, so that another task can work.
 *
 * `make timelines` traces each one and draws its timeline
 * (docs/tracing.md); `fetch coroutines 8 2` picks other numbers. */
#include "user/lib/coop.h"

#define TASKS        4      /* how many tasks, in threads and coroutines */
#define REQUESTS     3      /* requests per task */
#define WAIT_MS      10     /* how long the server takes to answer */
#define WORK_LOOPS   165000 /* the work to send a request, and again on its answer */
#define MAX_FETCHERS 64

enum mode { SEQUENTIAL, THREADS, COROUTINES };

static enum mode mode;
static int ntasks = TASKS, nrequests = REQUESTS;

/* A little computation: under `make trace` (QEMU counting instructions),
 * about a millisecond of it. */
static void work(void)
{
    for (volatile int i = 0; i < WORK_LOOPS; i++)
        ;
}

/* Wait for the answer: as a thread that polls, busy; as a coroutine (or a
 * sequential program blocking on its read), asleep. */
static void wait_for_answer(void)
{
    if (mode == THREADS) {
        unsigned due = uptime() + WAIT_MS;
        while (uptime() < due)
            ; /* spin: the CPU stays ours until the timer takes it */
    } else {
        sleep(WAIT_MS);
    }
}

static void request(void)
{
    work(); /* send the request */
    wait_for_answer();
    work(); /* read the answer */
}

/* One task's share of the requests. */
static int fetcher(void *arg)
{
    (void)arg;
    for (int i = 0; i < nrequests; i++)
        request();
    return 0;
}

static const char *const mode_names[] = {"sequential", "threads", "coroutines"};

static int usage(void)
{
    printf("usage: fetch sequential|threads|coroutines [TASKS [REQUESTS]] (TASKS: 1 to %d)\n",
           MAX_FETCHERS);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return usage();
    int m = 0;
    while (m < 3 && strcmp(argv[1], mode_names[m]) != 0)
        m++;
    if (m == 3)
        return usage();
    mode = (enum mode)m;
    if (argc > 2)
        ntasks = atoi(argv[2]);
    if (argc > 3)
        nrequests = atoi(argv[3]);
    if (ntasks < 1 || ntasks > MAX_FETCHERS || nrequests < 1)
        return usage();

    struct sysinfo info;
    sysinfo(&info);
    if (mode == THREADS && !info.preemptive)
        printf("fetch: threads without sched=preempt: nothing takes the CPU from a spinning "
               "task\n");
    printf("fetch: %d requests, %s (%d x %d), sched=%s\n", ntasks * nrequests, mode_names[mode],
           mode == SEQUENTIAL ? 1 : ntasks, mode == SEQUENTIAL ? ntasks * nrequests : nrequests,
           info.preemptive ? "preempt" : "coop");

    unsigned start = uptime();
    if (mode == SEQUENTIAL) {
        for (int i = 0; i < ntasks * nrequests; i++)
            request();
    } else {
        int tids[MAX_FETCHERS];
        for (int t = 0; t < ntasks; t++) {
            tids[t] = spawn(fetcher, NULL);
            if (tids[t] < 0) {
                printf("fetch: spawn failed: %s\n", strerror(tids[t]));
                return 1;
            }
        }
        for (int t = 0; t < ntasks; t++)
            wait(tids[t], NULL);
    }
    printf("fetch: done in %u ms\n", uptime() - start);
    return 0;
}
