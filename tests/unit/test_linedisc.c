/* tests/unit/test_linedisc.c: the line discipline (lib/linedisc.c): every
 * rule of cooked mode with its echo checked byte for byte, the history, the
 * escape sequences, reads of every size, a paste that overflows, raw mode,
 * and switching between the two. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "lib/linedisc.h"

#define READY_SIZE 1024
#define ECHO_MAX   20000
#define ERASE      "\b \b"

/* A terminal: its line discipline, the ready FIFO's storage and everything
 * echoed since the last assert_echo. */
struct term {
    struct linedisc ld;
    char ready[READY_SIZE];
    char echo[ECHO_MAX];
    size_t echo_len;
};

static void capture_echo(void *ctx, const char *s, size_t n)
{
    struct term *t = ctx;
    assert_true(t->echo_len + n <= ECHO_MAX);
    memcpy(t->echo + t->echo_len, s, n);
    t->echo_len += n;
}

/* A terminal whose ready FIFO holds `size` bytes (at most READY_SIZE). */
static void term_init(struct term *t, uint32_t size, bool raw)
{
    assert_true(linedisc_init(&t->ld, t->ready, size, raw));
    t->echo_len = 0;
}

/* Type n bytes; returns the events they caused, or-ed. */
static int type_bytes(struct term *t, const char *s, size_t n)
{
    int events = LD_NONE;
    for (size_t i = 0; i < n; i++)
        events |= linedisc_input(&t->ld, s[i], capture_echo, t);
    return events;
}

static int type(struct term *t, const char *s)
{
    return type_bytes(t, s, strlen(s));
}

/* The echo since the last call is exactly `expected` (n bytes). */
static void assert_echo_bytes(struct term *t, const char *expected, size_t n)
{
    assert_int_equal(t->echo_len, n);
    assert_memory_equal(t->echo, expected, n);
    t->echo_len = 0;
}

static void assert_echo(struct term *t, const char *expected)
{
    assert_echo_bytes(t, expected, strlen(expected));
}

/* The next read of at most n bytes gives exactly `expected`. */
static void assert_read_n(struct term *t, size_t n, const char *expected)
{
    char buf[READY_SIZE + 1];
    memset(buf, '#', sizeof buf);
    assert_true(n <= READY_SIZE);
    size_t got = linedisc_read(&t->ld, buf, n);
    assert_int_equal(got, strlen(expected));
    assert_memory_equal(buf, expected, got);
    assert_int_equal(buf[got], '#'); /* nothing written past what it returned */
}

static void assert_read(struct term *t, const char *expected)
{
    assert_read_n(t, READY_SIZE, expected);
}

/* ------------------------------------------------------- editing a line -- */

static void test_printable_bytes_and_tab_are_appended_and_echoed(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    assert_int_equal(type(&t, "hi there\t~ !"), LD_NONE);
    assert_echo(&t, "hi there\t~ !");
    assert_false(linedisc_readable(&t.ld));
    assert_read(&t, ""); /* nothing before the line ends */
}

static void test_cr_or_lf_ends_the_line(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    assert_int_equal(type(&t, "ls -l"), LD_NONE);
    assert_int_equal(type(&t, "\r"), LD_READY);
    assert_echo(&t, "ls -l\n");
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, "ls -l\n");
    assert_false(linedisc_readable(&t.ld));

    assert_int_equal(type(&t, "pwd\n"), LD_READY);
    assert_echo(&t, "pwd\n");
    assert_read(&t, "pwd\n");

    assert_int_equal(type(&t, "\n"), LD_READY); /* an empty line is a line */
    assert_echo(&t, "\n");
    assert_read(&t, "\n");
}

