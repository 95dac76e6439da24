/* tests/boot/t_wait.c: wait(tid, &status) (pyos WaitTask): who may wait on
 * whom, WAIT_ANY, when an ended task's status is collected, and every error.
 *
 * In "child" mode (argv: t_wait child PARENT_TID) this is another program,
 * which may neither wait on nor kill the task that started it: it exits 0 if
 * both say -EPERM. In "napper" mode it spawns a task that naps, and waits
 * for it. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define NO_SUCH_TID 999999
#define NAP_MS      20

static int return_code(void *code)
{
    return (int)(intptr_t)code;
}

static int nap_then_return(void *code)
{
    sleep(NAP_MS);
    return (int)(intptr_t)code;
}

/* Gives back the heap pages the parent's status pointer points into, while
 * the parent waits. */
static int shrink_heap(void *bytes)
{
    sbrk(-(int)(intptr_t)bytes);
    return 0;
}

/* A sibling waiting on another task of the program: stores what it saw. */
static volatile int sibling_result, sibling_status;

static int wait_for(void *tid)
{
    int status = 0;
    sibling_result = wait((int)(intptr_t)tid, &status);
    sibling_status = status;
    return 0;
}

/* Spawns a grandchild that naps, publishes its id, and exits at once. */
static volatile int grandchild;

static int spawn_grandchild(void *arg)
{
    (void)arg;
    grandchild = spawn(nap_then_return, (void *)4);
    return 0;
}

