/* user/cat.c: copy files of the initrd, or its input, to its output:
 *
 *     cat motd.txt          print a file of the initrd
 *     cat                   copy input (0) to output (1) until its end
 *
 * In a pipeline (`cat motd.txt | wc`), its output is a channel. */
#include "user/lib/coop.h"

#define BUF_SIZE 512

/* Copy everything from handle `in` (`name`, NULL: the input) to handle 1.
 * Returns 0, or 1 on error. */
static int copy(int in, const char *name)
{
    char buf[BUF_SIZE];
    int n;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        int wrote = write(FD_STDOUT, buf, n);
        if (wrote != n) {
            dprintf(FD_STDERR, "cat: cannot write: %s\n", strerror(wrote < 0 ? wrote : -EPIPE));
            return 1;
        }
    }
    if (n < 0) {
        dprintf(FD_STDERR, "cat: %s: %s\n", name ? name : "input", strerror(n));
        return 1;
    }
    return 0;
}

int main(int argc, char **argv)
{
    return filter_main(argc, argv, copy);
}
