/* lib/linedisc.c: the line discipline (lib/linedisc.h): cooked mode edits a
 * line and hands it to the ready FIFO when it ends; raw mode hands on every
 * byte. An escape-sequence state machine picks out the arrow keys. */
#include "lib/linedisc.h"
#include "lib/string.h"

#define CTRL_C          0x03
#define CTRL_U          0x15
#define BACKSPACE       0x08
#define DEL             0x7f
#define ESC             0x1b
#define BELL            '\a'
#define PRINTABLE_FIRST 0x20
#define PRINTABLE_LAST  0x7e

/* Escape sequences (ECMA-48): ESC [ (the CSI), parameter bytes, a final byte;
 * or ESC O (SS3, what terminals send for arrows in "application" mode) and
 * one byte; or ESC and one byte. */
#define CSI_INTRO   '['
#define SS3_INTRO   'O'
#define FINAL_FIRST 0x40 /* final bytes 0x40-0x7e; 0x20-0x3f are parameters */
#define ARROW_UP    'A'
#define ARROW_DOWN  'B'

enum escape_state {
    ESCAPE_NONE,  /* not in a sequence */
    ESCAPE_START, /* after ESC */
    ESCAPE_CSI,   /* after ESC [ and any parameter bytes */
    ESCAPE_SS3,   /* after ESC O */
};

static const char ERASE[] = "\b \b"; /* back over a byte, blank it, back again */
static const char INTERRUPT_ECHO[] = "^C\n";

/* Where echo goes: the caller's function and its context. */
struct echo {
    linedisc_echo_fn *fn;
    void *ctx;
};

static void echo_bytes(const struct echo *e, const char *s, size_t n)
{
    if (e->fn)
        e->fn(e->ctx, s, n);
}

static void echo_byte(const struct echo *e, char c)
{
    echo_bytes(e, &c, 1);
}

static bool is_printable(char c)
{
    return c >= PRINTABLE_FIRST && c <= PRINTABLE_LAST;
}

/* A byte at which a cooked read ends. */
static bool is_delim(int c)
{
    return c == '\n' || c == LINEDISC_EOF;
}

/* ---------------------------------------------------------- ready FIFO -- */

/* Every byte meant for read() goes in here, so that delims and dropped stay
 * true to what the FIFO holds. */
static void ready_put(struct linedisc *ld, char c)
{
    if (!fifo_put(&ld->ready, c))
        ld->dropped++;
    else if (is_delim(c))
        ld->delims++;
}

/* Every byte read() takes comes out here; -1 if there is none. */
static int ready_take(struct linedisc *ld)
{
    int c = fifo_get(&ld->ready);
    if (is_delim(c))
        ld->delims--;
    return c;
}

/* Hand the line to the reader, followed by `end` ('\n' or the mark), keeping
 * room for `end` by dropping the line's last bytes if it must. */
static void ready_put_line(struct linedisc *ld, const struct linedisc_line *l, char end)
{
    uint32_t room = fifo_space(&ld->ready);
    uint32_t keep = room == 0 ? 0 : room - 1;
    if (keep > l->len)
        keep = l->len;
    /* Text ended by Ctrl-D with none of it kept would leave a lone mark,
     * which reads as the end of input: drop it all instead. */
    if (room == 0 || (end == LINEDISC_EOF && l->len > 0 && keep == 0)) {
        ld->dropped += l->len + 1;
        return;
    }
    ld->dropped += l->len - keep;
    for (uint32_t i = 0; i < keep; i++)
        ready_put(ld, l->text[i]);
    ready_put(ld, end);
}

/* ------------------------------------------------------------- history -- */

/* The k-th newest entry, k = 1 .. history_count. */
static const struct linedisc_line *history_entry(const struct linedisc *ld, uint32_t k)
{
    return &ld->history[(ld->history_next + LINEDISC_HISTORY - k) % LINEDISC_HISTORY];
}

static bool line_equal(const struct linedisc_line *a, const struct linedisc_line *b)
{
    return a->len == b->len && memcmp(a->text, b->text, a->len) == 0;
}

