/* tests/unit/test_ustar.c: the initrd reader (lib/ustar.c), on archives built
 * here in memory (good and corrupt ones) and on one made by tar (unit.mk).
 * Every archive is handed over in a heap block of exactly its size, so that
 * AddressSanitizer catches a read past the end. The index must find what
 * ustar_find finds, whether everything fits in it or not. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/ustar.h"

#define BLOCK         512
#define ARCHIVE_MAX   (16 * BLOCK)
#define NAME_FIELD    100
#define PREFIX_FIELD  155
#define SIZE_FIELD    124
#define CHKSUM_FIELD  148
#define TYPE_FIELD    156
#define MAGIC_FIELD   257
#define PREFIX_OFFSET 345

/* An archive under construction. */
struct builder {
    unsigned char buf[ARCHIVE_MAX];
    size_t len;
};

/* Recompute a header's checksum, after the test has changed a field. */
static void set_checksum(unsigned char *h)
{
    memset(h + CHKSUM_FIELD, ' ', 8);
    unsigned sum = 0;
    for (int i = 0; i < BLOCK; i++)
        sum += h[i];
    snprintf((char *)h + CHKSUM_FIELD, 8, "%06o", sum); /* "NNNNNN\0", then the ' ' */
}

/* Append an entry: a header and its data padded to a whole block. name may
 * be up to 100 chars (then it has no NUL); prefix may be NULL. Returns the
 * header, for tests to corrupt. */
static unsigned char *add_entry(struct builder *b, const char *prefix, const char *name, char type,
                                const void *data, size_t size)
{
    unsigned char *h = b->buf + b->len;
    assert_true(b->len + BLOCK + size + BLOCK <= ARCHIVE_MAX);
    memset(h, 0, BLOCK);
    memcpy(h, name, strnlen(name, NAME_FIELD));
    memcpy(h + 100, "0000644", 8); /* mode */
    memcpy(h + 108, "0000000", 8); /* uid */
    memcpy(h + 116, "0000000", 8); /* gid */
    snprintf((char *)h + SIZE_FIELD, 12, "%011o", (unsigned)size);
    memcpy(h + 136, "00000000000", 12); /* mtime */
    h[TYPE_FIELD] = (unsigned char)type;
    memcpy(h + MAGIC_FIELD, "ustar", 6);  /* POSIX magic, with its NUL */
    memcpy(h + MAGIC_FIELD + 6, "00", 2); /* and version */
    if (prefix)
        memcpy(h + PREFIX_OFFSET, prefix, strnlen(prefix, PREFIX_FIELD));
    set_checksum(h);
    b->len += BLOCK;
    memset(b->buf + b->len, 0, (size + BLOCK - 1) / BLOCK * BLOCK);
    if (size)
        memcpy(b->buf + b->len, data, size);
    b->len += (size + BLOCK - 1) / BLOCK * BLOCK;
    return h;
}

static unsigned char *add_file(struct builder *b, const char *name, const char *text)
{
    return add_entry(b, NULL, name, '0', text, strlen(text));
}

/* tar ends an archive with two zero blocks. */
static void add_end(struct builder *b)
{
    memset(b->buf + b->len, 0, 2 * BLOCK);
    b->len += 2 * BLOCK;
}

/* The first `size` bytes of b, in a heap block of exactly that size. */
static unsigned char *exact_copy(const struct builder *b, size_t size)
{
    unsigned char *p = malloc(size ? size : 1);
    assert_non_null(p);
    memcpy(p, b->buf, size);
    return p;
}

static void assert_file(const struct ustar_file *f, const char *name, const char *text)
{
    assert_string_equal(f->name, name);
    assert_int_equal(f->size, strlen(text));
    assert_memory_equal(f->data, text, f->size);
}

/* ustar_next over the first `size` bytes of b: the result of the first call. */
static int first_result(const struct builder *b, size_t size)
{
    unsigned char *a = exact_copy(b, size);
    size_t offset = 0;
    struct ustar_file f;
    int r = ustar_next(a, size, &offset, &f);
    free(a);
    return r;
}

