/* tests/boot/t_hog_preempt.c: under sched=preempt the timer takes the CPU
 * away from a task that never gives it up. The hog here spins without a
 * single system call, until it sees the polite task's counter move (or a
 * generous safety limit passes, which fails the test). */
// boot-args: sched=preempt quantum=10
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define LIMIT_MS    5000    /* only so that a broken kernel cannot hang the test */
#define CHECK_EVERY 1000000 /* spins between looks at the clock */

static volatile int polite_rounds, hog_done, rounds_during_hog = -1;

static int hog(void *arg)
{
    (void)arg;
    int before = polite_rounds;
    unsigned start = uptime();
    for (unsigned spins = 1; polite_rounds == before; spins++)
        if (spins % CHECK_EVERY == 0 && uptime() - start > LIMIT_MS)
            break;
    rounds_during_hog = polite_rounds - before;
    hog_done = 1;
    return 0;
}

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
    tap_plan(3);
    struct sysinfo info;
    sysinfo(&info);
    tap_ok(info.preemptive == 1 && info.quantum_ms == 10, "sched=preempt quantum=10");

    int p = spawn(polite, NULL);
    int h = spawn(hog, NULL);
    wait(h, NULL);
    wait(p, NULL);
    tap_ok(rounds_during_hog > 0, "the polite task ran while the hog spun (%d rounds)",
           rounds_during_hog);
    tap_ok(polite_rounds >= 2, "%d rounds in all", polite_rounds);
    return tap_done();
}