/* Remember the line just ended, unless it is empty or repeats the newest. */
static void history_add(struct linedisc *ld)
{
    if (ld->line.len == 0)
        return;
    if (ld->history_count > 0 && line_equal(&ld->line, history_entry(ld, 1)))
        return;
    ld->history[ld->history_next] = ld->line;
    ld->history_next = (ld->history_next + 1) % LINEDISC_HISTORY;
    if (ld->history_count < LINEDISC_HISTORY)
        ld->history_count++;
}

/* ---------------------------------------------------------------- line -- */

static void line_append(struct linedisc *ld, char c, const struct echo *e)
{
    if (ld->line.len >= LINEDISC_LINE_MAX - 1) {
        echo_byte(e, BELL);
        return;
    }
    ld->line.text[ld->line.len++] = c;
    echo_byte(e, c);
}

static void line_rubout(struct linedisc *ld, const struct echo *e)
{
    if (ld->line.len == 0)
        return;
    ld->line.len--;
    echo_bytes(e, ERASE, sizeof ERASE - 1);
}

static void line_erase(struct linedisc *ld, const struct echo *e)
{
    while (ld->line.len > 0)
        line_rubout(ld, e);
}

/* Replace the line on the screen and in ld with *l. */
static void line_show(struct linedisc *ld, const struct linedisc_line *l, const struct echo *e)
{
    line_erase(ld, e);
    ld->line = *l;
    echo_bytes(e, ld->line.text, ld->line.len);
}

/* Start a new line: the next up arrow begins at the newest entry again. */
static void line_reset(struct linedisc *ld)
{
    ld->line.len = 0;
    ld->browse = 0;
}

static int line_end(struct linedisc *ld, const struct echo *e)
{
    echo_byte(e, '\n');
    ready_put_line(ld, &ld->line, '\n');
    history_add(ld);
    line_reset(ld);
    return LD_READY;
}

static int line_end_of_input(struct linedisc *ld)
{
    ready_put_line(ld, &ld->line, LINEDISC_EOF);
    line_reset(ld);
    return LD_READY;
}

static int line_interrupt(struct linedisc *ld, const struct echo *e)
{
    echo_bytes(e, INTERRUPT_ECHO, sizeof INTERRUPT_ECHO - 1);
    line_reset(ld);
    return LD_INTERRUPT;
}

/* The up arrow: one entry older, saving the new line on the way in. */
static void line_older(struct linedisc *ld, const struct echo *e)
{
    if (ld->browse == ld->history_count)
        return;
    if (ld->browse == 0)
        ld->saved = ld->line;
    ld->browse++;
    line_show(ld, history_entry(ld, ld->browse), e);
}

/* The down arrow: one entry newer, and past the newest, the saved line. */
static void line_newer(struct linedisc *ld, const struct echo *e)
{
    if (ld->browse == 0)
        return;
    ld->browse--;
    line_show(ld, ld->browse == 0 ? &ld->saved : history_entry(ld, ld->browse), e);
}

/* ----------------------------------------------------- escape sequences -- */

/* The final byte of a sequence: only the plain arrows up and down act. */
static void escape_final(struct linedisc *ld, char c, bool plain, const struct echo *e)
{
    ld->escape = ESCAPE_NONE;
    if (plain && c == ARROW_UP)
        line_older(ld, e);
    else if (plain && c == ARROW_DOWN)
        line_newer(ld, e);
}

/* Feed c to the escape-sequence state machine. Returns true if c was part of
 * a sequence; false if the caller should take it as an ordinary byte (no
 * sequence was under way, or c, not printable, cut one short). An ESC always
 * starts a new sequence, even in the middle of one. */
