/* lib/errno.h: the error codes every coop system call returns, negated.
 * One table, shared by the kernel and user programs; docs/syscalls.md explains
 * each. The numbers follow Linux's so that they look familiar. */
#pragma once

#define EPERM    1  /* not allowed: the task may not kill or wait on that one */
#define ENOENT   2  /* no such program or file in the initrd, or device */
#define ESRCH    3  /* no task with that id (never existed, or already reaped) */
#define E2BIG    7  /* too many arguments, or arguments too long */
#define ENOEXEC  8  /* the file is not a valid coop i386 ELF executable */
#define EBADF    9  /* not an open handle, or not one for that (recv on a send end) */
#define ECHILD   10 /* wait for any child, but the task has none */
#define EAGAIN   11 /* a kernel table is full right now, or the task ids are used up */
#define ENOMEM   12 /* out of memory or address space */
#define EFAULT   14 /* a pointer argument does not point to the caller's memory */
#define EINVAL   22 /* an argument is out of range */
#define EMFILE   24 /* the program's handle table is full */
#define ENOTTY   25 /* ioctl on a handle that is not a terminal */
#define EPIPE    32 /* send or write with no receive end left open */
#define EDEADLK  35 /* the wait could never end (a task waiting on itself) */
#define ENOSYS   38 /* no system call with that number */
#define EMSGSIZE 90 /* a message too long to send, or for recv's buffer */

/* errno_name: the symbolic name of error `err`, given either way round (ESRCH
 * or -ESRCH, as a call returns it), e.g. "ESRCH"; "E?" for 0 or a number not
 * in the table. */
const char *errno_name(int err);

/* errno_message: a short message for error `err`, either way round, e.g. "no
 * such task" for ESRCH; "success" for 0, "unknown error" for a number not in
 * the table. User programs' strerror. */
const char *errno_message(int err);
