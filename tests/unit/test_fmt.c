/* tests/unit/test_fmt.c: lib/fmt.c, mostly checked against the host's
 * snprintf, which implements the same C99 conversions. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/fmt.h"

/* Some tests use odd formats on purpose ("%y", "%+u", "", a NULL "%s"): gcc
 * checks fmt_snprintf's arguments like printf's, so silence it here. */
#pragma GCC diagnostic ignored "-Wformat"
#pragma GCC diagnostic ignored "-Wformat-extra-args"
#pragma GCC diagnostic ignored "-Wformat-zero-length"
#pragma GCC diagnostic ignored "-Wformat-overflow"

#define OUT_SIZE 256
#define SEED     4242u
#define ROUNDS   20000

static char mine[OUT_SIZE], ref[OUT_SIZE];

/* Format the same thing with fmt_snprintf and the host's snprintf: the text
 * and the returned length must agree. */
#define SAME(...)                                                                                  \
    do {                                                                                           \
        int n_mine = fmt_snprintf(mine, sizeof mine, __VA_ARGS__);                                 \
        int n_ref = snprintf(ref, sizeof ref, __VA_ARGS__);                                        \
        assert_string_equal(mine, ref);                                                            \
        assert_int_equal(n_mine, n_ref);                                                           \
    } while (0)

/* fmt_snprintf must produce exactly `want`. */
#define IS(want, ...)                                                                              \
    do {                                                                                           \
        int n = fmt_snprintf(mine, sizeof mine, __VA_ARGS__);                                      \
        assert_string_equal(mine, want);                                                           \
        assert_int_equal(n, (int)strlen(want));                                                    \
    } while (0)

static void test_plain_text_and_percent(void **state)
{
    (void)state;
    IS("", "");
    IS("hello", "hello");
    IS("100%", "100%%");
    IS("a%b", "a%%b");
}

static void test_signed_decimal(void **state)
{
    (void)state;
    IS("42 -42 0", "%d %i %d", 42, -42, 0);
    SAME("%d %d", INT32_MAX, INT32_MIN);
    SAME("[%5d] [%-5d] [%05d] [%+d] [% d] [%+d]", 42, 42, -42, 42, 42, -42);
    SAME("[%.3d] [%8.3d] [%-8.3d] [%08.3d] [%.0d] [%5.0d]", 7, -7, 7, 7, 0, 0);
    SAME("[%+05d] [% 05d] [%+.0d]", 3, 3, 0);
    SAME("%lld %lld", (long long)INT64_MIN, (long long)INT64_MAX);
    SAME("%ld %hd %hhd %zd", -123456L, (short)-1234, (signed char)-12, (ptrdiff_t)-5);
    SAME("%hd %hhd", 70000, 300); /* truncated to short and char */
}

static void test_unsigned_conversions(void **state)
{
    (void)state;
    IS("ff FF 377 255", "%x %X %o %u", 255u, 255u, 255u, 255u);
    SAME("%u %x", UINT32_MAX, UINT32_MAX);
    SAME("[%#x] [%#X] [%#o] [%#x] [%#o] [%#.0o] [%#.0x]", 255u, 255u, 8u, 0u, 0u, 0u, 0u);
    SAME("[%#10x] [%#-10x] [%#010x] [%#.5o] [%#5o]", 0xabcu, 0xabcu, 0xabcu, 8u, 8u);
    SAME("[%+u] [% x] [%08.3x]", 5u, 5u, 0x1fu);
    SAME("%llu %llx %llo", (unsigned long long)UINT64_MAX, 0x123456789abcdefULL, 01234567ULL);
    SAME("%lu %hu %hhu %zu %zx", 4000000000UL, 65537u, 257u, (size_t)12345, (size_t)0xbeef);
}

static void test_chars_and_strings(void **state)
{
    (void)state;
    IS("x", "%c", 'x');
    SAME("[%3c] [%-3c]", 'a', 'b');
    SAME("[%s] [%8s] [%-8s] [%.2s] [%8.2s] [%.0s]", "abc", "abc", "abc", "abc", "abc", "abc");
    IS("(null)", "%s", (char *)NULL);
    IS("[  (null)]", "[%8s]", (char *)NULL);
}

static void test_precision_stops_reading_a_string(void **state)
{
    (void)state;
    /* No NUL: %.*s must read only what the precision allows (ASan checks). */
    char *word = malloc(3);
    assert_non_null(word);
    memcpy(word, "abc", 3);
    IS("ab|abc", "%.*s|%.*s", 2, word, 3, word);
    free(word);
}

static void test_star_width_and_precision(void **state)
{
    (void)state;
    SAME("[%*d] [%-*d] [%*d] [%.*d] [%.*d]", 5, 42, 5, 42, -5, 42, 4, 42, -1, 42);
    SAME("[%*.*s] [%*.*x]", 6, 2, "hello", -6, 3, 0xfu);
}

static void test_pointer_has_every_digit(void **state)
{
    (void)state;
    char want[OUT_SIZE];
    int digits = (int)sizeof(void *) * 2;
    snprintf(want, sizeof want, "0x%0*llx", digits, (unsigned long long)(uintptr_t)0x1234);
    IS(want, "%p", (void *)0x1234);
    snprintf(want, sizeof want, "0x%0*d", digits, 0);
    IS(want, "%p", (void *)NULL);
    snprintf(want, sizeof want, "[%*s0x%0*d]", 4, "", digits, 0);
    IS(want, "[%*p]", digits + 6, (void *)NULL);
    snprintf(want, sizeof want, "[0x%0*x%*s]", digits, 0xab, 4, "");
    IS(want, "[%-*p]", digits + 6, (void *)0xab);
}

