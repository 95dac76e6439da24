/* user/hog.c: what happens to a task that never yields. A hog spins on the
 * CPU while a polite task counts and yields. Under sched=coop (the default,
 * as in pyos) nothing takes the CPU from a task that makes no blocking call,
 * so the polite task starves until the hog is done. Under sched=preempt the
 * timer interrupt takes the CPU away from the hog after a quantum:
 *
 *     make run ARGS="init=hog"
 *     make run ARGS="init=hog sched=preempt quantum=10"
 *
 * The hog stops after HOG_MS milliseconds, or as soon as it sees that the
 * polite task ran: it never spins forever. One that does, tests/progs/spin.c,
 * shows the other half of the lesson: at the shell, under sched=coop, `spin`
 * keeps the CPU from every task, the shell included, and yet Ctrl-C ends it.
 * The keyboard's (or serial port's) interrupt reaches the kernel whatever
 * the task does, and the kernel ends the console's foreground job right
 * there (docs/pyos.md, "Ctrl-C, even for a hog"). */
#include "user/lib/coop.h"

#define HOG_MS 200

static volatile int polite_rounds; /* the polite task's counter */
static volatile int hog_done;      /* 1 once the hog has stopped */
static volatile int polite_rounds_during_hog;

/* Spin until HOG_MS have passed or the polite task has been seen to run. */
static int hog(void *arg)
{
    (void)arg;
    int before = polite_rounds;
    unsigned start = uptime(); /* uptime() answers at once: no yield */
    while (uptime() - start < HOG_MS && polite_rounds == before)
        ; /* spin */
    polite_rounds_during_hog = polite_rounds - before;
    hog_done = 1;
    return 0;
}

/* Count, yield, and go on for as long as the hog runs. */
static int polite(void *arg)
{
    (void)arg;
    do {
        polite_rounds++;
        yield();
    } while (!hog_done);
    return 0;
}

int main(void)
{
    struct sysinfo info;
    sysinfo(&info);
    printf("hog: a task that never yields, and a polite one (sched=%s)\n",
           info.preemptive ? "preempt" : "coop");

    /* The ready queue: polite, then hog. The polite task counts once and
     * yields, then the hog starts spinning. */
    int p = spawn(polite, NULL);
    int h = spawn(hog, NULL);
    wait(h, NULL);
    wait(p, NULL);

    if (polite_rounds_during_hog == 0)
        printf("hog: the polite task ran 0 times while the hog was running "
               "(sched=coop: the hog never yields, nothing takes the CPU away)\n");
    else
        printf("hog: the polite task ran while the hog was running "
               "(sched=preempt: the timer takes the CPU away after %u ms)\n",
               info.quantum_ms);
    return 0;
}
