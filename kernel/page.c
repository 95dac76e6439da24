/* kernel/page.c: a free list threaded through the free pages themselves
 * (physical memory is identity-mapped, so the kernel can write into any page).
 * Allocation and freeing are O(1). */
#include "kernel/page.h"
#include "kernel/config.h"
#include "kernel/mmu.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include <stdbool.h>
#include <stddef.h>

#define LOW_MEMORY_END 0x100000u /* BIOS and friends live below 1 MiB */

struct free_page {
    struct free_page *next;
};

static struct free_page *free_list;
static uint32_t free_count, total_count;

extern char __kernel_start[], __kernel_end[];

/* Put the pages [start, end) (page-aligned) on the free list, from the top
 * down, so that allocation starts at low memory: addresses in a gdb session
 * then look alike from run to run. page_free's work, for 65,536 pages at
 * boot, in a loop of its own: the list's head stays in a register, and the
 * counts grow once (6 instructions a page, where calling page_free took 10). */
static void free_pages(uintptr_t start, uintptr_t end)
{
    struct free_page *head = free_list;
    for (uintptr_t pa = end; pa > start;) {
        pa -= PAGE_SIZE;
        struct free_page *p = (struct free_page *)pa;
        p->next = head;
        head = p;
    }
    free_list = head;
    free_count += (uint32_t)((end - start) / PAGE_SIZE);
    total_count += (uint32_t)((end - start) / PAGE_SIZE);
}

/* Free the whole pages of [start, end) (page-aligned) that overlap none of
 * the n ranges of `reserved`. The first range takes its pages out, which
 * may cut [start, end) in two: what is above it and what is below it, each
 * checked against the other ranges, the upper part first (top down). One
 * look per range, not one per page: 4 ranges against 65,536 pages took 3.2
 * million instructions at boot, nine tenths of what booting cost once the
 * task table was no longer cleared. */
static void free_unreserved(uint64_t start, uint64_t end, const struct phys_range *reserved, int n)
{
    if (start >= end)
        return;
    if (n == 0) {
        free_pages((uintptr_t)start, (uintptr_t)end);
        return;
    }
    /* The pages the range touches: a page is taken if any byte of the range
     * is in it (and an empty range inside a page still takes it). */
    uint64_t low = PAGE_ROUND_DOWN(reserved->start);
    uint64_t high =
        reserved->end > UINT64_MAX - PAGE_SIZE ? UINT64_MAX : PAGE_ROUND_UP(reserved->end);
    if (low >= high || high <= start || low >= end) { /* takes no page of these */
        free_unreserved(start, end, reserved + 1, n - 1);
        return;
    }
    free_unreserved(high > start ? high : start, end, reserved + 1, n - 1);
    free_unreserved(start, low < end ? low : end, reserved + 1, n - 1);
}

void page_init(void)
{
    /* Usable RAM that is taken all the same. (Absent modules are 0, 0: empty.) */
    const struct phys_range reserved[] = {
        {0, LOW_MEMORY_END},
        {(uintptr_t)__kernel_start, (uintptr_t)__kernel_end},
        {boot_info.initrd.start, boot_info.initrd.end},
        {boot_info.symbols.start, boot_info.symbols.end},
    };
    page_init_regions(boot_info.usable, boot_info.usable_count, KERNEL_LIMIT, reserved,
                      sizeof reserved / sizeof reserved[0]);
}

void page_init_regions(const struct mem_region *usable, int count, uint64_t limit,
                       const struct phys_range *reserved, int nreserved)
{
    free_list = NULL;
    free_count = total_count = 0;
    for (int i = 0; i < count; i++) {
        uint64_t start = usable[i].addr;
        if (start >= limit)
            continue;
        /* Compared, not added: addr + len may not fit 64 bits in a bad map. */
        uint64_t end = usable[i].len < limit - start ? start + usable[i].len : limit;
        /* Only whole pages: the start rounds up and the end down. */
        free_unreserved(PAGE_ROUND_UP(start), PAGE_ROUND_DOWN(end), reserved, nreserved);
    }
}

void *page_alloc_dirty(void)
{
    struct free_page *p = free_list;
    if (!p)
        return NULL;
    free_list = p->next;
    free_count--;
    return p;
}

void *page_alloc(void)
{
    void *p = page_alloc_dirty();
    if (p)
        rep_stosl(p, 0, PAGE_SIZE / sizeof(uint32_t));
    return p;
}

void page_free(void *page)
{
    ASSERT(PAGE_OFFSET((uintptr_t)page) == 0);
    struct free_page *p = page;
    p->next = free_list;
    free_list = p;
    free_count++;
}

uint32_t page_free_count(void)
{
    return free_count;
}

uint32_t page_total_count(void)
{
    return total_count;
}
