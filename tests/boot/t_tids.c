/* tests/boot/t_tids.c: task ids only increase, one at a time, and are never
 * given twice, even when they run out. `firsttid=` starts them 48 short of
 * the last one (2^31 - 1), so that running out takes 48 spawns instead of
 * two billion: then spawn and spawnv fail with -EAGAIN, and the tasks that
 * exist keep their ids and go on working. */
// boot-args: firsttid=2147483600
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define FIRST_TID 2147483600 /* the boot-args above */
#define LAST_TID  2147483647 /* TID_MAX, kernel/config.h */

static int sleeps_forever(void *arg)
{
    (void)arg;
    sleep(1000000);
    return 0;
}

static int returns(void *arg)
{
    return (int)(intptr_t)arg;
}

int main(void)
{
    tap_plan(8);
    tap_is(gettid(), FIRST_TID, "firsttid= is init's id");

    /* One that lives through the end of the ids. */
    int sleeper = spawn(sleeps_forever, NULL);
    tap_is(sleeper, FIRST_TID + 1, "the next task gets the next id");

    /* Start and collect tasks until the ids run out: each gets one more
     * than the last, though the slot of the one before is free again. */
    int last = sleeper, in_order = 1, got;
    while ((got = spawn(returns, (void *)7)) > 0) {
        in_order &= got == last + 1;
        int status = 0;
        in_order &= wait(got, &status) == got && WEXITSTATUS(status) == 7;
        last = got;
    }
    tap_ok(in_order, "every new task got the id after the last, and ran");
    tap_is(last, LAST_TID, "the last id given is 2^31 - 1");
    tap_is(got, -EAGAIN, "then spawn fails with -EAGAIN");
    char *args[] = {"hello", NULL};
    tap_is(spawnv("hello", args), -EAGAIN, "and so does spawnv");

    /* What exists still works, by the ids it has. */
    tap_is(kill(sleeper), 0, "a task from before can still be killed by its id");
    tap_is(wait(sleeper, NULL), sleeper, "and collected");
    return tap_done();
}
