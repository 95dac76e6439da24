/* kernel/console.c: the kernel's own output: kprintf, on the console
 * terminal (kernel/tty.c: COM1 and the VGA screen), written at once. */
#include "kernel/console.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/vga.h"
#include "kernel/tty.h"
#include "lib/fmt.h"
#include <stdarg.h>

void console_init(void)
{
    uart_init(COM1);
    vga_init();
}

void console_write(const char *s, size_t n)
{
    tty_write_kernel(tty_console(), s, (uint32_t)n);
}

static void console_putc_fmt(char c, void *ctx)
{
    (void)ctx;
    console_write(&c, 1);
}

int kprintf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vformat(console_putc_fmt, NULL, fmt, ap);
    va_end(ap);
    return n;
}
