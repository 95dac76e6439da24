/* tests/boot/t_fuzz.c: hostile arguments to the calls of handles,
 * channels, terminals and poll, many times over: tests/progs/fuzzcalls
 * runs with one seed after another, with no handle at all; when a call
 * parks it for good, a watchdog (tasks() looked at every millisecond)
 * kills it. Whatever it did, the kernel must live on (no panic: the
 * harness would see it), and leave nothing behind: no task, channel,
 * handle or page of the children's. `make test` runs SEEDS seeds; for
 * more, give their number (docs/testing.md):
 *
 *     scripts/boot-test --program t_fuzz --args "-- 3000" --timeout 600 */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define SEEDS       200
#define CALLS       400
#define WATCHDOG_MS 10

int main(int argc, char **argv)
{
    int seeds = argc > 1 ? atoi(argv[1]) : SEEDS;
    tap_plan(4);
    struct counters before = counters_now();
    int finished = 0, killed = 0, other = 0;
    for (int seed = 1; seed <= seeds; seed++) {
        char s[12], n[12];
        snprintf(s, sizeof s, "%d", seed);
        snprintf(n, sizeof n, "%d", CALLS);
        char *args[] = {"fuzzcalls", s, n, NULL};
        struct spawn_opts opts = {.nhandles = 1, .handles = {HANDLE_NONE}};
        int t = spawnvx("fuzzcalls", args, &opts), status = 0;
        char state[TASK_INFO_STATE_LEN], waits[TASK_INFO_WAIT_LEN];
        int ms = 0;
        do
            sleep(1);
        while (task_state(t, state, waits) == 0 && strcmp(state, "ended") != 0 &&
               ++ms < WATCHDOG_MS);
        if (strcmp(state, "ended") != 0) {
            kill(t);
            killed++;
        }
        wait(t, &status);
        finished += WIFEXITED(status) && WEXITSTATUS(status) == 0;
        other += !WIFEXITED(status) && !WIFKILLED(status);
    }
    tap_diag("%d children made all %d calls, %d were parked for good and killed", finished, CALLS,
             killed);
    tap_ok(finished + killed == seeds, "every child finished its calls or was killed parked");
    tap_is(other, 0, "none faulted");
    tap_ok(finished > 0, "some made all their calls");
    tap_ok(counters_same(before), "nothing of theirs left: tasks, channels, handles, pages");
    return tap_done();
}