static int child_main(int parent)
{
    int status;
    return wait(parent, &status) == -EPERM && kill(parent) == -EPERM ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc > 2 && strcmp(argv[1], "child") == 0)
        return child_main(atoi(argv[2]));
    if (argc > 1 && strcmp(argv[1], "napper") == 0)
        return wait(spawn(nap_then_return, NULL), NULL) > 0 ? 0 : 1;

    tap_plan(42);
    int status = -1;

    /* The basics. */
    int t = spawn(nap_then_return, (void *)7);
    tap_is(wait(t, &status), t, "wait blocks until the child ends, returns its id");
    tap_is(status, STATUS_EXIT(7), "and its status");
    tap_is(wait(t, &status), -ESRCH, "the parent's wait collected it: its id is unknown now");

    t = spawn(return_code, (void *)8);
    yield(); /* it runs and ends before we wait */
    tap_is(wait(t, NULL), t, "waiting on a task that already ended returns at once; NULL status");
    tap_is(wait(t, NULL), -ESRCH, "...and collects it");

    /* Other waiters see the status without collecting it. */
    t = spawn(nap_then_return, (void *)9);
    int w = spawn(wait_for, (void *)(intptr_t)t);
    wait(w, NULL);
    tap_is(sibling_result, t, "a sibling (same program) may wait on a task");
    tap_is(sibling_status, STATUS_EXIT(9), "and gets its status");
    tap_is(wait(t, &status), t, "the parent can still collect it");
    tap_is(status, STATUS_EXIT(9), "with the same status");

    /* Several waiters on one task all wake. */
    t = spawn(nap_then_return, (void *)10);
    int w1 = spawn(wait_for, (void *)(intptr_t)t);
    int w2 = spawn(wait_for, (void *)(intptr_t)t);
    sibling_result = 0;
    tap_is(wait(t, &status), t, "the parent waits too");
    wait(w1, NULL);
    wait(w2, NULL);
    tap_is(sibling_result, t, "and the other waiters woke with it");

    /* WAIT_ANY. */
    int a = spawn(nap_then_return, (void *)1), b = spawn(return_code, (void *)2);
    int first = wait(WAIT_ANY, &status);
    tap_is(first, b, "WAIT_ANY returns the first child to end");
    tap_is(status, STATUS_EXIT(2), "with its status");
    int second = wait(WAIT_ANY, &status);
    tap_is(second, a, "WAIT_ANY blocks until the next one ends");
    tap_is(status, STATUS_EXIT(1), "with its status");
    tap_is(wait(WAIT_ANY, &status), -ECHILD, "WAIT_ANY with all children collected: -ECHILD");

    /* A task whose parent has ended is collected when it ends. */
    int p = spawn(spawn_grandchild, NULL);
    wait(p, NULL);
    tap_ok(grandchild > 0, "a child spawned a grandchild and exited");
    tap_is(wait(WAIT_ANY, NULL), -ECHILD, "the grandchild is not our child");
    tap_is(wait(grandchild, &status), grandchild, "but is in our program: we may wait on it");
    tap_is(status, STATUS_EXIT(4), "with its status");
    tap_is(wait(grandchild, &status), -ESRCH, "an orphan is collected when it ends");

    /* Errors. */
    tap_is(wait(0, &status), -EINVAL, "wait(0): -EINVAL");
    tap_is(wait(-2, &status), -EINVAL, "wait(-2): -EINVAL");
    tap_is(wait(gettid(), &status), -EDEADLK, "waiting on oneself: -EDEADLK");
    tap_is(wait(NO_SUCH_TID, &status), -ESRCH, "a task that never existed: -ESRCH");

    /* A bad status pointer: -EFAULT, and nothing is collected. */
    int *const kernel_memory = (int *)0x100000, *const code = (int *)(uintptr_t)main;
    t = spawn(nap_then_return, (void *)6);
    tap_is(wait(t, kernel_memory), -EFAULT, "status pointing at kernel memory: -EFAULT at once");
    tap_is(wait(t, code), -EFAULT, "status pointing at read-only code: -EFAULT");
    tap_is(wait(t, &status), t, "the child was not collected: a good wait still gets it");
    tap_is(status, STATUS_EXIT(6), "with its status");
    t = spawn(return_code, (void *)8);
    yield(); /* it has ended now */
    tap_is(wait(t, kernel_memory), -EFAULT, "an ended child, a bad pointer: -EFAULT");
    tap_is(wait(WAIT_ANY, kernel_memory), -EFAULT, "the same with WAIT_ANY");
    tap_is(wait(WAIT_ANY, &status), t, "and it is still there to collect");
    tap_is(status, STATUS_EXIT(8), "with its status");

    /* The pointer was good when the wait began, but its page went away (a
     * sibling shrank the heap) before the child ended. */
    uintptr_t brk = (uintptr_t)sbrk(0), page = (brk + 4095) & ~(uintptr_t)4095;
    sbrk((int)(page + 4096 - brk));
    t = spawn(nap_then_return, (void *)3);
    spawn(shrink_heap, (void *)(page + 4096 - brk));
    tap_is(wait(t, (int *)page), -EFAULT,
           "status memory gone by the time the child ended: -EFAULT");
    tap_is(wait(t, &status), t, "the child was not collected: a second wait gets it");
    tap_is(status, STATUS_EXIT(3), "with its status");
    wait(WAIT_ANY, NULL); /* the heap shrinker */

    /* A status that straddles the end of the heap: half of it is good memory,
     * which must not be written either. */
    brk = (uintptr_t)sbrk(0);
    page = (brk + 4095) & ~(uintptr_t)4095;
    sbrk((int)(page - brk)); /* the heap now ends exactly at a page's end */
    unsigned char *end = (unsigned char *)page;
    end[-1] = end[-2] = 0xAA;
    t = spawn(return_code, (void *)7);
    yield(); /* it has ended */
    tap_is(wait(t, (int *)(end - 2)), -EFAULT, "status half in the heap, half past it: -EFAULT");
    tap_ok(end[-1] == 0xAA && end[-2] == 0xAA, "and its good half was not written");
    tap_is(wait(t, &status), t, "the child is still there to collect");

    /* A task of another program, not our child: it tries its parent. */
    char parent_text[16];
    snprintf(parent_text, sizeof parent_text, "%d", gettid());
    char *args[] = {"t_wait", "child", parent_text, NULL};
    int c = spawnv("t_wait", args);
    wait(c, &status);
    tap_is(status, STATUS_EXIT(0), "another program may not wait on or kill us: -EPERM both");

    /* And we may not wait on one of its tasks that is not our child. */
    char *nap_args[] = {"t_wait", "napper", NULL};
    c = spawnv("t_wait", nap_args); /* main naps in another program... */
    int other = c + 1;              /* ...after spawning its task c + 1 */
    yield();
    tap_is(wait(other, &status), -EPERM, "a task of another program, not our child: -EPERM");
    tap_is(kill(other), -EPERM, "nor may we kill it: -EPERM");
    wait(c, NULL);
    return tap_done();
}
