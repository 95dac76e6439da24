/* kernel/gdt.c: the global descriptor table and the one TSS. */
#include "kernel/gdt.h"
#include "kernel/mmu.h"
#include "kernel/x86.h"
#include "lib/syscalls.h"

/* Descriptor access bytes. */
#define SEG_PRESENT    0x80
#define SEG_DPL(d)     ((d) << 5)
#define SEG_CODE_DATA  0x10 /* S bit: code or data, not system */
#define SEG_EXEC_READ  0x0A
#define SEG_READ_WRITE 0x02
#define SEG_TSS32      0x09 /* available 32-bit TSS */
/* Flags nibble: 4 KiB granularity, 32-bit. */
#define SEG_FLAGS_FLAT 0xC
#define SEG_LIMIT_FLAT 0xFFFFF

struct segdesc {
    uint16_t limit_lo, base_lo;
    uint8_t base_mid, access;
    uint8_t limit_hi_flags, base_hi;
} __attribute__((packed));

_Static_assert(sizeof(struct segdesc) == 8, "descriptors are 8 bytes");
_Static_assert(SEG_UDATA == USER_DATA_SEG, "lib/syscalls.h tells user programs the selector");

static struct segdesc gdt[GDT_COUNT];
struct tss tss;

static struct segdesc seg(uint32_t base, uint32_t limit, uint8_t access, uint8_t flags)
{
    return (struct segdesc){
        .limit_lo = limit & 0xFFFF,
        .base_lo = base & 0xFFFF,
        .base_mid = (base >> 16) & 0xFF,
        .access = access,
        .limit_hi_flags = (uint8_t)(((limit >> 16) & 0xF) | (flags << 4)),
        .base_hi = (uint8_t)(base >> 24),
    };
}

void gdt_init(void)
{
    uint8_t code = SEG_PRESENT | SEG_CODE_DATA | SEG_EXEC_READ;
    uint8_t data = SEG_PRESENT | SEG_CODE_DATA | SEG_READ_WRITE;
    gdt[GDT_KCODE] = seg(0, SEG_LIMIT_FLAT, code | SEG_DPL(DPL_KERNEL), SEG_FLAGS_FLAT);
    gdt[GDT_KDATA] = seg(0, SEG_LIMIT_FLAT, data | SEG_DPL(DPL_KERNEL), SEG_FLAGS_FLAT);
    gdt[GDT_UCODE] = seg(0, SEG_LIMIT_FLAT, code | SEG_DPL(DPL_USER), SEG_FLAGS_FLAT);
    gdt[GDT_UDATA] = seg(0, SEG_LIMIT_FLAT, data | SEG_DPL(DPL_USER), SEG_FLAGS_FLAT);

    tss.ss0 = SEG_KDATA;
    tss.iomap_base = sizeof(tss);
    gdt[GDT_TSS] = seg((uint32_t)&tss, sizeof(tss) - 1, SEG_PRESENT | SEG_TSS32, 0);

    struct table_register r = {sizeof(gdt) - 1, (uint32_t)gdt};
    lgdt(&r);
    /* Reload every segment register so the new table takes effect; %cs only
     * changes with a far jump.
     *
     * %ds, %es, %fs and %gs get the *user* data selector, in the kernel too
     * (Linux did the same on i386). Both data segments are flat, so which
     * one a register holds changes nothing the kernel may touch: paging
     * decides that, from the privilege level the CPU runs at. But iret to
     * user mode empties any data segment register that holds a selector
     * user mode may not use, so with SEG_KDATA the kernel would have to save
     * and restore all four around every trap. This way a trap only sets them
     * (kernel/trapentry.S), and no task needs segment registers of its own.
     * %ss must be SEG_KDATA: the stack's privilege level is the CPU's. */
    __asm__ volatile("mov %0, %%ds\n\t"
                     "mov %0, %%es\n\t"
                     "mov %0, %%fs\n\t"
                     "mov %0, %%gs\n\t"
                     "mov %1, %%ss\n\t"
                     "ljmp %2, $1f\n"
                     "1:"
                     :
                     : "r"(SEG_UDATA), "r"(SEG_KDATA), "i"(SEG_KCODE)
                     : "memory");
    ltr(SEG_TSS);
    /* No local descriptor table. The LDT register is not reset by a boot
     * loader: QEMU starts with one at address 0 (limit 0xffff), GRUB may
     * leave another, and either would make the CPU read whatever bytes lie
     * there as descriptors for any selector with the TI bit (4) set: a task
     * could load "segments" over kernel memory, or find call gates there.
     * With the null selector in LDTR, every such selector raises #GP
     * (tests/boot/t_ldt.c). */
    lldt(GDT_NULL);
}
