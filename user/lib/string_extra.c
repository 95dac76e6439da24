/* user/lib/string_extra.c: the few C library functions user programs want
 * that lib/string.h (shared with the kernel) does not have: strerror (over
 * lib/errno.c's table), atoi. */
#include "user/lib/coop.h"

const char *strerror(int err)
{
    return errno_message(err);
}

int atoi(const char *s)
{
    while (*s == ' ' || *s == '\t' || *s == '\n')
        s++;
    int sign = 1;
    if (*s == '+' || *s == '-')
        sign = *s++ == '-' ? -1 : 1;
    /* In unsigned arithmetic, which wraps where int would overflow (an
     * out-of-range number is undefined in ISO C's atoi; here it wraps). */
    unsigned n = 0;
    while (*s >= '0' && *s <= '9')
        n = n * 10 + (unsigned)(*s++ - '0');
    return sign < 0 ? (int)(0u - n) : (int)n;
}
