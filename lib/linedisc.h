/* lib/linedisc.h: the line discipline of a terminal (the console, a serial
 * line): what each byte typed does before a program reads it, in cooked mode
 * (line editing, echo, history) or raw mode (every byte as it comes). */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "lib/fifo.h"

#define LINEDISC_LINE_MAX 256  /* a line, with its '\n' */
#define LINEDISC_HISTORY  16   /* lines kept for the arrow keys */
#define LINEDISC_EOF      0x04 /* Ctrl-D; in the ready FIFO, the end-of-input mark */

/* What a byte typed did, as bits that may be or-ed together. */
enum linedisc_event {
    LD_NONE = 0,
    LD_READY = 1,     /* input for read() was completed: wake the readers */
    LD_INTERRUPT = 2, /* Ctrl-C: end the foreground job */
};

/* The terminal's output, for the echo: write the n bytes at s. */
typedef void linedisc_echo_fn(void *ctx, const char *s, size_t n);

/* One line of text, without its '\n'. */
struct linedisc_line {
    uint32_t len; /* at most LINEDISC_LINE_MAX - 1 */
    char text[LINEDISC_LINE_MAX];
};

/* Everything a terminal's line discipline keeps, but the storage of the
 * ready FIFO, so that the kernel can have one static struct per terminal
 * (about 4.7 KiB). Read it only through the functions below. It has no lock:
 * when linedisc_input runs in an interrupt handler, keep that interrupt out
 * around the other calls. */
struct linedisc {
    bool raw;
    struct fifo ready;          /* input that read() can take */
    uint32_t delims;            /* '\n' and LINEDISC_EOF bytes in `ready`: where cooked reads end */
    uint32_t dropped;           /* bytes lost because `ready` was full, since init */
    struct linedisc_line line;  /* the line being edited */
    struct linedisc_line saved; /* the line as it was before the first up arrow */
    uint8_t escape;             /* how far into an escape sequence the input is */
    bool escape_params;         /* the sequence "ESC [" had parameter bytes */
    struct linedisc_line history[LINEDISC_HISTORY]; /* a ring of past lines */
    uint32_t history_count;                         /* entries held, up to LINEDISC_HISTORY */
    uint32_t history_next;                          /* the slot the next entry goes in */
    uint32_t browse; /* 0: editing a new line; k: showing the k-th newest entry */
    bool in_line;    /* the last cooked read filled its buffer inside a line */
};

/* linedisc_init: set up ld in raw or cooked mode with an empty line, no
 * history, nothing dropped, and a ready FIFO over ready_buf (ready_size
 * bytes, a power of two). Returns false if ready_size is not a power of two:
 * ld then drops every byte meant for read(). */
bool linedisc_init(struct linedisc *ld, char *ready_buf, uint32_t ready_size, bool raw);

