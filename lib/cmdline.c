/* lib/cmdline.c: the kernel command-line parser. The line comes from the boot
 * loader, so nothing here assumes it is well formed. */
#include "lib/cmdline.h"
#include "lib/string.h"

#define DECIMAL_BASE 10
#define UINT_LARGEST (~0u)

static bool is_blank(char c)
{
    return c == ' ' || c == '\t';
}

static const char *skip_blanks(const char *p)
{
    while (is_blank(*p))
        p++;
    return p;
}

/* The length of the word at p: up to the next blank or the end. */
static size_t word_length(const char *p)
{
    size_t n = 0;
    while (p[n] && !is_blank(p[n]))
        n++;
    return n;
}

static bool is_end_of_options(const char *word, size_t len)
{
    return len == 2 && word[0] == '-' && word[1] == '-';
}

bool cmdline_next(const char **cursor, struct cmdline_word *word)
{
    if (!*cursor)
        return false;
    const char *p = skip_blanks(*cursor);
    size_t len = word_length(p);
    *cursor = p;
    if (len == 0 || is_end_of_options(p, len))
        return false;

    word->key = p;
    word->key_len = len;
    word->value = NULL;
    word->value_len = 0;
    word->has_value = false;
    for (size_t i = 0; i < len; i++) {
        if (p[i] == '=') {
            word->key_len = i;
            word->value = p + i + 1;
            word->value_len = len - i - 1;
            word->has_value = true;
            break;
        }
    }
    *cursor = p + len;
    return true;
}

bool cmdline_word_is(const struct cmdline_word *w, const char *key)
{
    return w->key_len == strlen(key) && memcmp(w->key, key, w->key_len) == 0;
}

bool cmdline_find(const char *line, const char *key, struct cmdline_word *word)
{
    struct cmdline_word w;
    bool found = false;
    while (cmdline_next(&line, &w)) {
        if (cmdline_word_is(&w, key)) {
            *word = w;
            found = true;
        }
    }
    return found;
}

int cmdline_get_uint(const char *line, const char *key, unsigned *out)
{
    struct cmdline_word w;
    if (!cmdline_find(line, key, &w))
        return -1;
    if (!w.has_value || w.value_len == 0)
        return -2;
    unsigned v = 0;
    for (size_t i = 0; i < w.value_len; i++) {
        char c = w.value[i];
        if (c < '0' || c > '9')
            return -2;
        unsigned digit = (unsigned)(c - '0');
        /* Would v * 10 + digit pass the largest unsigned? */
        if (v > (UINT_LARGEST - digit) / DECIMAL_BASE)
            return -2;
        v = v * DECIMAL_BASE + digit;
    }
    *out = v;
    return 0;
}

const char *cmdline_rest(const char *line)
{
    struct cmdline_word w;
    const char *cursor = line;
    while (cmdline_next(&cursor, &w))
        continue;
    /* cmdline_next stopped either at the end or on the `--` word. */
    if (!cursor || *cursor == '\0')
        return NULL;
    return skip_blanks(cursor + 2);
}

int cmdline_split(char *buf, char **argv, int max_args)
{
    int count = 0;
    char *p = buf;
    for (;;) {
        while (is_blank(*p))
            p++;
        if (*p == '\0')
            break;
        if (count >= max_args) {
            argv[count] = NULL;
            return -1;
        }
        argv[count++] = p;
        p += word_length(p);
        if (*p)
            *p++ = '\0';
    }
    argv[count] = NULL;
    return count;
}
