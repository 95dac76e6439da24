/* user/lib/filter.c: the main of a Unix-style filter (cat, wc, upper): its
 * input, or each file of the initrd its arguments name, in turn. */
#include "user/lib/coop.h"

int filter_main(int argc, char **argv, int (*each)(int h, const char *name))
{
    if (argc < 2)
        return each(FD_STDIN, NULL);
    int failed = 0;
    for (int i = 1; i < argc; i++) {
        int h = open(argv[i]);
        if (h < 0) {
            dprintf(FD_STDERR, "%s: %s: %s\n", argv[0], argv[i], strerror(h));
            failed = 1;
            continue;
        }
        failed |= each(h, argv[i]);
        close(h);
    }
    return failed;
}
