/* kernel/dev/pic.c: 8259A programming (ICW1-ICW4), masks and end-of-interrupt. */
#include "kernel/dev/pic.h"
#include "kernel/trap.h"
#include "kernel/x86.h"

#define PIC1_CMD           0x20
#define PIC1_DATA          0x21
#define PIC2_CMD           0xA0
#define PIC2_DATA          0xA1
#define ICW1_INIT_ICW4     0x11 /* start initialisation, ICW4 follows */
#define ICW3_SLAVE_AT_IRQ2 0x04
#define ICW3_SLAVE_ID      0x02
#define ICW4_8086          0x01
#define OCW2_EOI           0x20
#define OCW3_READ_ISR      0x0B
#define IRQ_CASCADE        2
#define PIC_IRQS           8

static uint16_t masks = 0xFFFF; /* 1 bit = masked */

static void pic_write_masks(void)
{
    outb(PIC1_DATA, masks & 0xFF);
    outb(PIC2_DATA, masks >> 8);
}

void pic_init(void)
{
    outb(PIC1_CMD, ICW1_INIT_ICW4);
    outb(PIC2_CMD, ICW1_INIT_ICW4);
    outb(PIC1_DATA, T_IRQ0); /* ICW2: vector base */
    outb(PIC2_DATA, T_IRQ0 + PIC_IRQS);
    outb(PIC1_DATA, ICW3_SLAVE_AT_IRQ2);
    outb(PIC2_DATA, ICW3_SLAVE_ID);
    outb(PIC1_DATA, ICW4_8086);
    outb(PIC2_DATA, ICW4_8086);
    masks = (uint16_t) ~(1u << IRQ_CASCADE); /* the slave's line stays open */
    pic_write_masks();
}

void pic_enable(int irq)
{
    masks &= (uint16_t) ~(1u << irq);
    pic_write_masks();
}

/* A spurious IRQ 7 or 15 is one the PIC raised and withdrew; its in-service
 * bit is clear, and it must not be acknowledged (but the master still needs
 * one for the cascade line when the slave raised it). */
static bool pic_spurious(int irq, uint16_t cmd)
{
    outb(cmd, OCW3_READ_ISR);
    return !(inb(cmd) & (1u << (irq % PIC_IRQS)));
}

bool pic_eoi(int irq)
{
    if (irq == IRQ_SPURIOUS_MASTER && pic_spurious(irq, PIC1_CMD))
        return false;
    if (irq == IRQ_SPURIOUS_SLAVE && pic_spurious(irq, PIC2_CMD)) {
        outb(PIC1_CMD, OCW2_EOI);
        return false;
    }
    if (irq >= PIC_IRQS)
        outb(PIC2_CMD, OCW2_EOI);
    outb(PIC1_CMD, OCW2_EOI);
    return true;
}
