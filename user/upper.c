/* user/upper.c: a filter: copy its input, or files of the initrd, to its
 * output with every letter in upper case, as `tr a-z A-Z` would:
 *
 *     cat motd.txt | upper | wc
 *     upper motd.txt */
#include "user/lib/coop.h"

#define BUF_SIZE 512
#define CASE_BIT ('a' - 'A') /* the bit that makes an ASCII letter lower case */

/* Copy handle `in` (`name`, NULL: the input) to handle 1, in upper case.
 * Returns 0, or 1 on error. */
static int upper(int in, const char *name)
{
    char buf[BUF_SIZE];
    int n;
    while ((n = read(in, buf, sizeof buf)) > 0) {
        for (int i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] = (char)(buf[i] - CASE_BIT);
        if (write(FD_STDOUT, buf, n) != n)
            return 1; /* nobody reads what we write any more */
    }
    if (n < 0)
        dprintf(FD_STDERR, "upper: %s: %s\n", name ? name : "input", strerror(n));
    return n < 0;
}

int main(int argc, char **argv)
{
    return filter_main(argc, argv, upper);
}
