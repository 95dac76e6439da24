/* kernel/idt.c: the interrupt descriptor table: which code runs for each
 * exception, IRQ and the system call. */
#include "kernel/fastpath.h"
#include "kernel/mmu.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

#define GATE_INT32 0x8E /* present, 32-bit interrupt gate: clears IF on entry */

struct gatedesc {
    uint16_t off_lo, sel;
    uint8_t zero, type_attr;
    uint16_t off_hi;
} __attribute__((packed));

_Static_assert(sizeof(struct gatedesc) == 8, "gates are 8 bytes");

static struct gatedesc idt[IDT_ENTRIES];

extern const uint32_t trap_vectors[T_IRQ0 + IRQ_COUNT];
extern char vector128[];
extern char vector_fastcall[]; /* kernel/fastpath.S */

_Static_assert(T_SYSCALL == 128, "vector128 is the system call stub");

static void idt_set(int vec, uint32_t handler, int dpl)
{
    idt[vec] = (struct gatedesc){
        .off_lo = handler & 0xFFFF,
        .sel = SEG_KCODE,
        .type_attr = (uint8_t)(GATE_INT32 | (dpl << 5)),
        .off_hi = handler >> 16,
    };
}

void idt_init(bool fastpath)
{
    /* Every gate is an interrupt gate, so the kernel always runs with
     * interrupts off: it is never interrupted in the middle of its work. A
     * DPL of 0 means that `int $n` from user mode raises #GP instead. Vectors
     * left empty (48-255 but 0x80) also raise #GP. */
    for (int v = 0; v < T_IRQ0 + IRQ_COUNT; v++)
        idt_set(v, trap_vectors[v], DPL_KERNEL);
    idt_set(T_SYSCALL, (uint32_t)vector128, DPL_USER);
    /* The second system-call gate: sendrecv's fast path, or, when the
     * loop must see every call (the recorder is on), the first gate's
     * entry again. */
    idt_set(T_FASTCALL, (uint32_t)(fastpath ? vector_fastcall : vector128), DPL_USER);

    struct table_register r = {sizeof(idt) - 1, (uint32_t)idt};
    lidt(&r);
}