static void test_unknown_conversions_print_as_written(void **state)
{
    (void)state;
    IS("%y", "%y");
    IS("a %-5y b", "a %-5y b");
    IS("%lq", "%lq");
    IS("50%", "50%");       /* a lone '%' at the end */
    IS("%y 7", "%y %d", 7); /* the unknown one takes no argument */
}

static void test_truncation_follows_c99(void **state)
{
    (void)state;
    char buf[6];
    memset(buf, 'x', sizeof buf);
    assert_int_equal(fmt_snprintf(buf, sizeof buf, "%s-%d", "hello", 42), 8);
    assert_string_equal(buf, "hello");
    assert_int_equal(fmt_snprintf(buf, sizeof buf, "abcde"), 5); /* exactly fits */
    assert_string_equal(buf, "abcde");
    memset(buf, 'x', sizeof buf);
    assert_int_equal(fmt_snprintf(buf, 1, "abc"), 3);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], 'x');
    assert_int_equal(fmt_snprintf(NULL, 0, "%d", 12345), 5); /* size 0: only count */
}

/* fmt_vformat's output goes through the callback, one char at a time. */
struct capture {
    char text[OUT_SIZE];
    size_t len;
};

static void capture_putc(char c, void *ctx)
{
    struct capture *cap = ctx;
    assert_true(cap->len + 1 < sizeof cap->text);
    cap->text[cap->len++] = c;
}

static int capture_format(struct capture *cap, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = fmt_vformat(capture_putc, cap, fmt, ap);
    va_end(ap);
    return n;
}

static void test_vformat_calls_back_per_char(void **state)
{
    (void)state;
    struct capture cap = {.len = 0};
    int n = capture_format(&cap, "%s=%03u%c", "tick", 7u, '\n');
    assert_int_equal(n, 9);
    assert_int_equal(cap.len, 9);
    assert_memory_equal(cap.text, "tick=007\n", 9);
}

/* SAME for the random test: pass the '*' arguments its spec asks for, then
 * the value. */
#define BOTH(...)                                                                                  \
    do {                                                                                           \
        if (star && width >= 0 && prec >= 0)                                                       \
            SAME(spec, a, b, __VA_ARGS__);                                                         \
        else if (star && width >= 0)                                                               \
            SAME(spec, a, __VA_ARGS__);                                                            \
        else if (star && prec >= 0)                                                                \
            SAME(spec, b, __VA_ARGS__);                                                            \
        else                                                                                       \
            SAME(spec, __VA_ARGS__);                                                               \
    } while (0)

/* Random specs: flags, width, precision (digits or *), length and
 * conversion, against the host's snprintf. */
static void test_random_integer_specs_against_libc(void **state)
{
    (void)state;
    static const char *const flags[] = {"", "-", "0", "+", " ", "#", "-+", "0#", "+0", "- #"};
    static const char *const lengths[] = {"", "hh", "h", "l", "ll", "z"};
    static const char convs[] = "diuxXo";
    srand(SEED);
    for (int round = 0; round < ROUNDS; round++) {
        int len = rand() % 6;
        char conv = convs[rand() % 6];
        int width = rand() % 4 == 0 ? -1 : rand() % 25;
        int prec = rand() % 3 == 0 ? -1 : rand() % 25;
        bool star = rand() % 4 == 0;
        char w[8] = "", p[8] = "", spec[32];
        if (width >= 0 && star)
            strcpy(w, "*");
        else if (width >= 0)
            snprintf(w, sizeof w, "%d", width);
        if (prec >= 0 && star)
            strcpy(p, ".*");
        else if (prec >= 0)
            snprintf(p, sizeof p, ".%d", prec);
        snprintf(spec, sizeof spec, "[%%%s%s%s%s%c]", flags[rand() % 10], w, p, lengths[len], conv);
        /* '*' arguments may be negative: a negative width means '-', a
         * negative precision means none. */
        int a = width, b = prec;
        if (star && rand() % 3 == 0)
            a = -a;
        if (star && rand() % 3 == 0)
            b = -1 - b;
        unsigned long long bits =
            ((unsigned long long)rand() << 33) ^ ((unsigned)rand() << 10) ^ rand();
        long long v = (long long)bits;
        if (rand() % 8 == 0)
            v = 0;
        /* The value, passed as the type the length modifier says. */
        switch (len) {
        case 3:
            BOTH((long)v);
            break;
        case 4:
            BOTH(v);
            break;
        case 5:
            BOTH((size_t)v);
            break;
        default:
            BOTH((int)v);
            break;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_plain_text_and_percent),
        cmocka_unit_test(test_signed_decimal),
        cmocka_unit_test(test_unsigned_conversions),
        cmocka_unit_test(test_chars_and_strings),
        cmocka_unit_test(test_precision_stops_reading_a_string),
        cmocka_unit_test(test_star_width_and_precision),
        cmocka_unit_test(test_pointer_has_every_digit),
        cmocka_unit_test(test_unknown_conversions_print_as_written),
        cmocka_unit_test(test_truncation_follows_c99),
        cmocka_unit_test(test_vformat_calls_back_per_char),
        cmocka_unit_test(test_random_integer_specs_against_libc),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