static void test_next_lists_regular_files_only(void **state)
{
    (void)state;
    static struct builder b;
    b.len = 0;
    add_entry(&b, NULL, "bin/", '5', NULL, 0);
    add_file(&b, "bin/hello", "hello, world\n");
    add_entry(&b, NULL, "link", '2', NULL, 0);
    add_entry(&b, NULL, "old-style", '\0', "xy", 2); /* pre-POSIX regular file */
    add_file(&b, "empty", "");
    add_end(&b);

    unsigned char *a = exact_copy(&b, b.len);
    size_t offset = 0;
    struct ustar_file f;
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, "bin/hello", "hello, world\n");
    assert_ptr_equal(f.data, a + 2 * BLOCK); /* points into the archive */
    assert_int_equal(offset, 3 * BLOCK);
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, "old-style", "xy");
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, "empty", "");
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_END);
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_END);
    free(a);
}

static void test_block_sized_files_and_padding(void **state)
{
    (void)state;
    static struct builder b;
    static char text[BLOCK + 2];
    b.len = 0;
    memset(text, 'b', BLOCK);
    add_file(&b, "exact", text); /* exactly one block of data: no padding */
    text[BLOCK] = 'c';
    add_file(&b, "over", text); /* one byte more: two blocks */
    add_end(&b);
    unsigned char *a = exact_copy(&b, b.len);
    size_t offset = 0;
    struct ustar_file f;
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_string_equal(f.name, "exact");
    assert_int_equal(f.size, BLOCK);
    assert_memory_equal(f.data, text, BLOCK); /* text's first BLOCK bytes are still 'b' */
    assert_int_equal(offset, 2 * BLOCK);
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, "over", text);
    assert_int_equal(offset, 5 * BLOCK);
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_END);
    free(a);
}

static void test_end_without_zero_blocks(void **state)
{
    (void)state;
    static struct builder b;
    b.len = 0;
    assert_int_equal(first_result(&b, 0), USTAR_END); /* empty */
    add_file(&b, "a", "0123456789");
    /* The archive stops right after the data, inside its padding. */
    size_t size = BLOCK + 10;
    unsigned char *a = exact_copy(&b, size);
    size_t offset = 0;
    struct ustar_file f;
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_OK);
    assert_file(&f, "a", "0123456789");
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_END);
    free(a);
    /* Less than a header left: the end. */
    assert_int_equal(first_result(&b, BLOCK - 1), USTAR_END);
    /* An offset past the end (a caller's bug) is the end too. */
    a = exact_copy(&b, 2 * BLOCK);
    offset = 5 * BLOCK;
    assert_int_equal(ustar_next(a, 2 * BLOCK, &offset, &f), USTAR_END);
    free(a);
}

static void test_long_names_and_prefix(void **state)
{
    (void)state;
    static struct builder b;
    char name100[NAME_FIELD + 1], prefix155[PREFIX_FIELD + 1], want[USTAR_NAME_MAX];
    memset(name100, 'n', NAME_FIELD);
    name100[NAME_FIELD] = '\0';
    memset(prefix155, 'p', PREFIX_FIELD);
    prefix155[PREFIX_FIELD] = '\0';
    b.len = 0;
    add_entry(&b, NULL, name100, '0', "1", 1); /* fills the field: no NUL */
    add_entry(&b, "usr/share", "motd.txt", '0', "2", 1);
    add_entry(&b, prefix155, name100, '0', "3", 1); /* the longest possible */
    unsigned char *gnu = add_entry(&b, "ignored", "gnu", '0', "4", 1);
    memcpy(gnu + MAGIC_FIELD, "ustar  \0", 8); /* GNU magic: no prefix field */
    set_checksum(gnu);
    add_end(&b);

    unsigned char *a = exact_copy(&b, b.len);
    size_t offset = 0;
    struct ustar_file f;
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, name100, "1");
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, "usr/share/motd.txt", "2");
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    snprintf(want, sizeof want, "%s/%s", prefix155, name100);
    assert_int_equal(strlen(want), USTAR_NAME_MAX - 1);
    assert_file(&f, want, "3");
    assert_int_equal(ustar_next(a, b.len, &offset, &f), USTAR_OK);
    assert_file(&f, "gnu", "4");
    assert_int_equal(ustar_find(a, b.len, "usr/share/motd.txt", &f), USTAR_OK);
    assert_int_equal(ustar_find(a, b.len, "motd.txt", &f), USTAR_NOT_FOUND);
    free(a);
}

