/* lib/kbd.h: PC keyboard scancodes (set 1, what the i8042 hands the CPU with
 * translation on, as the BIOS leaves it) to the bytes a US-layout terminal
 * would send. Pure: the driver (kernel/dev/keyboard.c) reads the codes. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define KBD_MAX_CHARS 3 /* the most bytes one scancode means: ESC [ A for an arrow */

/* What the translator remembers between scancodes. */
struct kbd {
    bool left_shift, right_shift;
    bool left_ctrl, right_ctrl;
    bool caps_lock;     /* toggled by each press of Caps Lock */
    bool caps_held;     /* Caps Lock is down: its repeats do not toggle again */
    bool extended;      /* the last code was the E0 prefix */
    uint8_t pause_left; /* codes still to swallow of an E1 (Pause) sequence */
};

/* kbd_init: no key down, Caps Lock off, no prefix pending. */
void kbd_init(struct kbd *k);

/* kbd_scancode: feed one scancode byte; the bytes it means go to out.
 * Returns how many (0..KBD_MAX_CHARS); 0 for a key release, a modifier, a
 * prefix, or a key that means no byte.
 *
 * - Letters, digits, space and the punctuation keys give their US-layout
 *   character, shifted while either Shift is down. Caps Lock (each press
 *   toggles it) shifts letters only, and Shift with it gives lowercase.
 * - Either Ctrl with a letter gives the letter & 0x1f (Ctrl-C 0x03, Ctrl-D
 *   0x04, Ctrl-U 0x15), whatever Shift and Caps Lock say; Ctrl with any other
 *   key gives what the key gives without it.
 * - Enter and keypad Enter give '\n', Backspace 0x7f (what a serial terminal
 *   sends), Tab '\t', Escape 0x1b; keypad *, -, + and / give themselves.
 * - The arrow keys give ESC [ A (up), ESC [ B (down), ESC [ C (right) and
 *   ESC [ D (left).
 * - A release (bit 7 set) gives nothing but updates Shift, Ctrl and Caps
 *   Lock. E0 is a prefix for the next code only; an E1 (Pause) sequence is
 *   swallowed whole. Alt, the function keys, the keypad's other keys (which
 *   would depend on Num Lock) and the keyboard's replies to commands give
 *   nothing. */
int kbd_scancode(struct kbd *k, uint8_t code, char out[KBD_MAX_CHARS]);
