/* user/crash.c: what the machine adds to pyos: isolation. A pyos task that
 * raises an exception can take the whole scheduler down; a coop task that
 * dereferences NULL, divides by zero or runs a privileged instruction traps
 * into the kernel with a CPU exception, and the kernel ends that task alone,
 * with a status naming the fault. Its parent collects the status with wait(),
 * and every other task, here a bystander counting in the background, goes on
 * as if nothing had happened. */
#include "user/lib/coop.h"

static volatile int bystander_rounds;
static volatile int stop_bystander;

/* Four ways to crash. Each runs as a task of its own. `volatile` keeps the
 * compiler from noticing (and changing) what we are doing on purpose. */
static int write_null(void *arg)
{
    (void)arg;
    int *volatile p = NULL;
    *p = 42; /* page 0 is never mapped: page fault */
    return 0;
}

static int divide_by_zero(void *arg)
{
    (void)arg;
    volatile int dividend = 1, divisor = 0;
    return dividend / divisor; /* idivl by 0: divide error */
}

static int halt(void *arg)
{
    (void)arg;
    __asm__ volatile("hlt"); /* only ring 0 may halt the CPU: general protection fault */
    return 0;
}

static int undefined_instruction(void *arg)
{
    (void)arg;
    __asm__ volatile("ud2"); /* an opcode that is defined to be invalid */
    return 0;
}

/* Yields in a loop until told to stop, counting its rounds. */
static int bystander(void *arg)
{
    (void)arg;
    while (!stop_bystander) {
        bystander_rounds++;
        yield();
    }
    return 0;
}

struct crasher {
    const char *what;
    int (*fn)(void *);
};

static const struct crasher crashers[] = {
    {"writes through a NULL pointer", write_null},
    {"divides by zero", divide_by_zero},
    {"executes hlt (a privileged instruction)", halt},
    {"executes ud2 (an invalid opcode)", undefined_instruction},
};

#define CRASHERS (int)(sizeof crashers / sizeof crashers[0])

int main(void)
{
    printf("crash: four tasks crash on purpose; the kernel ends each one alone\n");
    int helper = spawn(bystander, NULL);

    int faulted = 0;
    for (int i = 0; i < CRASHERS; i++) {
        int tid = spawn(crashers[i].fn, NULL);
        printf("main: task %d %s...\n", tid, crashers[i].what);
        int status;
        wait(tid, &status); /* the kernel's own message about the fault comes first */
        char how[64];
        status_format(how, sizeof how, status);
        printf("main: task %d %s\n", tid, how);
        faulted += WIFFAULTED(status);
    }

    stop_bystander = 1;
    int status;
    wait(helper, &status);
    printf("main: meanwhile the bystander ran %d rounds and %s\n", bystander_rounds,
           WIFEXITED(status) ? "exited normally" : "did not survive");
    printf("crash: %d of %d tasks faulted; main and the bystander are fine\n", faulted, CRASHERS);
    return faulted == CRASHERS ? 0 : 1;
}
