/* tests/boot/t_hog_coop.c: under sched=coop (the default) a task that never
 * gives up the CPU starves the others: a polite task that yields in a loop
 * does not run once while the hog spins. The hog stops by itself after
 * HOG_MS (uptime() answers at once and gives up nothing). */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define HOG_MS 200

static volatile int polite_rounds, hog_done, rounds_during_hog = -1;

static int hog(void *arg)
{
    (void)arg;
    int before = polite_rounds;
    unsigned start = uptime();
    while (uptime() - start < HOG_MS && polite_rounds == before)
        ;
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
    tap_is(info.preemptive, 0, "sched=coop");

    int p = spawn(polite, NULL); /* runs once, then the hog starts */
    int h = spawn(hog, NULL);
    wait(h, NULL);
    wait(p, NULL);
    tap_is(rounds_during_hog, 0, "the polite task never ran while the hog spun");
    tap_ok(polite_rounds >= 1, "it ran before and after (%d rounds)", polite_rounds);
    return tap_done();
}
