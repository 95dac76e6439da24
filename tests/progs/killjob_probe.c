/* tests/progs/killjob_probe.c: tries kill(-JOB) for tests/boot/t_killjob.c
 * and exits with 0 if the kernel said -EPERM (it neither started JOB nor is
 * in it), 1 if anything else. */
#include "user/lib/coop.h"

int main(int argc, char **argv)
{
    return argc > 1 && kill(-atoi(argv[1])) == -EPERM ? 0 : 1;
}
