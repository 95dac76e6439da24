/* user/countdown.c: pyos's first example (pyos2.py): two tasks, foo and bar,
 * that each print a line and yield, so that they take turns:
 *
 *     def foo():                      def bar():
 *         while True:                     while True:
 *             print("I'm foo")                print("I'm bar")
 *             yield                           yield
 *
 * Here foo is this program's first task (main) and bar a task it spawns.
 * yield() is a system call: `int $0x80` hands the CPU to the kernel, whose
 * scheduler loop puts foo at the back of the ready queue and resumes bar.
 * Unlike pyos's, these loops end: `make run ARGS="init=countdown -- 3"`
 * counts down from 3 instead of the default. */
#include "user/lib/coop.h"

#define DEFAULT_ROUNDS 5

static int rounds = DEFAULT_ROUNDS;

/* One task's loop: say who we are, then let the other one run. */
static int countdown(void *name)
{
    for (int i = rounds; i > 0; i--) {
        printf("I'm %s (task %d): %d\n", (const char *)name, gettid(), i);
        yield();
    }
    printf("%s is done\n", (const char *)name);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && atoi(argv[1]) > 0)
        rounds = atoi(argv[1]);
    printf("countdown: two tasks take turns, each yielding after every line\n");

    int bar = spawn(countdown, "bar"); /* pyos: sched.new(bar()) */
    if (bar < 0) {
        printf("countdown: spawn failed: %s\n", strerror(bar));
        return 1;
    }
    countdown("foo"); /* main itself is foo */
    wait(bar, NULL);
    return 0;
}
