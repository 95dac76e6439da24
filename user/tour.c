/* user/tour.c: the guided tour of the demos, which the shell's `tour` runs
 * (or `make run ARGS="init=tour"`): it starts each demo program from the
 * initrd with spawnv(), waits for it, and prints how it ended. Its demos are
 * in its job, so Ctrl-C in the shell ends the tour and the demo it is in. */
#include "user/lib/coop.h"

static const char *const tour[] = {"countdown", "spawnwait", "killdemo", "crash", "cakes"};

#define TOUR_STOPS (int)(sizeof tour / sizeof tour[0])

static void welcome(void)
{
    printf("\n"
           "The tour: in coop every task is a coroutine: it runs until it makes a\n"
           "system call (int $0x80), and the kernel's scheduler loop decides who\n"
           "runs next, as in David Beazley's pyos. Here are the demos, one by one.\n"
           "To run just one of them (or any program in user/), type its name at the\n"
           "shell's prompt, or boot with it as init:\n"
           "    make run ARGS=\"init=countdown\"\n"
           "    make run ARGS=\"init=hog sched=preempt quantum=10\"\n");
}

int main(void)
{
    welcome();
    for (int i = 0; i < TOUR_STOPS; i++) {
        printf("\n=== tour: running %s (%d of %d) ===\n", tour[i], i + 1, TOUR_STOPS);
        int tid = spawnv(tour[i], NULL);
        if (tid < 0) {
            printf("tour: cannot start %s: %s\n", tour[i], strerror(tid));
            continue;
        }
        int status;
        wait(tid, &status);
        char how[64];
        status_format(how, sizeof how, status);
        printf("=== tour: %s (task %d) %s ===\n", tour[i], tid, how);
    }
    printf("\ntour: the tour is over. Bye!\n");
    return 0;
}