static void test_a_full_line_rings_the_bell(void **state)
{
    (void)state;
    struct term t;
    char line[LINEDISC_LINE_MAX + 1];
    term_init(&t, READY_SIZE, false);
    memset(line, 'a', LINEDISC_LINE_MAX - 1);
    line[LINEDISC_LINE_MAX - 1] = '\0';
    type(&t, line);
    assert_echo(&t, line);
    assert_int_equal(type(&t, "bc"), LD_NONE);
    assert_echo(&t, "\a\a"); /* not appended */
    type(&t, "\x7f"
             "z"); /* room again for one */
    assert_echo(&t, ERASE "z");
    type(&t, "y");
    assert_echo(&t, "\a");
    type(&t, "\n");
    line[LINEDISC_LINE_MAX - 2] = 'z';
    line[LINEDISC_LINE_MAX - 1] = '\n';
    line[LINEDISC_LINE_MAX] = '\0';
    assert_read(&t, line); /* LINEDISC_LINE_MAX bytes with the '\n' */
}

static void test_backspace_removes_the_last_byte(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "abc\x7f\b");
    assert_echo(&t, "abc" ERASE ERASE);
    type(&t, "\x7f");
    assert_echo(&t, ERASE);
    type(&t, "\x7f\b\x7f"); /* the line is empty: nothing to erase */
    assert_echo(&t, "");
    type(&t, "xy\b\n");
    assert_echo(&t, "xy" ERASE "\n");
    assert_read(&t, "x\n");
}

static void test_ctrl_u_erases_the_whole_line(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "hel\tlo\x15");
    assert_echo(&t, "hel\tlo" ERASE ERASE ERASE ERASE ERASE ERASE);
    type(&t, "\x15"); /* empty already */
    assert_echo(&t, "");
    type(&t, "ok\n");
    assert_read(&t, "ok\n");
}

static void test_ctrl_c_discards_the_line_and_interrupts(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "done\n");
    assert_int_equal(type(&t, "sleep 100"), LD_NONE);
    assert_int_equal(type(&t, "\x03"), LD_INTERRUPT);
    assert_echo(&t, "done\nsleep 100^C\n");
    /* The line is gone, not input; what was ready before stays. */
    assert_read(&t, "done\n");
    assert_false(linedisc_readable(&t.ld));
    assert_int_equal(type(&t, "\x03"), LD_INTERRUPT); /* on an empty line too */
    assert_echo(&t, "^C\n");
    type(&t, "x\n");
    assert_read(&t, "x\n");
}

static void test_other_control_bytes_are_ignored(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    static const char junk[] = {
        0x00, 0x01, 0x02, 0x05, 0x07, 0x0b, 0x0c, 0x0e,       0x10,       0x11,       0x13,
        0x16, 0x17, 0x1a, 0x1c, 0x1d, 0x1e, 0x1f, (char)0x80, (char)0x9b, (char)0xe9, (char)0xff};
    type(&t, "a");
    assert_int_equal(type_bytes(&t, junk, sizeof junk), LD_NONE);
    type(&t, "b\n");
    assert_echo(&t, "ab\n");
    assert_read(&t, "ab\n");
    assert_int_equal(linedisc_dropped(&t.ld), 0);
}

static void test_no_echo_function_means_no_echo(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    static const char keys[] = "ab\x7f"
                               "c\x15"
                               "de\x1b[A\x03"
                               "fg\n";
    for (size_t i = 0; i < sizeof keys - 1; i++)
        linedisc_input(&t.ld, keys[i], NULL, NULL);
    assert_read(&t, "fg\n");
}

/* ---------------------------------------------------------------- reads -- */

static void test_reads_smaller_than_a_line(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "hello world\nbye\n");
    assert_read_n(&t, 5, "hello");
    assert_true(linedisc_readable(&t.ld));
    assert_read_n(&t, 5, " worl");
    assert_read_n(&t, 5, "d\n"); /* the rest of the line, never into the next */
    assert_read_n(&t, 1, "b");
    assert_read_n(&t, 3, "ye\n");
    assert_false(linedisc_readable(&t.ld));
}

