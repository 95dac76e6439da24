/* tests/unit/test_shparse.c: the shell's command-line parser
 * (user/lib/shparse.c): words, quotes, pipelines, '&', what it rejects, and
 * its limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "user/lib/shparse.h"

/* Assert that command `cmd` of *p has exactly the words in `want` (NULL
 * terminated), and that its argv ends with NULL as spawnv wants. */
static void assert_words(const struct sh_pipeline *p, int cmd, const char *const *want)
{
    assert_true(cmd < p->ncmds);
    const struct sh_command *c = &p->cmds[cmd];
    int n = 0;
    while (want[n])
        n++;
    assert_int_equal(c->argc, n);
    for (int i = 0; i < n; i++)
        assert_string_equal(c->argv[i], want[i]);
    assert_null(c->argv[n]);
}

/* Parse `line`, which must be valid, into *p. */
static void parse_ok(const char *line, struct sh_pipeline *p)
{
    assert_int_equal(sh_parse(line, p), SH_OK);
}

/* Parse `line`, which must fail with `err` at offset `at`. */
static void parse_fails(const char *line, int err, int at)
{
    struct sh_pipeline p;
    assert_int_equal(sh_parse(line, &p), err);
    assert_int_equal(p.error_at, at);
    assert_int_equal(p.ncmds, 0);
    assert_false(p.background);
}

static void test_blank_lines_are_empty(void **state)
{
    (void)state;
    static const char *const blanks[] = {"", " ", "\n", "\r\n", " \t  \n"};
    for (size_t i = 0; i < sizeof blanks / sizeof blanks[0]; i++) {
        struct sh_pipeline p;
        parse_ok(blanks[i], &p);
        assert_int_equal(p.ncmds, 0);
        assert_false(p.background);
    }
}

static void test_words_split_at_blanks(void **state)
{
    (void)state;
    struct sh_pipeline p;
    parse_ok("  hello\tone   two \r\n", &p);
    assert_int_equal(p.ncmds, 1);
    assert_false(p.background);
    assert_words(&p, 0, (const char *const[]){"hello", "one", "two", NULL});
}

static void test_pipelines(void **state)
{
    (void)state;
    struct sh_pipeline p;
    parse_ok("cat motd.txt | wc", &p);
    assert_int_equal(p.ncmds, 2);
    assert_words(&p, 0, (const char *const[]){"cat", "motd.txt", NULL});
    assert_words(&p, 1, (const char *const[]){"wc", NULL});

    parse_ok("a|b|c", &p); /* no blanks needed around '|' */
    assert_int_equal(p.ncmds, 3);
    assert_words(&p, 0, (const char *const[]){"a", NULL});
    assert_words(&p, 1, (const char *const[]){"b", NULL});
    assert_words(&p, 2, (const char *const[]){"c", NULL});
}

static void test_background(void **state)
{
    (void)state;
    struct sh_pipeline p;
    parse_ok("sleep 100 &", &p);
    assert_true(p.background);
    assert_words(&p, 0, (const char *const[]){"sleep", "100", NULL});

    parse_ok("sleep 100&\n", &p);
    assert_true(p.background);
    assert_words(&p, 0, (const char *const[]){"sleep", "100", NULL});

    parse_ok("sleep 5000 | wc  &  ", &p);
    assert_true(p.background);
    assert_int_equal(p.ncmds, 2);
    assert_words(&p, 1, (const char *const[]){"wc", NULL});
}

