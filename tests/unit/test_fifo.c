/* tests/unit/test_fifo.c: the byte FIFO (lib/fifo.c): put, get, peek, the
 * bulk reads and writes, full and empty, sizes it refuses, and its counters
 * wrapping around 2^32. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/fifo.h"

#define SIZE      8
#define NEAR_WRAP 0xFFFFFFF0u /* 16 counts below 2^32 */

static void test_empty_fifo(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    assert_true(fifo_init(&f, buf, SIZE));
    assert_int_equal(fifo_len(&f), 0);
    assert_int_equal(fifo_space(&f), SIZE);
    assert_int_equal(fifo_get(&f), -1);
    assert_int_equal(fifo_peek(&f, 0), -1);
    char out[SIZE];
    assert_int_equal(fifo_read(&f, out, SIZE), 0);
}

static void test_put_get_in_order_until_full(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    for (int i = 0; i < SIZE; i++) {
        assert_true(fifo_put(&f, (char)('a' + i)));
        assert_int_equal(fifo_len(&f), i + 1);
        assert_int_equal(fifo_space(&f), SIZE - i - 1);
    }
    assert_false(fifo_put(&f, 'z')); /* full: nothing stored */
    assert_int_equal(fifo_len(&f), SIZE);
    for (int i = 0; i < SIZE; i++)
        assert_int_equal(fifo_get(&f), 'a' + i);
    assert_int_equal(fifo_get(&f), -1);
    assert_int_equal(fifo_space(&f), SIZE);
}

static void test_bytes_come_back_unsigned(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    fifo_put(&f, (char)0xFF);
    fifo_put(&f, (char)0x80);
    fifo_put(&f, 0);
    assert_int_equal(fifo_peek(&f, 0), 0xFF); /* not -1: a byte, not "empty" */
    assert_int_equal(fifo_get(&f), 0xFF);
    assert_int_equal(fifo_get(&f), 0x80);
    assert_int_equal(fifo_get(&f), 0);
    assert_int_equal(fifo_get(&f), -1);
}

static void test_peek_leaves_bytes(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    fifo_write(&f, "xyz", 3);
    assert_int_equal(fifo_peek(&f, 0), 'x');
    assert_int_equal(fifo_peek(&f, 1), 'y');
    assert_int_equal(fifo_peek(&f, 2), 'z');
    assert_int_equal(fifo_peek(&f, 3), -1);
    assert_int_equal(fifo_peek(&f, UINT32_MAX), -1);
    assert_int_equal(fifo_len(&f), 3);
    fifo_get(&f);
    assert_int_equal(fifo_peek(&f, 0), 'y'); /* counted from the new oldest */
    assert_int_equal(fifo_peek(&f, 2), -1);
}

static void test_write_takes_what_fits(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    assert_int_equal(fifo_write(&f, "abcde", 5), 5);
    assert_int_equal(fifo_write(&f, "123456", 6), 3); /* room for 3 */
    assert_int_equal(fifo_write(&f, "!", 1), 0);
    assert_int_equal(fifo_write(&f, "", 0), 0);
    char out[SIZE + 1] = {0};
    assert_int_equal(fifo_read(&f, out, sizeof out), SIZE);
    assert_memory_equal(out, "abcde123", SIZE);
}

static void test_read_takes_at_most_n(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    fifo_write(&f, "hello", 5);
    char out[SIZE];
    memset(out, '#', sizeof out);
    assert_int_equal(fifo_read(&f, out, 2), 2);
    assert_memory_equal(out, "he##", 4); /* no byte past the second written */
    assert_int_equal(fifo_read(&f, out, 0), 0);
    assert_int_equal(fifo_len(&f), 3);
    assert_int_equal(fifo_read(&f, out, SIZE), 3);
    assert_memory_equal(out, "llo", 3);
}

/* Put and take across the end of the buffer many times: the slots wrap. */
static void test_slots_wrap_around_the_buffer(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    int next_in = 0, next_out = 0;
    for (int round = 0; round < 50; round++) {
        for (int i = 0; i < 5; i++)
            assert_true(fifo_put(&f, (char)(next_in++ % 251)));
        for (int i = 0; i < 5; i++)
            assert_int_equal(fifo_get(&f), next_out++ % 251);
    }
    assert_int_equal(f.head, 250);
    assert_int_equal(fifo_len(&f), 0);
}

