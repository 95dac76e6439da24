/* tests/progs/tracewake.c: two sleepers that the timer wakes with one tick,
 * the same tick that ends a spinning task's time slice (run with
 * sched=preempt quantum=1). tests/trace.t checks that the recorder notes
 * both wake-ups, in the order the kernel made them. */
#include "user/lib/coop.h"

#define NAP_MS 3

static volatile int awake;

static int sleeper(void *arg)
{
    (void)arg;
    sleep(NAP_MS);
    awake++;
    return 0;
}

/* Spin, never calling the kernel, until both sleepers have woken. */
static int spinner(void *arg)
{
    (void)arg;
    while (awake < 2)
        ;
    return 0;
}

int main(void)
{
    int a = spawn(sleeper, NULL);
    int b = spawn(sleeper, NULL);
    int s = spawn(spinner, NULL);
    wait(a, NULL);
    wait(b, NULL);
    wait(s, NULL);
    return 0;
}
