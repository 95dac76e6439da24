/* kernel/page.h: the physical page allocator: 4 KiB pages of RAM, handed out
 * from a free list built from the boot loader's memory map. */
#pragma once
#include <stdint.h>

/* page_init: put every usable page below KERNEL_LIMIT on the free list,
 * except the kernel image, the boot modules and the first MiB. */
void page_init(void);

/* page_alloc: a zeroed page (its physical address, which is also its kernel
 * virtual address), or NULL when memory is exhausted. */
void *page_alloc(void);

/* page_free: give back a page from page_alloc. */
void page_free(void *page);

/* page_free_count, page_total_count: pages free now, and managed in all. */
uint32_t page_free_count(void);
uint32_t page_total_count(void);
