/* kernel/gdt.h: segments and the task-state segment. x86 needs a GDT even with
 * flat memory; the TSS tells the CPU where to save a task's registers on a trap
 * from user mode. */
#pragma once
#include <stdint.h>

/* gdt_init: load the GDT (kernel and user code/data, flat 4 GiB) and the TSS,
 * and reload every segment register. Call once at boot. */
void gdt_init(void);

/* The 32-bit task-state segment. coop uses no hardware task switching: the
 * CPU reads only esp0/ss0, the kernel stack for a trap from user mode, and the
 * I/O map base, which gdt_init points past the end so that user mode has no
 * I/O ports. */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
}; /* no padding anywhere: checked below */

_Static_assert(sizeof(struct tss) == 104, "the 32-bit TSS is 104 bytes");

extern struct tss tss;

/* tss_set_kernel_stack: the stack pointer the CPU loads on the next trap from
 * user mode. coop points it just past the current task's trap frame, so the
 * CPU's pushes land in the task record itself (kernel/trapentry.S). Inline:
 * the scheduler calls it on every task switch. */
static inline void tss_set_kernel_stack(uint32_t esp0)
{
    tss.esp0 = esp0;
}
