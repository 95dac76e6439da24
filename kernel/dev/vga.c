/* kernel/dev/vga.c: text-mode VGA at physical 0xB8000, one 16-bit cell per
 * character (attribute byte high, character byte low). */
#include "kernel/dev/vga.h"
#include "kernel/x86.h"
#include <stdint.h>

#define VGA_TEXT       ((volatile uint16_t *)0xB8000)
#define VGA_COLS       80
#define VGA_ROWS       25
#define VGA_ATTR       0x0700 /* light grey on black */
#define VGA_CRTC       0x3D4  /* CRT controller index port; data port is +1 */
#define CRTC_CURSOR_HI 0x0E
#define CRTC_CURSOR_LO 0x0F
#define TAB_WIDTH      8

static int cursor;

static void vga_move_cursor(void)
{
    outb(VGA_CRTC, CRTC_CURSOR_HI);
    outb(VGA_CRTC + 1, (uint8_t)(cursor >> 8));
    outb(VGA_CRTC, CRTC_CURSOR_LO);
    outb(VGA_CRTC + 1, (uint8_t)cursor);
}

void vga_init(void)
{
    for (int i = 0; i < VGA_COLS * VGA_ROWS; i++)
        VGA_TEXT[i] = VGA_ATTR | ' ';
    cursor = 0;
    vga_move_cursor();
}

void vga_putc(char c)
{
    if (c == '\n')
        cursor += VGA_COLS - cursor % VGA_COLS;
    else if (c == '\r')
        cursor -= cursor % VGA_COLS;
    else if (c == '\t')
        cursor += TAB_WIDTH - cursor % TAB_WIDTH;
    else if (c == '\b') {
        if (cursor % VGA_COLS)
            VGA_TEXT[--cursor] = VGA_ATTR | ' ';
    } else
        VGA_TEXT[cursor++] = VGA_ATTR | (uint8_t)c;

    if (cursor >= VGA_COLS * VGA_ROWS) { /* scroll up one line */
        for (int i = 0; i < VGA_COLS * (VGA_ROWS - 1); i++)
            VGA_TEXT[i] = VGA_TEXT[i + VGA_COLS];
        for (int i = VGA_COLS * (VGA_ROWS - 1); i < VGA_COLS * VGA_ROWS; i++)
            VGA_TEXT[i] = VGA_ATTR | ' ';
        cursor -= VGA_COLS;
    }
    vga_move_cursor();
}
