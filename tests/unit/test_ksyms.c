/* tests/unit/test_ksyms.c: the kernel's symbolizer (kernel/ksyms.c) on the
 * host, fed `nm -n` text as the boot module would give it, and a user
 * program's table with line entries as scripts/symtab makes it. */
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

/* Past the code: at or above __text_end (the linker scripts put it where
 * the code ends) is in no function: the rodata, the data, the stack. A
 * frameless function's caller was once looked for at a stack address,
 * which took the name of the program's last function, 1 GiB below; and a
 * program with no data has _end among the code symbols. */
static void test_lookup_past_the_code_is_null(void **state)
{
    (void)state;
    static const char user[] = "40000000 T _start\n"
                               "40000000 L user/lib/crt0.S:16\n"
                               "40000020 T main\n"
                               "40000020 L user/hello.c:5\n"
                               "40001500 T __text_end\n"
                               "40001540 r error_messages\n"
                               "40002004 T _end\n";
    struct symtab t = {user, sizeof user - 1};
    struct sym_where w;
    assert_false(symtab_lookup(&t, 0x8000ffbe, &w));
    assert_null(w.func);
    assert_null(w.line);
    assert_false(symtab_lookup(&t, 0x40001500, &w));
    assert_false(symtab_lookup(&t, 0x40001520, &w)); /* a string before the first named data */
    assert_false(symtab_lookup(&t, 0x40002004, &w)); /* _end, no function */
    assert_true(symtab_lookup(&t, 0x400014ff, &w));
    assert_int_equal(w.offset, 0x14df);
    assert_non_null(w.line);
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

/* A user program's table: nm's lines and line entries (scripts/symtab). */
static const char program[] = "40000000 T _start\n"
                              "40000000 L user/lib/crt0.S:16\n"
                              "40000020 L\n"
                              "40000020 t write_null\n"
                              "40000020 L user/crash.c:16\n"
                              "4000002d L user/crash.c:19\n"
                              "40000036 L user/crash.c:21\n"
                              "40000040 L\n"
                              "40000040 T __udivdi3\n"
                              "40000080 T after\n"
                              "40000080 L user/crash.c:60\n";

static void where(uint32_t addr, const char *want_func, uint32_t want_offset, const char *want_line)
{
    struct symtab t = {program, sizeof program - 1};
    struct sym_where w;
    assert_true(symtab_lookup(&t, addr, &w));
    assert_int_equal(w.func_len, strlen(want_func));
    assert_memory_equal(w.func, want_func, w.func_len);
    assert_int_equal(w.offset, want_offset);
    if (!want_line) {
        assert_null(w.line);
        return;
    }
    assert_non_null(w.line);
    assert_int_equal(w.line_len, strlen(want_line));
    assert_memory_equal(w.line, want_line, w.line_len);
}

static void test_lookup_finds_the_source_line(void **state)
{
    (void)state;
    where(0x40000000, "_start", 0, "user/lib/crt0.S:16");
    where(0x40000020, "write_null", 0, "user/crash.c:16"); /* the later entry at one address */
    where(0x40000030, "write_null", 0x10, "user/crash.c:19");
    where(0x4000003f, "write_null", 0x1f, "user/crash.c:21");
}

static void test_no_line_after_a_sequence_ends_or_below_the_function(void **state)
{
    (void)state;
    where(0x40000050, "__udivdi3", 0x10, NULL); /* "40000040 L": no line from there on */
    /* A table whose last line entry is some earlier function's. */
    static const char tail[] = "40000000 T f\n40000000 L f.c:1\n40000010 T g\n";
    struct symtab t = {tail, sizeof tail - 1};
    struct sym_where w;
    assert_true(symtab_lookup(&t, 0x40000014, &w));
    assert_null(w.line);
    assert_false(symtab_lookup(&t, 0x3fffffff, &w));
    assert_null(w.func);
}

static void test_print_where_and_frame(void **state)
{
    (void)state;
    struct symtab t = {program, sizeof program - 1};
    printed_clear();
    symtab_print_where(&t, 0x40000030);
    assert_string_equal(printed, " in write_null (user/crash.c:19)");
    printed_clear();
    symtab_print_frame(&t, 1, 0x40000044);
    assert_string_equal(printed, "  #1 0x40000044 in __udivdi3+0x4\n");
    printed_clear();
    symtab_print_where(&t, 0x10);
    assert_string_equal(printed, "");
    struct symtab none = {NULL, 0};
    symtab_print_frame(&none, 0, 0x40000030);
    assert_string_equal(printed, "  #0 0x40000030\n");
}

static void test_damaged_text_prints_nothing_odd(void **state)
{
    (void)state;
    /* Control characters and blanks end a name; a name is cut at 128
     * characters; a line entry must be a line of its own. */
    static char table[512];
    static const char head[] = "40000000 T bad\033[2Jname\n40000010 L junk\n40000010 Lx f.c:1\n"
                               "40000020 T ";
    memcpy(table, head, sizeof head - 1);
    size_t len = sizeof head - 1;
    memset(table + len, 'n', 200);
    len += 200;
    struct symtab t = {table, len};
    struct sym_where w;
    assert_true(symtab_lookup(&t, 0x40000004, &w));
    assert_int_equal(w.func_len, 3);
    assert_memory_equal(w.func, "bad", 3);
    assert_true(symtab_lookup(&t, 0x40000014, &w));
    assert_int_equal(w.line_len, 4); /* "junk": it is some text, but never past the table */
    assert_true(symtab_lookup(&t, 0x40000024, &w));
    assert_int_equal(w.func_len, 128);
    assert_true(w.func + w.func_len <= table + len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lookup_finds_the_containing_function),
        cmocka_unit_test(test_lookup_below_every_symbol_is_null),
        cmocka_unit_test(test_lookup_past_the_code_is_null),
        cmocka_unit_test(test_no_table_means_no_names),
        cmocka_unit_test(test_malformed_lines_are_ignored),
        cmocka_unit_test(test_print_frame_names_function_and_offset),
        cmocka_unit_test(test_lookup_finds_the_source_line),
        cmocka_unit_test(test_no_line_after_a_sequence_ends_or_below_the_function),
        cmocka_unit_test(test_print_where_and_frame),
        cmocka_unit_test(test_damaged_text_prints_nothing_odd),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
