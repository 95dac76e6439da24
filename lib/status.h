/* lib/status.h: how a task ended, as wait() reports it.
 *
 * A status is an int: bits 0-7 hold the exit code, bits 8-9 say how the task
 * ended, bits 16-23 hold the CPU exception vector of a fault. */
#pragma once

#define STATUS_EXITED  0 /* called exit(code) or returned code */
#define STATUS_KILLED  1 /* ended by kill() */
#define STATUS_FAULTED 2 /* ended by a CPU exception (page fault, #GP, ...) */

#define STATUS_EXIT(code) ((code)&0xff)
#define STATUS_KILL       (STATUS_KILLED << 8)
#define STATUS_FAULT(vec) ((STATUS_FAULTED << 8) | (((vec)&0xff) << 16))

#define STATUS_HOW(s)    (((s) >> 8) & 0x3)
#define STATUS_CODE(s)   ((s)&0xff)
#define STATUS_VECTOR(s) (((s) >> 16) & 0xff)

#define WIFEXITED(s)   (STATUS_HOW(s) == STATUS_EXITED)
#define WIFKILLED(s)   (STATUS_HOW(s) == STATUS_KILLED)
#define WIFFAULTED(s)  (STATUS_HOW(s) == STATUS_FAULTED)
#define WEXITSTATUS(s) STATUS_CODE(s)
#define WFAULTVEC(s)   STATUS_VECTOR(s)

#include <stddef.h>

/* status_format: describe `status` in buf (size bytes) for messages:
 * "exited with code 3", "killed", "faulted: page fault (#PF)". Like
 * snprintf, it truncates, NUL-terminates when size > 0, and returns the
 * length the whole phrase has. */
int status_format(char *buf, size_t size, int status);
