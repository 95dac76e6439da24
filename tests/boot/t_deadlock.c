/* tests/boot/t_deadlock.c: two tasks wait on each other, and main waits on
 * one of them: every task is blocked and no timer can wake one. The kernel
 * must say so, list who waits for whom, and (under `test`) power off with
 * the deadlock code instead of hanging. tests/deadlock.t checks the list.
 *
 * With the argument "any" (init=t_deadlock -- any), main instead waits for
 * any child (WAIT_ANY) while its only child waits on main. */
// boot-expect: deadlock
#include "user/lib/coop.h"
#include "user/lib/tap.h"

static volatile int tid_a, tid_b;

static int wait_on(void *which)
{
    int other = *(volatile int *)which;
    wait(other, NULL); /* never returns */
    return 0;
}

int main(int argc, char **argv)
{
    tap_plan(1);
    if (argc > 1 && strcmp(argv[1], "any") == 0) {
        static volatile int main_tid;
        main_tid = gettid();
        int child = spawn(wait_on, (void *)&main_tid); /* the child waits on main */
        tap_ok(child > 0, "task %d will wait on main, main on any child", child);
        wait(WAIT_ANY, NULL);
    } else {
        tid_a = spawn(wait_on, (void *)&tid_b); /* A waits on B */
        tid_b = spawn(wait_on, (void *)&tid_a); /* B waits on A */
        tap_ok(tid_a > 0 && tid_b > 0, "tasks %d and %d will wait on each other", tid_a, tid_b);
        wait(tid_a, NULL);
    }
    tap_diag("not reached: the kernel should have found the deadlock");
    return 1;
}
