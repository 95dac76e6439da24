/* tests/unit/test_kbd.c: scancode set 1 to bytes (lib/kbd.c): every key
 * class of the US layout, Shift, Caps Lock and Ctrl alone and together, the
 * E0 keys, releases, and the Pause sequence. The expected codes are written
 * here by keyboard row, not copied from the table under test. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/kbd.h"

#define RELEASE     0x80
#define E0          0xE0
#define E1          0xE1
#define LEFT_SHIFT  0x2A
#define RIGHT_SHIFT 0x36
#define CTRL        0x1D /* E0 1D: the right one */
#define CAPS_LOCK   0x3A
#define LEFT_ALT    0x38
#define KEY_A       0x1E
#define KEY_C       0x2E
#define KEY_1       0x02
#define KEY_SLASH   0x35
#define ENTER       0x1C
#define KEYPAD_8    0x48 /* E0 48: up */

/* The rows of letter and digit keys: each key's code is its row's first
 * code plus its place in the row. */
struct row {
    uint8_t first;
    const char *plain, *shifted;
};

static const struct row rows[] = {
    {0x02, "1234567890-=", "!@#$%^&*()_+"},
    {0x10, "qwertyuiop[]", "QWERTYUIOP{}"},
    {0x1E, "asdfghjkl;'`", "ASDFGHJKL:\"~"},
    {0x2C, "zxcvbnm,./", "ZXCVBNM<>?"},
};

/* Feed one code; it must give exactly `expected` (a C string). */
static void assert_gives(struct kbd *k, uint8_t code, const char *expected)
{
    char out[KBD_MAX_CHARS + 1];
    memset(out, '#', sizeof out);
    int n = kbd_scancode(k, code, out);
    assert_int_equal(n, strlen(expected));
    assert_memory_equal(out, expected, (size_t)n);
    assert_int_equal(out[KBD_MAX_CHARS], '#'); /* never past KBD_MAX_CHARS */
}

static void assert_gives_nothing(struct kbd *k, uint8_t code)
{
    assert_gives(k, code, "");
}

/* Press and release a key: the press gives `expected`, the release nothing. */
static void assert_key(struct kbd *k, uint8_t code, const char *expected)
{
    assert_gives(k, code, expected);
    assert_gives_nothing(k, code | RELEASE);
}

static void assert_char_key(struct kbd *k, uint8_t code, char expected)
{
    char s[2] = {expected, '\0'};
    assert_key(k, code, s);
}

static void test_every_row_plain_and_shifted(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
        for (size_t i = 0; rows[r].plain[i]; i++)
            assert_char_key(&k, (uint8_t)(rows[r].first + i), rows[r].plain[i]);

    assert_gives_nothing(&k, LEFT_SHIFT);
    for (size_t r = 0; r < sizeof rows / sizeof rows[0]; r++)
        for (size_t i = 0; rows[r].shifted[i]; i++)
            assert_char_key(&k, (uint8_t)(rows[r].first + i), rows[r].shifted[i]);
    assert_gives_nothing(&k, LEFT_SHIFT | RELEASE);
    assert_char_key(&k, KEY_A, 'a');

    assert_gives_nothing(&k, RIGHT_SHIFT);
    assert_char_key(&k, KEY_1, '!');
    assert_char_key(&k, 0x2B, '|');
    assert_gives_nothing(&k, RIGHT_SHIFT | RELEASE);
    assert_char_key(&k, KEY_1, '1');
}

static void test_the_keys_that_are_not_in_rows(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    assert_char_key(&k, 0x2B, '\\');
    assert_char_key(&k, 0x39, ' ');
    assert_char_key(&k, ENTER, '\n');
    assert_char_key(&k, 0x0E, 0x7f); /* Backspace, as a serial terminal sends it */
    assert_char_key(&k, 0x0F, '\t');
    assert_char_key(&k, 0x01, 0x1b); /* Escape */
    assert_char_key(&k, 0x37, '*');  /* keypad */
    assert_char_key(&k, 0x4A, '-');
    assert_char_key(&k, 0x4E, '+');
    /* Shift leaves them as they are. */
    kbd_scancode(&k, LEFT_SHIFT, (char[KBD_MAX_CHARS]){0});
    assert_char_key(&k, 0x39, ' ');
    assert_char_key(&k, ENTER, '\n');
    assert_char_key(&k, 0x0E, 0x7f);
    assert_char_key(&k, 0x0F, '\t');
    assert_char_key(&k, 0x37, '*');
    assert_char_key(&k, 0x4E, '+');
}

