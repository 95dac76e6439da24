/* tests/boot/t_spawnvx_full.c: spawnvx when the program table (256) or
 * the task table (16384) is full: -EAGAIN, and the handles its map named
 * are not left referenced (a channel's send end handed to the failed
 * spawn does not keep its stream open), nor counted in sysinfo. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define MAX_PROCESSES 256 /* kernel/config.h */

static int control[2], stream[2];

/* A spawnvx handing our end of `stream` fails with -EAGAIN; then, with
 * our own end closed, the stream must be at its end at once. */
static void spawn_fails_cleanly(const char *what)
{
    struct sysinfo info;
    sysinfo(&info);
    unsigned handles = info.handles;
    chan(1, stream);
    int map[] = {stream[CHAN_SEND_END]};
    tap_is(spawn_with("hold", NULL, map, 1, 0), -EAGAIN, "%s: spawnvx says -EAGAIN", what);
    close(stream[CHAN_SEND_END]);
    int v;
    tap_is(recv(stream[CHAN_RECV_END], &v, sizeof v), 0,
           "%s: the send end it was handed is not held: end of stream", what);
    close(stream[CHAN_RECV_END]);
    sysinfo(&info);
    tap_is(info.handles, handles, "%s: no handle counted for it", what);
}

static int parked(void *arg)
{
    (void)arg;
    int v;
    recv(control[CHAN_RECV_END], &v, sizeof v);
    return 0;
}

int main(void)
{
    tap_plan(9);
    struct counters before = counters_now();
    chan(1, control);

    /* The program table: init and 255 more. */
    int map[] = {control[CHAN_RECV_END]};
    static int progs[MAX_PROCESSES];
    int n = 0, r;
    while (n < MAX_PROCESSES && (r = spawn_with("hold", NULL, map, 1, 0)) > 0)
        progs[n++] = r;
    tap_is(n, MAX_PROCESSES - 1, "255 programs besides us, then the table is full");
    spawn_fails_cleanly("program table full");
    close(control[CHAN_SEND_END]);
    for (int i = 0; i < n; i++)
        wait(progs[i], NULL);
    close(control[CHAN_RECV_END]);

    /* The task table: tasks of ours, parked, until spawn says no. */
    chan(1, control);
    int tasks_made = 0;
    while (spawn(parked, NULL) > 0)
        tasks_made++;
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.tasks_alive, info.tasks_max, "tasks until the table is full (%d)", tasks_made);
    spawn_fails_cleanly("task table full");
    close(control[CHAN_SEND_END]); /* every parked task gets end of stream */
    for (int i = 0; i < tasks_made; i++)
        wait(WAIT_ANY, NULL);
    close(control[CHAN_RECV_END]);
    sysinfo(&info);
    tap_ok(info.tasks_alive == 1 && info.channels == before.channels &&
               info.handles == before.handles,
           "all gone: one task, no channel, our 3 handles");
    return tap_done();
}
