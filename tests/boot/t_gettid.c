/* tests/boot/t_gettid.c: gettid() (pyos GetTid): init's first task is 1,
 * spawn and spawnv return the new task's id, ids increase and are not
 * reused. Run with an argument, it is the child program: it exits with its
 * own id's low byte, so the parent can compare it with what spawnv returned. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

static volatile int child_tid;

static int record_tid(void *arg)
{
    (void)arg;
    child_tid = gettid();
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return gettid() & 0xff;

    tap_plan(7);
    tap_is(gettid(), 1, "init's first task is task 1");
    tap_is(gettid(), gettid(), "gettid is stable");

    int t1 = spawn(record_tid, NULL);
    wait(t1, NULL);
    tap_is(child_tid, t1, "a spawned task's gettid is what spawn returned");
    tap_ok(t1 > 1, "a spawned task's id (%d) is above its parent's", t1);

    int t2 = spawn(record_tid, NULL);
    wait(t2, NULL);
    tap_ok(t2 > t1, "ids increase: %d after %d (the ended %d is not reused)", t2, t1, t1);

    char *args[] = {"t_gettid", "child", NULL};
    int p = spawnv("t_gettid", args);
    int status = 0;
    wait(p, &status);
    tap_ok(p > t2, "spawnv's task id %d comes after %d", p, t2);
    tap_is(WEXITSTATUS(status), p & 0xff, "a new program's first task has the id spawnv returned");
    return tap_done();
}
