/* lib/kbd.c: scancode set 1 to bytes (lib/kbd.h): a table of what each key
 * gives with and without Shift, one of the extended (E0) keys, and the state
 * of the modifiers between codes. */
#include "lib/kbd.h"
#include "lib/string.h"
#include <stddef.h>

#define SCANCODES   0x80 /* a key's code is 7 bits ... */
#define SC_KEY_MASK 0x7F
#define SC_RELEASE  0x80 /* ... and bit 7 says it went up */
#define SC_EXTENDED 0xE0 /* prefix: the next code is an extended key's */
#define SC_PAUSE    0xE1 /* prefix: Pause sends E1 1D 45 E1 9D C5 */
#define PAUSE_TAIL  2    /* the codes after each E1 */

/* Modifiers. E0 1D is the right Ctrl. E0 2A and E0 36 are "fake shifts" that
 * keyboards send around Print Screen and the grey keys: no key of their own. */
#define SC_CTRL        0x1D
#define SC_LEFT_SHIFT  0x2A
#define SC_RIGHT_SHIFT 0x36
#define SC_CAPS_LOCK   0x3A

/* Extended keys that give bytes (after E0). */
#define SC_KEYPAD_ENTER 0x1C
#define SC_KEYPAD_SLASH 0x35
#define SC_UP           0x48
#define SC_LEFT         0x4B
#define SC_RIGHT        0x4D
#define SC_DOWN         0x50

#define ESC       '\x1b'
#define DEL       '\x7f'
#define CTRL_MASK 0x1f /* Ctrl+letter: the letter's low five bits */

/* What a key gives without and with Shift; {0, 0}: no byte. */
struct key {
    char plain, shifted;
};

/* The US layout, by the keyboard's rows; the codes are the key's positions.
 * (Kept by hand in rows; the formatter would put one entry on each line.) */
/* clang-format off */
static const struct key keymap[SCANCODES] = {
    [0x01] = {ESC, ESC},
    [0x02] = {'1', '!'}, [0x03] = {'2', '@'}, [0x04] = {'3', '#'}, [0x05] = {'4', '$'},
    [0x06] = {'5', '%'}, [0x07] = {'6', '^'}, [0x08] = {'7', '&'}, [0x09] = {'8', '*'},
    [0x0A] = {'9', '('}, [0x0B] = {'0', ')'}, [0x0C] = {'-', '_'}, [0x0D] = {'=', '+'},
    [0x0E] = {DEL, DEL},   /* Backspace */
    [0x0F] = {'\t', '\t'},
    [0x10] = {'q', 'Q'}, [0x11] = {'w', 'W'}, [0x12] = {'e', 'E'}, [0x13] = {'r', 'R'},
    [0x14] = {'t', 'T'}, [0x15] = {'y', 'Y'}, [0x16] = {'u', 'U'}, [0x17] = {'i', 'I'},
    [0x18] = {'o', 'O'}, [0x19] = {'p', 'P'}, [0x1A] = {'[', '{'}, [0x1B] = {']', '}'},
    [0x1C] = {'\n', '\n'}, /* Enter */
    [0x1E] = {'a', 'A'}, [0x1F] = {'s', 'S'}, [0x20] = {'d', 'D'}, [0x21] = {'f', 'F'},
    [0x22] = {'g', 'G'}, [0x23] = {'h', 'H'}, [0x24] = {'j', 'J'}, [0x25] = {'k', 'K'},
    [0x26] = {'l', 'L'}, [0x27] = {';', ':'}, [0x28] = {'\'', '"'}, [0x29] = {'`', '~'},
    [0x2B] = {'\\', '|'},
    [0x2C] = {'z', 'Z'}, [0x2D] = {'x', 'X'}, [0x2E] = {'c', 'C'}, [0x2F] = {'v', 'V'},
    [0x30] = {'b', 'B'}, [0x31] = {'n', 'N'}, [0x32] = {'m', 'M'}, [0x33] = {',', '<'},
    [0x34] = {'.', '>'}, [0x35] = {'/', '?'},
    [0x37] = {'*', '*'},   /* keypad */
    [0x39] = {' ', ' '},
    [0x4A] = {'-', '-'},   /* keypad */
    [0x4E] = {'+', '+'},   /* keypad */
};
/* clang-format on */

/* The extended keys that give bytes, as NUL-terminated strings. */
static const char *const extended_keys[SCANCODES] = {
    [SC_KEYPAD_ENTER] = "\n", [SC_KEYPAD_SLASH] = "/", [SC_UP] = "\x1b[A",
    [SC_DOWN] = "\x1b[B",     [SC_RIGHT] = "\x1b[C",   [SC_LEFT] = "\x1b[D",
};

void kbd_init(struct kbd *k)
{
    k->left_shift = k->right_shift = false;
    k->left_ctrl = k->right_ctrl = false;
    k->caps_lock = k->caps_held = false;
    k->extended = false;
    k->pause_left = 0;
}

/* If code is a modifier's, note it going down or up and return true. */
static bool track_modifier(struct kbd *k, uint8_t code, bool extended, bool down)
{
    switch (code) {
    case SC_CTRL:
        *(extended ? &k->right_ctrl : &k->left_ctrl) = down;
        return true;
    case SC_LEFT_SHIFT:
    case SC_RIGHT_SHIFT:
        if (!extended) /* a fake shift changes nothing */
            *(code == SC_LEFT_SHIFT ? &k->left_shift : &k->right_shift) = down;
        return true;
    case SC_CAPS_LOCK:
        /* A held key repeats its press code: toggle on the first only. */
        if (down && !k->caps_held)
            k->caps_lock = !k->caps_lock;
        k->caps_held = down;
        return true;
    }
    return false;
}

static bool is_letter(char c)
{
    return c >= 'a' && c <= 'z';
}

/* The byte a key of the main table gives, or 0 for none. */
static char main_key_byte(const struct kbd *k, uint8_t code)
{
    const struct key *key = &keymap[code];
    bool shift = k->left_shift || k->right_shift;
    if (!is_letter(key->plain))
        return shift ? key->shifted : key->plain;
    if (k->left_ctrl || k->right_ctrl)
        return (char)(key->plain & CTRL_MASK);
    return shift != k->caps_lock ? key->shifted : key->plain;
}

int kbd_scancode(struct kbd *k, uint8_t code, char out[KBD_MAX_CHARS])
{
    if (k->pause_left > 0) {
        k->pause_left--;
        return 0;
    }
    if (code == SC_PAUSE) {
        k->pause_left = PAUSE_TAIL;
        k->extended = false;
        return 0;
    }
    if (code == SC_EXTENDED) {
        k->extended = true;
        return 0;
    }
    bool extended = k->extended;
    k->extended = false;
    bool down = !(code & SC_RELEASE);
    code &= SC_KEY_MASK;
    if (track_modifier(k, code, extended, down) || !down)
        return 0;

    if (extended) {
        const char *s = extended_keys[code];
        if (!s)
            return 0;
        size_t n = strlen(s);
        memcpy(out, s, n);
        return (int)n;
    }
    char c = main_key_byte(k, code);
    if (!c)
        return 0;
    out[0] = c;
    return 1;
}
