/* tests/unit/test_string.c: lib/string.c on the host. It is built renamed
 * (tests/unit/string_rename.h), so coop_memcpy here is coop's memcpy and the
 * host libc's functions serve as the reference. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

/* Declares coop_memset & co. with lib/string.h's contracts. */
#include "tests/unit/string_rename.h"
#include "lib/string.h"
#undef memset
#undef memcpy
#undef memmove
#undef memcmp
#undef strlen
#undef strnlen
#undef strcmp
#undef strncmp
#undef strchr
#undef strrchr
#undef strlcpy

#define BUF_SIZE 64
#define SEED     12345u
#define ROUNDS   2000

/* Compare signs only: memcmp and strcmp promise <0, 0 or >0, not a value. */
static int sign(int x)
{
    return (x > 0) - (x < 0);
}

static void test_memset_fills_exactly_n_bytes(void **state)
{
    (void)state;
    unsigned char buf[BUF_SIZE];
    memset(buf, 0xAA, sizeof buf);
    assert_ptr_equal(coop_memset(buf + 3, 0x1234, 10), buf + 3); /* only the low byte */
    for (size_t i = 0; i < sizeof buf; i++)
        assert_int_equal(buf[i], i >= 3 && i < 13 ? 0x34 : 0xAA);
    coop_memset(buf, 0, 0);
    assert_int_equal(buf[0], 0xAA);
}

static void test_memcpy_copies_and_returns_dst(void **state)
{
    (void)state;
    char src[] = "abcdefghij", dst[BUF_SIZE];
    memset(dst, 'x', sizeof dst);
    assert_ptr_equal(coop_memcpy(dst, src, 5), dst);
    assert_memory_equal(dst, "abcdexxx", 8);
    assert_ptr_equal(coop_memcpy(dst, NULL, 0), dst);
}

static void test_memmove_handles_both_overlaps(void **state)
{
    (void)state;
    char buf[] = "0123456789";
    assert_ptr_equal(coop_memmove(buf + 2, buf, 6), buf + 2); /* dst after src */
    assert_string_equal(buf, "0101234589");
    char buf2[] = "0123456789";
    coop_memmove(buf2, buf2 + 3, 7); /* dst before src */
    assert_string_equal(buf2, "3456789789");
    char buf3[] = "abc";
    coop_memmove(buf3, buf3, 3);
    assert_string_equal(buf3, "abc");
}

/* Random overlapping moves, checked against the host's memmove. */
static void test_memmove_random_against_libc(void **state)
{
    (void)state;
    srand(SEED);
    for (int round = 0; round < ROUNDS; round++) {
        unsigned char mine[BUF_SIZE], ref[BUF_SIZE];
        for (size_t i = 0; i < BUF_SIZE; i++)
            mine[i] = ref[i] = (unsigned char)rand();
        size_t src = (size_t)rand() % BUF_SIZE, dst = (size_t)rand() % BUF_SIZE;
        size_t room = BUF_SIZE - (src > dst ? src : dst);
        size_t n = (size_t)rand() % (room + 1);
        coop_memmove(mine + dst, mine + src, n);
        memmove(ref + dst, ref + src, n);
        assert_memory_equal(mine, ref, BUF_SIZE);
    }
}

static void test_memcmp_compares_unsigned_bytes(void **state)
{
    (void)state;
    assert_int_equal(coop_memcmp("abc", "abc", 3), 0);
    assert_true(coop_memcmp("abc", "abd", 3) < 0);
    assert_true(coop_memcmp("abd", "abc", 3) > 0);
    assert_int_equal(coop_memcmp("abX", "abY", 2), 0);
    assert_true(coop_memcmp("\x80", "\x7f", 1) > 0); /* 0x80 is above 0x7f as unsigned */
    assert_int_equal(coop_memcmp(NULL, NULL, 0), 0);
}

static void test_strlen_and_strnlen(void **state)
{
    (void)state;
    assert_int_equal(coop_strlen(""), 0);
    assert_int_equal(coop_strlen("hello"), 5);
    assert_int_equal(coop_strnlen("hello", 3), 3);
    assert_int_equal(coop_strnlen("hello", 9), 5);
    assert_int_equal(coop_strnlen("hello", 0), 0);
    /* strnlen must not read past max: this buffer has no NUL (ASan checks). */
    char *unterminated = malloc(4);
    assert_non_null(unterminated);
    memcpy(unterminated, "abcd", 4);
    assert_int_equal(coop_strnlen(unterminated, 4), 4);
    free(unterminated);
}