static void test_a_read_takes_one_line(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "one\ntwo\n\nthree\n");
    assert_read(&t, "one\n");
    assert_read(&t, "two\n");
    assert_read(&t, "\n");
    assert_read_n(&t, 6, "three\n"); /* exactly the line's size */
    assert_false(linedisc_readable(&t.ld));
}

static void test_a_read_of_nothing_takes_nothing(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "\x04"); /* end of input, waiting at the front */
    assert_read_n(&t, 0, "");
    assert_true(linedisc_readable(&t.ld)); /* still there */
    type(&t, "abc\x04");
    assert_read_n(&t, 0, "");
    assert_read(&t, "");
    assert_read_n(&t, 0, "");
    assert_read(&t, "abc");
}

/* --------------------------------------------------------------- Ctrl-D -- */

static void test_ctrl_d_at_line_start_is_end_of_input(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    assert_int_equal(type(&t, "\x04"), LD_READY);
    assert_echo(&t, ""); /* nothing echoed */
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, ""); /* 0: end of input */
    assert_false(linedisc_readable(&t.ld));
    /* The terminal goes on: the next line reads as usual. */
    type(&t, "more\n");
    assert_read(&t, "more\n");

    /* After a whole line, ^D is at the start of the next one. */
    type(&t, "last\n\x04");
    assert_read(&t, "last\n");
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, "");
    assert_false(linedisc_readable(&t.ld));
}

static void test_ctrl_d_after_text_pushes_it_without_newline(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    assert_int_equal(type(&t, "abc\x04"), LD_READY);
    assert_echo(&t, "abc");
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, "abc");
    assert_false(linedisc_readable(&t.ld)); /* no end of input after it */
    type(&t, "def\n");
    assert_read(&t, "def\n");

    /* ^D twice: the text, then the end of input (as on Unix). */
    type(&t, "xyz\x04\x04");
    assert_read(&t, "xyz");
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, "");
    assert_false(linedisc_readable(&t.ld));

    /* Not added to the history: the up arrow finds "def". */
    type(&t, "\x1b[A");
    assert_echo(&t, "def\nxyzdef");
}

static void test_ctrl_d_text_in_small_reads(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "abcd\x04");
    assert_read_n(&t, 2, "ab");
    assert_read_n(&t, 2, "cd"); /* ends exactly before the mark: takes it too */
    assert_false(linedisc_readable(&t.ld));
    type(&t, "x\n");
    assert_read(&t, "x\n");

    type(&t, "abcd\x04");
    assert_read_n(&t, 4, "abcd");
    assert_false(linedisc_readable(&t.ld));

    type(&t, "abcd\x04\x04");
    assert_read_n(&t, 3, "abc");
    assert_read_n(&t, 3, "d");
    assert_read_n(&t, 3, ""); /* the second ^D: end of input */
    assert_false(linedisc_readable(&t.ld));

    /* A '\n' ends a read before any mark after it. */
    type(&t, "ab\n\x04");
    assert_read_n(&t, 3, "ab\n");
    assert_read_n(&t, 3, "");
}

/* -------------------------------------------------------------- history -- */

static void test_history_up_and_down(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "one\ntwo\nthree\n");
    for (int i = 0; i < 3; i++)
        linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    t.echo_len = 0;

    type(&t, "fou"); /* a line being typed */
    assert_echo(&t, "fou");
    assert_int_equal(type(&t, "\x1b[A"), LD_NONE);
    assert_echo(&t, ERASE ERASE ERASE "three");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE ERASE ERASE ERASE ERASE "two");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE ERASE ERASE "one");
    type(&t, "\x1b[A\x1b[A"); /* beyond the oldest: nothing happens */
    assert_echo(&t, "");
    type(&t, "\x1b[B");
    assert_echo(&t, ERASE ERASE ERASE "two");
    type(&t, "\x1b[B");
    assert_echo(&t, ERASE ERASE ERASE "three");
    type(&t, "\x1b[B"); /* past the newest: the line as it was */
    assert_echo(&t, ERASE ERASE ERASE ERASE ERASE "fou");
    type(&t, "\x1b[B\x1b[B"); /* nothing newer */
    assert_echo(&t, "");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE ERASE ERASE "three");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE ERASE ERASE ERASE ERASE "two");
    type(&t, "\n");
    assert_echo(&t, "\n");
    assert_read(&t, "two\n");

    /* "two" is now the newest, and up starts from it again. */
    type(&t, "\x1b[A");
    assert_echo(&t, "two");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE ERASE ERASE "three");
    type(&t, "\x1b[B\x1b[B"); /* back to the line before up: empty */
    assert_echo(&t, ERASE ERASE ERASE ERASE ERASE "two" ERASE ERASE ERASE);
    type(&t, "\n");
    assert_read(&t, "\n");
}