static void test_extended_keys(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    static const struct {
        uint8_t code;
        const char *bytes;
    } extended[] = {
        {0x48, "\x1b[A"}, {0x50, "\x1b[B"}, {0x4D, "\x1b[C"},
        {0x4B, "\x1b[D"}, {ENTER, "\n"},    {KEY_SLASH, "/"},
    };
    for (size_t i = 0; i < sizeof extended / sizeof extended[0]; i++) {
        assert_gives_nothing(&k, E0);
        assert_gives(&k, extended[i].code, extended[i].bytes);
        assert_gives_nothing(&k, E0);
        assert_gives_nothing(&k, extended[i].code | RELEASE);
    }
    /* Shift does not make keypad / a '?'. */
    assert_gives_nothing(&k, LEFT_SHIFT);
    assert_gives_nothing(&k, E0);
    assert_gives(&k, KEY_SLASH, "/");
    assert_gives(&k, KEY_SLASH, "?"); /* without E0: the main key */
}

static void test_e0_applies_to_the_next_code_only(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    assert_gives_nothing(&k, E0);
    assert_gives(&k, KEYPAD_8, "\x1b[A");
    assert_gives_nothing(&k, KEYPAD_8); /* keypad 8 alone: no byte */
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, KEYPAD_8 | RELEASE);
    assert_gives(&k, KEY_A, "a"); /* the prefix went with the release */
    /* An extended key that gives nothing (right Alt) uses the prefix up. */
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, LEFT_ALT);
    assert_gives(&k, KEY_SLASH, "/");
}

static void test_fake_shifts_are_ignored(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    /* Print Screen: E0 2A E0 37, and its release E0 B7 E0 AA. */
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, LEFT_SHIFT);
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, 0x37);
    assert_gives(&k, KEY_A, "a"); /* no Shift came of it */
    /* A fake shift release does not let go of a real Shift. */
    assert_gives_nothing(&k, RIGHT_SHIFT);
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, RIGHT_SHIFT | RELEASE);
    assert_gives(&k, KEY_A, "A");
}

static void test_caps_lock_shifts_letters_only(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    assert_gives_nothing(&k, CAPS_LOCK);
    assert_gives_nothing(&k, CAPS_LOCK | RELEASE);
    for (size_t i = 0; i < 10; i++)
        assert_char_key(&k, (uint8_t)(rows[1].first + i), rows[1].shifted[i]);
    assert_char_key(&k, 0x1A, '['); /* not a letter */
    assert_char_key(&k, KEY_1, '1');
    /* Shift with Caps Lock: lowercase letters, shifted others. */
    assert_gives_nothing(&k, LEFT_SHIFT);
    for (size_t i = 0; i < 10; i++)
        assert_char_key(&k, (uint8_t)(rows[1].first + i), rows[1].plain[i]);
    assert_char_key(&k, 0x1A, '{');
    assert_char_key(&k, KEY_1, '!');
    assert_gives_nothing(&k, LEFT_SHIFT | RELEASE);
    /* A second press turns it off. */
    assert_gives_nothing(&k, CAPS_LOCK);
    assert_gives_nothing(&k, CAPS_LOCK | RELEASE);
    assert_char_key(&k, KEY_A, 'a');
}

static void test_a_held_caps_lock_toggles_once(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    for (int i = 0; i < 5; i++) /* the first press and four repeats */
        assert_gives_nothing(&k, CAPS_LOCK);
    assert_char_key(&k, KEY_A, 'A');
    assert_gives_nothing(&k, CAPS_LOCK | RELEASE);
    assert_char_key(&k, KEY_A, 'A');
    assert_gives_nothing(&k, CAPS_LOCK);
    assert_gives_nothing(&k, CAPS_LOCK);
    assert_gives_nothing(&k, CAPS_LOCK | RELEASE);
    assert_char_key(&k, KEY_A, 'a');
}

static void test_ctrl_with_letters(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    assert_gives_nothing(&k, CTRL);
    for (size_t r = 1; r < sizeof rows / sizeof rows[0]; r++)
        for (size_t i = 0; rows[r].plain[i]; i++) {
            char c = rows[r].plain[i];
            if (c >= 'a' && c <= 'z')
                assert_char_key(&k, (uint8_t)(rows[r].first + i), (char)(c - 'a' + 1));
        }
    assert_char_key(&k, KEY_C, 0x03);
    assert_char_key(&k, 0x20, 0x04); /* d */
    assert_char_key(&k, 0x16, 0x15); /* u */
    /* Shift and Caps Lock change nothing under Ctrl. */
    assert_gives_nothing(&k, LEFT_SHIFT);
    assert_char_key(&k, KEY_C, 0x03);
    assert_gives_nothing(&k, CAPS_LOCK);
    assert_gives_nothing(&k, CAPS_LOCK | RELEASE);
    assert_char_key(&k, KEY_C, 0x03);
    assert_gives_nothing(&k, LEFT_SHIFT | RELEASE);
    assert_char_key(&k, KEY_C, 0x03);
    /* Other keys give what they give without Ctrl. */
    assert_char_key(&k, KEY_1, '1');
    assert_char_key(&k, ENTER, '\n');
    assert_char_key(&k, 0x1A, '[');
    assert_gives_nothing(&k, CTRL | RELEASE);
    assert_char_key(&k, KEY_C, 'C'); /* Caps Lock is still on */
}

