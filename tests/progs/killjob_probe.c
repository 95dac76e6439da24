/* tests/progs/killjob_probe.c: for tests/boot/t_killjob.c, tries kill(-JOB)
 * and to start a program in JOB (spawnvx), which would let that program
 * kill the job from inside it. Exits with 0 if the kernel said -EPERM to
 * both (it neither started JOB nor is in it), 1 if anything else. Started
 * without JOB, it exits with 1 at once. */
#include "user/lib/coop.h"

int main(int argc, char **argv)
{
    if (argc < 2)
        return 1;
    int job = atoi(argv[1]);
    if (kill(-job) != -EPERM)
        return 1;
    char *args[] = {"killjob_probe", NULL};
    struct spawn_opts opts = {.job = job};
    int joined = spawnvx("killjob_probe", args, &opts);
    if (joined > 0)
        wait(joined, NULL);
    return joined == -EPERM ? 0 : 1;
}
