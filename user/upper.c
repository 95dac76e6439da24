/* user/upper.c: a filter: copy its input to its output with every letter in
 * upper case, as `tr a-z A-Z` would:
 *
 *     cat motd.txt | upper | wc */
#include "user/lib/coop.h"

#define BUF_SIZE 512
#define CASE_BIT ('a' - 'A') /* the bit that makes an ASCII letter lower case */

int main(void)
{
    char buf[BUF_SIZE];
    int n;
    while ((n = read(FD_STDIN, buf, sizeof buf)) > 0) {
        for (int i = 0; i < n; i++)
            if (buf[i] >= 'a' && buf[i] <= 'z')
                buf[i] = (char)(buf[i] - CASE_BIT);
        if (write(FD_STDOUT, buf, n) != n)
            return 1; /* nobody reads what we write any more */
    }
    if (n < 0)
        dprintf(FD_STDERR, "upper: %s\n", strerror(n));
    return n < 0;
}
