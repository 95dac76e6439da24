/* user/init.c: the first program coop runs (unless the command line names
 * another with init=). It says what coop is, then gives the tour: it starts
 * each demo program from the initrd with spawnv(), waits for it, and prints
 * how it ended. When init returns, its task is the last one, and coop powers
 * off with init's status. */
#include "user/lib/coop.h"

static const char *const tour[] = {"countdown", "spawnwait", "killdemo", "crash", "cakes"};

#define TOUR_STOPS (int)(sizeof tour / sizeof tour[0])

static void welcome(void)
{
    printf("\n"
           "Welcome to coop, a tiny x86 kernel in which every task is a coroutine:\n"
           "it runs until it makes a system call (int $0x80), and the kernel's\n"
           "scheduler loop decides who runs next, as in David Beazley's pyos.\n"
           "\n"
           "This is init, the first program. It will now run the demos one by one.\n"
           "To run just one of them (or any program in user/), boot with init=NAME:\n"
           "    make run ARGS=\"init=countdown\"\n"
           "    make run ARGS=\"init=hog sched=preempt quantum=10\"\n"
           "Quit QEMU with Ctrl-A then X.\n");
}

int main(void)
{
    welcome();
    for (int i = 0; i < TOUR_STOPS; i++) {
        printf("\n=== init: running %s (%d of %d) ===\n", tour[i], i + 1, TOUR_STOPS);
        int tid = spawnv(tour[i], NULL);
        if (tid < 0) {
            printf("init: cannot start %s: %s\n", tour[i], strerror(tid));
            continue;
        }
        int status;
        wait(tid, &status);
        char how[64];
        status_format(how, sizeof how, status);
        printf("=== init: %s (task %d) %s ===\n", tour[i], tid, how);
    }
    printf("\ninit: the tour is over; when init ends, coop powers off. Bye!\n");
    return 0;
}
