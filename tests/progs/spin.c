/* tests/progs/spin.c: a CPU hog that never ends: it says so, then spins
 * without a single system call. Under sched=coop nothing takes the CPU away
 * from it, so only the kernel can end it: Ctrl-C on the console, which the
 * serial or keyboard interrupt turns into the end of the foreground job
 * (tests/shell.t). user/hog.c is the polite version, which stops by itself. */
#include "user/lib/coop.h"

int main(void)
{
    printf("spin: spinning for ever, with no system call; in the foreground, Ctrl-C ends me\n");
    for (;;)
        ; /* no yield, no read: the CPU is ours until an interrupt ends us */
}
