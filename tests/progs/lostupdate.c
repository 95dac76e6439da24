/* tests/progs/lostupdate.c: a race whose outcome depends on timing, to record
 * and replay (docs/timetravel.md; tests/replay.t records and replays it):
 *
 *     make record ARGS="init=lostupdate sched=preempt"
 *     make replay
 *
 * Two adder tasks add 1 to a shared counter for RUN_MS milliseconds, by
 * reading it, dawdling a moment, and writing back what they read plus one;
 * each also counts its own additions. Under sched=coop nothing takes the CPU
 * away in between, and no addition is lost. Under sched=preempt the timer
 * can, and while one adder is off the CPU holding a stale value, the other's
 * additions are overwritten when it writes that value back. How many are
 * made and lost depends on the host's speed and on where the timer ticks
 * land, so it changes from run to run; a recorded run replays to the same
 * numbers every time.
 *
 * main sleeps for a tick first: the CPU idles, and how long an idle spell
 * takes on the host moves every later tick, even under QEMU's -icount. */
#include "user/lib/coop.h"

#define RUN_MS 50 /* how long the adders run */
#define DAWDLE 50 /* the moment between the read and the write */

static volatile int counter;
static unsigned deadline; /* uptime() at which the adders stop */

/* Add 1 to counter until the deadline, the careless way. Returns how many
 * times it did. */
static int adder(void *arg)
{
    int *made = arg;
    while (uptime() < deadline) {
        int seen = counter;
        for (volatile int d = 0; d < DAWDLE; d++)
            ; /* the timer may strike here, with `seen` already stale */
        counter = seen + 1;
        (*made)++;
    }
    return 0;
}

int main(void)
{
    static int made[2];
    sleep(1);
    deadline = uptime() + RUN_MS;
    int a = spawn(adder, &made[0]);
    int b = spawn(adder, &made[1]);
    if (a < 0 || b < 0) {
        printf("lostupdate: spawn failed: %s\n", strerror(a < 0 ? a : b));
        return 1;
    }
    printf("lostupdate: tasks %d and %d add 1 to a counter for %d ms\n", a, b, RUN_MS);
    int first = wait(WAIT_ANY, NULL);
    int second = wait(WAIT_ANY, NULL);
    printf("lostupdate: task %d ended first, then task %d\n", first, second);
    int sum = made[0] + made[1];
    printf("lostupdate: task %d added %d times, task %d %d times; the counter is %d: %d lost\n", a,
           made[0], b, made[1], counter, sum - counter);
    return 0;
}