static void test_history_up_on_an_empty_history_does_nothing(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "ab\x1b[A\x1b[B");
    assert_echo(&t, "ab");
    type(&t, "\n");
    assert_read(&t, "ab\n");
}

static void test_history_skips_empty_lines_and_repeats(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "a\n\na\nb\na\na\n");
    t.echo_len = 0;
    /* Entries, newest first: a, b, a. */
    type(&t, "\x1b[A");
    assert_echo(&t, "a");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE "b");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE "a");
    type(&t, "\x1b[A");
    assert_echo(&t, "");
}

static void test_history_keeps_the_newest_entries(void **state)
{
    (void)state;
    struct term t;
    enum { LINES = LINEDISC_HISTORY + 4 };
    term_init(&t, READY_SIZE, false);
    char line[16];
    for (int i = 0; i < LINES; i++) {
        snprintf(line, sizeof line, "l%d\n", i);
        type(&t, line);
        linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    }
    for (int i = 0; i <= LINEDISC_HISTORY; i++)
        type(&t, "\x1b[A"); /* one more than it keeps */
    type(&t, "\n");
    snprintf(line, sizeof line, "l%d\n", LINES - LINEDISC_HISTORY); /* the oldest kept */
    assert_read(&t, line);
}

static void test_a_history_line_can_be_edited(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "make\nmake test\n");
    linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    t.echo_len = 0;
    type(&t, "\x1b[A\x7f\x7f\x7f\x7f"
             "run\n");
    assert_echo(&t, "make test" ERASE ERASE ERASE ERASE "run\n");
    assert_read(&t, "make run\n");
    /* The edit is a new entry; the entry edited is as it was. */
    type(&t, "\x1b[A");
    assert_echo(&t, "make run");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE ERASE ERASE ERASE ERASE ERASE ERASE ERASE "make test");
    /* Ctrl-C leaves the history: up starts from the newest again. */
    type(&t, "\x03\x1b[A");
    assert_echo(&t, "^C\nmake run");
}

/* ----------------------------------------------------- escape sequences -- */

static void test_other_escape_sequences_are_swallowed(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "old\n");
    linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    t.echo_len = 0;
    type(&t, "ab");
    assert_int_equal(type(&t, "\x1b[C\x1b[D"), LD_NONE); /* right, left */
    type(&t, "\x1b[3~\x1b[5~\x1b[1;5A\x1b[?25h");        /* Delete, PgUp, Ctrl-Up, ... */
    type(&t, "\x1bOC\x1bx\x1b ");                        /* SS3 right; ESC and one byte */
    assert_echo(&t, "ab");
    type(&t, "c\n");
    assert_read(&t, "abc\n");
}

static void test_ss3_arrows_browse_the_history(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "old\nnew\n");
    t.echo_len = 0;
    type(&t, "\x1bOA\x1bOA\x1bOB");
    assert_echo(&t, "new" ERASE ERASE ERASE "old" ERASE ERASE ERASE "new");
}

