/* tests/boot/t_open.c: open(path): files of the initrd (with or without a
 * leading /, a program file too) and terminals ("dev/console"; the serial
 * lines only when QEMU has them, which the booted tests' QEMU does not);
 * the lowest free handle each time; every error: -ENOENT, -EINVAL,
 * -EFAULT, -EMFILE when the program's 512 handles are taken, -EAGAIN when
 * 256 files are open, and no file record lost to a failed open. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE   4096
#define KERNEL_ADDR 0x00100000
#define FILE_MAX    256 /* files open at once, in all programs (kernel/file.c) */
#define PATH_MAX    64  /* PROGRAM_PATH_MAX: with its NUL */

static int opened[HANDLE_MAX];

static void names(void)
{
    int f = open("motd.txt");
    tap_is(f, 3, "a file: the lowest free handle, 3");
    tap_is(open("/motd.txt"), 4, "with a leading /: 4");
    int p = open("t_open");
    char magic[4];
    tap_ok(p == 5 && read(p, magic, 4) == 4 && memcmp(magic, "\177ELF", 4) == 0,
           "a program's file opens as a file: its ELF magic");
    close(4);
    int c = open("dev/console");
    tap_is(c, 4, "dev/console: the lowest free handle again, 4");
    tap_is(ioctl(c, TTY_GET_RAW, 0), 0, "a terminal, in line mode");
    tap_is(write(c, "# hello through dev/console\n", 28), 28, "writing to it");
    close(c);
    close(p);
    close(f);
    tap_is(open("dev/com2"), -ENOENT, "dev/com2 with no COM2 in QEMU: -ENOENT");
    tap_is(open("dev/com5"), -ENOENT, "dev/com5: -ENOENT");
    tap_is(open("dev/"), -ENOENT, "dev/: -ENOENT");
    tap_is(open("dev/console/x"), -ENOENT, "dev/console/x: -ENOENT");
    tap_is(open("nosuch.txt"), -ENOENT, "no such file: -ENOENT");
    tap_is(open(""), -EINVAL, "an empty path: -EINVAL");
    char path[PATH_MAX + 1];
    memset(path, 'a', PATH_MAX - 1);
    path[PATH_MAX - 1] = 0;
    tap_is(open(path), -ENOENT, "63 bytes: a name that can be, but is not: -ENOENT");
    memset(path, 'a', PATH_MAX);
    path[PATH_MAX] = 0;
    tap_is(open(path), -EINVAL, "64 bytes: -EINVAL");
    tap_is(open(NULL), -EFAULT, "NULL: -EFAULT");
    tap_is(open((void *)KERNEL_ADDR), -EFAULT, "a path in the kernel: -EFAULT");
    char *heap = (char *)sbrk(PAGE_SIZE);
    memset(heap + PAGE_SIZE - 4, 'm', 4); /* no NUL before the break */
    tap_is(open(heap + PAGE_SIZE - 4), -EFAULT, "a path running past the break: -EFAULT");
    sbrk(-PAGE_SIZE);
}

static void limits(void)
{
    /* The handle table: 509 more after 0, 1 and 2. */
    int n = 0, r;
    while ((r = open("dev/console")) >= 0)
        opened[n++] = r;
    tap_is(r, -EMFILE, "terminals until the table is full: -EMFILE");
    tap_is(n, HANDLE_MAX - 3, "after %d of them", HANDLE_MAX - 3);
    int lost = 0;
    for (int i = 0; i < FILE_MAX + 10; i++)
        lost += open("motd.txt") != -EMFILE;
    tap_is(lost, 0, "a file with the table full: -EMFILE, %d times", FILE_MAX + 10);
    for (int i = 0; i < n; i++)
        close(opened[i]);

    /* The file table: 256 files open at once, and no record was lost
     * to the -EMFILEs above. */
    n = 0;
    while (n < HANDLE_MAX && (r = open("motd.txt")) >= 0)
        opened[n++] = r;
    tap_is(r, -EAGAIN, "files until the kernel's table is full: -EAGAIN");
    tap_is(n, FILE_MAX, "after %d of them", FILE_MAX);
    int c = open("dev/console");
    tap_ok(c >= 0, "a terminal still opens: it is no file");
    close(c);
    close(opened[0]);
    tap_is(open("motd.txt"), opened[0], "one closed: one opens again, in its handle");
    for (int i = 0; i < n; i++)
        close(opened[i]);
}

int main(void)
{
    tap_plan(25);
    struct counters before = counters_now();
    names();
    limits();
    tap_ok(counters_same(before), "no handle left open");
    return tap_done();
}
