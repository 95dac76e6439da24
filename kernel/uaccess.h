/* kernel/uaccess.h: reading and writing a task's memory safely. Every pointer
 * a system call receives goes through here: a bad one yields -EFAULT, never a
 * kernel fault.
 *
 * copy_from_user, copy_to_user and uaccess_check are inline, as vm_user_page
 * is: every message a channel carries crosses here twice (in, then out),
 * and most copies (a message, a status, a poll array) lie in one page that
 * is mapped already, which one look at the page tables settles
 * (uaccess_one_page). Only the rest go to the general, page-by-page path
 * in kernel/uaccess.c. */
#pragma once
#include "kernel/config.h"
#include "kernel/mmu.h"
#include "kernel/task.h"
#include "kernel/vm.h"
#include "kernel/x86.h"
#include <stdbool.h>
#include <stdint.h>

/* uaccess_chunk: the part of [va, va+n) that lies in va's page (and below the
 * program's break): returns its length (at most n) and sets *kaddr to where
 * the kernel can reach it; -EFAULT if the page is not the task's (or not
 * writable, when `write`), or va is at or past the break and below the stack
 * area: the break's own page is mapped to its end, but the bytes past the
 * break are not the program's heap. Stack pages not yet used are mapped on
 * the way, as a page fault would. */
int uaccess_chunk(struct task *task, uint32_t va, uint32_t n, bool write, void **kaddr);

/* The general path of the three calls below (kernel/uaccess.c): a range of
 * any length, page by page. */
int uaccess_check_pages(struct task *task, uint32_t va, uint32_t n, bool write);
int copy_from_user_pages(struct task *task, void *dst, uint32_t src, uint32_t n);
int copy_to_user_pages(struct task *task, uint32_t dst, const void *src, uint32_t n);

/* uaccess_one_page: the fast path. If all of [va, va+n) lies in one page
 * that the task may use (for writing too, with `need` PTE_W) and that is
 * mapped already, below the break or in the stack area: where the kernel
 * reaches va. Otherwise NULL, and the general path decides (it also maps a
 * stack page not yet used). Where this says yes, uaccess_chunk would give
 * the same address for all n bytes in one chunk. */
static inline void *uaccess_one_page(const struct task *task, uint32_t va, uint32_t n,
                                     uint32_t need)
{
    if (n > PAGE_SIZE - PAGE_OFFSET(va))
        return NULL; /* more than the rest of va's page */
    uint32_t brk = task->proc->brk;
    if (va < USER_STACKS && (va >= brk || n > brk - va))
        return NULL; /* not all of it below the break */
    pte_t pte = vm_user_pte(task->proc->pgdir, va);
    need |= PTE_P | PTE_U;
    return (pte & need) == need ? (char *)PTE_ADDR(pte) + PAGE_OFFSET(va) : NULL;
}

/* uaccess_check: 0 if all of [va, va+n) is the task's memory (writable,
 * when `write`), else -EFAULT. Copies nothing (though, as a page fault
 * would, it maps the stack pages it meets that are not yet in use). */
static inline int uaccess_check(struct task *task, uint32_t va, uint32_t n, bool write)
{
    if (uaccess_one_page(task, va, n, write ? PTE_W : 0))
        return 0;
    return uaccess_check_pages(task, va, n, write);
}

/* copy_from_user, copy_to_user: copy n bytes; 0 or -EFAULT. copy_to_user
 * writes nothing at all when it fails. */
static inline int copy_from_user(struct task *task, void *dst, uint32_t src, uint32_t n)
{
    void *u = uaccess_one_page(task, src, n, 0);
    if (!u)
        return copy_from_user_pages(task, dst, src, n);
    rep_movs(dst, u, n);
    return 0;
}

static inline int copy_to_user(struct task *task, uint32_t dst, const void *src, uint32_t n)
{
    void *u = uaccess_one_page(task, dst, n, PTE_W);
    if (!u)
        return copy_to_user_pages(task, dst, src, n);
    rep_movs(u, src, n);
    return 0;
}

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
