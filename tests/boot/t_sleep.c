/* tests/boot/t_sleep.c: sleep(ms) gives up the CPU for at least ms
 * milliseconds; sleep(0) is yield(); sleepers wake in deadline order;
 * negative times are -EINVAL. Only "at least" is checked: QEMU's speed
 * depends on the machine, so no upper bounds. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define NAP_MS 50

static volatile int ran;
static int order[3], woken;

static int set_ran(void *arg)
{
    (void)arg;
    ran = 1;
    return 0;
}

/* Sleep arg ms, then note the order of waking. The deadlines are 100 ms
 * apart, far more than it takes to start the three tasks. */
static int sleeper(void *ms)
{
    unsigned start = uptime();
    sleep((int)(intptr_t)ms);
    order[woken++] = (int)(intptr_t)ms;
    return uptime() - start >= (unsigned)(intptr_t)ms ? 0 : 1;
}

int main(void)
{
    tap_plan(8);

    unsigned start = uptime();
    tap_is(sleep(NAP_MS), 0, "sleep(%d) returns 0", NAP_MS);
    unsigned slept = uptime() - start;
    tap_ok(slept >= NAP_MS, "at least %d ms passed (%u)", NAP_MS, slept);

    int t = spawn(set_ran, NULL);
    tap_is(sleep(0), 0, "sleep(0) returns 0");
    tap_is(ran, 1, "sleep(0) is yield: the ready task ran");
    wait(t, NULL);

    tap_is(sleep(-1), -EINVAL, "sleep(-1): -EINVAL");

    int a = spawn(sleeper, (void *)300), b = spawn(sleeper, (void *)100),
        c = spawn(sleeper, (void *)200);
    int sa, sb, sc;
    wait(a, &sa);
    wait(b, &sb);
    wait(c, &sc);
    tap_ok(order[0] == 100 && order[1] == 200 && order[2] == 300,
           "sleepers wake in deadline order: %d %d %d", order[0], order[1], order[2]);
    tap_ok(sa == 0 && sb == 0 && sc == 0, "each slept at least its time");

    /* Everybody asleep is not a deadlock: the timer wakes them. */
    t = spawn(sleeper, (void *)NAP_MS);
    int status = -1;
    wait(t, &status);
    tap_is(status, STATUS_EXIT(0), "with every task blocked and one asleep, the timer wakes it");
    return tap_done();
}