static void test_a_control_byte_cuts_a_sequence_short(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "prev\n");
    linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    t.echo_len = 0;

    assert_int_equal(type(&t, "ab\x1b[\x03"), LD_INTERRUPT); /* Ctrl-C still works */
    assert_echo(&t, "ab^C\n");
    assert_int_equal(type(&t, "\x1b\x03"), LD_INTERRUPT);
    assert_echo(&t, "^C\n");
    type(&t, "A"); /* the sequence is over: an ordinary byte */
    assert_echo(&t, "A");
    assert_int_equal(type(&t, "\x1b[1\r"), LD_READY); /* Enter ends line and sequence */
    assert_read(&t, "A\n");
    t.echo_len = 0;
    type(&t, "\x1b[\x7f"
             "B"); /* backspace on an empty line, then a byte */
    assert_echo(&t, "B");
    type(&t, "\x1b\x1b[A"); /* a second ESC starts again: up, to "A" */
    assert_echo(&t, ERASE "A");
    type(&t, "\x1b[A");
    assert_echo(&t, ERASE "prev");
    type(&t, "\x1b[2\x1b[B"); /* even inside a CSI: down */
    assert_echo(&t, ERASE ERASE ERASE ERASE "A");
    type(&t, "\x1bO\x1b[B");
    assert_echo(&t, ERASE "B");
}

/* ------------------------------------------------------- a full FIFO -- */

#define PASTE_BYTES 10000
#define PASTE_LINE  10 /* "line 0042\n" */
#define SMALL_READY 64

/* Line i of the paste, with its '\n' and a NUL. */
static void paste_line(char out[PASTE_LINE + 1], unsigned i)
{
    snprintf(out, PASTE_LINE + 1, "line %04u\n", i % 10000u);
}

static size_t make_paste(char *paste)
{
    for (unsigned i = 0; i < PASTE_BYTES / PASTE_LINE; i++)
        paste_line(paste + i * PASTE_LINE, i);
    return PASTE_BYTES;
}

static void test_a_paste_into_a_small_fifo_counts_what_it_drops(void **state)
{
    (void)state;
    static char paste[PASTE_BYTES + 1];
    static struct term t;
    size_t n = make_paste(paste);
    term_init(&t, SMALL_READY, false);
    t.echo_len = 0;
    assert_int_equal(type_bytes(&t, paste, n), LD_READY);
    assert_echo_bytes(&t, paste, n); /* every byte echoed as typed */
    /* Six lines fit (60 bytes); the seventh keeps 3 bytes and its '\n'. */
    assert_int_equal(linedisc_dropped(&t.ld), PASTE_BYTES - SMALL_READY);
    for (unsigned i = 0; i < 6; i++) {
        char line[PASTE_LINE + 1];
        paste_line(line, i);
        assert_read(&t, line);
    }
    assert_read(&t, "lin\n");
    assert_false(linedisc_readable(&t.ld));
    assert_int_equal(linedisc_dropped(&t.ld), PASTE_BYTES - SMALL_READY);

    /* Room again: input goes on. */
    type(&t, "ok\n");
    assert_read(&t, "ok\n");
    assert_int_equal(linedisc_dropped(&t.ld), PASTE_BYTES - SMALL_READY);
}

/* A reader that takes one line after every third typed: every byte is either
 * read, still in the FIFO, or counted as dropped. */
static void test_a_paste_with_a_slow_reader_loses_nothing_silently(void **state)
{
    (void)state;
    static char paste[PASTE_BYTES + 1];
    static struct term t;
    size_t n = make_paste(paste);
    term_init(&t, SMALL_READY, false);
    size_t read_total = 0;
    int lines = 0;
    for (size_t i = 0; i < n; i++) {
        linedisc_input(&t.ld, paste[i], NULL, NULL);
        if (paste[i] == '\n' && ++lines % 3 == 0) {
            char buf[LINEDISC_LINE_MAX];
            size_t got = linedisc_read(&t.ld, buf, sizeof buf);
            assert_true(got > 0);
            assert_int_equal(buf[got - 1], '\n');
            read_total += got;
        }
    }
    uint32_t left = fifo_len(&t.ld.ready);
    assert_true(linedisc_dropped(&t.ld) > 0);
    assert_int_equal(read_total + left + linedisc_dropped(&t.ld), PASTE_BYTES);
    while (linedisc_readable(&t.ld)) {
        char buf[LINEDISC_LINE_MAX];
        size_t got = linedisc_read(&t.ld, buf, sizeof buf);
        assert_int_equal(buf[got - 1], '\n'); /* every line still ends */
        read_total += got;
    }
    assert_int_equal(read_total + linedisc_dropped(&t.ld), PASTE_BYTES);
}

