/* kernel/page.c: a free list threaded through the free pages themselves
 * (physical memory is identity-mapped, so the kernel can write into any page).
 * Allocation and freeing are O(1). */
#include "kernel/page.h"
#include "kernel/bootinfo.h"
#include "kernel/config.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include <stdbool.h>

#define LOW_MEMORY_END 0x100000u /* BIOS and friends live below 1 MiB */

struct free_page {
    struct free_page *next;
};

static struct free_page *free_list;
static uint32_t free_count, total_count;

extern char __kernel_start[], __kernel_end[];

static bool overlaps(uint32_t a, uint32_t b, uint32_t start, uint32_t end)
{
    return a < end && start < b;
}

static bool page_reserved(uint32_t pa)
{
    uint32_t end = pa + PAGE_SIZE;
    const struct boot_module *mods[] = {&boot_info.initrd, &boot_info.symbols};
    if (pa < LOW_MEMORY_END)
        return true;
    if (overlaps(pa, end, (uint32_t)__kernel_start, (uint32_t)__kernel_end))
        return true;
    for (unsigned i = 0; i < sizeof mods / sizeof mods[0]; i++)
        if (overlaps(pa, end, mods[i]->start, mods[i]->end))
            return true;
    return false;
}

void page_init(void)
{
    for (int i = 0; i < boot_info.usable_count; i++) {
        uint64_t start = boot_info.usable[i].addr;
        uint64_t end = start + boot_info.usable[i].len;
        start = (start + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
        if (end > KERNEL_LIMIT)
            end = KERNEL_LIMIT;
        /* Freed from the top down, so that allocation starts at low memory:
         * addresses in a gdb session then look alike from run to run. */
        for (uint64_t pa = end - PAGE_SIZE; pa >= start && pa < end; pa -= PAGE_SIZE) {
            if (page_reserved((uint32_t)pa))
                continue;
            total_count++;
            page_free((void *)(uint32_t)pa);
        }
    }
}

void *page_alloc(void)
{
    struct free_page *p = free_list;
    if (!p)
        return NULL;
    free_list = p->next;
    free_count--;
    rep_stosl(p, 0, PAGE_SIZE / sizeof(uint32_t));
    return p;
}

void page_free(void *page)
{
    ASSERT(((uint32_t)page & (PAGE_SIZE - 1)) == 0);
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
