/* tests/boot/t_write.c: write(h, buf, n) to the console: the count it
 * returns, and -EBADF, -EFAULT, -EINVAL. What it writes is TAP comments
 * ("# ..."), which the harness shows but does not count. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define PAGE_SIZE     4096
#define KERNEL_ADDR   0x00100000
#define UNMAPPED_ADDR 0x1000

static const char line[] = "# write to stdout\n";
static const char err_line[] = "# write to stderr\n";

int main(void)
{
    tap_plan(14);
    int n = (int)strlen(line);
    tap_is(write(FD_STDOUT, line, n), n, "write to FD_STDOUT returns n");
    tap_is(write(FD_STDERR, err_line, n), n, "write to FD_STDERR returns n");
    tap_is(write(FD_STDOUT, line, 0), 0, "writing 0 bytes returns 0");
    tap_is(write(FD_STDOUT, NULL, 0), 0, "even from NULL");

    /* A buffer across a page boundary, in fresh heap pages. */
    char *heap = (char *)sbrk(2 * PAGE_SIZE);
    char *text = heap + PAGE_SIZE - 10;
    const char *across = "# this line crosses a page boundary\n";
    int len = (int)strlen(across);
    memcpy(text, across, (size_t)len);
    tap_is(write(FD_STDOUT, text, len), len, "a buffer across two pages");

    tap_is(write(FD_STDIN, line, n), n, "handle 0 is the console too: writing to it works");
    tap_is(write(3, line, n), -EBADF, "handle 3 is not open: -EBADF");
    tap_is(write(-1, line, n), -EBADF, "handle -1: -EBADF");
    tap_is(write(HANDLE_MAX, line, n), -EBADF, "handle HANDLE_MAX: -EBADF");
    tap_is(write(FD_STDOUT, line, -1), -EINVAL, "n < 0: -EINVAL");
    tap_is(write(FD_STDOUT, (void *)UNMAPPED_ADDR, 4), -EFAULT, "an unmapped buffer: -EFAULT");
    tap_is(write(FD_STDOUT, (void *)KERNEL_ADDR, 4), -EFAULT, "a kernel buffer: -EFAULT");
    /* The end of the heap: the first bytes are ours, the rest is not mapped. */
    char *end = heap + 2 * PAGE_SIZE;
    memcpy(end - 4, "# x\n", 4);
    tap_is(write(FD_STDOUT, end - 4, 8), -EFAULT, "a buffer running off the heap: -EFAULT");
    tap_is(write(FD_STDOUT, (void *)0xFFFFFFF0u, 32), -EFAULT,
           "a buffer wrapping around the top of memory: -EFAULT");
    return tap_done();
}