static void test_quotes(void **state)
{
    (void)state;
    struct sh_pipeline p;
    parse_ok("hello 'a b' \"c  d\" '' x", &p);
    assert_words(&p, 0, (const char *const[]){"hello", "a b", "c  d", "", "x", NULL});

    parse_ok("hello a'b c'd\"e\"", &p); /* parts next to each other: one word */
    assert_words(&p, 0, (const char *const[]){"hello", "ab cde", NULL});

    parse_ok("hello \"it's\" 'say \"hi\"'", &p); /* each quote holds the other */
    assert_words(&p, 0, (const char *const[]){"hello", "it's", "say \"hi\"", NULL});

    parse_ok("hello '|' \"&\" '<>;$`()\\'", &p); /* nothing is special inside */
    assert_int_equal(p.ncmds, 1);
    assert_false(p.background);
    assert_words(&p, 0, (const char *const[]){"hello", "|", "&", "<>;$`()\\", NULL});
}

static void test_words_outlive_the_line(void **state)
{
    (void)state;
    char line[] = "cat 'motd.txt' | wc";
    struct sh_pipeline p;
    parse_ok(line, &p);
    memset(line, 'x', sizeof line - 1);
    assert_words(&p, 0, (const char *const[]){"cat", "motd.txt", NULL});
    assert_words(&p, 1, (const char *const[]){"wc", NULL});
}

static void test_missing_commands(void **state)
{
    (void)state;
    parse_fails("| wc", SH_ERR_EMPTY_COMMAND, 0);
    parse_fails("cat |", SH_ERR_EMPTY_COMMAND, 5);
    parse_fails("cat | \n", SH_ERR_EMPTY_COMMAND, 7);
    parse_fails("cat || wc", SH_ERR_EMPTY_COMMAND, 5);
    parse_fails("cat | | wc", SH_ERR_EMPTY_COMMAND, 6);
    parse_fails("&", SH_ERR_EMPTY_COMMAND, 0);
    parse_fails("  & ", SH_ERR_EMPTY_COMMAND, 2);
    parse_fails("cat | &", SH_ERR_EMPTY_COMMAND, 6);
}

static void test_ampersand_only_at_the_end(void **state)
{
    (void)state;
    parse_fails("a & b", SH_ERR_AMP_NOT_LAST, 2); /* the caret under the '&' */
    parse_fails("a && b", SH_ERR_AMP_NOT_LAST, 2);
    parse_fails("a & | b", SH_ERR_AMP_NOT_LAST, 2);
    parse_fails("a&b", SH_ERR_AMP_NOT_LAST, 1);
}

static void test_unclosed_quotes(void **state)
{
    (void)state;
    parse_fails("'abc", SH_ERR_UNCLOSED_QUOTE, 0);
    parse_fails("hello \"a b", SH_ERR_UNCLOSED_QUOTE, 6);
    parse_fails("hello 'a'b'", SH_ERR_UNCLOSED_QUOTE, 10);
    parse_fails("hello \"it's", SH_ERR_UNCLOSED_QUOTE, 6);
}

static void test_unsupported_characters(void **state)
{
    (void)state;
    parse_fails("cat motd.txt > out", SH_ERR_REDIRECT, 13);
    parse_fails("wc <motd.txt", SH_ERR_REDIRECT, 3);
    parse_fails("cat>x", SH_ERR_REDIRECT, 3);
    parse_fails("hello; hello", SH_ERR_SEQUENCE, 5);
    parse_fails("hello $HOME", SH_ERR_SUBSTITUTION, 6);
    parse_fails("hello `ps`", SH_ERR_SUBSTITUTION, 6);
    parse_fails("(hello)", SH_ERR_SUBSHELL, 0);
    parse_fails("hello a)", SH_ERR_SUBSHELL, 7);
    parse_fails("hello a\\ b", SH_ERR_BACKSLASH, 7);
    parse_fails("hello & >", SH_ERR_AMP_NOT_LAST, 6); /* the first fault found counts */
}

static void test_messages(void **state)
{
    (void)state;
    assert_string_equal(sh_parse_strerror(SH_ERR_REDIRECT),
                        "no redirection: coop has no file system; use cat FILE | ...");
    for (int err = 0; err < SH_ERR_COUNT; err++) {
        assert_non_null(sh_parse_strerror(err));
        assert_string_not_equal(sh_parse_strerror(err), "unknown error");
        for (int other = 0; other < err; other++)
            if (err != SH_ERR_REDIRECT || other != SH_ERR_REDIRECT)
                assert_string_not_equal(sh_parse_strerror(err), sh_parse_strerror(other));
    }
    assert_string_equal(sh_parse_strerror(SH_ERR_COUNT), "unknown error");
    assert_string_equal(sh_parse_strerror(-1), "unknown error");
}

