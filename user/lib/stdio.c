/* user/lib/stdio.c: printf and friends for user programs, on lib/fmt.c's
 * formatting engine and the write() system call.
 *
 * Each call formats into a buffer on its own stack and hands the text to the
 * kernel in as few write()s as possible: one, unless it is longer than the
 * buffer. A write() runs to the end without giving up the CPU, so a line
 * printed by one printf is never cut in two by another task's output, under
 * either scheduler. Nothing is buffered between calls: there is no fflush. */
#include "user/lib/coop.h"
#include "lib/fmt.h"

#define OUT_BUF_SIZE 256 /* bytes per write(): a few lines of text */

/* Output on its way to a file descriptor. */
struct out {
    int fd;
    int len;   /* bytes waiting in buf */
    int total; /* bytes written so far */
    int err;   /* the first error write() returned, or 0 */
    char buf[OUT_BUF_SIZE];
};

/* Hand what is in o->buf to the kernel. */
static void out_flush(struct out *o)
{
    if (o->len > 0 && o->err == 0) {
        int n = write(o->fd, o->buf, o->len);
        if (n < 0)
            o->err = n;
        else
            o->total += n;
    }
    o->len = 0;
}

/* fmt_putc_fn: one char into the buffer, flushing when it is full. */
static void out_putc(char c, void *ctx)
{
    struct out *o = ctx;
    if (o->len == OUT_BUF_SIZE)
        out_flush(o);
    o->buf[o->len++] = c;
}

int vdprintf(int fd, const char *fmt, va_list ap)
{
    struct out o = {.fd = fd};
    fmt_vformat(out_putc, &o, fmt, ap);
    out_flush(&o);
    return o.err ? o.err : o.total;
}

int dprintf(int fd, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(fd, fmt, ap);
    va_end(ap);
    return n;
}

int vprintf(const char *fmt, va_list ap)
{
    return vdprintf(FD_STDOUT, fmt, ap);
}

int printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vdprintf(FD_STDOUT, fmt, ap);
    va_end(ap);
    return n;
}

int puts(const char *s)
{
    return printf("%s\n", s);
}

int putchar(int c)
{
    char ch = (char)c;
    int n = write(FD_STDOUT, &ch, 1);
    return n < 0 ? n : (unsigned char)ch;
}

int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    return fmt_vsnprintf(buf, size, fmt, ap);
}

int snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
