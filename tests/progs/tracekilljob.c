/* tests/progs/tracekilljob.c: kill(-job) under the recorder. tests/trace.t
 * checks that the recording has one end for each task the kill ends, and
 * none for the job's number (negative: no task; the recorder once took it
 * for a task id, and the converter failed on it).
 *
 *   tracekilljob          main: starts the two below in jobs of their own
 *   tracekilljob victim   two tasks that yield until killed, by main's
 *                         kill(-job) from outside the job
 *   tracekilljob self     two tasks, one of which kills its own job: the
 *                         caller ends among the others
 *
 * Exits with 0 if every kill ended what it should, 1 if not. */
#include "user/lib/coop.h"

/* Yield until killed: a task of a job that someone will kill. */
static int spinner(void *arg)
{
    (void)arg;
    while (yield() == 0)
        ;
    return 1; /* yield never fails */
}

/* Start this program with argument `role` in a job of its own. */
static int start(const char *role)
{
    char *argv[] = {"tracekilljob", (char *)role, NULL};
    struct spawn_opts opts = {.job = SPAWN_NEW_JOB};
    return spawnvx("tracekilljob", argv, &opts);
}

int main(int argc, char **argv)
{
    if (argc > 1 && spawn(spinner, NULL) < 0)
        return 1;
    if (argc > 1 && strcmp(argv[1], "victim") == 0)
        return spinner(NULL);
    if (argc > 1) {
        yield(); /* the other task runs first */
        /* A job is numbered by its first task's id: this one's. */
        kill(-gettid());
        return 1; /* kill(-job) of one's own job does not return */
    }

    int status = -1, self_status = -1;
    int victim = start("victim");
    if (victim < 0)
        return 1;
    yield(); /* the victim starts, and spawns its second task */
    yield();
    int killed = kill(-victim);
    wait(victim, &status);
    int self = start("self");
    if (self < 0)
        return 1;
    wait(self, &self_status);
    return killed == 0 && WIFKILLED(status) && WIFKILLED(self_status) ? 0 : 1;
}
