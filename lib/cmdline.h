/* lib/cmdline.h: parses the kernel command line, e.g.
 * "init=sh sched=preempt test -- one two": words separated by blanks (spaces
 * and tabs), each `key=value` or a bare `key`; a word that is exactly `--`
 * ends the options, and the text after it is the init program's arguments.
 * Nothing is copied: words point into the line. */
#pragma once
#include <stdbool.h>
#include <stddef.h>

/* One word. key and value point into the line and are NOT NUL-terminated:
 * use the lengths (printf's "%.*s" prints them). */
struct cmdline_word {
    const char *key;
    size_t key_len;
    const char *value; /* just after the first '=' (empty if the word ends there) */
    size_t value_len;
    bool has_value; /* false for a bare `key` (no '='); then value is NULL */
};

/* cmdline_next: read the word at *cursor into *word and advance *cursor past
 * it. Start with *cursor = the line. Returns false, leaving *word alone, at
 * the end of the line or at a `--` word (where *cursor then stays, so calling
 * again returns false again). A NULL *cursor is an empty line. */
bool cmdline_next(const char **cursor, struct cmdline_word *word);

/* cmdline_find: find the option `key` before any `--`. If it occurs more than
 * once, the last occurrence wins (as on Linux). Returns true and fills *word
 * if found, false otherwise. */
bool cmdline_find(const char *line, const char *key, struct cmdline_word *word);

/* cmdline_get_uint: read option `key` as a decimal number, e.g. "hz=100".
 * Returns 0 and sets *out on success, -1 if the key is absent, -2 if its value
 * is missing, empty, not all digits or above the largest unsigned (then *out
 * is left alone). */
int cmdline_get_uint(const char *line, const char *key, unsigned *out);

/* cmdline_rest: the text after the `--` word, with leading blanks skipped (an
 * empty string if nothing follows it), or NULL if the line has no `--`. */
const char *cmdline_rest(const char *line);

/* cmdline_split: split buf in place into blank-separated words (no quoting):
 * the blank after each word becomes a NUL and argv[i] points at word i.
 * max_args must be >= 0, and argv must have room for max_args + 1 pointers.
 * Returns the number of words, with argv[count] = NULL; or -1 if there are
 * more than max_args words (then argv holds the first max_args, then NULL). */
int cmdline_split(char *buf, char **argv, int max_args);

/* cmdline_word_is: true if w's key is exactly `key`. */
bool cmdline_word_is(const struct cmdline_word *w, const char *key);
