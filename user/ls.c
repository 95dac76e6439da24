/* user/ls.c: the files of the initrd, which files() lists (coop has no
 * directories: the initrd is one flat archive).
 *
 *     ls        the programs and the data files, in columns, in alphabetical
 *               order (files() gives them in the archive's order, which is
 *               tar's, with the test files made after it at the end)
 *     ls -l     one a line: program or data, size in bytes, name
 *     ls -a     the programs' symbol tables (NAME.sym) too: the kernel
 *               reads them to name functions in fault messages
 *
 * A "program" is a file spawnv() can start; anything else is data, which
 * cat prints. */
#include "user/lib/coop.h"
#include <stdbool.h>

#define SCREEN_WIDTH 80 /* the console's columns */
#define COLUMN_GAP   2
#define SYMTAB_END   ".sym"

static bool ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcmp(s + n - k, suffix) == 0;
}

/* The widest name of column c, when n files go down `rows` rows. */
static size_t column_width(const struct file_info *const *files, int n, int rows, int c)
{
    size_t widest = 0;
    for (int i = c * rows; i < n && i < (c + 1) * rows; i++)
        if (strlen(files[i]->name) > widest)
            widest = strlen(files[i]->name);
    return widest;
}

/* Do n files' names fit the screen in `cols` columns, each as wide as its
 * widest name and a gap (the last without one)? */
static bool columns_fit(const struct file_info *const *files, int n, int cols)
{
    int rows = (n + cols - 1) / cols;
    size_t width = 0;
    for (int c = 0; c < cols && c * rows < n; c++)
        width += column_width(files, n, rows, c) + (c + 1 < cols ? COLUMN_GAP : 0);
    return width <= SCREEN_WIDTH;
}

/* Print the names of `files` (n of them) down the screen in as many columns
 * as fit, each as wide as its own widest name, as ls does: fewer rows on the
 * screen. */
static void columns(const struct file_info *const *files, int n)
{
    int cols = n > 0 ? n : 1;
    while (cols > 1 && !columns_fit(files, n, cols))
        cols--;
    int rows = (n + cols - 1) / cols;
    for (int r = 0; r < rows; r++) {
        for (int c = 0; c < cols; c++) {
            int i = c * rows + r;
            if (i >= n)
                break;
            if (c == cols - 1 || i + rows >= n)
                printf("%s\n", files[i]->name); /* the row's last: no blanks after it */
            else
                printf("%-*s", (int)(column_width(files, n, rows, c) + COLUMN_GAP), files[i]->name);
        }
    }
}

/* Sort n files into their names' strcmp order: insertion, as the initrd
 * holds a few hundred at most. */
static void files_sort(const struct file_info **files, int n)
{
    for (int i = 1; i < n; i++) {
        const struct file_info *f = files[i];
        int j = i;
        for (; j > 0 && strcmp(files[j - 1]->name, f->name) > 0; j--)
            files[j] = files[j - 1];
        files[j] = f;
    }
}

static int usage(void)
{
    dprintf(FD_STDERR, "usage: ls [-l] [-a]\n");
    return 2;
}

int main(int argc, char **argv)
{
    bool longer = false, all = false;
    for (int i = 1; i < argc; i++) {
        if (argv[i][0] != '-' || argv[i][1] == '\0')
            return usage();
        for (const char *o = argv[i] + 1; *o; o++) {
            if (*o == 'l')
                longer = true;
            else if (*o == 'a')
                all = true;
            else
                return usage();
        }
    }
    /* How many there are, then all of them. */
    struct file_info none;
    int n = files(&none, 0);
    struct file_info *list = n > 0 ? malloc((size_t)n * sizeof *list) : NULL;
    const struct file_info **sorted = n > 0 ? malloc((size_t)n * sizeof *sorted) : NULL;
    if (n > 0 && (!list || !sorted)) {
        dprintf(FD_STDERR, "ls: no memory for %d files\n", n);
        return 1;
    }
    int got = n > 0 ? files(list, n) : n;
    if (got < 0) {
        dprintf(FD_STDERR, "ls: %s\n", strerror(got));
        return 1;
    }
    n = got < n ? got : n; /* the initrd does not change: got is n */
    int shown = 0;
    for (int i = 0; i < n; i++)
        if (all || !ends_with(list[i].name, SYMTAB_END))
            sorted[shown++] = &list[i];
    files_sort(sorted, shown);
    if (!longer) {
        columns(sorted, shown);
        return 0;
    }
    for (int i = 0; i < shown; i++)
        printf("%-7s %8u  %s\n", sorted[i]->flags & FILE_INFO_PROGRAM ? "program" : "data",
               sorted[i]->size, sorted[i]->name);
    return 0;
}
