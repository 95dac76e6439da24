/* user/lib/shparse.c: the shell's command-line parser: words, quotes, '|'
 * and a trailing '&' (the grammar is in user/lib/shparse.h). One pass over
 * the line, copying each word, without its quotes, into the pipeline's own
 * buffer. */
#include "user/lib/shparse.h"
#include <stddef.h>

/* The characters with a meaning in Unix shells that this one does not have,
 * and what the user hears instead of a silent surprise. */
static const struct {
    char c;
    enum sh_parse_error err;
} unsupported[] = {
    {'<', SH_ERR_REDIRECT},     {'>', SH_ERR_REDIRECT},     {';', SH_ERR_SEQUENCE},
    {'$', SH_ERR_SUBSTITUTION}, {'`', SH_ERR_SUBSTITUTION}, {'(', SH_ERR_SUBSHELL},
    {')', SH_ERR_SUBSHELL},     {'\\', SH_ERR_BACKSLASH},
};

#define UNSUPPORTED (int)(sizeof unsupported / sizeof unsupported[0])

static const char *const messages[SH_ERR_COUNT] = {
    [SH_OK] = "no error",
    [SH_ERR_TOO_LONG] = "line too long",
    [SH_ERR_TOO_MANY_WORDS] = "too many words in one command",
    [SH_ERR_TOO_MANY_CMDS] = "too many commands in one pipeline",
    [SH_ERR_EMPTY_COMMAND] = "a command is missing (before or after '|', or before '&')",
    [SH_ERR_UNCLOSED_QUOTE] = "a quote is not closed",
    [SH_ERR_AMP_NOT_LAST] = "'&' goes only at the end of the line",
    [SH_ERR_REDIRECT] = "no redirection: coop has no file system; use cat FILE | ...",
    [SH_ERR_SEQUENCE] = "no ';': one command line at a time",
    [SH_ERR_SUBSTITUTION] = "no variables or command substitution ($, `)",
    [SH_ERR_SUBSHELL] = "no subshells or grouping: quote ( and ) to pass them on as they are",
    [SH_ERR_BACKSLASH] = "no backslash escapes: quote with '...' or \"...\"",
};

const char *sh_parse_strerror(int err)
{
    if (err < 0 || err >= SH_ERR_COUNT)
        return "unknown error";
    return messages[err];
}

/* The parse in progress: where it is in the line, and in p->words. */
struct parser {
    const char *line;
    int at;  /* the next character of the line */
    int out; /* the next free byte of p->words */
    struct sh_pipeline *p;
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* The error an unquoted c stands for, or SH_OK if it is an ordinary character. */
static int unsupported_error(char c)
{
    for (int i = 0; i < UNSUPPORTED; i++)
        if (unsupported[i].c == c)
            return unsupported[i].err;
    return SH_OK;
}

/* Does an unquoted c end a word? */
static bool ends_word(char c)
{
    return c == '\0' || is_blank(c) || c == '|' || c == '&' || unsupported_error(c) != SH_OK;
}

static void skip_blanks(struct parser *ps)
{
    while (is_blank(ps->line[ps->at]))
        ps->at++;
}

/* Give up on the line: error `err`, found at offset `at`. */
static int fail(struct sh_pipeline *p, int err, int at)
{
    p->ncmds = 0;
    p->background = false;
    p->error_at = at;
    return err;
}

/* Copy a quoted part, ps->at on its opening quote, up to the closing one
 * (both dropped). Returns SH_OK or SH_ERR_UNCLOSED_QUOTE. */
static int copy_quoted(struct parser *ps)
{
    char quote = ps->line[ps->at];
    int start = ps->at++;
    while (ps->line[ps->at] != quote) {
        if (ps->line[ps->at] == '\0')
            return fail(ps->p, SH_ERR_UNCLOSED_QUOTE, start);
        ps->p->words[ps->out++] = ps->line[ps->at++];
    }
    ps->at++;
    return SH_OK;
}

/* Copy one word into p->words, NUL-terminated, and add it to cmd. Each byte
 * copied stands for at least one byte of the line, and the NUL for the byte
 * that ended the word, so p->words (one more than the longest line) always
 * has room. */
static int add_word(struct parser *ps, struct sh_command *cmd)
{
    if (cmd->argc == SH_WORDS_MAX)
        return fail(ps->p, SH_ERR_TOO_MANY_WORDS, ps->at);
    cmd->argv[cmd->argc++] = &ps->p->words[ps->out];
    while (!ends_word(ps->line[ps->at])) {
        char c = ps->line[ps->at];
        if (c == '\'' || c == '"') {
            int err = copy_quoted(ps);
            if (err != SH_OK)
                return err;
        } else {
            ps->p->words[ps->out++] = c;
            ps->at++;
        }
    }
    ps->p->words[ps->out++] = '\0';
    return SH_OK;
}

/* A '&' at ps->at: the line must end after it, blanks aside. If it does
 * not, the error points at the '&', which is what is out of place. */
static int take_ampersand(struct parser *ps, const struct sh_command *cmd)
{
    if (cmd->argc == 0)
        return fail(ps->p, SH_ERR_EMPTY_COMMAND, ps->at);
    int amp = ps->at++;
    skip_blanks(ps);
    if (ps->line[ps->at] != '\0')
        return fail(ps->p, SH_ERR_AMP_NOT_LAST, amp);
    ps->p->background = true;
    return SH_OK;
}

/* The line's length, or SH_LINE_MAX + 1 if it is longer than SH_LINE_MAX
 * (without reading further than that). */
static int line_length(const char *line)
{
    int n = 0;
    while (n <= SH_LINE_MAX && line[n] != '\0')
        n++;
    return n;
}

int sh_parse(const char *line, struct sh_pipeline *p)
{
    *p = (struct sh_pipeline){0};
    if (line_length(line) > SH_LINE_MAX)
        return fail(p, SH_ERR_TOO_LONG, SH_LINE_MAX);
    struct parser ps = {.line = line, .p = p};
    struct sh_command *cmd = &p->cmds[0];
    int err = SH_OK;
    for (skip_blanks(&ps); err == SH_OK && line[ps.at] != '\0' && !p->background;
         skip_blanks(&ps)) {
        char c = line[ps.at];
        if (c == '|') {
            if (cmd->argc == 0)
                return fail(p, SH_ERR_EMPTY_COMMAND, ps.at);
            if (cmd == &p->cmds[SH_CMDS_MAX - 1])
                return fail(p, SH_ERR_TOO_MANY_CMDS, ps.at);
            cmd++;
            ps.at++;
        } else if (c == '&') {
            err = take_ampersand(&ps, cmd);
        } else if (unsupported_error(c) != SH_OK) {
            return fail(p, unsupported_error(c), ps.at);
        } else {
            err = add_word(&ps, cmd);
        }
    }
    if (err != SH_OK)
        return err;
    if (cmd->argc == 0 && cmd != &p->cmds[0])
        return fail(p, SH_ERR_EMPTY_COMMAND, ps.at); /* "a |": nothing after the '|' */
    p->ncmds = cmd->argc == 0 ? 0 : (int)(cmd - p->cmds) + 1;
    return SH_OK;
}