static void test_strcmp_and_strncmp(void **state)
{
    (void)state;
    assert_int_equal(coop_strcmp("", ""), 0);
    assert_int_equal(coop_strcmp("abc", "abc"), 0);
    assert_true(coop_strcmp("abc", "abd") < 0);
    assert_true(coop_strcmp("ab", "abc") < 0);
    assert_true(coop_strcmp("abc", "ab") > 0);
    assert_true(coop_strcmp("\xff", "a") > 0);
    assert_int_equal(coop_strncmp("abcX", "abcY", 3), 0);
    assert_true(coop_strncmp("abcX", "abcY", 4) < 0);
    assert_int_equal(coop_strncmp("ab", "ab", 10), 0); /* stops at the NUL */
    assert_true(coop_strncmp("ab", "abc", 10) < 0);
    assert_int_equal(coop_strncmp("x", "y", 0), 0);
}

/* Random short strings over a tiny alphabet, so that prefixes and equal
 * strings are common, checked against the host's strcmp and strncmp. */
static void test_strcmp_random_against_libc(void **state)
{
    (void)state;
    srand(SEED);
    for (int round = 0; round < ROUNDS; round++) {
        char a[8], b[8];
        size_t la = (size_t)rand() % sizeof a, lb = (size_t)rand() % sizeof b;
        for (size_t i = 0; i < la; i++)
            a[i] = (char)("ab\x90"[rand() % 3]);
        for (size_t i = 0; i < lb; i++)
            b[i] = (char)("ab\x90"[rand() % 3]);
        a[la] = b[lb] = '\0';
        size_t n = (size_t)rand() % 10;
        assert_int_equal(sign(coop_strcmp(a, b)), sign(strcmp(a, b)));
        assert_int_equal(sign(coop_strncmp(a, b, n)), sign(strncmp(a, b, n)));
        assert_int_equal(sign(coop_memcmp(a, b, la < lb ? la : lb)),
                         sign(memcmp(a, b, la < lb ? la : lb)));
    }
}

static void test_strchr_and_strrchr(void **state)
{
    (void)state;
    const char *s = "hello";
    assert_ptr_equal(coop_strchr(s, 'l'), s + 2);
    assert_ptr_equal(coop_strrchr(s, 'l'), s + 3);
    assert_ptr_equal(coop_strchr(s, 'h'), s);
    assert_ptr_equal(coop_strrchr(s, 'h'), s);
    assert_null(coop_strchr(s, 'z'));
    assert_null(coop_strrchr(s, 'z'));
    assert_ptr_equal(coop_strchr(s, '\0'), s + 5); /* the NUL counts */
    assert_ptr_equal(coop_strrchr(s, '\0'), s + 5);
    const char *t = "a\xe9";
    assert_ptr_equal(coop_strchr(t, 0xe9), t + 1); /* c is converted to char */
    const char *path = "/boot/coop.elf";
    assert_ptr_equal(coop_strrchr(path, '/'), path + 5);
}

static void test_strlcpy_truncates_and_terminates(void **state)
{
    (void)state;
    char buf[8];
    memset(buf, 'x', sizeof buf);
    assert_int_equal(coop_strlcpy(buf, "hi", sizeof buf), 2);
    assert_string_equal(buf, "hi");
    memset(buf, 'x', sizeof buf);
    assert_int_equal(coop_strlcpy(buf, "a longer string", sizeof buf), 15);
    assert_string_equal(buf, "a longe");
    assert_int_equal(coop_strlcpy(buf, "1234567", sizeof buf), 7); /* exactly fits */
    assert_string_equal(buf, "1234567");
    memset(buf, 'x', sizeof buf);
    assert_int_equal(coop_strlcpy(buf, "abc", 1), 3);
    assert_int_equal(buf[0], '\0');
    assert_int_equal(buf[1], 'x');
    assert_int_equal(coop_strlcpy(buf, "abc", 0), 3); /* size 0: writes nothing */
    assert_int_equal(buf[0], '\0');
    assert_int_equal(coop_strlcpy(NULL, "abc", 0), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_memset_fills_exactly_n_bytes),
        cmocka_unit_test(test_memcpy_copies_and_returns_dst),
        cmocka_unit_test(test_memmove_handles_both_overlaps),
        cmocka_unit_test(test_memmove_random_against_libc),
        cmocka_unit_test(test_memcmp_compares_unsigned_bytes),
        cmocka_unit_test(test_strlen_and_strnlen),
        cmocka_unit_test(test_strcmp_and_strncmp),
        cmocka_unit_test(test_strcmp_random_against_libc),
        cmocka_unit_test(test_strchr_and_strrchr),
        cmocka_unit_test(test_strlcpy_truncates_and_terminates),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
