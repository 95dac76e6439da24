/* user/sleep.c: wait MS milliseconds, then exit: something to run in the
 * background and watch with the shell's `jobs` and `ps`:
 *
 *     sleep 5000 &
 *     ps             (sleep is "sleeping on the timer (4990 ms left)") */
#include "user/lib/coop.h"

int main(int argc, char **argv)
{
    if (argc != 2 || argv[1][0] < '0' || argv[1][0] > '9') {
        dprintf(FD_STDERR, "usage: sleep MS (milliseconds)\n");
        return 1;
    }
    sleep(atoi(argv[1]));
    return 0;
}
