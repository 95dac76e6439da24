/* tests/boot/t_killwait.c: kill a task blocked in each kind of wait: asleep,
 * waiting for its child, waiting for another task of its program, waiting
 * for any child, and ready. Each time, a task waiting on the victim wakes
 * with STATUS_KILL, and the task the victim was waiting for is not lost: it
 * goes on, ends normally, and can still be waited on. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define FOREVER_MS 1000000
#define NAP_MS     30
#define NAP_CODE   6

static volatile int victims_child; /* the task the victim waits for */

static int nap(void *arg)
{
    (void)arg;
    sleep(NAP_MS);
    return NAP_CODE;
}

static int sleep_forever(void *arg)
{
    (void)arg;
    sleep(FOREVER_MS);
    return 0;
}

static noreturn int loop_forever(void *arg)
{
    (void)arg;
    for (;;)
        yield();
}

static int wait_for_own_child(void *arg)
{
    (void)arg;
    victims_child = spawn(nap, NULL);
    wait(victims_child, NULL);
    return 0;
}

static int wait_for_any_child(void *arg)
{
    (void)arg;
    victims_child = spawn(nap, NULL);
    wait(WAIT_ANY, NULL);
    return 0;
}

/* Wait on the task given; the status seen goes to waiter_status. */
static volatile int waiter_status;

static int wait_for(void *tid)
{
    int status = -1;
    wait((int)(intptr_t)tid, &status);
    waiter_status = status;
    return 0;
}

/* Let `victim` block (with a waiter of its own), kill it, and check that
 * both the waiter and the parent see STATUS_KILL. */
static void kill_blocked(int victim, const char *where)
{
    int waiter = spawn(wait_for, (void *)(intptr_t)victim);
    waiter_status = -1;
    yield(); /* the victim blocks, the waiter waits on it */
    int killed = kill(victim);
    int status = -1;
    wait(waiter, NULL);
    wait(victim, &status);
    tap_ok(killed == 0 && status == STATUS_KILL, "kill a task %s: it ends killed", where);
    tap_is(waiter_status, STATUS_KILL, "...and its waiter wakes with STATUS_KILL");
}

/* The task the killed victim waited for ends normally, and we may wait on it. */
static void check_not_lost(const char *what)
{
    int status = -1;
    int r = wait(victims_child, &status);
    tap_ok(r == victims_child && status == STATUS_EXIT(NAP_CODE),
           "the %s the victim waited for goes on and ends normally", what);
}

int main(void)
{
    tap_plan(14);

    kill_blocked(spawn(sleep_forever, NULL), "asleep");

    kill_blocked(spawn(wait_for_own_child, NULL), "waiting for its child");
    check_not_lost("child");

    /* Waiting for another task of the program, not its child: ours. */
    victims_child = spawn(nap, NULL);
    kill_blocked(spawn(wait_for, (void *)(intptr_t)victims_child), "waiting for a sibling");
    check_not_lost("sibling");

    kill_blocked(spawn(wait_for_any_child, NULL), "waiting for any child");
    check_not_lost("child");

    kill_blocked(spawn(loop_forever, NULL), "that is ready (yields in a loop)");

    /* The killed waiters are gone from their targets' waiter lists: after
     * all these ends, only main is left. */
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.tasks_alive, 1, "no task is left behind");
    return tap_done();
}