/* Counters near 2^32: length, space, full, peek and the bulk copies must all
 * hold while head has wrapped and tail has not. */
static void test_counters_wrap_around_2_to_the_32(void **state)
{
    (void)state;
    char buf[SIZE];
    struct fifo f;
    fifo_init(&f, buf, SIZE);
    f.head = f.tail = NEAR_WRAP;
    const char *alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    uint32_t in = 0, out = 0;
    bool saw_split = false;
    while (in < 52) {
        uint32_t n = fifo_write(&f, alphabet + in, 52 - in < 5 ? 52 - in : 5);
        in += n;
        assert_int_equal(fifo_len(&f), in - out);
        assert_int_equal(fifo_space(&f), SIZE - (in - out));
        if (f.tail > f.head) /* head wrapped past 0, tail not yet */
            saw_split = true;
        assert_int_equal(fifo_peek(&f, 0), alphabet[out]);
        char got[3];
        uint32_t m = fifo_read(&f, got, 3);
        assert_memory_equal(got, alphabet + out, m);
        out += m;
    }
    while (fifo_len(&f) > 0)
        assert_int_equal(fifo_get(&f), alphabet[out++]);
    assert_int_equal(out, 52);
    assert_true(saw_split);
    assert_int_equal(f.head, NEAR_WRAP + 52); /* wrapped: 36 */
    assert_int_equal(f.head, 36);

    /* Full exactly at the wrap. */
    f.head = f.tail = UINT32_MAX - 3;
    assert_int_equal(fifo_write(&f, "01234567", SIZE), SIZE);
    assert_int_equal(f.head, 4);
    assert_int_equal(fifo_len(&f), SIZE);
    assert_int_equal(fifo_space(&f), 0);
    assert_false(fifo_put(&f, 'x'));
    assert_int_equal(fifo_peek(&f, SIZE - 1), '7');
    for (int i = 0; i < SIZE; i++)
        assert_int_equal(fifo_get(&f), '0' + i);
    assert_int_equal(fifo_get(&f), -1);
}

static void test_sizes_that_are_not_powers_of_two_are_refused(void **state)
{
    (void)state;
    static const uint32_t bad[] = {0, 3, 6, 12, 100, 0x80000001u, 0xFFFFFFFFu};
    char buf[SIZE];
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        struct fifo f;
        assert_false(fifo_init(&f, buf, bad[i]));
        /* It is still safe to use: it holds nothing and takes nothing. */
        assert_false(fifo_put(&f, 'a'));
        assert_int_equal(fifo_write(&f, "abc", 3), 0);
        assert_int_equal(fifo_get(&f), -1);
        assert_int_equal(fifo_len(&f), 0);
        assert_int_equal(fifo_space(&f), 0);
    }
    static const uint32_t good[] = {1, 2, 4, 8};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++) {
        struct fifo f;
        assert_true(fifo_init(&f, buf, good[i]));
        assert_int_equal(fifo_space(&f), good[i]);
    }
}

static void test_a_fifo_of_one_byte(void **state)
{
    (void)state;
    char buf[1];
    struct fifo f;
    assert_true(fifo_init(&f, buf, 1));
    assert_true(fifo_put(&f, 'q'));
    assert_false(fifo_put(&f, 'r'));
    assert_int_equal(fifo_get(&f), 'q');
    assert_true(fifo_put(&f, 'r'));
    assert_int_equal(fifo_get(&f), 'r');
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_fifo),
        cmocka_unit_test(test_put_get_in_order_until_full),
        cmocka_unit_test(test_bytes_come_back_unsigned),
        cmocka_unit_test(test_peek_leaves_bytes),
        cmocka_unit_test(test_write_takes_what_fits),
        cmocka_unit_test(test_read_takes_at_most_n),
        cmocka_unit_test(test_slots_wrap_around_the_buffer),
        cmocka_unit_test(test_counters_wrap_around_2_to_the_32),
        cmocka_unit_test(test_sizes_that_are_not_powers_of_two_are_refused),
        cmocka_unit_test(test_a_fifo_of_one_byte),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
