/* user/killdemo.c: pyos's KillTask. A task that would loop forever, printing
 * and yielding, is ended from outside by the task that spawned it:
 *
 *     child = yield NewTask(forever())
 *     for i in range(3): yield        # let it run a little
 *     yield KillTask(child)
 *
 * The kernel removes the killed task from wherever it is (here: the ready
 * queue), frees its stack, and gives it the status "killed", which wait()
 * then reports. */
#include "user/lib/coop.h"

#define ROUNDS 3

/* Counts forever; only kill() stops it. */
static noreturn int forever(void *arg)
{
    (void)arg;
    for (int i = 1;; i++) {
        printf("  looper: round %d\n", i);
        yield();
    }
}

int main(void)
{
    printf("killdemo: spawn a task that never ends, let it run %d rounds, kill it\n", ROUNDS);
    int tid = spawn(forever, NULL);
    if (tid < 0) {
        printf("killdemo: spawn failed: %s\n", strerror(tid));
        return 1;
    }
    for (int i = 0; i < ROUNDS; i++) {
        printf("main: yielding (%d)\n", i + 1);
        yield(); /* the looper runs one round each time */
    }

    printf("main: kill(%d) returns %d\n", tid, kill(tid)); /* pyos: KillTask */
    int status;
    wait(tid, &status);
    char how[64];
    status_format(how, sizeof how, status);
    printf("main: task %d %s\n", tid, how);
    return WIFKILLED(status) ? 0 : 1;
}
