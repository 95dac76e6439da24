/* kernel/dev/vga.h: the VGA text screen (80x25), a second copy of the console. */
#pragma once

/* vga_init: clear the screen and home the cursor. */
void vga_init(void);

/* vga_putc: draw one character at the cursor; handles \n, \r, \t, \b and
 * scrolls when the screen is full. */
void vga_putc(char c);
