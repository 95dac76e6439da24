/* tests/unit/test_bitmap.c: the lowest-free bitmap (lib/bitmap.h), which
 * hands out a program's stack slots. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/bitmap.h"

#define NBITS 96 /* three words: numbers cross word boundaries */

static void test_alloc_gives_the_lowest_free_in_order(void **state)
{
    (void)state;
    uint32_t words[NBITS / BITMAP_WORD_BITS];
    memset(words, 0xA5, sizeof words); /* init must clear what was there */
    struct bitmap b;
    bitmap_init(&b, words, NBITS);
    for (int i = 0; i < NBITS; i++) {
        assert_false(bitmap_test(&b, (uint32_t)i));
        assert_int_equal(bitmap_alloc(&b), i);
        assert_true(bitmap_test(&b, (uint32_t)i));
    }
    assert_int_equal(bitmap_alloc(&b), -1); /* full */
    assert_int_equal(bitmap_alloc(&b), -1);
}

static void test_free_makes_a_number_the_next_one(void **state)
{
    (void)state;
    uint32_t words[NBITS / BITMAP_WORD_BITS];
    struct bitmap b;
    bitmap_init(&b, words, NBITS);
    for (int i = 0; i < 40; i++)
        bitmap_alloc(&b);
    bitmap_free(&b, 35);
    bitmap_free(&b, 3);
    assert_false(bitmap_test(&b, 3));
    assert_false(bitmap_test(&b, 35));
    assert_true(bitmap_test(&b, 4));
    assert_int_equal(bitmap_alloc(&b), 3); /* the lowest, though freed last */
    assert_int_equal(bitmap_alloc(&b), 35);
    assert_int_equal(bitmap_alloc(&b), 40);
    /* Freeing the top one of a full word makes the search find it. */
    bitmap_free(&b, 31);
    assert_int_equal(bitmap_alloc(&b), 31);
    assert_int_equal(bitmap_alloc(&b), 41);
}

static void test_out_of_range_is_not_in_use(void **state)
{
    (void)state;
    uint32_t words[NBITS / BITMAP_WORD_BITS];
    struct bitmap b;
    bitmap_init(&b, words, NBITS);
    while (bitmap_alloc(&b) >= 0)
        ;
    assert_false(bitmap_test(&b, NBITS));
    assert_false(bitmap_test(&b, UINT32_MAX));
}

/* bitmap_init writes nothing: a word is cleared when the search first comes
 * to it, and what it held before never shows. */
static void test_words_are_cleared_as_they_come_into_use(void **state)
{
    (void)state;
    uint32_t words[NBITS / BITMAP_WORD_BITS];
    memset(words, 0xFF, sizeof words); /* as if every number were in use */
    struct bitmap b;
    bitmap_init(&b, words, NBITS);
    assert_int_equal(words[0], 0xFFFFFFFFu); /* untouched */
    for (uint32_t i = 0; i < NBITS; i++)
        assert_false(bitmap_test(&b, i));
    assert_int_equal(bitmap_alloc(&b), 0);
    assert_int_equal(words[0], 1u);
    assert_int_equal(words[1], 0xFFFFFFFFu); /* not reached yet */
    assert_false(bitmap_test(&b, BITMAP_WORD_BITS));
    for (int i = 1; i <= BITMAP_WORD_BITS; i++)
        assert_int_equal(bitmap_alloc(&b), i);
    assert_int_equal(words[1], 1u);
    assert_true(bitmap_test(&b, BITMAP_WORD_BITS));
    assert_false(bitmap_test(&b, BITMAP_WORD_BITS + 1));
}

/* Random allocations and frees against a plain array of flags. */
static void test_matches_a_model(void **state)
{
    (void)state;
    uint32_t words[NBITS / BITMAP_WORD_BITS];
    bool used[NBITS] = {false};
    memset(words, 0x5A, sizeof words);
    struct bitmap b;
    bitmap_init(&b, words, NBITS);
    unsigned seed = 99;
    for (int step = 0; step < 50000; step++) {
        seed = seed * 1103515245u + 12345u;
        uint32_t x = (seed >> 8) % NBITS;
        if ((seed >> 20) % 3) {
            int want = -1;
            for (int i = 0; i < NBITS && want < 0; i++)
                if (!used[i])
                    want = i;
            assert_int_equal(bitmap_alloc(&b), want);
            if (want >= 0)
                used[want] = true;
        } else if (used[x]) {
            bitmap_free(&b, x);
            used[x] = false;
        }
        for (uint32_t i = 0; i < NBITS; i++)
            assert_int_equal(bitmap_test(&b, i), used[i]);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alloc_gives_the_lowest_free_in_order),
        cmocka_unit_test(test_free_makes_a_number_the_next_one),
        cmocka_unit_test(test_out_of_range_is_not_in_use),
        cmocka_unit_test(test_words_are_cleared_as_they_come_into_use),
        cmocka_unit_test(test_matches_a_model),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