static void test_a_line_end_gets_in_when_one_byte_fits(void **state)
{
    (void)state;
    struct term t;
    enum { SMALL = 8 };
    term_init(&t, SMALL, false);
    type(&t, "12345\n"); /* 6 bytes: room for 2 */
    type(&t, "abc\n");   /* keeps "a\n" */
    assert_int_equal(linedisc_dropped(&t.ld), 2);
    assert_read(&t, "12345\n");
    assert_read(&t, "a\n");

    type(&t, "1234567\n");                        /* 8: fills it exactly */
    assert_int_equal(type(&t, "xy\n"), LD_READY); /* no room at all: ended anyway */
    assert_int_equal(linedisc_dropped(&t.ld), 2 + 3);
    type(&t, "\x04"); /* a lone mark does not fit either */
    assert_int_equal(linedisc_dropped(&t.ld), 2 + 3 + 1);
    assert_read(&t, "1234567\n");
    assert_false(linedisc_readable(&t.ld));
    assert_int_equal(type(&t, "z"), LD_NONE); /* the line was ended: a new one */
    type(&t, "\n");
    assert_read(&t, "z\n");
}

static void test_ctrl_d_text_is_dropped_whole_rather_than_read_as_eof(void **state)
{
    (void)state;
    struct term t;
    enum { SMALL = 8 };
    term_init(&t, SMALL, false);
    type(&t, "123456\n"); /* 7 bytes: room for 1 */
    type(&t, "abc\x04");  /* a mark alone would read as end of input */
    assert_int_equal(linedisc_dropped(&t.ld), 4);
    assert_read(&t, "123456\n");
    assert_false(linedisc_readable(&t.ld));

    type(&t, "12345\n"); /* room for 2: one byte and the mark */
    type(&t, "abc\x04");
    assert_int_equal(linedisc_dropped(&t.ld), 4 + 2);
    assert_read(&t, "12345\n");
    assert_read(&t, "a");
    assert_false(linedisc_readable(&t.ld));

    type(&t, "123456\n"); /* room for 1: a mark alone is end of input, kept */
    type(&t, "\x7f\x04");
    assert_int_equal(linedisc_dropped(&t.ld), 4 + 2);
    assert_read(&t, "123456\n");
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, "");
}

/* ------------------------------------------------------------- raw mode -- */

static void test_raw_mode_passes_every_byte(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, true);
    assert_true(linedisc_is_raw(&t.ld));
    assert_false(linedisc_readable(&t.ld));
    static const char keys[] = "a\x7f\b\r\n\x04\x15\x1b[A\t\0\xff";
    size_t n = sizeof keys - 1;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(linedisc_input(&t.ld, keys[i], capture_echo, &t), LD_READY);
        assert_true(linedisc_readable(&t.ld)); /* from the first byte on */
    }
    assert_echo(&t, ""); /* no echo */
    char buf[32];
    assert_int_equal(linedisc_read(&t.ld, buf, 3), 3); /* up to n, '\n' or not */
    assert_memory_equal(buf, "a\x7f\b", 3);
    assert_int_equal(linedisc_read(&t.ld, buf, sizeof buf), n - 3);
    assert_memory_equal(buf, keys + 3, n - 3);
    assert_false(linedisc_readable(&t.ld));
    assert_int_equal(linedisc_read(&t.ld, buf, sizeof buf), 0);
}

