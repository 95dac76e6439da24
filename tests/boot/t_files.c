/* tests/boot/t_files.c: files(buf, max), the kernel's `ls`: an entry for
 * every file of the initrd, in archive order, with its name (as open()
 * and spawnv() take it), its size (what reading it to the end gives) and
 * whether spawnv() can start it; the count when max is smaller (nothing
 * written past max); the listing's errors (tests/boot/testkit.h). */
#include "tests/boot/testkit.h"

#define LIST_MAX 512
#define SENTINEL 0x5a
#define CHUNK    4096

static struct file_info list[LIST_MAX];
static char chunk[CHUNK];

static const struct file_info *find(int n, const char *name)
{
    for (int i = 0; i < n && i < LIST_MAX; i++)
        if (strcmp(list[i].name, name) == 0)
            return &list[i];
    return NULL;
}

/* How many bytes reading `name` to its end gives, or the error. */
static int read_all(const char *name)
{
    int h = open(name);
    if (h < 0)
        return h;
    int total = 0, n;
    while ((n = read(h, chunk, sizeof chunk)) > 0)
        total += n;
    close(h);
    return n < 0 ? n : total;
}

static int files_call(void *buf, int max)
{
    return files(buf, max);
}

/* Each file as the listing says: its name opens it, it is as long as its
 * size, and it is a program if and only if the listing says so (spawnv
 * refuses the others with -ENOEXEC; programs are not started here, they
 * would run). */
static void each_file(int n)
{
    int opened = 0, sized = 0, named = 0;
    for (int i = 0; i < n; i++) {
        const struct file_info *f = &list[i];
        named += f->name[0] != '\0' && f->name[0] != '.' && f->name[0] != '/' &&
                 strlen(f->name) < FILE_INFO_NAME_LEN;
        int len = read_all(f->name);
        opened += len >= 0;
        sized += len == (int)f->size;
    }
    tap_is(named, n, "every name is a name, without a leading ./ or /");
    tap_is(opened, n, "every file opens by its name");
    tap_is(sized, n, "every file is as long as its size");
    int refused = 0, data = 0;
    for (int i = 0; i < n; i++) {
        if (list[i].flags & FILE_INFO_PROGRAM)
            continue;
        data++;
        refused += spawnv(list[i].name, NULL) == -ENOEXEC;
    }
    tap_ok(data > 0 && refused == data, "spawnv refuses every file not marked a program (%d of %d)",
           refused, data);
}

int main(void)
{
    tap_plan(20);
    struct counters before = counters_now();
    int n = files(list, LIST_MAX);
    tap_ok(n > 0 && n <= LIST_MAX, "files() lists the initrd: %d files", n);
    if (n <= 0 || n > LIST_MAX)
        return tap_done();

    const struct file_info *hello = find(n, "hello"), *motd = find(n, "motd.txt");
    const struct file_info *sym = find(n, "hello.sym"), *bad = find(n, "bad-empty-0x1");
    tap_ok(hello && hello->flags == FILE_INFO_PROGRAM, "hello is a program");
    tap_ok(motd && motd->flags == 0 && motd->size == (unsigned)read_all("motd.txt"),
           "motd.txt is data, of its size (%u)", motd ? motd->size : 0);
    tap_ok(sym && sym->flags == 0, "hello.sym, hello's symbol table, is data");
    tap_ok(bad && bad->flags == 0, "bad-empty-0x1, an ELF file spawnv refuses, is data");
    each_file(n);

    memset(list, SENTINEL, sizeof list);
    tap_is(files(list, 2), n, "max 2: still says how many there are");
    const unsigned char *past = (const unsigned char *)&list[2];
    int untouched = 1;
    for (size_t i = 0; i < sizeof(struct file_info); i++)
        untouched &= past[i] == SENTINEL;
    tap_ok(list[0].name[0] && list[1].name[0] && untouched, "and fills only 2 entries");

    tap_listing_errors(files_call, sizeof(struct file_info), "files");
    tap_ok(counters_same(before), "nothing leaked");
    return tap_done();
}
