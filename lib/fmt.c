/* lib/fmt.c: the printf engine. One conversion at a time: parse its flags,
 * width, precision and length, fetch the argument, then emit it padded. */
#include "lib/fmt.h"
#include <stdbool.h>
#include <stdint.h>

#define FLAG_LEFT  0x01 /* '-': pad on the right */
#define FLAG_ZERO  0x02 /* '0': pad numbers with zeros */
#define FLAG_PLUS  0x04 /* '+': "+" before non-negative signed numbers */
#define FLAG_SPACE 0x08 /* ' ': " " before non-negative signed numbers */
#define FLAG_ALT   0x10 /* '#': "0x" before hex, a leading 0 for octal */

#define NO_PRECISION (-1)

/* Widths and precisions beyond this are clamped, so that parsing "%99999999999d"
 * cannot overflow an int. */
#define FMT_FIELD_MAX 1000000

/* Enough digits for a 64-bit number in octal (22), the smallest base. */
#define DIGITS_MAX 24

enum length { LEN_INT, LEN_CHAR, LEN_SHORT, LEN_LONG, LEN_LLONG, LEN_SIZE };

/* One conversion specification, as parsed from the format. */
struct spec {
    unsigned flags;
    int width;
    int precision; /* NO_PRECISION if none was given */
    enum length length;
};

/* The output channel and how many chars went through it. */
struct sink {
    fmt_putc_fn *out;
    void *ctx;
    size_t count;
};

static void emit(struct sink *s, char c)
{
    s->out(c, s->ctx);
    s->count++;
}

static void emit_repeat(struct sink *s, char c, int n)
{
    for (int i = 0; i < n; i++)
        emit(s, c);
}

static void emit_n(struct sink *s, const char *str, int n)
{
    for (int i = 0; i < n; i++)
        emit(s, str[i]);
}

/* Emit the len chars at str, padded with spaces to the spec's width. */
static void emit_padded(struct sink *s, const struct spec *sp, const char *str, int len)
{
    int pad = sp->width > len ? sp->width - len : 0;
    if (!(sp->flags & FLAG_LEFT))
        emit_repeat(s, ' ', pad);
    emit_n(s, str, len);
    if (sp->flags & FLAG_LEFT)
        emit_repeat(s, ' ', pad);
}

/* Emit an integer for conversion conv (d i u x X o p), given as its magnitude
 * and whether it is negative. The field is laid out as
 *   [spaces] [sign] [prefix] [zeros] digits [spaces]
 * where the zeros come from the precision or, with the '0' flag, fill the
 * width. */
static void emit_number(struct sink *s, const struct spec *sp, char conv, uint64_t magnitude,
                        bool negative)
{
    unsigned base = conv == 'o' ? 8 : (conv == 'x' || conv == 'X' || conv == 'p') ? 16 : 10;
    const char *digit_chars = conv == 'X' ? "0123456789ABCDEF" : "0123456789abcdef";
    bool is_signed = conv == 'd' || conv == 'i';

    char digits[DIGITS_MAX];
    int ndigits = 0;
    /* C says "%.0d" of zero prints no digits at all. */
    for (uint64_t v = magnitude; v != 0 || (ndigits == 0 && sp->precision != 0); v /= base)
        digits[ndigits++] = digit_chars[v % base];

    char sign = 0;
    if (negative)
        sign = '-';
    else if (is_signed && (sp->flags & FLAG_PLUS))
        sign = '+';
    else if (is_signed && (sp->flags & FLAG_SPACE))
        sign = ' ';

    const char *prefix = "";
    if (conv == 'p' || ((sp->flags & FLAG_ALT) && base == 16 && magnitude != 0))
        prefix = conv == 'X' ? "0X" : "0x";
    int prefix_len = prefix[0] ? 2 : 0;

    int zeros = sp->precision > ndigits ? sp->precision - ndigits : 0;
    /* '#' with octal: make sure the first digit printed is a 0. */
    if ((sp->flags & FLAG_ALT) && base == 8 && zeros == 0 &&
        (ndigits == 0 || digits[ndigits - 1] != '0'))
        zeros = 1;

    int len = (sign ? 1 : 0) + prefix_len + zeros + ndigits;
    int pad = sp->width > len ? sp->width - len : 0;
    /* The '0' flag is ignored with '-' or an explicit precision. */
    if ((sp->flags & FLAG_ZERO) && !(sp->flags & FLAG_LEFT) && sp->precision == NO_PRECISION) {
        zeros += pad;
        pad = 0;
    }

    if (!(sp->flags & FLAG_LEFT))
        emit_repeat(s, ' ', pad);
    if (sign)
        emit(s, sign);
    emit_n(s, prefix, prefix_len);
    emit_repeat(s, '0', zeros);
    while (ndigits > 0)
        emit(s, digits[--ndigits]);
    if (sp->flags & FLAG_LEFT)
        emit_repeat(s, ' ', pad);
}

