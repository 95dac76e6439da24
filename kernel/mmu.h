/* kernel/mmu.h: names for the x86 bits coop uses: segment selectors, flag
 * registers, page-table entry flags. Shared by C and assembly. */
#pragma once
#include "kernel/config.h"

/* GDT slots and their selectors (index * 8 | requested privilege level). */
#define GDT_NULL  0
#define GDT_KCODE 1
#define GDT_KDATA 2
#define GDT_UCODE 3
#define GDT_UDATA 4
#define GDT_TSS   5
#define GDT_COUNT 6

#define DPL_KERNEL 0
#define DPL_USER   3

#define SEG_KCODE ((GDT_KCODE << 3) | DPL_KERNEL)
#define SEG_KDATA ((GDT_KDATA << 3) | DPL_KERNEL)
#define SEG_UCODE ((GDT_UCODE << 3) | DPL_USER)
#define SEG_UDATA ((GDT_UDATA << 3) | DPL_USER)
#define SEG_TSS   ((GDT_TSS << 3) | DPL_KERNEL)

/* The low two bits of %cs: the privilege level the CPU was running at. */
#define CPL_MASK 3

/* EFLAGS */
#define FL_RESERVED1 0x00000002 /* always 1 */
#define FL_IF        0x00000200 /* interrupts enabled */
#define FL_IOPL_MASK 0x00003000
#define FL_VM        0x00020000 /* virtual-8086 mode */

/* CR0 and CR4 */
#define CR0_WP  0x00010000 /* the kernel, too, may not write read-only pages */
#define CR0_PG  0x80000000 /* paging on */
#define CR0_EM  0x00000004 /* no FPU: x87 instructions fault (#NM)... */
#define CR0_TS  0x00000008 /* ...and so do MMX/SSE ones */
#define CR4_PSE 0x00000010 /* 4 MiB pages */

/* Page directory and table entries. */
#define PTE_P       0x001 /* present */
#define PTE_W       0x002 /* writable */
#define PTE_U       0x004 /* user may access */
#define PTE_PS      0x080 /* in a directory entry: a 4 MiB page */
#define PTE_ADDR(e) ((e) & ~0xFFFu)

/* Page arithmetic, the one spelling of it, for addresses of any unsigned
 * type (virtual ones are uint32_t, the memory map's physical ones
 * uint64_t): the offset inside a page, and an address rounded down or up
 * to a page boundary. Each evaluates its argument once. */
#define PAGE_OFFSET(a)     ((a) & ((__typeof__(a))PAGE_SIZE - 1))
#define PAGE_ROUND_DOWN(a) ((a) & ~((__typeof__(a))PAGE_SIZE - 1))
#define PAGE_ROUND_UP(a)   PAGE_ROUND_DOWN((a) + PAGE_SIZE - 1)

#define PD_SHIFT     22 /* a directory entry maps 4 MiB */
#define PDX(va)      (((uint32_t)(va) >> PD_SHIFT) & 0x3FF)
#define PTX(va)      (((uint32_t)(va) >> 12) & 0x3FF)
#define PT_ENTRIES   1024
#define BIGPAGE_SIZE 0x400000u

/* Page-fault error code bits. */
#define PF_PRESENT 0x1 /* 0: the page was not present */
#define PF_WRITE   0x2 /* 1: a write */
#define PF_USER    0x4 /* 1: in user mode */