static bool escape_input(struct linedisc *ld, char c, const struct echo *e)
{
    if (c == ESC) {
        ld->escape = ESCAPE_START;
        return true;
    }
    if (ld->escape == ESCAPE_NONE)
        return false;
    if (!is_printable(c)) {
        ld->escape = ESCAPE_NONE;
        return false;
    }
    switch (ld->escape) {
    case ESCAPE_START:
        ld->escape = c == CSI_INTRO ? ESCAPE_CSI : c == SS3_INTRO ? ESCAPE_SS3 : ESCAPE_NONE;
        ld->escape_params = false;
        break;
    case ESCAPE_CSI:
        if (c < FINAL_FIRST)
            ld->escape_params = true;
        else
            escape_final(ld, c, !ld->escape_params, e);
        break;
    case ESCAPE_SS3:
        escape_final(ld, c, true, e);
        break;
    }
    return true;
}

/* ---------------------------------------------------------------- modes -- */

static int cooked_input(struct linedisc *ld, char c, const struct echo *e)
{
    if (escape_input(ld, c, e))
        return LD_NONE;
    switch (c) {
    case '\r':
    case '\n':
        return line_end(ld, e);
    case LINEDISC_EOF:
        return line_end_of_input(ld);
    case CTRL_C:
        return line_interrupt(ld, e);
    case DEL:
    case BACKSPACE:
        line_rubout(ld, e);
        return LD_NONE;
    case CTRL_U:
        line_erase(ld, e);
        return LD_NONE;
    }
    if (is_printable(c) || c == '\t')
        line_append(ld, c, e);
    return LD_NONE;
}

static int raw_input(struct linedisc *ld, char c)
{
    if (c == CTRL_C)
        return LD_INTERRUPT;
    ready_put(ld, c);
    return LD_READY;
}

/* A cooked read: one line, or the text before a mark, or n bytes of it. */
static size_t cooked_read(struct linedisc *ld, char *buf, size_t n)
{
    if (ld->delims == 0 || n == 0)
        return 0;
    size_t got = 0;
    ld->in_line = false;
    while (got < n) {
        int c = ready_take(ld);
        if (c == LINEDISC_EOF || c < 0)
            return got;
        buf[got++] = (char)c;
        if (c == '\n')
            return got;
    }
    /* Full before the line's end: if a mark ends the text just taken, take
     * it too, or the next read would find it alone and see end of input. */
    if (fifo_peek(&ld->ready, 0) == LINEDISC_EOF)
        ready_take(ld);
    else
        ld->in_line = true; /* the rest, its '\n' at least, is the next read's */
    return got;
}

static size_t raw_read(struct linedisc *ld, char *buf, size_t n)
{
    size_t got = 0;
    ld->in_line = false;
    int c;
    while (got < n && (c = ready_take(ld)) >= 0)
        buf[got++] = (char)c;
    return got;
}

/* ------------------------------------------------------------ interface -- */

bool linedisc_init(struct linedisc *ld, char *ready_buf, uint32_t ready_size, bool raw)
{
    ld->raw = raw;
    ld->delims = 0;
    ld->dropped = 0;
    ld->in_line = false;
    ld->escape = ESCAPE_NONE;
    ld->escape_params = false;
    ld->history_count = 0;
    ld->history_next = 0;
    line_reset(ld);
    return fifo_init(&ld->ready, ready_buf, ready_size);
}

int linedisc_input(struct linedisc *ld, char c, linedisc_echo_fn *echo, void *ctx)
{
    struct echo e = {echo, ctx};
    return ld->raw ? raw_input(ld, c) : cooked_input(ld, c, &e);
}

bool linedisc_readable(const struct linedisc *ld)
{
    return ld->raw ? fifo_len(&ld->ready) > 0 : ld->delims > 0;
}

size_t linedisc_read(struct linedisc *ld, char *buf, size_t n)
{
    return ld->raw ? raw_read(ld, buf, n) : cooked_read(ld, buf, n);
}

void linedisc_set_raw(struct linedisc *ld, bool raw)
{
    if (raw == ld->raw)
        return;
    ld->raw = raw;
    ld->in_line = false;
    ld->escape = ESCAPE_NONE;
    line_reset(ld);
}

bool linedisc_in_line(const struct linedisc *ld)
{
    return ld->in_line;
}

bool linedisc_is_raw(const struct linedisc *ld)
{
    return ld->raw;
}

uint32_t linedisc_dropped(const struct linedisc *ld)
{
    return ld->dropped;
}
