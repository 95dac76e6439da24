/* tests/boot/t_ldt.c: coop has no local descriptor table. A selector with the
 * TI bit (4) set names an LDT entry; with the null LDT loaded (kernel/gdt.c),
 * loading one into a segment register is a general protection fault, and
 * lar and lsl, which user mode may run, find no descriptor behind any of
 * them. (With the LDT the CPU boots with left in place, they found "valid"
 * descriptors over the kernel's low memory, some of them call gates.)
 * tests/boot/t_ldt_iso.c runs the same checks booted through GRUB. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"
#include "lib/exception.h"

#define SEL_TI    4       /* table indicator: the LDT */
#define SEL_RPL3  3       /* requested privilege level 3 */
#define SEL_STEP  8       /* one descriptor */
#define SEL_LIMIT 0x10000 /* selectors are 16 bits */
#define ZF        0x40    /* lar and lsl set ZF when they find a descriptor */

/* Load selector `sel` into %ds, then put USER_DATA_SEG back. */
static int load_ds(void *sel)
{
    __asm__ volatile("mov %0, %%ds\n\t"
                     "mov %1, %%ds"
                     :
                     : "r"((uint32_t)(uintptr_t)sel), "r"((uint32_t)USER_DATA_SEG)
                     : "memory");
    return 0;
}

/* lar or lsl on `sel`: does the CPU say there is a descriptor we may see? */
static int lar_finds(uint32_t sel)
{
    uint32_t flags, dummy = 0;
    __asm__ volatile("lar %2, %1\n\tpushf\n\tpop %0" : "=r"(flags), "+r"(dummy) : "r"(sel) : "cc");
    return (flags & ZF) != 0;
}

static int lsl_finds(uint32_t sel)
{
    uint32_t flags, dummy = 0;
    __asm__ volatile("lsl %2, %1\n\tpushf\n\tpop %0" : "=r"(flags), "+r"(dummy) : "r"(sel) : "cc");
    return (flags & ZF) != 0;
}

/* The status of a task that loads `sel` into %ds. */
static int status_of_load(uint32_t sel)
{
    int status = -1;
    wait(spawn(load_ds, (void *)(uintptr_t)sel), &status);
    return status;
}

int main(void)
{
    tap_plan(6);
    tap_is(status_of_load(USER_DATA_SEG), STATUS_EXIT(0),
           "loading USER_DATA_SEG into %%ds is fine");
    tap_is(status_of_load(0x0f), STATUS_FAULT(T_GPFLT),
           "loading LDT selector 0x0f (entry 1) into %%ds: #GP, not a page fault");
    tap_is(status_of_load(SEL_TI | SEL_RPL3), STATUS_FAULT(T_GPFLT),
           "loading LDT selector 0x07 (entry 0): #GP");
    tap_is(status_of_load(0xfff7), STATUS_FAULT(T_GPFLT), "loading the last LDT selector: #GP");

    int lar_found = 0, lsl_found = 0;
    for (uint32_t sel = SEL_TI | SEL_RPL3; sel < SEL_LIMIT; sel += SEL_STEP) {
        lar_found += lar_finds(sel);
        lsl_found += lsl_finds(sel);
    }
    tap_is(lar_found, 0, "lar finds no descriptor behind any of the 8192 LDT selectors");
    tap_is(lsl_found, 0, "lsl finds none either");
    return tap_done();
}
