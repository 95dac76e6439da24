/* lib/errno.c: the symbolic names of lib/errno.h's error codes, for messages
 * and test output. */
#include "lib/errno.h"
#include <stddef.h>

/* The largest code in lib/errno.h; the table below is indexed by code. */
#define ERRNO_MAX EMSGSIZE

#define NAME(e) [e] = #e
static const char *const names[ERRNO_MAX + 1] = {
    NAME(EPERM),  NAME(ENOENT), NAME(ESRCH),   NAME(E2BIG),  NAME(ENOEXEC),  NAME(EBADF),
    NAME(ECHILD), NAME(EAGAIN), NAME(ENOMEM),  NAME(EFAULT), NAME(EINVAL),   NAME(EMFILE),
    NAME(ENOTTY), NAME(EPIPE),  NAME(EDEADLK), NAME(ENOSYS), NAME(EMSGSIZE),
};
#undef NAME

const char *errno_name(int err)
{
    /* Either sign, as a system call returns it; unsigned, so that negating
     * INT_MIN is no overflow. */
    unsigned code = err < 0 ? 0u - (unsigned)err : (unsigned)err;
    if (code == 0 || code > ERRNO_MAX || !names[code])
        return "E?";
    return names[code];
}
