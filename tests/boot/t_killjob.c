/* tests/boot/t_killjob.c: kill(-job) ends every task of every program of a
 * job, the tasks those programs spawned themselves too; only the program
 * that started the job (or one in it) may, and only those may start a
 * program in it (else any program could kill any job from inside it); a
 * job with nobody left is -ESRCH. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define NOT_A_JOB 99999

/* Start `path` (argv {path, arg}) in job `job`. */
static int start(const char *path, const char *arg, int job)
{
    char *argv[] = {(char *)path, (char *)arg, NULL};
    struct spawn_opts opts = {.job = job};
    return spawnvx(path, argv, &opts);
}

int main(void)
{
    tap_plan(10);
    struct sysinfo before, after;
    sysinfo(&before);

    /* countdown spawns a second task; give it many rounds so that both are
     * alive when the job is killed. */
    int leader = start("countdown", "100000", SPAWN_NEW_JOB);
    int second = start("countdown", "100000", leader);
    tap_ok(leader > 0 && second > 0, "two programs in one job (%d, %d)", leader, second);
    yield(); /* each starts, and spawns its own second task */
    yield();
    sysinfo(&after);
    tap_is(after.tasks_alive, before.tasks_alive + 4, "four tasks in the job");

    char job[16];
    snprintf(job, sizeof job, "%d", leader);
    int status = -1;
    wait(start("killjob_probe", job, SPAWN_NEW_JOB), &status);
    tap_is(status, STATUS_EXIT(0),
           "a program of another job may neither kill(-job) it nor start a program in it: -EPERM");

    tap_is(kill(-leader), 0, "kill(-job) returns 0");
    tap_is(wait(leader, &status), leader, "the leader ends");
    tap_ok(WIFKILLED(status), "killed");
    wait(second, &status);
    tap_ok(WIFKILLED(status), "so does the second program");
    sysinfo(&after);
    tap_is(after.tasks_alive, before.tasks_alive, "and every task they spawned: none left");

    tap_is(kill(-leader), -ESRCH, "kill(-job) of an empty job: -ESRCH");
    tap_is(kill(-NOT_A_JOB), -ESRCH, "of a job that never was: -ESRCH");
    return tap_done();
}