/* Fetch a signed argument of the spec's length, widened to 64 bits. */
static int64_t arg_signed(const struct spec *sp, va_list *ap)
{
    switch (sp->length) {
    case LEN_CHAR:
        return (signed char)va_arg(*ap, int);
    case LEN_SHORT:
        return (short)va_arg(*ap, int);
    case LEN_LONG:
        return va_arg(*ap, long);
    case LEN_LLONG:
        return va_arg(*ap, long long);
    case LEN_SIZE:
        return va_arg(*ap, ptrdiff_t); /* the signed type as wide as size_t */
    case LEN_INT:
    default:
        return va_arg(*ap, int);
    }
}

/* Fetch an unsigned argument of the spec's length, widened to 64 bits. */
static uint64_t arg_unsigned(const struct spec *sp, va_list *ap)
{
    switch (sp->length) {
    case LEN_CHAR:
        return (unsigned char)va_arg(*ap, unsigned);
    case LEN_SHORT:
        return (unsigned short)va_arg(*ap, unsigned);
    case LEN_LONG:
        return va_arg(*ap, unsigned long);
    case LEN_LLONG:
        return va_arg(*ap, unsigned long long);
    case LEN_SIZE:
        return va_arg(*ap, size_t);
    case LEN_INT:
    default:
        return va_arg(*ap, unsigned);
    }
}

/* Parse a run of decimal digits at *p, clamped to FMT_FIELD_MAX. */
static int parse_number(const char **p)
{
    int n = 0;
    while (**p >= '0' && **p <= '9') {
        if (n < FMT_FIELD_MAX)
            n = n * 10 + (**p - '0');
        (*p)++;
    }
    return n < FMT_FIELD_MAX ? n : FMT_FIELD_MAX;
}

/* Parse flags, width, precision and length after a '%'; *p ends on the
 * conversion character. Takes '*' arguments from ap. */
static void parse_spec(const char **p, struct spec *sp, va_list *ap)
{
    sp->flags = 0;
    for (;; (*p)++) {
        if (**p == '-')
            sp->flags |= FLAG_LEFT;
        else if (**p == '0')
            sp->flags |= FLAG_ZERO;
        else if (**p == '+')
            sp->flags |= FLAG_PLUS;
        else if (**p == ' ')
            sp->flags |= FLAG_SPACE;
        else if (**p == '#')
            sp->flags |= FLAG_ALT;
        else
            break;
    }

    sp->width = 0;
    if (**p == '*') {
        (*p)++;
        int w = va_arg(*ap, int);
        /* A negative width from '*' means '-' and its magnitude. */
        if (w < 0) {
            sp->flags |= FLAG_LEFT;
            w = w < -FMT_FIELD_MAX ? FMT_FIELD_MAX : -w;
        }
        sp->width = w < FMT_FIELD_MAX ? w : FMT_FIELD_MAX;
    } else {
        sp->width = parse_number(p);
    }

    sp->precision = NO_PRECISION;
    if (**p == '.') {
        (*p)++;
        if (**p == '*') {
            (*p)++;
            int prec = va_arg(*ap, int);
            /* A negative precision from '*' counts as none. */
            sp->precision = prec < 0 ? NO_PRECISION : prec < FMT_FIELD_MAX ? prec : FMT_FIELD_MAX;
        } else {
            sp->precision = parse_number(p); /* "." alone means 0 */
        }
    }

    sp->length = LEN_INT;
    if (**p == 'h') {
        (*p)++;
        sp->length = LEN_SHORT;
        if (**p == 'h') {
            (*p)++;
            sp->length = LEN_CHAR;
        }
    } else if (**p == 'l') {
        (*p)++;
        sp->length = LEN_LONG;
        if (**p == 'l') {
            (*p)++;
            sp->length = LEN_LLONG;
        }
    } else if (**p == 'z') {
        (*p)++;
        sp->length = LEN_SIZE;
    }
}