static void test_raw_mode_ctrl_c_interrupts_and_is_not_stored(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, true);
    assert_int_equal(type(&t, "x\x03y"), LD_READY | LD_INTERRUPT);
    assert_int_equal(type(&t, "\x03"), LD_INTERRUPT);
    assert_echo(&t, "");
    assert_read(&t, "xy");
}

static void test_raw_mode_counts_what_a_full_fifo_drops(void **state)
{
    (void)state;
    struct term t;
    enum { SMALL = 8 };
    term_init(&t, SMALL, true);
    assert_int_equal(type(&t, "0123456789"), LD_READY);
    assert_int_equal(linedisc_dropped(&t.ld), 2);
    assert_read(&t, "01234567");
    type(&t, "ab");
    assert_read(&t, "ab");
    assert_int_equal(linedisc_dropped(&t.ld), 2);
}

/* -------------------------------------------------------- mode switches -- */

static void test_switching_modes_keeps_the_fifo(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    assert_false(linedisc_is_raw(&t.ld));
    type(&t, "ab\ncd"); /* "cd" is being edited */
    linedisc_set_raw(&t.ld, true);
    assert_true(linedisc_is_raw(&t.ld));
    type(&t, "x");
    assert_read(&t, "ab\nx"); /* "cd" was discarded */

    type(&t, "yz");
    linedisc_set_raw(&t.ld, false);
    assert_false(linedisc_is_raw(&t.ld));
    assert_false(linedisc_readable(&t.ld)); /* "yz" has no end yet */
    type(&t, "w\n");
    assert_read(&t, "yzw\n");
}

static void test_setting_the_same_mode_changes_nothing(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "ab\x1b[");
    linedisc_set_raw(&t.ld, false);
    type(&t, "A\n"); /* the sequence went on: up, with no history */
    assert_read(&t, "ab\n");
}

static void test_switching_to_raw_forgets_a_half_typed_sequence(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "\x1b[");
    linedisc_set_raw(&t.ld, true);
    linedisc_set_raw(&t.ld, false);
    type(&t, "A\n"); /* an ordinary byte now */
    assert_read(&t, "A\n");
}

static void test_the_history_survives_raw_mode(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "vi notes\n");
    linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    linedisc_set_raw(&t.ld, true);
    type(&t, "iHello\x1b:wq\r");
    linedisc_read(&t.ld, (char[READY_SIZE]){0}, READY_SIZE);
    linedisc_set_raw(&t.ld, false);
    t.echo_len = 0;
    type(&t, "\x1b[A");
    assert_echo(&t, "vi notes");
}

static void test_marks_and_raw_bytes_across_a_switch(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, false);
    type(&t, "\x04");
    linedisc_set_raw(&t.ld, true);
    assert_read(&t, "\x04"); /* the mark, as a byte */

    type(&t, "q\x04"
             "r\n");
    linedisc_set_raw(&t.ld, false);
    assert_true(linedisc_readable(&t.ld));
    assert_read(&t, "q"); /* the raw ^D ends a cooked read */
    assert_read(&t, "r\n");
    assert_false(linedisc_readable(&t.ld));
}

/* A cooked read that fills its buffer before the line's end says that the
 * line goes on (linedisc_in_line), so that a reader taking a long line in
 * chunks (kernel/tty.c) goes on to its end, and no further: not when the
 * line ended just there, with its '\n' or a mark. */
