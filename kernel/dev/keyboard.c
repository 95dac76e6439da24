/* kernel/dev/keyboard.c: the i8042 PS/2 controller's keyboard port, polled on
 * IRQ 1. The BIOS leaves the controller translating to scancode set 1 and
 * raising IRQ 1 for each byte; this driver only reads them. */
#include "kernel/dev/keyboard.h"
#include "kernel/dev/pic.h"
#include "kernel/x86.h"

#define I8042_DATA        0x60 /* read: the byte the controller holds for the CPU */
#define I8042_STATUS      0x64 /* read: the controller's status */
#define STATUS_OUTPUT     0x01 /* a byte is waiting in I8042_DATA */
#define STATUS_MOUSE_DATA 0x20 /* ... and it came from the mouse port */
/* More bytes than a keyboard can have queued (QEMU's queue holds 16 keys and
 * 8 replies): a port with no controller behind it reads 0xFF, "full", forever. */
#define DRAIN_MAX 64

static struct kbd kbd;

void keyboard_init(void)
{
    kbd_init(&kbd);
    for (int i = 0; i < DRAIN_MAX && keyboard_pending(); i++)
        inb(I8042_DATA);
    pic_enable(IRQ_KEYBOARD);
}

bool keyboard_pending(void)
{
    return inb(I8042_STATUS) & STATUS_OUTPUT;
}

int keyboard_read(char out[KBD_MAX_CHARS])
{
    uint8_t status = inb(I8042_STATUS);
    if (!(status & STATUS_OUTPUT))
        return 0;
    uint8_t code = inb(I8042_DATA);
    /* Take a mouse byte all the same, or it would block the keyboard's. */
    if (status & STATUS_MOUSE_DATA)
        return 0;
    return kbd_scancode(&kbd, code, out);
}
