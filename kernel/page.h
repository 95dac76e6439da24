/* kernel/page.h: the physical page allocator: 4 KiB pages of RAM, handed out
 * from a free list built from the boot loader's memory map. */
#pragma once
#include "kernel/bootinfo.h"
#include <stdint.h>

/* A range of physical addresses, [start, end). */
struct phys_range {
    uint64_t start, end;
};

/* page_init: put every usable page below KERNEL_LIMIT on the free list,
 * except the kernel image, the boot modules and the first MiB. */
void page_init(void);

/* page_init_regions: start the allocator afresh with every whole page that
 * lies inside one of the `count` regions of `usable`, below `limit`, and
 * overlaps none of the `nreserved` ranges of `reserved`. The pages must be
 * writable at their address: page_init passes the boot loader's memory map,
 * the unit test a buffer of its own. The regions must not overlap. */
void page_init_regions(const struct mem_region *usable, int count, uint64_t limit,
                       const struct phys_range *reserved, int nreserved);

/* page_alloc: a zeroed page (its physical address, which is also its kernel
 * virtual address), or NULL when memory is exhausted. */
void *page_alloc(void);

/* page_alloc_dirty: a page as from page_alloc, but not zeroed: it holds
 * whatever its last owner left, another program's data, say. Only for the
 * kernel's own structures that write every byte before reading it and never
 * show one to a program (a stack-slot bitmap: lib/bitmap.c clears each word
 * as it comes into use). Zeroing a page is 1,024 steps of `rep stosl`. */
void *page_alloc_dirty(void);

/* page_free: give back a page from page_alloc or page_alloc_dirty. */
void page_free(void *page);

/* page_free_count, page_total_count: pages free now, and managed in all. */
uint32_t page_free_count(void);
uint32_t page_total_count(void);
