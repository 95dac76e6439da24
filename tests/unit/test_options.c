/* tests/unit/test_options.c: the kernel command-line options (kernel/options.c)
 * on the host: defaults, every option, bad values, the boot loader's leading
 * kernel path, and init's arguments after `--`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/options.h"

#include "tests/unit/kprintf_capture.h"

static const struct kernel_options defaults = {
    .init = "init",
    .quantum_ms = QUANTUM_MS_DEFAULT,
    .hz = TIMER_HZ_DEFAULT,
};

static void parse(const char *line)
{
    options = defaults;
    printed_clear();
    options_parse(line);
}

static void test_empty_line_keeps_defaults(void **state)
{
    (void)state;
    parse("");
    assert_string_equal(options.init, "init");
    assert_false(options.preempt);
    assert_int_equal(options.quantum_ms, QUANTUM_MS_DEFAULT);
    assert_int_equal(options.hz, TIMER_HZ_DEFAULT);
    assert_false(options.test);
    assert_int_equal(options.kfault, KFAULT_NONE);
    assert_false(options.panic_halt);
    assert_null(options.init_args);
    assert_string_equal(printed, "");
}

static void test_every_option(void **state)
{
    (void)state;
    parse("init=countdown sched=preempt quantum=25 hz=250 test kfault=divide panic=halt");
    assert_string_equal(options.init, "countdown");
    assert_true(options.preempt);
    assert_int_equal(options.quantum_ms, 25);
    assert_int_equal(options.hz, 250);
    assert_true(options.test);
    assert_int_equal(options.kfault, KFAULT_DIVIDE);
    assert_true(options.panic_halt);
    assert_string_equal(printed, "");

    parse("kfault=page");
    assert_int_equal(options.kfault, KFAULT_PAGE);
    parse("kfault=assert sched=coop");
    assert_int_equal(options.kfault, KFAULT_ASSERT);
    assert_false(options.preempt);
}

static void test_kernel_path_from_the_boot_loader_is_skipped(void **state)
{
    (void)state;
    parse("build/coop.elf init=hello");
    assert_string_equal(options.init, "hello");
    assert_string_equal(printed, "");
    parse("/boot/coop.elf test");
    assert_true(options.test);
    assert_string_equal(printed, "");
}

static void test_init_arguments_after_double_dash(void **state)
{
    (void)state;
    parse("init=hello test -- one two  three");
    assert_string_equal(options.init, "hello");
    assert_true(options.test);
    assert_non_null(options.init_args);
    assert_string_equal(options.init_args, "one two  three");
    /* words after -- are not options */
    parse("-- sched=preempt");
    assert_false(options.preempt);
    assert_string_equal(options.init_args, "sched=preempt");
}

static void test_bad_values_warn_and_keep_defaults(void **state)
{
    (void)state;
    parse("hz=5");
    assert_int_equal(options.hz, TIMER_HZ_DEFAULT);
    assert_non_null(strstr(printed, "hz=5"));

    parse("quantum=12x");
    assert_int_equal(options.quantum_ms, QUANTUM_MS_DEFAULT);
    assert_non_null(strstr(printed, "quantum=12x"));

    parse("quantum=99999999999999999999");
    assert_int_equal(options.quantum_ms, QUANTUM_MS_DEFAULT);

    parse("quantum=");
    assert_int_equal(options.quantum_ms, QUANTUM_MS_DEFAULT);

    parse("sched=fast kfault=everything panic=later");
    assert_false(options.preempt);
    assert_int_equal(options.kfault, KFAULT_NONE);
    assert_false(options.panic_halt);
    assert_non_null(strstr(printed, "coop or preempt"));
    assert_non_null(strstr(printed, "page, assert or divide"));

    parse("init=");
    assert_string_equal(options.init, "init");
    parse("init=a_name_much_too_long_for_any_program_in_the_initrd_of_coop_0123456789");
    assert_string_equal(options.init, "init");
    assert_non_null(strstr(printed, "a program name"));
}

static void test_hz_range_ends(void **state)
{
    (void)state;
    parse("hz=19");
    assert_int_equal(options.hz, TIMER_HZ_MIN);
    assert_string_equal(printed, "");
    parse("hz=10000");
    assert_int_equal(options.hz, TIMER_HZ_MAX);
    assert_string_equal(printed, "");

    /* 18 Hz needs a PIT divisor above 16 bits (see kernel/dev/timer.c). */
    parse("hz=18");
    assert_int_equal(options.hz, TIMER_HZ_DEFAULT);
    assert_non_null(strstr(printed, "from 19 to 10000"));
    parse("hz=10001");
    assert_int_equal(options.hz, TIMER_HZ_DEFAULT);
}

static void test_unknown_words_warn(void **state)
{
    (void)state;
    parse("quiet init=hello");
    assert_string_equal(options.init, "hello");
    assert_non_null(strstr(printed, "unknown option 'quiet'"));
}

static void test_nameless_word_warns(void **state)
{
    (void)state;
    parse("=x init=hello");
    assert_string_equal(options.init, "hello");
    assert_non_null(strstr(printed, "ignoring '=x': an option needs a name"));
    assert_null(strstr(printed, "unknown option"));
    parse("=");
    assert_non_null(strstr(printed, "ignoring '='"));
}

static void test_quantum_without_preempt_warns(void **state)
{
    (void)state;
    parse("quantum=5");
    assert_int_equal(options.quantum_ms, 5);
    assert_non_null(strstr(printed, "no effect under sched=coop"));
    parse("sched=coop quantum=5");
    assert_non_null(strstr(printed, "no effect under sched=coop"));
    parse("quantum=5 sched=preempt"); /* order does not matter */
    assert_string_equal(printed, "");
    parse("sched=preempt");
    assert_string_equal(printed, "");
}

static void test_last_value_wins(void **state)
{
    (void)state;
    parse("hz=100 hz=200");
    assert_int_equal(options.hz, 200);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_line_keeps_defaults),
        cmocka_unit_test(test_every_option),
        cmocka_unit_test(test_kernel_path_from_the_boot_loader_is_skipped),
        cmocka_unit_test(test_init_arguments_after_double_dash),
        cmocka_unit_test(test_bad_values_warn_and_keep_defaults),
        cmocka_unit_test(test_hz_range_ends),
        cmocka_unit_test(test_unknown_words_warn),
        cmocka_unit_test(test_last_value_wins),
        cmocka_unit_test(test_nameless_word_warns),
        cmocka_unit_test(test_quantum_without_preempt_warns),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