/* "w w w ...": n one-letter words, in buf. */
static const char *words_line(char *buf, int n)
{
    for (int i = 0; i < n; i++) {
        buf[2 * i] = 'w';
        buf[2 * i + 1] = ' ';
    }
    buf[2 * n] = '\0';
    return buf;
}

static void test_word_limit(void **state)
{
    (void)state;
    char buf[2 * (SH_WORDS_MAX + 1) + 1];
    struct sh_pipeline p;
    parse_ok(words_line(buf, SH_WORDS_MAX), &p);
    assert_int_equal(p.cmds[0].argc, SH_WORDS_MAX);
    assert_null(p.cmds[0].argv[SH_WORDS_MAX]);
    parse_fails(words_line(buf, SH_WORDS_MAX + 1), SH_ERR_TOO_MANY_WORDS, 2 * SH_WORDS_MAX);
}

/* "c|c|c...": n one-letter commands, in buf. */
static const char *pipeline_line(char *buf, int n)
{
    for (int i = 0; i < n; i++) {
        buf[2 * i] = 'c';
        buf[2 * i + 1] = '|';
    }
    buf[2 * n - 1] = '\0';
    return buf;
}

static void test_pipeline_limit(void **state)
{
    (void)state;
    char buf[2 * (SH_CMDS_MAX + 1)];
    struct sh_pipeline p;
    parse_ok(pipeline_line(buf, SH_CMDS_MAX), &p);
    assert_int_equal(p.ncmds, SH_CMDS_MAX);
    assert_words(&p, SH_CMDS_MAX - 1, (const char *const[]){"c", NULL});
    /* The '|' that would start command SH_CMDS_MAX + 1 is at fault. */
    parse_fails(pipeline_line(buf, SH_CMDS_MAX + 1), SH_ERR_TOO_MANY_CMDS, 2 * SH_CMDS_MAX - 1);
}

static void test_line_limit(void **state)
{
    (void)state;
    char line[SH_LINE_MAX + 2];
    memset(line, 'a', SH_LINE_MAX);
    line[SH_LINE_MAX] = '\0';
    struct sh_pipeline p;
    parse_ok(line, &p); /* one word as long as a line: the buffer is just big enough */
    assert_int_equal(p.ncmds, 1);
    assert_int_equal(strlen(p.cmds[0].argv[0]), SH_LINE_MAX);

    memset(line, ' ', SH_LINE_MAX);
    memcpy(line + SH_LINE_MAX - 3, "a|b", 3); /* many blanks, then a pipeline */
    parse_ok(line, &p);
    assert_int_equal(p.ncmds, 2);

    line[SH_LINE_MAX] = 'a';
    line[SH_LINE_MAX + 1] = '\0';
    parse_fails(line, SH_ERR_TOO_LONG, SH_LINE_MAX);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_blank_lines_are_empty),
        cmocka_unit_test(test_words_split_at_blanks),
        cmocka_unit_test(test_pipelines),
        cmocka_unit_test(test_background),
        cmocka_unit_test(test_quotes),
        cmocka_unit_test(test_words_outlive_the_line),
        cmocka_unit_test(test_missing_commands),
        cmocka_unit_test(test_ampersand_only_at_the_end),
        cmocka_unit_test(test_unclosed_quotes),
        cmocka_unit_test(test_unsupported_characters),
        cmocka_unit_test(test_messages),
        cmocka_unit_test(test_word_limit),
        cmocka_unit_test(test_pipeline_limit),
        cmocka_unit_test(test_line_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
