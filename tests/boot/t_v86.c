/* tests/boot/t_v86.c: an `iret` with the VM flag set in the eflags it pops.
 * A real CPU ignores VM in an iret at privilege level 3 and returns to the
 * next instruction; QEMU's TCG enters virtual-8086 mode anyway, and the
 * task's next trap pushes a frame four words longer than usual. The kernel
 * must survive that and end the task as a protection fault
 * (kernel/trapentry.S, v86_trap). Whatever the CPU, no other task may
 * notice: tasks that sleep through it all, whose records lie next to those
 * of the tasks that try, wake and end as they should. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"
#include "lib/exception.h"
#include "tests/progs/v86.h"

#define TRIES        50
#define SLEEPER_CODE 42
#define SLEEP_MS     20

static int iret_with_vm(void *arg)
{
    (void)arg;
    V86_IRET(0);
    return 0;
}

static int sleeper(void *arg)
{
    (void)arg;
    sleep(SLEEP_MS);
    return SLEEPER_CODE;
}

int main(void)
{
    tap_plan(4);
    int sleepers[TRIES], faulted = 0, returned = 0, other = 0;
    for (int i = 0; i < TRIES; i++) {
        /* Consecutive ids, so the sleeper's record is the one just below
         * the trying task's: where the four extra words would land. */
        sleepers[i] = spawn(sleeper, NULL);
        int status = -1;
        wait(spawn(iret_with_vm, NULL), &status);
        if (status == STATUS_FAULT(T_GPFLT))
            faulted++;
        else if (status == STATUS_EXIT(0))
            returned++;
        else
            other++;
    }
    tap_is(other, 0, "every task that tried ended as a #GP fault (QEMU) or went on (a real CPU)");
    tap_ok(faulted + returned == TRIES, "%d faulted, %d went on: the kernel survived all %d",
           faulted, returned, TRIES);
    int fine = 0;
    for (int i = 0; i < TRIES; i++) {
        int status = -1;
        wait(sleepers[i], &status);
        fine += status == STATUS_EXIT(SLEEPER_CODE);
    }
    tap_is(fine, TRIES, "the sleepers next to them woke and exited with their code");
    int status = -1;
    wait(spawn(sleeper, NULL), &status);
    tap_is(status, STATUS_EXIT(SLEEPER_CODE), "and new tasks still run");
    return tap_done();
}
