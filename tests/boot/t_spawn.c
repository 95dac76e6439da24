/* tests/boot/t_spawn.c: spawn(fn, arg) (pyos NewTask): a new task in the
 * caller's program, sharing its memory but with a stack of its own, running
 * fn(arg); returning from fn is exit. Errors: -EFAULT (an entry point outside
 * user space, through the raw system call) and -EAGAIN (the task table is
 * full). -ENOMEM is in t_nomem. */
#include "user/lib/coop.h"
#include "user/lib/syscall.h"
#include "user/lib/tap.h"

#define USER_STACKS   0x80000000u /* kernel/config.h: the stack slots ... */
#define USER_TOP      0xF0000000u /* ... end here */
#define STACK_SLOT    0x10000u
#define MAGIC         0xC0C0
#define RETURN_CODE   42
#define FAILED_SPAWNS 100

static volatile int shared; /* globals are shared by the program's tasks */
static volatile int ran;
static void *volatile child_arg;
static volatile uintptr_t child_stack;

static int child(void *arg)
{
    int local;
    child_arg = arg;
    child_stack = (uintptr_t)&local;
    shared = MAGIC;
    ran = 1;
    return RETURN_CODE;
}

static int exits_early(void *arg)
{
    (void)arg;
    exit(RETURN_CODE + 1);
}

static int sleeps_forever(void *arg)
{
    (void)arg;
    sleep(1000000);
    return 0;
}

static int tids[16384]; /* MAX_TASKS */

/* Spawn until the table is full; then end and collect them all. */
static void test_table_full(void)
{
    int n = 0, err = 0;
    while (n < (int)(sizeof tids / sizeof tids[0])) {
        int tid = spawn(sleeps_forever, NULL);
        if (tid < 0) {
            err = tid;
            break;
        }
        tids[n++] = tid;
    }
    struct sysinfo info;
    sysinfo(&info);
    tap_is(err, -EAGAIN, "spawn returns -EAGAIN when the task table is full (%d tasks)", n + 1);
    tap_is(n + 1, (long)info.tasks_max, "the table held tasks_max tasks");
    char *args[] = {"t_spawn", NULL};
    tap_is(spawnv("t_spawn", args), -EAGAIN, "spawnv returns -EAGAIN too");

    /* A failed spawn uses no id, and a freed slot takes the next one. */
    for (int i = 0; i < FAILED_SPAWNS; i++)
        spawn(child, NULL);
    int last = tids[n - 1];
    kill(tids[0]);
    wait(tids[0], NULL);
    int next = spawn(sleeps_forever, NULL);
    tap_is(next, last + 1,
           "after %d failed spawns, a task in a freed slot gets the id after the last one given",
           FAILED_SPAWNS + 2);
    tids[0] = next;

    int killed = 0, collected = 0;
    for (int i = 0; i < n; i++)
        killed += kill(tids[i]) == 0;
    for (int i = 0; i < n; i++)
        collected += wait(tids[i], NULL) == tids[i];
    tap_ok(killed == n && collected == n, "all %d killed and collected", n);
    int again = spawn(child, NULL);
    tap_ok(again > 0, "spawn works again afterwards");
    wait(again, NULL);
}

int main(void)
{
    tap_plan(18);
    int local;

    int tid = spawn(child, (void *)0x1234);
    tap_ok(tid > 0, "spawn returns the new task's id (%d)", tid);
    tap_is(ran, 0, "the caller goes on first; the new task waits in the ready queue");
    int status = 0;
    tap_is(wait(tid, &status), tid, "wait for it");
    tap_is((long)(uintptr_t)child_arg, 0x1234, "fn gets arg");
    tap_is(shared, MAGIC, "the task shares the program's globals");
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == RETURN_CODE,
           "returning from fn is exit(its return value)");
    tap_ok(child_stack >= USER_STACKS && child_stack < USER_TOP,
           "its stack is in the stack area (%p)", (void *)child_stack);
    tap_ok(child_stack / STACK_SLOT != (uintptr_t)&local / STACK_SLOT,
           "in another 64 KiB slot than its parent's");

    tid = spawn(exits_early, NULL);
    wait(tid, &status);
    tap_ok(WIFEXITED(status) && WEXITSTATUS(status) == RETURN_CODE + 1, "exit() in fn ends it");

    /* The stub always passes the runtime's entry point; a raw call can lie. */
    tap_is(syscall3(SYS_spawn, 0x1000, (int)(uintptr_t)child, 0), -EFAULT,
           "an entry below user space: -EFAULT");
    tap_is(syscall3(SYS_spawn, (int)USER_TOP, (int)(uintptr_t)child, 0), -EFAULT,
           "an entry at the top of user space: -EFAULT");
    tap_is(syscall3(SYS_spawn, 0x00100000, (int)(uintptr_t)child, 0), -EFAULT,
           "an entry in the kernel: -EFAULT");

    test_table_full();
    return tap_done();
}