static void test_right_ctrl_and_both_ctrls(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, CTRL);
    assert_char_key(&k, KEY_C, 0x03);
    assert_gives_nothing(&k, CTRL); /* left too */
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, CTRL | RELEASE); /* right up, left still down */
    assert_char_key(&k, KEY_C, 0x03);
    assert_gives_nothing(&k, CTRL | RELEASE);
    assert_char_key(&k, KEY_C, 'c');
    /* Releasing the left one does not release the right one. */
    assert_gives_nothing(&k, E0);
    assert_gives_nothing(&k, CTRL);
    assert_gives_nothing(&k, CTRL | RELEASE);
    assert_char_key(&k, KEY_C, 0x03);
}

static void test_both_shifts(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    assert_gives_nothing(&k, LEFT_SHIFT);
    assert_gives_nothing(&k, RIGHT_SHIFT);
    assert_gives_nothing(&k, LEFT_SHIFT | RELEASE);
    assert_char_key(&k, KEY_A, 'A'); /* the right one is still down */
    assert_gives_nothing(&k, RIGHT_SHIFT | RELEASE);
    assert_char_key(&k, KEY_A, 'a');
}

static void test_releases_give_nothing(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    for (unsigned code = 0; code < RELEASE; code++)
        if (code != E0 - RELEASE && code != E1 - RELEASE) /* 0xE0, 0xE1 are prefixes */
            assert_gives_nothing(&k, (uint8_t)(code | RELEASE));
    assert_char_key(&k, KEY_A, 'a'); /* and left no state behind */
}

static void test_keys_that_give_nothing(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    static const uint8_t silent[] = {
        0x00,     /* an error from the keyboard */
        LEFT_ALT, /* Alt */
        0x3B,     /* F1 */
        0x44,     /* F10 */
        0x45,     /* Num Lock */
        0x47,     /* keypad 7 */
        0x53,     /* keypad . */
        0x57,     /* F11 */
        0x58,     /* F12 */
        0x7F,     /* no key */
        0xFA,     /* the keyboard's ACK */
        0xFE,     /* its "resend" */
    };
    for (size_t i = 0; i < sizeof silent; i++)
        assert_gives_nothing(&k, silent[i]);
    assert_char_key(&k, KEY_A, 'a');
}

static void test_pause_is_swallowed(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    /* Pause: E1 1D 45 E1 9D C5. The 1D in it is no Ctrl. */
    static const uint8_t pause[] = {E1, CTRL, 0x45, E1, CTRL | RELEASE, 0x45 | RELEASE};
    for (size_t i = 0; i < sizeof pause; i++)
        assert_gives_nothing(&k, pause[i]);
    assert_char_key(&k, KEY_C, 'c');
    /* Ctrl held across a Pause stays held. */
    assert_gives_nothing(&k, CTRL);
    for (size_t i = 0; i < sizeof pause; i++)
        assert_gives_nothing(&k, pause[i]);
    assert_char_key(&k, KEY_C, 0x03);
    /* An E0 before the E1 does not outlive it. */
    assert_gives_nothing(&k, CTRL | RELEASE);
    assert_gives_nothing(&k, E0);
    for (size_t i = 0; i < sizeof pause; i++)
        assert_gives_nothing(&k, pause[i]);
    assert_gives(&k, KEYPAD_8, "");
    assert_char_key(&k, KEY_C, 'c');
}

static void test_init_forgets_everything(void **state)
{
    (void)state;
    struct kbd k;
    kbd_init(&k);
    kbd_scancode(&k, LEFT_SHIFT, (char[KBD_MAX_CHARS]){0});
    kbd_scancode(&k, CTRL, (char[KBD_MAX_CHARS]){0});
    kbd_scancode(&k, CAPS_LOCK, (char[KBD_MAX_CHARS]){0});
    kbd_scancode(&k, E0, (char[KBD_MAX_CHARS]){0});
    kbd_init(&k);
    assert_gives_nothing(&k, KEYPAD_8); /* no E0 before it any more */
    assert_char_key(&k, KEY_A, 'a');    /* no Shift, Ctrl or Caps Lock */
    kbd_scancode(&k, E1, (char[KBD_MAX_CHARS]){0});
    kbd_init(&k);
    assert_char_key(&k, KEY_A, 'a');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_every_row_plain_and_shifted),
        cmocka_unit_test(test_the_keys_that_are_not_in_rows),
        cmocka_unit_test(test_extended_keys),
        cmocka_unit_test(test_e0_applies_to_the_next_code_only),
        cmocka_unit_test(test_fake_shifts_are_ignored),
        cmocka_unit_test(test_caps_lock_shifts_letters_only),
        cmocka_unit_test(test_a_held_caps_lock_toggles_once),
        cmocka_unit_test(test_ctrl_with_letters),
        cmocka_unit_test(test_right_ctrl_and_both_ctrls),
        cmocka_unit_test(test_both_shifts),
        cmocka_unit_test(test_releases_give_nothing),
        cmocka_unit_test(test_keys_that_give_nothing),
        cmocka_unit_test(test_pause_is_swallowed),
        cmocka_unit_test(test_init_forgets_everything),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
