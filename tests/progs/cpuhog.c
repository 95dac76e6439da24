/* tests/progs/cpuhog.c: a task that takes the CPU and never gives it back:
 * it says so, then spins without another system call. Under sched=coop
 * nothing but an interrupt gets past it; tests/tty.t ends it with Ctrl-C
 * (typed on the serial console, and on the keyboard), which the kernel
 * handles in the interrupt. */
#include "user/lib/coop.h"

int main(void)
{
    printf("cpuhog spinning\n");
    for (volatile unsigned spins = 0;; spins++)
        ; /* no system call: only an interrupt can end this */
}
