/* tests/unit/test_cmdline.c: the kernel command-line parser (lib/cmdline.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/cmdline.h"

#define MAX_ARGS 4

/* Assert that *w is key[=value] (value NULL: a bare key). */
static void assert_word(const struct cmdline_word *w, const char *key, const char *value)
{
    assert_int_equal(w->key_len, strlen(key));
    assert_memory_equal(w->key, key, w->key_len);
    if (value) {
        assert_true(w->has_value);
        assert_int_equal(w->value_len, strlen(value));
        assert_memory_equal(w->value, value, w->value_len);
    } else {
        assert_false(w->has_value);
        assert_int_equal(w->value_len, 0);
    }
}

static void test_next_walks_words_and_values(void **state)
{
    (void)state;
    const char *line = "  init=hello\tsched=preempt  test quantum= =odd a=b=c ";
    const char *cursor = line;
    struct cmdline_word w;
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "init", "hello");
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "sched", "preempt");
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "test", NULL);
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "quantum", ""); /* '=' with nothing after it: an empty value */
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "", "odd");
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "a", "b=c"); /* split at the first '=' */
    assert_false(cmdline_next(&cursor, &w));
    assert_false(cmdline_next(&cursor, &w)); /* and stays at the end */
}

static void test_next_stops_at_double_dash(void **state)
{
    (void)state;
    const char *cursor = "a --x -- b=c";
    struct cmdline_word w;
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "a", NULL);
    assert_true(cmdline_next(&cursor, &w));
    assert_word(&w, "--x", NULL); /* only "--" itself ends the options */
    assert_false(cmdline_next(&cursor, &w));
    assert_false(cmdline_next(&cursor, &w));
}

static void test_empty_and_null_lines(void **state)
{
    (void)state;
    struct cmdline_word w;
    const char *cursor = "";
    assert_false(cmdline_next(&cursor, &w));
    cursor = " \t ";
    assert_false(cmdline_next(&cursor, &w));
    cursor = NULL;
    assert_false(cmdline_next(&cursor, &w));
    assert_false(cmdline_find(NULL, "init", &w));
    assert_null(cmdline_rest(NULL));
}

static void test_find_last_occurrence_wins(void **state)
{
    (void)state;
    struct cmdline_word w;
    const char *line = "hz=100 init=a hz=200 initx=no -- hz=300";
    assert_true(cmdline_find(line, "hz", &w));
    assert_word(&w, "hz", "200"); /* not 300: that one is init's argument */
    assert_true(cmdline_find(line, "init", &w));
    assert_word(&w, "init", "a");
    assert_false(cmdline_find(line, "in", &w)); /* no prefix matches */
    assert_false(cmdline_find(line, "quantum", &w));
}

static void test_get_uint(void **state)
{
    (void)state;
    unsigned v = 77;
    const char *line = "hz=100 q=007 big=4294967295 over=4294967296 neg=-1 hex=0x10 "
                       "empty= bare sp=1x -- late=5";
    assert_int_equal(cmdline_get_uint(line, "hz", &v), 0);
    assert_int_equal(v, 100);
    assert_int_equal(cmdline_get_uint(line, "q", &v), 0);
    assert_int_equal(v, 7);
    assert_int_equal(cmdline_get_uint(line, "big", &v), 0);
    assert_int_equal(v, 4294967295u);
    v = 77;
    assert_int_equal(cmdline_get_uint(line, "over", &v), -2);
    assert_int_equal(cmdline_get_uint(line, "neg", &v), -2);
    assert_int_equal(cmdline_get_uint(line, "hex", &v), -2);
    assert_int_equal(cmdline_get_uint(line, "empty", &v), -2);
    assert_int_equal(cmdline_get_uint(line, "bare", &v), -2);
    assert_int_equal(cmdline_get_uint(line, "sp", &v), -2);
    assert_int_equal(cmdline_get_uint(line, "late", &v), -1);
    assert_int_equal(cmdline_get_uint(line, "nope", &v), -1);
    assert_int_equal(v, 77); /* untouched by every failure */
}

static void test_rest(void **state)
{
    (void)state;
    assert_null(cmdline_rest("init=a b c"));
    assert_null(cmdline_rest(""));
    assert_null(cmdline_rest("a --b"));
    assert_string_equal(cmdline_rest("init=a --   one two"), "one two");
    assert_string_equal(cmdline_rest("-- x -- y"), "x -- y"); /* only the first counts */
    assert_string_equal(cmdline_rest("init=a --"), "");
    assert_string_equal(cmdline_rest("init=a -- \t"), "");
}

static void test_split(void **state)
{
    (void)state;
    char buf[] = "  one\ttwo   three ";
    char *argv[MAX_ARGS + 1];
    assert_int_equal(cmdline_split(buf, argv, MAX_ARGS), 3);
    assert_string_equal(argv[0], "one");
    assert_string_equal(argv[1], "two");
    assert_string_equal(argv[2], "three");
    assert_null(argv[3]);

    char empty[] = "   ";
    argv[0] = buf;
    assert_int_equal(cmdline_split(empty, argv, MAX_ARGS), 0);
    assert_null(argv[0]);

    char exact[] = "a b c d";
    assert_int_equal(cmdline_split(exact, argv, MAX_ARGS), MAX_ARGS);
    assert_string_equal(argv[3], "d");
    assert_null(argv[MAX_ARGS]);

    char many[] = "a b c d e";
    assert_int_equal(cmdline_split(many, argv, MAX_ARGS), -1);
    assert_string_equal(argv[0], "a");
    assert_string_equal(argv[3], "d");
    assert_null(argv[MAX_ARGS]);

    char none[] = "x";
    assert_int_equal(cmdline_split(none, argv, 0), -1);
    assert_null(argv[0]);
}

static void test_word_is(void **state)
{
    (void)state;
    const char *cursor = "sched=coop";
    struct cmdline_word w;
    assert_true(cmdline_next(&cursor, &w));
    assert_true(cmdline_word_is(&w, "sched"));
    assert_false(cmdline_word_is(&w, "sche"));
    assert_false(cmdline_word_is(&w, "schedx"));
    assert_false(cmdline_word_is(&w, "sched=coop"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_walks_words_and_values),
        cmocka_unit_test(test_next_stops_at_double_dash),
        cmocka_unit_test(test_empty_and_null_lines),
        cmocka_unit_test(test_find_last_occurrence_wins),
        cmocka_unit_test(test_get_uint),
        cmocka_unit_test(test_rest),
        cmocka_unit_test(test_split),
        cmocka_unit_test(test_word_is),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
