/* lib/errno.c: the symbolic names of lib/errno.h's error codes and their
 * messages, one table for both, for the kernel's messages, test output and
 * user programs' strerror. */
#include "lib/errno.h"
#include <stddef.h>

/* The largest code in lib/errno.h; the table below is indexed by code. */
#define ERRNO_MAX EMSGSIZE

struct errno_entry {
    const char *name;    /* "ESRCH" */
    const char *message; /* what a shell prints: "no such task" */
};

#define ENTRY(e, text) [e] = {#e, text}
static const struct errno_entry entries[ERRNO_MAX + 1] = {
    ENTRY(EPERM, "not allowed"),
    ENTRY(ENOENT, "no such program or file"),
    ENTRY(ESRCH, "no such task"),
    ENTRY(E2BIG, "argument list too long"),
    ENTRY(ENOEXEC, "not a coop executable"),
    ENTRY(EBADF, "bad file descriptor"),
    ENTRY(ECHILD, "no children"),
    ENTRY(EAGAIN, "a kernel table is full, or the task ids are used up"),
    ENTRY(ENOMEM, "out of memory"),
    ENTRY(EFAULT, "bad address"),
    ENTRY(EINVAL, "invalid argument"),
    ENTRY(EMFILE, "too many open handles"),
    ENTRY(ENOTTY, "not a terminal"),
    ENTRY(EPIPE, "nobody is receiving"),
    ENTRY(EDEADLK, "the wait would never end"),
    ENTRY(ENOSYS, "no such system call"),
    ENTRY(EMSGSIZE, "message too long"),
};
#undef ENTRY

/* The entry for `err` given either way round, or NULL for 0 or a number not
 * in the table. Unsigned, so that negating INT_MIN is no overflow. */
static const struct errno_entry *errno_entry(int err)
{
    unsigned code = err < 0 ? 0u - (unsigned)err : (unsigned)err;
    if (code == 0 || code > ERRNO_MAX || !entries[code].name)
        return NULL;
    return &entries[code];
}

const char *errno_name(int err)
{
    const struct errno_entry *e = errno_entry(err);
    return e ? e->name : "E?";
}

const char *errno_message(int err)
{
    const struct errno_entry *e = errno_entry(err);
    if (e)
        return e->message;
    return err == 0 ? "success" : "unknown error";
}