static void test_a_read_inside_a_line_says_so(void **state)
{
    (void)state;
    struct term t;
    term_init(&t, READY_SIZE, true);
    type(&t, "abcdef\n"
             "ghi\x04"
             "next\n");
    linedisc_set_raw(&t.ld, false);
    assert_false(linedisc_in_line(&t.ld));
    assert_read_n(&t, 4, "abcd");
    assert_true(linedisc_in_line(&t.ld));
    assert_read_n(&t, 3, "ef\n");
    assert_false(linedisc_in_line(&t.ld));
    assert_read_n(&t, 3, "ghi"); /* full, and the mark after it taken too */
    assert_false(linedisc_in_line(&t.ld));
    assert_read_n(&t, 2, "ne");
    assert_true(linedisc_in_line(&t.ld));
    linedisc_set_raw(&t.ld, true);
    assert_false(linedisc_in_line(&t.ld)); /* raw reads have no lines */
}

static void test_a_fifo_size_that_is_not_a_power_of_two_is_refused(void **state)
{
    (void)state;
    struct linedisc ld;
    char buf[100];
    assert_false(linedisc_init(&ld, buf, sizeof buf, false));
    assert_int_equal(linedisc_input(&ld, 'a', NULL, NULL), LD_NONE);
    assert_int_equal(linedisc_input(&ld, '\n', NULL, NULL), LD_READY);
    assert_int_equal(linedisc_dropped(&ld), 2); /* counted, never silently lost */
    assert_false(linedisc_readable(&ld));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_printable_bytes_and_tab_are_appended_and_echoed),
        cmocka_unit_test(test_cr_or_lf_ends_the_line),
        cmocka_unit_test(test_a_full_line_rings_the_bell),
        cmocka_unit_test(test_backspace_removes_the_last_byte),
        cmocka_unit_test(test_ctrl_u_erases_the_whole_line),
        cmocka_unit_test(test_ctrl_c_discards_the_line_and_interrupts),
        cmocka_unit_test(test_other_control_bytes_are_ignored),
        cmocka_unit_test(test_no_echo_function_means_no_echo),
        cmocka_unit_test(test_reads_smaller_than_a_line),
        cmocka_unit_test(test_a_read_takes_one_line),
        cmocka_unit_test(test_a_read_of_nothing_takes_nothing),
        cmocka_unit_test(test_ctrl_d_at_line_start_is_end_of_input),
        cmocka_unit_test(test_ctrl_d_after_text_pushes_it_without_newline),
        cmocka_unit_test(test_ctrl_d_text_in_small_reads),
        cmocka_unit_test(test_history_up_and_down),
        cmocka_unit_test(test_history_up_on_an_empty_history_does_nothing),
        cmocka_unit_test(test_history_skips_empty_lines_and_repeats),
        cmocka_unit_test(test_history_keeps_the_newest_entries),
        cmocka_unit_test(test_a_history_line_can_be_edited),
        cmocka_unit_test(test_other_escape_sequences_are_swallowed),
        cmocka_unit_test(test_ss3_arrows_browse_the_history),
        cmocka_unit_test(test_a_control_byte_cuts_a_sequence_short),
        cmocka_unit_test(test_a_paste_into_a_small_fifo_counts_what_it_drops),
        cmocka_unit_test(test_a_paste_with_a_slow_reader_loses_nothing_silently),
        cmocka_unit_test(test_a_line_end_gets_in_when_one_byte_fits),
        cmocka_unit_test(test_ctrl_d_text_is_dropped_whole_rather_than_read_as_eof),
        cmocka_unit_test(test_raw_mode_passes_every_byte),
        cmocka_unit_test(test_raw_mode_ctrl_c_interrupts_and_is_not_stored),
        cmocka_unit_test(test_raw_mode_counts_what_a_full_fifo_drops),
        cmocka_unit_test(test_switching_modes_keeps_the_fifo),
        cmocka_unit_test(test_setting_the_same_mode_changes_nothing),
        cmocka_unit_test(test_switching_to_raw_forgets_a_half_typed_sequence),
        cmocka_unit_test(test_the_history_survives_raw_mode),
        cmocka_unit_test(test_marks_and_raw_bytes_across_a_switch),
        cmocka_unit_test(test_a_read_inside_a_line_says_so),
        cmocka_unit_test(test_a_fifo_size_that_is_not_a_power_of_two_is_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
