/* lib/fmt.h: the printf engine shared by the kernel's console (kprintf) and
 * the user library (printf), plus snprintf into a buffer. */
#pragma once
#include <stdarg.h>
#include <stddef.h>

/* Where formatted output goes, one char at a time; ctx is passed through. */
typedef void fmt_putc_fn(char c, void *ctx);

/* fmt_vformat: format like vprintf, calling out(c, ctx) for each char.
 * Conversions: %d %i %u %x %X %o %c %s %p %%, with the flags - 0 + space #,
 * a width and a precision (either may be *), and the length modifiers hh h l
 * ll z. %p is "0x" and every hex digit of the pointer; %s of NULL is "(null)";
 * an unknown conversion is printed as it was written ("%y").
 * Returns the number of chars emitted. */
int fmt_vformat(fmt_putc_fn *out, void *ctx, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* fmt_vsnprintf: format into buf, a buffer of size bytes, like C99's
 * vsnprintf: at most size - 1 chars are stored and buf is NUL-terminated when
 * size > 0 (buf may be NULL when size is 0). Returns the length the whole
 * output would have, so it was truncated if the result is >= size. */
int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* fmt_snprintf: fmt_vsnprintf with the arguments given directly. */
int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