/* Start *b with names in the spellings tar writes and that a lookup must
 * see through: a "./" directory, "./init", "/abs", and two files called
 * "hello" (the first of two is the one found). */
static void add_spelled_names(struct builder *b)
{
    b->len = 0;
    add_entry(b, NULL, "./", '5', NULL, 0);
    add_file(b, "./init", "init");
    add_file(b, "hello", "hello");
    add_file(b, "/abs", "abs");
    add_file(b, "hello", "second hello");
}

static void test_find_ignores_leading_dot_slash(void **state)
{
    (void)state;
    static struct builder b;
    add_spelled_names(&b);
    add_end(&b);
    unsigned char *a = exact_copy(&b, b.len);
    struct ustar_file f;
    static const char *const init_names[] = {"init", "./init", "/init", ".//init"};
    for (size_t i = 0; i < sizeof init_names / sizeof init_names[0]; i++) {
        assert_int_equal(ustar_find(a, b.len, init_names[i], &f), USTAR_OK);
        assert_file(&f, "./init", "init"); /* the name as stored */
    }
    assert_int_equal(ustar_find(a, b.len, "./hello", &f), USTAR_OK);
    assert_file(&f, "hello", "hello"); /* the first of two */
    assert_int_equal(ustar_find(a, b.len, "abs", &f), USTAR_OK);
    assert_file(&f, "/abs", "abs");
    assert_int_equal(ustar_find(a, b.len, "hell", &f), USTAR_NOT_FOUND);
    assert_int_equal(ustar_find(a, b.len, "hello2", &f), USTAR_NOT_FOUND);
    assert_int_equal(ustar_find(a, b.len, "", &f), USTAR_NOT_FOUND); /* "./" is a directory */
    assert_int_equal(ustar_find(a, b.len, ".init", &f), USTAR_NOT_FOUND);
    free(a);
}

/* Build "a" then "b", let corrupt() spoil b's header, and check what the
 * reader says about the b entry. */
static int second_entry_result(void (*corrupt)(unsigned char *h), size_t cut)
{
    static struct builder b;
    b.len = 0;
    add_file(&b, "a", "fine");
    unsigned char *h = add_file(&b, "b", "0123456789");
    corrupt(h);
    add_end(&b);
    size_t size = cut ? cut : b.len;
    unsigned char *a = exact_copy(&b, size);
    size_t offset = 0;
    struct ustar_file f;
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_OK);
    assert_file(&f, "a", "fine");
    int r = ustar_next(a, size, &offset, &f);
    /* ustar_find reports the same trouble, but finds what comes before it. */
    assert_int_equal(ustar_find(a, size, "a", &f), USTAR_OK);
    int find = ustar_find(a, size, "zzz", &f);
    assert_int_equal(find, r == USTAR_MALFORMED ? USTAR_MALFORMED : USTAR_NOT_FOUND);
    free(a);
    return r;
}

static void no_change(unsigned char *h)
{
    (void)h;
}

static void bad_checksum(unsigned char *h)
{
    h[0] = 'c'; /* the name changes, the checksum does not */
}

static void non_octal_checksum(unsigned char *h)
{
    memcpy(h + CHKSUM_FIELD, "12x456\0 ", 8);
}

static void bad_magic(unsigned char *h)
{
    memcpy(h + MAGIC_FIELD, "uStar", 5);
    set_checksum(h);
}

static void non_octal_size(unsigned char *h)
{
    memcpy(h + SIZE_FIELD, "0000000001 8", 12);
    set_checksum(h);
}

static void empty_size(unsigned char *h)
{
    memset(h + SIZE_FIELD, ' ', 12);
    set_checksum(h);
}

static void size_past_end(unsigned char *h)
{
    snprintf((char *)h + SIZE_FIELD, 12, "%011o", 10u * BLOCK);
    set_checksum(h);
}

static void size_over_32_bits(unsigned char *h)
{
    memcpy(h + SIZE_FIELD, "77777777777", 12); /* 8 GiB - 1 */
    set_checksum(h);
}

static void size_with_spaces(unsigned char *h)
{
    memcpy(h + SIZE_FIELD, "        12 ", 12); /* old tars pad with spaces */
    set_checksum(h);
}

