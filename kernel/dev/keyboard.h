/* kernel/dev/keyboard.h: the PS/2 keyboard behind the i8042 controller's first
 * port, read on IRQ 1 and translated to bytes by lib/kbd.c. */
#pragma once
#include <stdbool.h>
#include "lib/kbd.h"

/* keyboard_init: forget any key state, empty the controller's output buffer
 * (a byte left there would hold IRQ 1 up, and the edge-triggered PIC would
 * never see another), and let IRQ 1 through the PIC. Call once at boot, after
 * pic_init. */
void keyboard_init(void);

/* keyboard_pending: true while the controller holds a byte for the CPU. */
bool keyboard_pending(void);

/* keyboard_read: take one byte from the controller and translate it. Returns
 * how many bytes (0..KBD_MAX_CHARS) it meant, in out: 0 if none was waiting,
 * or it was a key release, a modifier, a prefix, or data from the mouse port.
 * Called on IRQ 1, in a loop while keyboard_pending() says there is more. */
int keyboard_read(char out[KBD_MAX_CHARS]);
