/* tests/boot/t_memleak.c: no physical page leaks. sysinfo()'s pages_free is
 * the same before and after: 100 spawn + exit + wait, tasks that grew their
 * stacks, killed and faulted tasks, orphans, heap growth and shrinking, and
 * whole programs started with spawnv (which must give back everything). In "child" mode this is the
 * program started: it uses the heap, and tasks, and returns. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define ROUNDS       100
#define FAULT_ROUNDS 10          /* each prints a line on the console */
#define STACK_USE    (20 * 1024) /* bytes of stack a task touches: several pages */
#define FOREVER_MS   1000000
#define CHILD_HEAP   (200 * 1024)

static unsigned pages_free(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info.pages_free;
}

static int nothing(void *arg)
{
    (void)arg;
    return 0;
}

/* Touch STACK_USE bytes of stack, so the kernel maps pages for it. */
static int deep_stack(void *arg)
{
    (void)arg;
    volatile char frame[STACK_USE];
    for (int i = 0; i < STACK_USE; i += 1024)
        frame[i] = (char)i;
    return frame[0];
}

static int sleep_forever(void *arg)
{
    (void)arg;
    sleep(FOREVER_MS);
    return 0;
}

static int fault_with_stack(void *arg)
{
    deep_stack(arg);
    return *(volatile int *)NULL;
}

static int spawn_orphan(void *arg)
{
    (void)arg;
    spawn(deep_stack, NULL);
    return 0;
}

static int child_main(void)
{
    char *p = malloc(CHILD_HEAP);
    if (!p)
        return 1;
    memset(p, 1, CHILD_HEAP);
    int a = spawn(deep_stack, NULL), b = spawn(sleep_forever, NULL);
    wait(a, NULL);
    kill(b);
    return 0; /* p is never freed: the program's end frees it */
}

/* Run `fn` n times, in a fresh task each, and collect them. */
static void spawn_rounds(int (*fn)(void *), int n)
{
    for (int i = 0; i < n; i++)
        wait(spawn(fn, NULL), NULL);
}

/* n times: a task goes to sleep, is killed and collected. */
static void kill_rounds(int n)
{
    for (int i = 0; i < n; i++) {
        int t = spawn(sleep_forever, NULL);
        yield();
        kill(t);
        wait(t, NULL);
    }
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return child_main();

    tap_plan(8);

    /* Warm up: run each kind of task once. An address space keeps a page
     * table once made, and (kernel/task.c) a stack slot keeps its pages for
     * the program's next task; all of that goes back when the program ends.
     * So measure from here, once every slot used below has its pages. */
    kill_rounds(1);
    spawn_rounds(nothing, 1);
    spawn_rounds(deep_stack, 1);
    spawn_rounds(fault_with_stack, 1);
    spawn_rounds(spawn_orphan, 1);
    unsigned base = pages_free();

    spawn_rounds(nothing, ROUNDS);
    tap_is(pages_free(), base, "%d spawn + exit + wait", ROUNDS);

    spawn_rounds(deep_stack, ROUNDS);
    tap_is(pages_free(), base, "%d tasks that grew their stacks", ROUNDS);

    kill_rounds(ROUNDS);
    tap_is(pages_free(), base, "%d killed tasks", ROUNDS);

    spawn_rounds(fault_with_stack, FAULT_ROUNDS);
    tap_is(pages_free(), base, "%d faulted tasks", FAULT_ROUNDS);

    spawn_rounds(spawn_orphan, ROUNDS);
    struct sysinfo info;
    sysinfo(&info);
    tap_ok(pages_free() == base && info.tasks_alive == 1, "%d orphans, collected as they end",
           ROUNDS);

    intptr_t brk = sbrk(0);
    sbrk(64 * 1024);
    memset((void *)brk, 1, 64 * 1024);
    sbrk(-64 * 1024);
    tap_is(pages_free(), base, "heap grown by 64 KiB, touched, and shrunk");

    char *args[] = {"t_memleak", "child", NULL};
    int status = -1;
    wait(spawnv("t_memleak", args), &status);
    tap_is(status, STATUS_EXIT(0), "a program that used its heap and tasks");
    for (int i = 0; i < 10; i++)
        wait(spawnv("t_memleak", args), NULL);
    tap_is(pages_free(), base, "11 programs started and ended: all their memory is back");
    return tap_done();
}
