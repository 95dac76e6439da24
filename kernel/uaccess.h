/* kernel/uaccess.h: reading and writing a task's memory safely. Every pointer
 * a system call receives goes through here: a bad one yields -EFAULT, never a
 * kernel fault. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct task;

/* uaccess_chunk: the part of [va, va+n) that lies in va's page (and below the
 * program's break): returns its length (at most n) and sets *kaddr to where
 * the kernel can reach it; -EFAULT if the page is not the task's (or not
 * writable, when `write`), or va is at or past the break and below the stack
 * area: the break's own page is mapped to its end, but the bytes past the
 * break are not the program's heap. Stack pages not yet used are mapped on
 * the way, as a page fault would. */
int uaccess_chunk(struct task *task, uint32_t va, uint32_t n, bool write, void **kaddr);

/* uaccess_check: 0 if all of [va, va+n) is the task's memory (writable,
 * when `write`), else -EFAULT. Copies nothing (though, as a page fault
 * would, it maps the stack pages it meets that are not yet in use). */
int uaccess_check(struct task *task, uint32_t va, uint32_t n, bool write);

/* copy_from_user, copy_to_user: copy n bytes; 0 or -EFAULT. copy_to_user
 * writes nothing at all when it fails. */
int copy_from_user(struct task *task, void *dst, uint32_t src, uint32_t n);
int copy_to_user(struct task *task, uint32_t dst, const void *src, uint32_t n);

/* copy_string_from_user: copy a NUL-terminated string of at most max-1
 * characters into dst[max]; returns its length, -EFAULT, or -E2BIG if there is
 * no NUL within max bytes. */
int copy_string_from_user(struct task *task, char *dst, uint32_t src, uint32_t max);

/* copy_argv_from_user: copy the NULL-terminated array of strings at user
 * address uargv (the argv of spawnv) into the kernel: the strings, NULs
 * included, into strings[SPAWN_MAX_BYTES], and pointers to them into
 * argv[SPAWN_MAX_ARGS + 1], NULL-terminated. Returns the number of strings
 * (0 for an empty array), or -EFAULT, or -E2BIG (more than
 * SPAWN_MAX_ARGS strings, or more than SPAWN_MAX_BYTES bytes of them). */
int copy_argv_from_user(struct task *task, uint32_t uargv, char **argv, char *strings);