static void test_corrupt_headers_are_malformed(void **state)
{
    (void)state;
    assert_int_equal(second_entry_result(no_change, 0), USTAR_OK);
    assert_int_equal(second_entry_result(bad_checksum, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(non_octal_checksum, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(bad_magic, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(non_octal_size, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(empty_size, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(size_past_end, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(size_over_32_bits, 0), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(size_with_spaces, 0), USTAR_OK);
    /* Truncated: b's header is whole, its 10 bytes of data are not. */
    assert_int_equal(second_entry_result(no_change, 3 * BLOCK + 9), USTAR_MALFORMED);
    assert_int_equal(second_entry_result(no_change, 3 * BLOCK), USTAR_MALFORMED);
    /* Truncated inside b's header: the archive just ends there. */
    assert_int_equal(second_entry_result(no_change, 3 * BLOCK - 1), USTAR_END);
}

static void test_result_names(void **state)
{
    (void)state;
    assert_string_equal(ustar_result_name(USTAR_OK), "ok");
    assert_string_equal(ustar_result_name(USTAR_END), "end of archive");
    assert_string_equal(ustar_result_name(USTAR_NOT_FOUND), "not found");
    assert_string_equal(ustar_result_name(USTAR_MALFORMED), "malformed archive");
    assert_string_equal(ustar_result_name(42), "unknown ustar result");
}

/* The archive unit.mk makes with `tar --format=ustar -C fixture .`. */
static void test_archive_made_by_tar(void **state)
{
    (void)state;
    FILE *fp = fopen(USTAR_FIXTURE, "rb");
    assert_non_null(fp);
    static unsigned char buf[64 * BLOCK];
    size_t size = fread(buf, 1, sizeof buf, fp);
    assert_true(feof(fp)); /* it all fitted */
    fclose(fp);
    unsigned char *a = malloc(size);
    assert_non_null(a);
    memcpy(a, buf, size);

    /* Sorted by name, directories skipped, names as tar stored them. */
    static const char long_name[] = "./" USTAR_LONG_DIR "/file.txt";
    assert_true(sizeof long_name - 1 > NAME_FIELD); /* so tar had to use the prefix */
    static char block_text[BLOCK + 1];
    memset(block_text, 'b', BLOCK);
    size_t offset = 0;
    struct ustar_file f;
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_OK);
    assert_file(&f, long_name, "deep\n");
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_OK);
    assert_file(&f, "./block", block_text);
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_OK);
    assert_file(&f, "./empty", "");
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_OK);
    assert_file(&f, "./hello", "hello, world\n");
    assert_int_equal(ustar_next(a, size, &offset, &f), USTAR_END);

    assert_int_equal(ustar_find(a, size, "hello", &f), USTAR_OK);
    assert_file(&f, "./hello", "hello, world\n");
    assert_int_equal(ustar_find(a, size, "/" USTAR_LONG_DIR "/file.txt", &f), USTAR_OK);
    assert_int_equal(ustar_find(a, size, USTAR_LONG_DIR, &f), USTAR_NOT_FOUND);
    assert_int_equal(ustar_find(a, size, "missing", &f), USTAR_NOT_FOUND);
    free(a);
}

/* ------------------------------------------------------------- the index */

#define INDEX_MAX   8
#define NAMES_BYTES 256

static struct ustar_entry entries[INDEX_MAX];
static char names[NAMES_BYTES];

/* ustar_index_find and ustar_find agree about `name`: the result, and on
 * USTAR_OK the very same file. */
static void assert_index_agrees(const struct ustar_index *index, const void *a, size_t size,
                                const char *name)
{
    struct ustar_file f;
    const void *data = NULL;
    uint32_t n = 0;
    int want = ustar_find(a, size, name, &f);
    assert_int_equal(ustar_index_find(index, name, &data, &n), want);
    if (want == USTAR_OK) {
        assert_ptr_equal(data, f.data);
        assert_int_equal(n, f.size);
    }
}

/* Index `a` with room for max_entries entries and names_size bytes of
 * names, and check every name against ustar_find. */
static void check_index(const void *a, size_t size, size_t max_entries, size_t names_size,
                        const char *const *names_to_try, size_t count)
{
    struct ustar_index index;
    ustar_index_build(&index, a, size, entries, max_entries, names, names_size);
    assert_true(index.count <= max_entries);
    for (size_t i = 0; i < count; i++)
        assert_index_agrees(&index, a, size, names_to_try[i]);
}

static const char *const tried[] = {
    "init", "./init", "/init",  ".//init", "hello", "./hello", "abs",      "/abs",
    "zzz",  "hell",   "hello2", "",        ".init", "last",    "bin/tool", "tool",
};
#define TRIED (sizeof tried / sizeof tried[0])

static void test_index_finds_what_find_finds(void **state)
{
    (void)state;
    static struct builder b;
    add_spelled_names(&b);
    add_entry(&b, "bin", "tool", '0', "t", 1);
    add_file(&b, "last", "last");
    add_end(&b);
    unsigned char *a = exact_copy(&b, b.len);

    struct ustar_index index;
    ustar_index_build(&index, a, b.len, entries, INDEX_MAX, names, NAMES_BYTES);
    assert_int_equal(index.count, 6);
    assert_int_equal(index.stop, USTAR_END);
    assert_string_equal(index.entries[0].name, "init"); /* stored without "./" */
    assert_string_equal(index.entries[4].name, "bin/tool");
    check_index(a, b.len, INDEX_MAX, NAMES_BYTES, tried, TRIED);
    /* Too few entries, or too few name bytes, for all of them: the files
     * left out are found all the same, by reading the archive. */
    for (size_t max = 0; max <= 6; max++)
        check_index(a, b.len, max, NAMES_BYTES, tried, TRIED);
    for (size_t bytes = 0; bytes <= 32; bytes++)
        check_index(a, b.len, INDEX_MAX, bytes, tried, TRIED);
    ustar_index_build(&index, a, b.len, entries, 2, names, NAMES_BYTES);
    assert_int_equal(index.count, 2);
    assert_int_equal(index.stop, USTAR_OK);
    free(a);
}

static void test_index_of_a_damaged_archive(void **state)
{
    (void)state;
    static struct builder b;
    b.len = 0;
    add_file(&b, "a", "fine");
    unsigned char *h = add_file(&b, "b", "0123456789");
    add_file(&b, "c", "after the damage");
    bad_checksum(h);
    add_end(&b);
    unsigned char *a = exact_copy(&b, b.len);
    static const char *const damaged[] = {"a", "b", "c", "zzz"};
    struct ustar_index index;
    ustar_index_build(&index, a, b.len, entries, INDEX_MAX, names, NAMES_BYTES);
    assert_int_equal(index.count, 1);
    assert_int_equal(index.stop, USTAR_MALFORMED);
    for (size_t max = 0; max <= 2; max++) /* full before the damage, or not */
        check_index(a, b.len, max, NAMES_BYTES, damaged, 4);
    free(a);
    assert_int_equal(ustar_index_find(&(struct ustar_index){.stop = USTAR_END}, "a",
                                      &(const void *){NULL}, &(uint32_t){0}),
                     USTAR_NOT_FOUND); /* an empty index */
}

static void test_index_of_the_archive_made_by_tar(void **state)
{
    (void)state;
    FILE *fp = fopen(USTAR_FIXTURE, "rb");
    assert_non_null(fp);
    static unsigned char buf[64 * BLOCK];
    size_t size = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    unsigned char *a = malloc(size);
    assert_non_null(a);
    memcpy(a, buf, size);
    static const char *const in_it[] = {
        "hello", "./hello", "block", "empty", USTAR_LONG_DIR "/file.txt", USTAR_LONG_DIR, "missing",
    };
    check_index(a, size, INDEX_MAX, NAMES_BYTES, in_it, sizeof in_it / sizeof in_it[0]);
    free(a);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next_lists_regular_files_only),
        cmocka_unit_test(test_block_sized_files_and_padding),
        cmocka_unit_test(test_end_without_zero_blocks),
        cmocka_unit_test(test_long_names_and_prefix),
        cmocka_unit_test(test_find_ignores_leading_dot_slash),
        cmocka_unit_test(test_corrupt_headers_are_malformed),
        cmocka_unit_test(test_result_names),
        cmocka_unit_test(test_archive_made_by_tar),
        cmocka_unit_test(test_index_finds_what_find_finds),
        cmocka_unit_test(test_index_of_a_damaged_archive),
        cmocka_unit_test(test_index_of_the_archive_made_by_tar),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
