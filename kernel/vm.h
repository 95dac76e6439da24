/* kernel/vm.h: paging. Every address space maps the kernel (physical memory
 * identity-mapped, supervisor only, below KERNEL_LIMIT) and may map user pages
 * in [USER_BASE, USER_TOP). */
#pragma once
#include "kernel/config.h"
#include "kernel/mmu.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef uint32_t pde_t;
typedef uint32_t pte_t;

/* vm_init: build the kernel's page directory and turn paging on. Page 0 stays
 * unmapped so that a NULL dereference in the kernel faults. */
void vm_init(void);

/* vm_kernel_pgdir: the kernel's own page directory (used while no task runs). */
pde_t *vm_kernel_pgdir(void);

/* vm_create: a new address space with only the kernel mapped; NULL if out of
 * memory. */
pde_t *vm_create(void);

/* A range of user addresses, [start, end), page-aligned. */
struct vm_range {
    uint32_t start, end;
};

/* vm_destroy: free the address space: every user page, every page table
 * and the directory itself. The caller names, in the n `ranges`, where its
 * pages can be (a process knows: its image and heap, below the break, and
 * the stack slots it has used), and only those ranges are looked at: a page
 * mapped outside every range would be lost. (Walking every entry of every
 * page table instead took 15,000 instructions for the smallest program.) */
void vm_destroy(pde_t *pgdir, const struct vm_range *ranges, int n);

/* The address space loaded in CR3 now (only vm_switch changes it). */
extern pde_t *vm_current_pgdir;

/* vm_switch: make pgdir the current address space. CR3 is reloaded only when
 * it changes, because that flushes the TLB: tasks of one program switch for
 * free. Inline: the scheduler calls it on every resume. */
static inline void vm_switch(pde_t *pgdir)
{
    if (pgdir != vm_current_pgdir) {
        vm_current_pgdir = pgdir;
        __asm__ volatile("mov %0, %%cr3" : : "r"(pgdir) : "memory");
    }
}

/* vm_map_zero: map a fresh zeroed page at user address va (page-aligned) with
 * PTE flags `flags` (PTE_W for writable; PTE_P|PTE_U are implied). Returns 0,
 * or -ENOMEM. va must not be mapped already. */
int vm_map_zero(pde_t *pgdir, uint32_t va, uint32_t flags);

/* vm_unmap: unmap the page at va and free it, if mapped. */
void vm_unmap(pde_t *pgdir, uint32_t va);

/* vm_grow: a heap (or any region of user pages) that ends at `old_end`
 * grows to end at `new_end` (> old_end): map fresh zeroed writable pages
 * from old_end's page boundary up to new_end's, and zero the bytes of
 * old_end's own page past old_end, so that all of [old_end, new_end) reads
 * as zeroes. All or nothing: returns 0, or -ENOMEM with nothing mapped. */
int vm_grow(pde_t *pgdir, uint32_t old_end, uint32_t new_end);

/* vm_shrink: the region that ends at `old_end` shrinks to end at `new_end`
 * (< old_end): unmap and free the pages it no longer reaches into. */
void vm_shrink(pde_t *pgdir, uint32_t old_end, uint32_t new_end);

/* vm_is_mapped: is a page mapped at user address va? */
bool vm_is_mapped(pde_t *pgdir, uint32_t va);

/* vm_lookup: the PTE for va, or NULL if its page table does not exist.
 * Inline, as vm_user_pte and vm_user_page: every system call that touches
 * user memory walks the tables with them. */
static inline pte_t *vm_lookup(pde_t *pgdir, uint32_t va)
{
    pde_t pde = pgdir[PDX(va)];
    if (!(pde & PTE_P) || (pde & PTE_PS))
        return NULL;
    return &((pte_t *)PTE_ADDR(pde))[PTX(va)];
}

/* vm_user_pte: the page-table entry for user address va, or 0 (not
 * present) if va is not a user address or its page table does not exist.
 * A value, not a pointer, so that its callers test one thing. */
static inline pte_t vm_user_pte(pde_t *pgdir, uint32_t va)
{
    if (va < USER_BASE || va >= USER_TOP)
        return 0;
    pde_t pde = pgdir[PDX(va)];
    if ((pde & (PTE_P | PTE_PS)) != PTE_P)
        return 0;
    return ((pte_t *)PTE_ADDR(pde))[PTX(va)];
}

/* vm_user_page: the kernel address of the page mapped at user va (with at
 * least `need` among PTE_W/PTE_U), or NULL if there is none. */
static inline void *vm_user_page(pde_t *pgdir, uint32_t va, uint32_t need)
{
    pte_t pte = vm_user_pte(pgdir, va);
    need |= PTE_P | PTE_U;
    return (pte & need) == need ? (void *)PTE_ADDR(pte) : NULL;
}
