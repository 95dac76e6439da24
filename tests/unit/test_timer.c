/* tests/unit/test_timer.c: the timer's arithmetic (kernel/dev/timer.c) on the host:
 * the PIT divisor for each rate and the bounds of the hz= range, converting
 * milliseconds to ticks and ticks to milliseconds, and the tick count. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <cmocka.h>

#include "kernel/config.h"
#include "kernel/dev/timer.h"

#define MS_PER_S 1000

/* timer_init (never called here: it programs the PIT) needs these to link. */
void pic_enable(int irq)
{
    (void)irq;
    fail_msg("pic_enable called");
}

void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    (void)fmt;
    fail_msg("panic in %s at %s:%d", func, file, line);
    abort(); /* not reached: fail_msg jumps back into cmocka */
}

static void test_divisor_is_the_nearest(void **state)
{
    (void)state;
    assert_int_equal(timer_divisor(TIMER_HZ_DEFAULT), 1193); /* 1193.182 */
    assert_int_equal(timer_divisor(100), 11932);             /* 11931.82, rounded up */
    assert_int_equal(timer_divisor(TIMER_HZ_MAX), 119);      /* 119.3182 */
    for (unsigned hz = TIMER_HZ_MIN; hz <= TIMER_HZ_MAX; hz++) {
        /* Nearest: |PIT_CLOCK / hz - divisor| <= 1/2, multiplied by hz. */
        int64_t error = (int64_t)PIT_CLOCK - (int64_t)timer_divisor(hz) * hz;
        assert_true(llabs(error) * 2 <= (int64_t)hz);
    }
}

static void test_every_rate_in_range_fits_the_counter(void **state)
{
    (void)state;
    for (unsigned hz = TIMER_HZ_MIN; hz <= TIMER_HZ_MAX; hz++) {
        assert_in_range(timer_divisor(hz), 2, PIT_DIVISOR_MAX);
        /* Slower rates need larger divisors. */
        if (hz > TIMER_HZ_MIN)
            assert_true(timer_divisor(hz) <= timer_divisor(hz - 1));
    }
}

static void test_min_rate_is_the_slowest_the_pit_can_do(void **state)
{
    (void)state;
    /* One below: the divisor no longer fits 16 bits (the old hz=18 bug). */
    assert_true(timer_divisor(TIMER_HZ_MIN - 1) > PIT_DIVISOR_MAX);
    assert_int_equal(timer_divisor(18), 66288);
}

static void test_ms_to_ticks_rounds_up(void **state)
{
    (void)state;
    assert_int_equal(timer_ms_to_ticks_at(0, 1000), 0);
    assert_int_equal(timer_ms_to_ticks_at(1, 1000), 1);
    assert_int_equal(timer_ms_to_ticks_at(10, 1000), 10);
    assert_int_equal(timer_ms_to_ticks_at(1, 100), 1);  /* 0.1 tick: one whole */
    assert_int_equal(timer_ms_to_ticks_at(10, 100), 1); /* exactly one */
    assert_int_equal(timer_ms_to_ticks_at(11, 100), 2); /* 1.1 ticks */
    assert_int_equal(timer_ms_to_ticks_at(1000, 19), 19);
    assert_int_equal(timer_ms_to_ticks_at(1001, 19), 20);
    assert_int_equal(timer_ms_to_ticks_at(1, TIMER_HZ_MAX), 10);
}

static void test_ms_to_ticks_does_not_overflow(void **state)
{
    (void)state;
    /* ms * hz exceeds 32 bits: the product must be taken in 64. */
    assert_int_equal(timer_ms_to_ticks_at(UINT32_MAX, TIMER_HZ_MAX),
                     (uint64_t)UINT32_MAX * TIMER_HZ_MAX / MS_PER_S);
    assert_int_equal(timer_ms_to_ticks_at(UINT32_MAX, TIMER_HZ_MIN),
                     ((uint64_t)UINT32_MAX * TIMER_HZ_MIN + MS_PER_S - 1) / MS_PER_S);
}

static void test_ticks_to_ms_rounds_down(void **state)
{
    (void)state;
    assert_int_equal(timer_ticks_to_ms(0, 1000), 0);
    assert_int_equal(timer_ticks_to_ms(1500, 1000), 1500);
    assert_int_equal(timer_ticks_to_ms(1, 19), 52); /* 52.6 ms */
    assert_int_equal(timer_ticks_to_ms(19, 19), 1000);
    assert_int_equal(timer_ticks_to_ms(9, TIMER_HZ_MAX), 0); /* 0.9 ms */
    /* Days of uptime at the fastest rate: ticks * 1000 needs 64 bits. */
    uint64_t week = 7ull * 24 * 3600;
    assert_int_equal(timer_ticks_to_ms(week * TIMER_HZ_MAX, TIMER_HZ_MAX), week * MS_PER_S);
}

static void test_a_sleep_lasts_at_least_what_was_asked(void **state)
{
    (void)state;
    static const unsigned rates[] = {TIMER_HZ_MIN, 100, 250, 1000, 3000, TIMER_HZ_MAX};
    for (size_t r = 0; r < sizeof rates / sizeof rates[0]; r++)
        for (uint32_t ms = 0; ms < 2 * MS_PER_S; ms++) {
            uint64_t ticks = timer_ms_to_ticks_at(ms, rates[r]);
            assert_true(timer_ticks_to_ms(ticks, rates[r]) >= ms);
            /* ... and not a whole tick more. */
            if (ticks > 0)
                assert_true(timer_ticks_to_ms(ticks - 1, rates[r]) < ms);
        }
}

static void test_ticks_count_up(void **state)
{
    (void)state;
    uint64_t before = timer_ticks();
    for (int i = 0; i < 5; i++)
        timer_tick();
    assert_int_equal(timer_ticks(), before + 5);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_divisor_is_the_nearest),
        cmocka_unit_test(test_every_rate_in_range_fits_the_counter),
        cmocka_unit_test(test_min_rate_is_the_slowest_the_pit_can_do),
        cmocka_unit_test(test_ms_to_ticks_rounds_up),
        cmocka_unit_test(test_ms_to_ticks_does_not_overflow),
        cmocka_unit_test(test_ticks_to_ms_rounds_down),
        cmocka_unit_test(test_a_sleep_lasts_at_least_what_was_asked),
        cmocka_unit_test(test_ticks_count_up),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
