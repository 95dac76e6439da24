/* kernel/gdt.h: segments and the task-state segment. x86 needs a GDT even with
 * flat memory; the TSS tells the CPU where to save a task's registers on a trap
 * from user mode. */
#pragma once
#include <stdint.h>

/* gdt_init: load the GDT (kernel and user code/data, flat 4 GiB) and the TSS,
 * and reload every segment register. Call once at boot. */
void gdt_init(void);

/* The part of the TSS the kernel changes: the stack pointer (esp0) the CPU
 * loads on a trap from user mode. */
extern uint32_t *const tss_esp0;

/* tss_set_kernel_stack: the stack pointer the CPU loads on the next trap from
 * user mode. coop points it just past the current task's trap frame, so the
 * CPU's pushes land in the task record itself (kernel/trapentry.S). Inline:
 * the scheduler calls it on every resume. */
static inline void tss_set_kernel_stack(uint32_t esp0)
{
    *tss_esp0 = esp0;
}
