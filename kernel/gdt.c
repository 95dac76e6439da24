/* kernel/gdt.c: the global descriptor table and the one TSS. */
#include "kernel/gdt.h"
#include "kernel/mmu.h"
#include "kernel/x86.h"

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

/* The fields of the 32-bit TSS coop uses; the CPU reads only esp0/ss0 (and the
 * I/O map base, pointed past the end so that user mode has no I/O ports). */
struct tss {
    uint32_t link, esp0, ss0, esp1, ss1, esp2, ss2;
    uint32_t cr3, eip, eflags, eax, ecx, edx, ebx, esp, ebp, esi, edi;
    uint32_t es, cs, ss, ds, fs, gs, ldt;
    uint16_t trap, iomap_base;
}; /* no padding anywhere: checked below */

_Static_assert(sizeof(struct segdesc) == 8, "descriptors are 8 bytes");
_Static_assert(sizeof(struct tss) == 104, "the 32-bit TSS is 104 bytes");

static struct segdesc gdt[GDT_COUNT];
static struct tss tss;
uint32_t *const tss_esp0 = &tss.esp0;

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
     * changes with a far jump. */
    __asm__ volatile("mov %0, %%ds\n\t"
                     "mov %0, %%es\n\t"
                     "mov %0, %%fs\n\t"
                     "mov %0, %%gs\n\t"
                     "mov %0, %%ss\n\t"
                     "ljmp %1, $1f\n"
                     "1:"
                     :
                     : "r"(SEG_KDATA), "i"(SEG_KCODE)
                     : "memory");
    ltr(SEG_TSS);
}
