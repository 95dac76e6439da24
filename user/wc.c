/* user/wc.c: count the lines, words and bytes of its input, or of files of
 * the initrd, as Unix's wc does:
 *
 *     cat motd.txt | wc     count what comes through the pipeline
 *     wc motd.txt           count a file ("lines words bytes motd.txt")
 *
 * A word is a run of characters between blanks (spaces, tabs, newlines). */
#include <stdbool.h>
#include "user/lib/coop.h"

#define BUF_SIZE 512

struct counts {
    int lines, words, bytes;
    bool in_word; /* the last byte counted was part of a word */
};

static bool is_blank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/* Count n more bytes. */
static void count(struct counts *c, const char *buf, int n)
{
    for (int i = 0; i < n; i++) {
        c->lines += buf[i] == '\n';
        if (is_blank(buf[i]))
            c->in_word = false;
        else if (!c->in_word) {
            c->in_word = true;
            c->words++;
        }
    }
    c->bytes += n;
}

/* Count everything handle `in` has, and print it after `name` (NULL: the
 * input, which has no name). Returns 0, or 1 on error. */
static int wc(int in, const char *name)
{
    struct counts c = {0};
    char buf[BUF_SIZE];
    int n;
    while ((n = read(in, buf, sizeof buf)) > 0)
        count(&c, buf, n);
    if (n < 0) {
        dprintf(FD_STDERR, "wc: %s: %s\n", name ? name : "input", strerror(n));
        return 1;
    }
    printf("%7d %7d %7d%s%s\n", c.lines, c.words, c.bytes, name ? " " : "", name ? name : "");
    return 0;
}

int main(int argc, char **argv)
{
    return filter_main(argc, argv, wc);
}
