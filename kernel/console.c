/* kernel/console.c: the console is COM1 and VGA text together; serial lines
 * end in \r\n so that a raw terminal shows them properly. */
#include "kernel/console.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/vga.h"
#include "lib/fmt.h"
#include <stdarg.h>

void console_init(void)
{
    uart_init();
    vga_init();
}

static void console_putc(char c)
{
    if (c == '\n')
        uart_putc('\r');
    uart_putc(c);
    vga_putc(c);
}

void console_write(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        console_putc(s[i]);
}

static void console_putc_fmt(char c, void *ctx)
{
    (void)ctx;
    console_putc(c);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vformat(console_putc_fmt, NULL, fmt, ap);
    va_end(ap);
    return n;
}
