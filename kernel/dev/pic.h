/* kernel/dev/pic.h: the two 8259A interrupt controllers that deliver IRQs 0-15. */
#pragma once
#include <stdbool.h>

#define IRQ_TIMER           0
#define IRQ_KEYBOARD        1
#define IRQ_COM1            4
#define IRQ_SPURIOUS_MASTER 7
#define IRQ_SPURIOUS_SLAVE  15

/* pic_init: remap IRQs 0-15 to vectors T_IRQ0..T_IRQ0+15 (away from the CPU
 * exceptions) and mask them all. */
void pic_init(void);

/* pic_enable: let `irq` through. */
void pic_enable(int irq);

/* pic_eoi: tell the PIC(s) that `irq` has been handled. Returns false (and
 * sends nothing) if the IRQ was spurious, i.e. should not be handled. */
bool pic_eoi(int irq);
