/* user/lib/string_extra.c: the few C library functions user programs want
 * that lib/string.h (shared with the kernel) does not have: strerror, atoi. */
#include "user/lib/coop.h"

/* One message per code in lib/errno.h, indexed by the (positive) code. */
static const char *const error_messages[] = {
    [EPERM] = "not allowed",
    [ENOENT] = "no such program or file",
    [ESRCH] = "no such task",
    [E2BIG] = "argument list too long",
    [ENOEXEC] = "not a coop executable",
    [EBADF] = "bad file descriptor",
    [ECHILD] = "no children",
    [EAGAIN] = "no free task, program or channel slot",
    [ENOMEM] = "out of memory",
    [EFAULT] = "bad address",
    [EINVAL] = "invalid argument",
    [EMFILE] = "too many open handles",
    [ENOTTY] = "not a terminal",
    [EPIPE] = "nobody is receiving",
    [EDEADLK] = "the wait would never end",
    [ENOSYS] = "no such system call",
    [EMSGSIZE] = "message too long",
};

#define ERROR_MESSAGES (unsigned)(sizeof error_messages / sizeof error_messages[0])

const char *strerror(int err)
{
    /* Either sign, as a system call returns it; unsigned, so that negating
     * INT_MIN is no overflow. */
    unsigned code = err < 0 ? 0u - (unsigned)err : (unsigned)err;
    if (code == 0)
        return "success";
    if (code < ERROR_MESSAGES && error_messages[code])
        return error_messages[code];
    return "unknown error";
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
