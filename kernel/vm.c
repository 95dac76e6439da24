/* kernel/vm.c: page directories and tables. The kernel half of every page
 * directory (entries 0 to KERNEL_LIMIT/4MiB - 1) is the same: 4 MiB pages
 * mapping physical memory one-to-one, except the first 4 MiB, mapped with 4 KiB
 * pages so that page 0 can stay unmapped. */
#include "kernel/vm.h"
#include "kernel/config.h"
#include "kernel/mmu.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/string.h"

#define KERNEL_PDES (KERNEL_LIMIT / BIGPAGE_SIZE)

static pde_t kernel_pgdir[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
static pte_t low_pgtable[PT_ENTRIES] __attribute__((aligned(PAGE_SIZE)));
pde_t *vm_current_pgdir;

void vm_init(void)
{
    for (uint32_t i = 1; i < PT_ENTRIES; i++) /* all but page 0 */
        low_pgtable[i] = (i * PAGE_SIZE) | PTE_P | PTE_W;
    kernel_pgdir[0] = (uint32_t)low_pgtable | PTE_P | PTE_W;
    for (uint32_t i = 1; i < KERNEL_PDES; i++)
        kernel_pgdir[i] = (i * BIGPAGE_SIZE) | PTE_P | PTE_W | PTE_PS;

    lcr4(rcr4() | CR4_PSE);
    vm_switch(kernel_pgdir);
    /* Paging on; WP so that the kernel honours read-only user pages too; EM and
     * TS so that any FPU/SSE instruction traps (coop saves no FPU state). */
    lcr0(rcr0() | CR0_PG | CR0_WP | CR0_EM | CR0_TS);
}

pde_t *vm_kernel_pgdir(void)
{
    return kernel_pgdir;
}

pde_t *vm_create(void)
{
    pde_t *pgdir = page_alloc();
    if (!pgdir)
        return NULL;
    /* A word at a time: memcpy's byte loop took 4,000 instructions here. */
    rep_movs(pgdir, kernel_pgdir, KERNEL_PDES * sizeof(pde_t));
    return pgdir;
}

/* Free the pages mapped in [r->start, r->end), and clear their entries (so
 * that a page in two ranges is freed once). Only the entries of the range
 * are looked at, in the page tables that exist. */
static void vm_free_range(pde_t *pgdir, const struct vm_range *r)
{
    ASSERT(r->start >= USER_BASE && r->start <= r->end && r->end <= USER_TOP);
    ASSERT(PAGE_OFFSET(r->start) == 0 && PAGE_OFFSET(r->end) == 0);
    for (uint32_t va = r->start; va < r->end;) {
        /* Up to the end of the 4 MiB that va's page table maps, or of the
         * range if that comes first. */
        uint32_t table_end = (va & ~(BIGPAGE_SIZE - 1)) + BIGPAGE_SIZE;
        uint32_t stop = r->end < table_end ? r->end : table_end;
        pde_t pde = pgdir[PDX(va)];
        if (!(pde & PTE_P)) {
            va = stop;
            continue;
        }
        pte_t *pt = (pte_t *)PTE_ADDR(pde);
        for (; va < stop; va += PAGE_SIZE) {
            if (pt[PTX(va)] & PTE_P) {
                page_free((void *)PTE_ADDR(pt[PTX(va)]));
                pt[PTX(va)] = 0;
            }
        }
    }
}

/* The index of the first entry of table[from..to) that is not zero, or
 * `to`. `repe scasl` compares a word with %eax and steps on while they are
 * equal: one step a word, where a loop in C takes six. */
static uint32_t next_nonzero(const uint32_t *table, uint32_t from, uint32_t to)
{
    if (from >= to)
        return to;
    const uint32_t *p = table + from;
    uint32_t n = to - from;
    __asm__ volatile("repe scasl" : "+D"(p), "+c"(n) : "a"(0) : "memory", "cc");
    /* p is just past the last word compared: the nonzero one, if any. */
    uint32_t last = (uint32_t)(p - table) - 1;
    return table[last] ? last : to;
}

void vm_destroy(pde_t *pgdir, const struct vm_range *ranges, int n)
{
    ASSERT(pgdir != vm_current_pgdir || pgdir == kernel_pgdir);
    for (int i = 0; i < n; i++)
        vm_free_range(pgdir, &ranges[i]);
    /* The page tables. An entry of the user half is zero until
     * vm_walk_create makes a table for it, and most stay zero: skipped with
     * next_nonzero (a loop in C over the 768 took 4,600 instructions). */
    for (uint32_t i = next_nonzero(pgdir, KERNEL_PDES, PT_ENTRIES); i < PT_ENTRIES;
         i = next_nonzero(pgdir, i + 1, PT_ENTRIES)) {
        ASSERT(pgdir[i] & PTE_P);
        page_free((void *)PTE_ADDR(pgdir[i]));
    }
    page_free(pgdir);
}

/* The PTE slot for user va, making its page table if needed. */
static pte_t *vm_walk_create(pde_t *pgdir, uint32_t va)
{
    ASSERT(va >= USER_BASE && va < USER_TOP);
    pde_t *pde = &pgdir[PDX(va)];
    if (!(*pde & PTE_P)) {
        pte_t *pt = page_alloc();
        if (!pt)
            return NULL;
        /* The directory entry allows everything; each PTE decides. */
        *pde = (uint32_t)pt | PTE_P | PTE_W | PTE_U;
    }
    return &((pte_t *)PTE_ADDR(*pde))[PTX(va)];
}

int vm_map_zero(pde_t *pgdir, uint32_t va, uint32_t flags)
{
    pte_t *pte = vm_walk_create(pgdir, va);
    if (!pte)
        return -ENOMEM;
    ASSERT(!(*pte & PTE_P));
    void *page = page_alloc();
    if (!page)
        return -ENOMEM;
    *pte = (uint32_t)page | PTE_P | PTE_U | (flags & PTE_W);
    return 0;
}

void vm_unmap(pde_t *pgdir, uint32_t va)
{
    pte_t *pte = vm_lookup(pgdir, va);
    if (!pte || !(*pte & PTE_P))
        return;
    page_free((void *)PTE_ADDR(*pte));
    *pte = 0;
    if (pgdir == vm_current_pgdir)
        invlpg(va);
}

/* Unmap the pages of [start, end) (page-aligned), those that are mapped. */
static void vm_unmap_pages(pde_t *pgdir, uint32_t start, uint32_t end)
{
    for (uint32_t va = start; va < end; va += PAGE_SIZE)
        vm_unmap(pgdir, va);
}

int vm_grow(pde_t *pgdir, uint32_t old_end, uint32_t new_end)
{
    ASSERT(new_end > old_end);
    uint32_t first = PAGE_ROUND_UP(old_end), last = PAGE_ROUND_UP(new_end);
    for (uint32_t va = first; va < last; va += PAGE_SIZE) {
        if (vm_map_zero(pgdir, va, PTE_W) < 0) {
            vm_unmap_pages(pgdir, first, va); /* the rollback: all or nothing */
            return -ENOMEM;
        }
    }
    /* The new pages are zeroed; the rest of old_end's page may hold what the
     * program wrote past its end, or what the region held before it shrank. */
    if (PAGE_OFFSET(old_end)) {
        char *k = vm_user_page(pgdir, PAGE_ROUND_DOWN(old_end), PTE_W);
        ASSERT(k);
        uint32_t stop = new_end < first ? new_end : first;
        memset(k + PAGE_OFFSET(old_end), 0, stop - old_end);
    }
    return 0;
}

void vm_shrink(pde_t *pgdir, uint32_t old_end, uint32_t new_end)
{
    ASSERT(new_end < old_end);
    vm_unmap_pages(pgdir, PAGE_ROUND_UP(new_end), PAGE_ROUND_UP(old_end));
}

bool vm_is_mapped(pde_t *pgdir, uint32_t va)
{
    pte_t *pte = vm_lookup(pgdir, va);
    return pte && (*pte & PTE_P);
}
