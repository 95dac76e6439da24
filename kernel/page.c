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

static bool overlaps(uint64_t a, uint64_t b, uint64_t start, uint64_t end)
{
    return a < end && start < b;
}

static bool page_reserved(uint64_t pa, const struct phys_range *reserved, int nreserved)
{
    for (int i = 0; i < nreserved; i++)
        if (overlaps(pa, pa + PAGE_SIZE, reserved[i].start, reserved[i].end))
            return true;
    return false;
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
        start = PAGE_ROUND_UP(start);
        end = PAGE_ROUND_DOWN(end);
        /* Freed from the top down, so that allocation starts at low memory:
         * addresses in a gdb session then look alike from run to run. */
        for (uint64_t pa = end; pa > start;) {
            pa -= PAGE_SIZE;
            if (page_reserved(pa, reserved, nreserved))
                continue;
            total_count++;
            page_free((void *)(uintptr_t)pa);
        }
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
