/* tests/boot/t_deadlock.c: two tasks wait on each other, and main waits on
 * one of them: every task is blocked and no timer can wake one. The kernel
 * must say so, list who waits for whom, and (under `test`) power off with
 * the deadlock code instead of hanging. */
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

int main(void)
{
    tap_plan(1);
    tid_a = spawn(wait_on, (void *)&tid_b); /* A waits on B */
    tid_b = spawn(wait_on, (void *)&tid_a); /* B waits on A */
    tap_ok(tid_a > 0 && tid_b > 0, "tasks %d and %d will wait on each other", tid_a, tid_b);
    wait(tid_a, NULL);
    tap_diag("not reached: the kernel should have found the deadlock");
    return 1;
}
