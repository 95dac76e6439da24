/* tests/boot/t_kill.c: kill(tid) (pyos KillTask): the task ends with
 * STATUS_KILL wherever it is (ready, sleeping, running: killing oneself), its
 * waiters wake; who may kill whom, and every error. Tasks blocked in wait()
 * are in t_killwait. In "child" mode this is a program that sleeps until it
 * is killed. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define NO_SUCH_TID 999999
#define FOREVER_MS  1000000

static volatile int rounds;
static volatile int after_kill;

static noreturn int loop_forever(void *arg)
{
    (void)arg;
    for (;;) {
        rounds++;
        yield();
    }
}

static int sleep_forever(void *arg)
{
    (void)arg;
    sleep(FOREVER_MS);
    return 0;
}

static int kill_myself(void *arg)
{
    (void)arg;
    kill(gettid());
    after_kill = 1; /* never reached */
    return 0;
}

/* Kills the task given, a sibling: not its child, but in its program. */
static volatile int sibling_kill_result;

static int kill_sibling(void *tid)
{
    sibling_kill_result = kill((int)(intptr_t)tid);
    return 0;
}

static volatile int waiter_status;

static int wait_for(void *tid)
{
    int status = 0;
    wait((int)(intptr_t)tid, &status);
    waiter_status = status;
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return sleep_forever(NULL);

    tap_plan(18);
    int status = -1;

    int t = spawn(loop_forever, NULL);
    yield();
    yield();
    tap_ok(rounds > 0, "a looping task runs (%d rounds)", rounds);
    tap_is(kill(t), 0, "kill a ready task: 0");
    int seen = rounds;
    yield();
    tap_is(rounds, seen, "it runs no more");
    tap_is(wait(t, &status), t, "wait for it");
    tap_ok(WIFKILLED(status) && status == STATUS_KILL, "its status is STATUS_KILL (killed)");

    t = spawn(sleep_forever, NULL);
    int w = spawn(wait_for, (void *)(intptr_t)t);
    yield(); /* t sleeps, w waits on it */
    tap_is(kill(t), 0, "kill a sleeping task: 0");
    tap_is(kill(t), -ESRCH, "killing it again: -ESRCH (it has ended)");
    wait(w, NULL);
    tap_is(waiter_status, STATUS_KILL, "its waiter woke with STATUS_KILL");
    tap_is(wait(t, &status), t, "its parent collects it");
    tap_is(kill(t), -ESRCH, "killing a collected task: -ESRCH");

    t = spawn(kill_myself, NULL);
    wait(t, &status);
    tap_is(status, STATUS_KILL, "a task may kill itself (while running)");
    tap_is(after_kill, 0, "and kill does not return");

    t = spawn(sleep_forever, NULL);
    int k = spawn(kill_sibling, (void *)(intptr_t)t);
    wait(k, NULL);
    tap_is(sibling_kill_result, 0, "a task may kill a sibling (same program)");
    wait(t, &status);
    tap_is(status, STATUS_KILL, "which ends killed");

    char *args[] = {"t_kill", "child", NULL};
    int c = spawnv("t_kill", args);
    yield(); /* its main goes to sleep */
    tap_is(kill(c), 0, "a task may kill its child in another program");
    wait(c, &status);
    tap_is(status, STATUS_KILL, "which ends killed");

    /* -EPERM, from another program to its parent, is in t_wait. */
    tap_ok(kill(0) == -EINVAL && kill(-1) == -EINVAL, "kill(0), kill(-1): -EINVAL");
    tap_is(kill(NO_SUCH_TID), -ESRCH, "a task that never existed: -ESRCH");
    return tap_done();
}
