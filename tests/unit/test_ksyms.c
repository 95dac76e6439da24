/* tests/unit/test_ksyms.c: the kernel's symbolizer (kernel/ksyms.c) on the
 * host, fed `nm -n` text as the boot module would give it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/ksyms.h"

#include "tests/unit/kprintf_capture.h"

static const char table[] = "         U undefined_thing\n"
                            "00100000 T __kernel_start\n"
                            "00100000 T _start\n"
                            "00100020 t vector0\n"
                            "00100400 D some_data\n"
                            "00100500 T kmain\n"
                            "00100600 W weak_fn\n"
                            "00100700 T trap_user\n"
                            "00109000 B kstack_bottom\n";

static void lookup(uint32_t addr, const char *want_name, uint32_t want_offset)
{
    size_t len = 0;
    uint32_t off = 0;
    const char *name = ksyms_lookup(addr, &len, &off);
    assert_non_null(name);
    assert_int_equal(len, strlen(want_name));
    assert_memory_equal(name, want_name, len);
    assert_int_equal(off, want_offset);
}

static void test_lookup_finds_the_containing_function(void **state)
{
    (void)state;
    ksyms_init(table, sizeof table - 1);
    lookup(0x00100000, "_start", 0);      /* equal addresses: the later line wins */
    lookup(0x00100021, "vector0", 1);     /* a local (t) symbol counts */
    lookup(0x00100450, "vector0", 0x430); /* data symbols (D) are skipped */
    lookup(0x00100500, "kmain", 0);
    lookup(0x00100650, "kmain", 0x150); /* W is not a code symbol here */
    lookup(0x00100abc, "trap_user", 0x3bc);
}

static void test_lookup_below_every_symbol_is_null(void **state)
{
    (void)state;
    size_t len;
    uint32_t off;
    ksyms_init(table, sizeof table - 1);
    assert_null(ksyms_lookup(0x000fffff, &len, &off));
}

static void test_no_table_means_no_names(void **state)
{
    (void)state;
    size_t len;
    uint32_t off;
    ksyms_init(NULL, 0);
    assert_null(ksyms_lookup(0x00100500, &len, &off));
    printed_clear();
    ksyms_print_frame(2, 0x00100500);
    assert_string_equal(printed, "  #2 0x00100500\n");
}

static void test_malformed_lines_are_ignored(void **state)
{
    (void)state;
    static const char junk[] = "zzzz\n0010g000 T bad_hex\n00100100 T\n00100200 T good\n001003";
    ksyms_init(junk, sizeof junk - 1);
    lookup(0x00100210, "good", 0x10);
}

static void test_print_frame_names_function_and_offset(void **state)
{
    (void)state;
    ksyms_init(table, sizeof table - 1);
    printed_clear();
    ksyms_print_frame(0, 0x0010051f);
    assert_string_equal(printed, "  #0 0x0010051f in kmain+0x1f\n");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_finds_the_containing_function),
        cmocka_unit_test(test_lookup_below_every_symbol_is_null),
        cmocka_unit_test(test_no_table_means_no_names),
        cmocka_unit_test(test_malformed_lines_are_ignored),
        cmocka_unit_test(test_print_frame_names_function_and_offset),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
