/* kernel/uaccess.c: user memory is reached through the page tables of the
 * task's own address space, page by page, by physical address (physical
 * memory is identity-mapped for the kernel). So a bad pointer is found by a
 * table walk, and the code works whichever address space is loaded.
 *
 * This is the general path; the fast one, for a range inside one page that
 * is mapped already, is inline in kernel/uaccess.h. Bytes move a word at a
 * time (rep_movs). docs/performance.md says what each saved: the copies were
 * a third of a channel round trip. */
#include "kernel/uaccess.h"
#include "kernel/config.h"
#include "kernel/mmu.h"
#include "kernel/task.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/syscalls.h"

/* How far the task's memory at `va` reaches, as far as the kernel is
 * concerned: below the stack area, the image and the heap end at the break,
 * even though the break's page is mapped to its end (0: va is past the
 * break); in the stack area, the page tables and the slots decide. */
static uint32_t region_end(const struct task *task, uint32_t va)
{
    if (va >= USER_STACKS)
        return USER_TOP;
    return va < task->proc->brk ? task->proc->brk : 0;
}

int uaccess_chunk(struct task *task, uint32_t va, uint32_t n, bool write, void **kaddr)
{
    uint32_t need = write ? PTE_W : 0;
    uint32_t page = PAGE_ROUND_DOWN(va);
    uint32_t end = region_end(task, va);
    if (end == 0)
        return -EFAULT;
    char *k = vm_user_page(task->proc->pgdir, page, need);
    if (!k && process_stack_fault(task->proc, va) == 0)
        k = vm_user_page(task->proc->pgdir, page, need);
    if (!k)
        return -EFAULT;
    uint32_t len = PAGE_SIZE - (va - page);
    if (len > end - va)
        len = end - va;
    *kaddr = k + (va - page);
    return (int)(n < len ? n : len);
}

/* Copy between kernel buffer `kbuf` and user [va, va+n), either way; with
 * kbuf NULL, only check that every page of the range is the task's. */
static int uaccess_copy(struct task *task, uint32_t va, void *kbuf, uint32_t n, bool to_user)
{
    if (va + n < va) /* wraps around the top of memory */
        return -EFAULT;
    char *k = kbuf;
    while (n > 0) {
        void *u;
        int len = uaccess_chunk(task, va, n, to_user, &u);
        if (len < 0)
            return len;
        if (k && to_user)
            rep_movs(u, k, (uint32_t)len);
        else if (k)
            rep_movs(k, u, (uint32_t)len);
        va += (uint32_t)len;
        if (k)
            k += len;
        n -= (uint32_t)len;
    }
    return 0;
}

int uaccess_check_pages(struct task *task, uint32_t va, uint32_t n, bool write)
{
    return uaccess_copy(task, va, NULL, n, write);
}

int copy_from_user_pages(struct task *task, void *dst, uint32_t src, uint32_t n)
{
    return uaccess_copy(task, src, dst, n, false);
}

int copy_to_user_pages(struct task *task, uint32_t dst, const void *src, uint32_t n)
{
    /* All or nothing: check every page first, so that a range whose second
     * page is bad does not get its first bytes written all the same. */
    int err = uaccess_check_pages(task, dst, n, true);
    return err < 0 ? err : uaccess_copy(task, dst, (void *)src, n, true);
}

int copy_string_from_user(struct task *task, char *dst, uint32_t src, uint32_t max)
{
    /* A chunk at a time (the rest of a page, at most), not a byte at a time:
     * the bytes of one chunk are all the task's or none is. */
    uint32_t i = 0;
    while (i < max) {
        void *chunk;
        int len = src + i < src ? -EFAULT : uaccess_chunk(task, src + i, max - i, false, &chunk);
        if (len < 0)
            return -EFAULT;
        const char *u = chunk;
        for (int j = 0; j < len; j++, i++) {
            dst[i] = u[j];
            if (dst[i] == '\0')
                return (int)i;
        }
    }
    return -E2BIG;
}

int copy_argv_from_user(struct task *task, uint32_t uargv, char **argv, char *strings)
{
    int argc = 0;
    uint32_t used = 0;
    for (;; argc++) {
        uint32_t ustr;
        int err = copy_from_user(task, &ustr, uargv + (uint32_t)argc * sizeof ustr, sizeof ustr);
        if (err < 0)
            return err;
        if (!ustr)
            break;
        if (argc == SPAWN_MAX_ARGS)
            return -E2BIG;
        int len = copy_string_from_user(task, strings + used, ustr, SPAWN_MAX_BYTES - used);
        if (len < 0)
            return len;
        argv[argc] = strings + used;
        used += (uint32_t)len + 1;
    }
    argv[argc] = NULL;
    return argc;
}
