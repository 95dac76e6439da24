/* tests/progs/v86hog.c: a CPU hog that spends its time going into
 * virtual-8086 mode (tests/progs/v86.h): it says so, then spawns, for ever,
 * a task that tries, and waits for it to end as a protection fault. A
 * Ctrl-C that comes while QEMU enters virtual-8086 mode is handled in the
 * trap that leaves it, and ends the very task that trap would end as a
 * fault: tests/tty.t types Ctrl-C at this program, and tests/gdb-faults.t
 * makes one come just there, to see that the kernel ends the task once.
 * With the argument "fg" (as init) it makes its own job the console's
 * foreground job, the one Ctrl-C ends. */
#include "user/lib/coop.h"
#include "tests/progs/v86.h"

/* A little under QEMU's longest run of code without a check for interrupts
 * (512 instructions): the wider the window, the likelier a Ctrl-C lands in
 * it. */
#define NOPS 480

static int try_v86(void *arg)
{
    (void)arg;
    V86_IRET(NOPS);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "fg") == 0)
        ioctl(FD_STDIN, TTY_SET_FOREGROUND, gettid()); /* init's job is its id */
    printf("v86hog spinning\n");
    for (;;)
        wait(spawn(try_v86, NULL), NULL);
}
