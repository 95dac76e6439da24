/* user/lib/shparse.h: the shell's command-line parser (user/sh.c): it turns
 * a line such as
 *
 *     cat motd.txt | wc &
 *
 * into a pipeline of commands, each with its words (argv), and whether it
 * runs in the background. Pure C with no system calls, so that it is tested
 * on the host (tests/unit/test_shparse.c).
 *
 * The grammar, all of it (docs/shell.md says the same for users):
 *   - blanks (spaces, tabs, and the line's '\r' or '\n') separate words;
 *   - '...' and "..." quote: everything up to the closing quote is part of
 *     the word, blanks and special characters too. The two are the same but
 *     for which quote ends them (there are no variables or escapes in
 *     "..."). Quoted and unquoted parts next to each other make one word:
 *     a'b c'd is the word "ab cd"; '' is an empty word;
 *   - '|' between two commands joins them into a pipeline;
 *   - '&' as the last thing on the line runs the pipeline in the background;
 *   - < > ; $ ` ( ) and \ (unquoted) are rejected, each with a message that
 *     says what coop's shell has instead; every other character is part of
 *     a word. */
#pragma once
#include <stdbool.h>
#include "lib/linedisc.h"
#include "lib/syscalls.h"

/* The limits. A line is at most the console's (lib/linedisc.h), but for its
 * '\n'; a command's words, its name included, are spawnv's argv. */
#define SH_LINE_MAX  (LINEDISC_LINE_MAX - 1)
#define SH_WORDS_MAX SPAWN_MAX_ARGS
#define SH_CMDS_MAX  8 /* commands in one pipeline */

/* What sh_parse found wrong with a line (0: nothing). */
enum sh_parse_error {
    SH_OK = 0,
    SH_ERR_TOO_LONG,       /* more than SH_LINE_MAX characters */
    SH_ERR_TOO_MANY_WORDS, /* a command of more than SH_WORDS_MAX words */
    SH_ERR_TOO_MANY_CMDS,  /* a pipeline of more than SH_CMDS_MAX commands */
    SH_ERR_EMPTY_COMMAND,  /* nothing before or after a '|', or before the '&' */
    SH_ERR_UNCLOSED_QUOTE, /* a ' or " with no partner */
    SH_ERR_AMP_NOT_LAST,   /* something after the '&' */
    SH_ERR_REDIRECT,       /* < or > */
    SH_ERR_SEQUENCE,       /* ; */
    SH_ERR_SUBSTITUTION,   /* $ or ` */
    SH_ERR_SUBSHELL,       /* ( or ) */
    SH_ERR_BACKSLASH,      /* \ */
    SH_ERR_COUNT
};

/* One command of a pipeline: argv[0] is the program (or builtin), argv[argc]
 * is NULL, as spawnv wants it. */
struct sh_command {
    int argc;
    char *argv[SH_WORDS_MAX + 1];
};

/* A parsed line. The words point into `words`, the struct's own copy of
 * them, so the line that was parsed may go away. */
struct sh_pipeline {
    int ncmds; /* 0 for a line with nothing on it */
    bool background;
    struct sh_command cmds[SH_CMDS_MAX];
    int error_at;                /* after an error: the offset in the line where it was found */
    char words[SH_LINE_MAX + 1]; /* the words, each NUL-terminated: never more than the line */
};

/* sh_parse: parse the NUL-terminated `line` into *p. Returns SH_OK, with
 * p->ncmds commands (0 when the line is blank), or an sh_parse_error, with
 * p->error_at the offset of the character at fault (for SH_ERR_TOO_LONG:
 * SH_LINE_MAX; for a missing command or an unclosed quote: where it should
 * have been, or the quote) and p->ncmds 0. */
int sh_parse(const char *line, struct sh_pipeline *p);

/* sh_parse_strerror: what the error means, for the user, in a few words
 * ("no redirection: coop has no file system; use cat FILE | ..."); "unknown
 * error" for a number that is none. */
const char *sh_parse_strerror(int err);