int fmt_vformat(fmt_putc_fn *out, void *ctx, const char *fmt, va_list ap)
{
    struct sink s = {out, ctx, 0};
    /* va_list may be an array type (it is on x86-64): helpers take a pointer
     * to a copy so that what they consume is consumed here too. */
    va_list args;
    va_copy(args, ap);

    const char *p = fmt;
    while (*p) {
        if (*p != '%') {
            emit(&s, *p++);
            continue;
        }
        const char *start = p++;
        struct spec sp;
        parse_spec(&p, &sp, &args);
        char conv = *p;
        if (conv)
            p++;

        switch (conv) {
        case 'd':
        case 'i': {
            int64_t v = arg_signed(&sp, &args);
            /* Negate in unsigned arithmetic: -INT64_MIN does not fit in int64. */
            emit_number(&s, &sp, conv, v < 0 ? -(uint64_t)v : (uint64_t)v, v < 0);
            break;
        }
        case 'u':
        case 'x':
        case 'X':
        case 'o':
            emit_number(&s, &sp, conv, arg_unsigned(&sp, &args), false);
            break;
        case 'p': {
            /* "0x" and every digit of the address, so that columns line up. */
            struct spec ptr = {sp.flags & FLAG_LEFT, sp.width, (int)(sizeof(void *) * 2), LEN_INT};
            emit_number(&s, &ptr, conv, (uintptr_t)va_arg(args, void *), false);
            break;
        }
        case 'c': {
            char c = (char)va_arg(args, int);
            emit_padded(&s, &sp, &c, 1);
            break;
        }
        case 's': {
            const char *str = va_arg(args, const char *);
            if (!str)
                str = "(null)";
            /* Never read past the precision: "%.*s" may print part of a buffer
             * that has no NUL (a word of the kernel command line, say). */
            int len = 0;
            while ((sp.precision == NO_PRECISION || len < sp.precision) && str[len])
                len++;
            emit_padded(&s, &sp, str, len);
            break;
        }
        case '%':
            emit(&s, '%');
            break;
        default:
            /* Unknown (or a '%' at the very end): print it as written. */
            emit_n(&s, start, (int)(p - start));
            break;
        }
    }
    va_end(args);
    return s.count < (size_t)INT32_MAX ? (int)s.count : INT32_MAX;
}

/* Where fmt_vsnprintf's chars go: into buf while there is room, always
 * counting. */
struct buffer {
    char *buf;
    size_t size;
    size_t len;
};

static void buffer_putc(char c, void *ctx)
{
    struct buffer *b = ctx;
    if (b->len + 1 < b->size)
        b->buf[b->len] = c;
    b->len++;
}

int fmt_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
{
    struct buffer b = {buf, size, 0};
    int n = fmt_vformat(buffer_putc, &b, fmt, ap);
    if (size > 0)
        buf[b.len < size ? b.len : size - 1] = '\0';
    return n;
}

int fmt_snprintf(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}
