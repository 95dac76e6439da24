/* tests/boot/t_sbrk.c: sbrk(increment) moves the program's break: the heap
 * starts on the page after the program's image, new memory reads as zeroes
 * (also after shrinking and growing again, and bytes the program wrote past
 * the break in the break's own page), shrinking unmaps, the heap is the
 * program's (shared by its tasks), the kernel reads and writes nothing past
 * the break for it, and the errors -EINVAL and -ENOMEM (address space;
 * running out of physical memory is in t_nomem). This test must not use
 * malloc, which would move the break behind its back. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define USER_BASE   0x40000000u
#define USER_STACKS 0x80000000u /* the heap may not grow into the stack area */
#define PAGE_SIZE   4096
#define SMALL       100

extern char _end[]; /* user/user.ld: the end of the program image */

static volatile intptr_t task_break;

static int grow_a_page(void *arg)
{
    (void)arg;
    task_break = sbrk(PAGE_SIZE);
    return 0;
}

static int touch(void *addr)
{
    return *(volatile char *)addr;
}

static int all_zero(const char *p, int n)
{
    for (int i = 0; i < n; i++)
        if (p[i])
            return 0;
    return 1;
}

int main(void)
{
    tap_plan(26);

    intptr_t start = sbrk(0);
    tap_ok((uintptr_t)start >= (uintptr_t)_end && (uintptr_t)start < USER_STACKS,
           "sbrk(0) is the break: %p, after the image (_end %p)", (void *)start, (void *)_end);
    tap_is(start % PAGE_SIZE, 0, "the heap starts on a page boundary");
    tap_ok(start - (intptr_t)_end < PAGE_SIZE && (uintptr_t)start > USER_BASE,
           "on the page right after the image");

    tap_is(sbrk(2 * PAGE_SIZE), start, "sbrk(8192) returns the old break");
    tap_is(sbrk(0), start + 2 * PAGE_SIZE, "and moved it");
    char *p = (char *)start;
    tap_ok(all_zero(p, 2 * PAGE_SIZE), "new memory reads as zeroes");
    memset(p, 0xAB, 2 * PAGE_SIZE);
    tap_ok((unsigned char)p[2 * PAGE_SIZE - 1] == 0xAB, "and is writable");

    /* Shrink by a partial page, grow again: the bytes come back as zeroes. */
    tap_is(sbrk(-SMALL), start + 2 * PAGE_SIZE, "sbrk(-100) returns the old break");
    sbrk(SMALL);
    tap_ok(all_zero(p + 2 * PAGE_SIZE - SMALL, SMALL), "memory given back and taken again is zero");

    /* Shrink by a whole page: it is unmapped, and touching it faults. */
    sbrk(-PAGE_SIZE);
    int status = -1;
    wait(spawn(touch, p + PAGE_SIZE), &status);
    tap_is(status, STATUS_FAULT(14), "a page given back is gone: touching it faults (#PF)");
    sbrk(PAGE_SIZE);
    tap_ok(all_zero(p + PAGE_SIZE, PAGE_SIZE), "and comes back zeroed");

    /* One heap for the whole program. */
    intptr_t before = sbrk(0);
    wait(spawn(grow_a_page, NULL), NULL);
    tap_is(task_break, before, "another task of the program sees the same break");
    tap_is(sbrk(0), before + PAGE_SIZE, "and its sbrk moves ours");

    /* Errors. */
    intptr_t now = sbrk(0);
    tap_is(sbrk(-(int)(now - start) - 1), -EINVAL, "shrinking below the heap's start: -EINVAL");
    tap_is(sbrk(0), now, "the break did not move");
    tap_is(sbrk((int)(USER_STACKS - (uintptr_t)now) + 1), -ENOMEM,
           "growing into the stack area: -ENOMEM");
    tap_is(sbrk(-(int)(now - start)), now, "shrinking back to the start is fine");

    /* Bytes past the break in the break's own page: the page is mapped, so
     * the program can write there, but they are not heap. */
    sbrk(SMALL);
    char *past = (char *)start + SMALL;
    memset(past, 0xCD, SMALL);
    sbrk(SMALL);
    tap_ok(all_zero(past, SMALL), "bytes written past the break come back zeroed by sbrk");
    intptr_t brk = sbrk(0);
    tap_is(sysinfo((struct sysinfo *)brk), -EFAULT, "sysinfo() will not write past the break");
    int tid = spawn(grow_a_page, NULL);
    tap_is(wait(tid, (int *)brk), -EFAULT, "nor wait() its status");
    tap_is(wait(tid, NULL), tid, "(which is still there to collect)");
    sbrk(-PAGE_SIZE); /* grow_a_page took one */
    tap_is(write(FD_STDOUT, (char *)brk, 1), -EFAULT, "write() will not read past the break");
    tap_is(write(FD_STDOUT, (char *)brk - 1, 2), -EFAULT, "nor across it");

    /* The break stays a positive int: it may not reach USER_STACKS. */
    now = sbrk(0);
    tap_is(sbrk((int)(USER_STACKS - (uintptr_t)now)), -ENOMEM,
           "growing exactly to the stack area: -ENOMEM (the break would be 0x80000000)");
    tap_ok(sbrk(0) > 0, "sbrk(0) is still a positive address");
    tap_is(sbrk(-(int)(sbrk(0) - start)), brk, "and shrinking back works");
    return tap_done();
}