/* linedisc_input: one byte typed at the terminal. Echo, if any, goes out
 * through echo(ctx, ...) before it returns (echo may be NULL: no echo).
 * Returns the linedisc_event bits the byte caused.
 *
 * Cooked mode:
 *   - 0x20-0x7e or '\t': appended to the line and echoed. When the line is
 *     full (LINEDISC_LINE_MAX - 1 bytes: room is kept for its '\n') the byte
 *     is not appended and "\a" is echoed instead.
 *   - '\r' or '\n' ends the line: "\n" is echoed, the line and a '\n' go to
 *     the ready FIFO, the line (if not empty, and not the same as the newest
 *     entry) is added to the history, and LD_READY is returned.
 *   - Ctrl-D (LINEDISC_EOF) ends the line without a '\n': its text, then an
 *     end-of-input mark, go to the ready FIFO, nothing is echoed, the history
 *     is left alone, and LD_READY is returned. See linedisc_read for what the
 *     reader sees.
 *   - When the ready FIFO has no room for a whole line and its end (the '\n'
 *     or the mark), the line's last bytes are dropped so that the end still
 *     goes in; with no room at all, all of it is dropped (and so is text
 *     ended by Ctrl-D when not one byte of it fits: its mark alone would
 *     read as the end of input). The line is ended all the same, and
 *     linedisc_dropped counts every byte lost.
 *   - Backspace (0x7f or 0x08): the line's last byte is removed and "\b \b"
 *     echoed; nothing happens on an empty line. Ctrl-U (0x15) erases the
 *     whole line, echoing "\b \b" once per byte (a '\t' counts as one).
 *   - Ctrl-C (0x03): the line is discarded, "^C\n" echoed, and LD_INTERRUPT
 *     returned. It never becomes input; what is already in the ready FIFO
 *     stays.
 *   - Up arrow (ESC [ A, or ESC O A): the line is replaced by the previous
 *     history entry, older at each press (nothing happens at the oldest).
 *     Down arrow (ESC [ B, or ESC O B): by the next newer entry, and after the
 *     newest by the line as it was before the first up. The echo erases the
 *     line shown ("\b \b" per byte) and prints the new one. A line taken from
 *     the history can be edited; up or down then shows another entry and
 *     forgets the edits.
 *   - Every other escape sequence is swallowed without effect: ESC [, any
 *     parameter bytes 0x20-0x3f, and a final byte 0x40-0x7e (right and left
 *     arrows, ESC [ 3 ~ for Delete, ...); ESC O and one byte; ESC and one
 *     other byte 0x20-0x7e. (So Escape pressed alone swallows the next
 *     printable byte: nothing tells it from the start of a sequence.) A byte
 *     outside 0x20-0x7e ends a sequence unfinished and is then taken as
 *     usual, so Ctrl-C always interrupts.
 *   - Any other byte (other control bytes, 0x80-0xff) is ignored.
 *
 * Raw mode: every byte but Ctrl-C goes into the ready FIFO as it is (dropped
 * and counted if the FIFO is full), with no echo, editing or history, and
 * LD_READY is returned. Ctrl-C returns LD_INTERRUPT and is not stored. */
int linedisc_input(struct linedisc *ld, char c, linedisc_echo_fn *echo, void *ctx);

/* linedisc_readable: would linedisc_read have something to say? In cooked
 * mode: true when the ready FIFO holds a '\n' or an end-of-input mark (a
 * whole line, text ended by Ctrl-D, or the end of input). In raw mode: true
 * when it holds any byte. */
bool linedisc_readable(const struct linedisc *ld);

/* linedisc_read: take input for a reader into buf (n bytes) and return how
 * many bytes were put there.
 *
 * Cooked mode: at most one line: the bytes up to and including the first
 * '\n', or the bytes before an end-of-input mark, or the first n bytes if the
 * line is longer (the rest stays for the next read). A mark is taken along
 * with the text it ends, so that "abc" then Ctrl-D reads as "abc" and the
 * read after it sees what is typed next (however small the reads that took
 * the text). A mark with no text before it (Ctrl-D at the start of a line)
 * is taken alone and the result is 0: end of input; the read after it goes
 * on with what follows. When linedisc_readable is false, or n is 0, it takes
 * nothing and returns 0, which then does not mean end of input: wait for
 * linedisc_readable first.
 *
 * Raw mode: up to n bytes, as they came; 0 if there are none.
 *
 * Input left in the ready FIFO across linedisc_set_raw is read by the new
 * mode's rules: a mark reads as the byte LINEDISC_EOF in raw mode, and a
 * LINEDISC_EOF or '\n' typed in raw mode ends a cooked read. */
size_t linedisc_read(struct linedisc *ld, char *buf, size_t n);

/* linedisc_in_line: did the last read stop inside a line, a cooked read
 * that filled its buffer before the line's '\n' or mark? Then the rest of
 * that line is the next read's. A reader that takes a line in chunks reads
 * on while this is true (a line typed in raw mode may be as long as the
 * ready FIFO). False after a read that ended a line, a raw read, and a
 * change of mode. */
bool linedisc_in_line(const struct linedisc *ld);

/* linedisc_set_raw: switch to raw (true) or cooked (false) mode. The ready
 * FIFO is kept as it is. Switching to raw mode discards the line being
 * edited (without echo) and any half-typed escape sequence; the history is
 * kept for the return to cooked mode. Setting the mode ld is already in
 * changes nothing. */
void linedisc_set_raw(struct linedisc *ld, bool raw);

/* linedisc_is_raw: true in raw mode. */
bool linedisc_is_raw(const struct linedisc *ld);

/* linedisc_dropped: how many bytes meant for read() were lost because the
 * ready FIFO was full, since linedisc_init. */
uint32_t linedisc_dropped(const struct linedisc *ld);
