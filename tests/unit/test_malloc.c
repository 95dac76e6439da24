/* tests/unit/test_malloc.c: the user heap (user/lib/malloc.c), compiled for
 * the host with its functions renamed (tests/unit/malloc_rename.h) and its
 * sbrk() replaced by a fake over a static arena. The tests run in order on
 * one heap; each frees what it allocates, so every test starts with the
 * whole heap free, as one block. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/errno.h"

#define ARENA_SIZE (4 * 1024 * 1024)
#define ALIGN      16
#define HEADER     16          /* malloc's block header */
#define CHUNK      (16 * 1024) /* malloc grows the heap by multiples of this */
#define TRIM_AT    (64 * 1024) /* a free top block this big is given back */

/* The renamed heap under test. */
void *coop_malloc(size_t size);
void coop_free(void *ptr);
void *coop_calloc(size_t n, size_t size);
void *coop_realloc(void *ptr, size_t size);

/* ------------------------------------------------------------- the fakes */

static _Alignas(4096) char arena[ARENA_SIZE]; /* page-aligned, as a real heap */
static size_t brk_offset;                     /* the break, as an offset into arena */
static size_t arena_limit = ARENA_SIZE;       /* sbrk fails beyond this */
static int sbrk_calls;
static int last_increment;

/* sbrk(2) over `arena`, with the kernel's error codes. */
intptr_t fake_sbrk(int increment)
{
    sbrk_calls++;
    last_increment = increment;
    if (increment > 0 && brk_offset + (size_t)increment > arena_limit)
        return -ENOMEM;
    if (increment < 0 && (size_t)-increment > brk_offset)
        return -EINVAL;
    intptr_t old = (intptr_t)(arena + brk_offset);
    brk_offset += (size_t)(ptrdiff_t)increment;
    return old;
}

/* The heap lock yields only when another task holds it: never here. */
int fake_yield(void)
{
    fail_msg("malloc yielded, but no other task holds its lock");
    return 0;
}

static char *brk_now(void)
{
    return arena + brk_offset;
}

/* ------------------------------------------------------------- the tests */

static void test_alignment_and_no_overlap(void **state)
{
    (void)state;
    enum { N = 40 };
    unsigned char *p[N];
    for (int i = 0; i < N; i++) {
        size_t size = (size_t)i * 7 + 1;
        p[i] = coop_malloc(size);
        assert_non_null(p[i]);
        assert_int_equal((uintptr_t)p[i] % ALIGN, 0);
        assert_true((char *)p[i] >= arena && (char *)p[i] + size <= brk_now());
        memset(p[i], i, size);
    }
    for (int i = 0; i < N; i++) /* nobody wrote over anybody */
        for (size_t j = 0; j < (size_t)i * 7 + 1; j++)
            assert_int_equal(p[i][j], i);
    for (int i = 0; i < N; i++)
        coop_free(p[i]);
}

static void test_first_heap_growth_is_a_chunk(void **state)
{
    (void)state;
    /* The first test grew the heap once, by one chunk, from the arena's start. */
    assert_true(brk_offset >= CHUNK);
    assert_int_equal(brk_offset % CHUNK, 0);
}

static void test_split_puts_blocks_side_by_side(void **state)
{
    (void)state;
    char *a = coop_malloc(100); /* a 128-byte block: 16 header + 112 rounded up */
    char *b = coop_malloc(100);
    char *c = coop_malloc(1);
    assert_ptr_equal(b, a + 128);
    assert_ptr_equal(c, b + 128);
    coop_free(a);
    coop_free(b);
    coop_free(c);
}

static void test_free_block_is_reused(void **state)
{
    (void)state;
    char *a = coop_malloc(300);
    char *b = coop_malloc(300);
    coop_free(a);
    char *c = coop_malloc(300); /* first fit: a's old block */
    assert_ptr_equal(c, a);
    char *d = coop_malloc(200); /* smaller: fits there too, after freeing c */
    coop_free(c);
    char *e = coop_malloc(200);
    assert_ptr_equal(e, a);
    coop_free(b);
    coop_free(d);
    coop_free(e);
}

static void test_coalesce_with_next_and_previous(void **state)
{
    (void)state;
    char *a = coop_malloc(100), *b = coop_malloc(100), *c = coop_malloc(100);
    char *guard = coop_malloc(100); /* keeps the free run from reaching the top */
    /* b then a: a merges with the free block after it. */
    coop_free(b);
    coop_free(a);
    char *ab = coop_malloc(200); /* needs 224 bytes: only a + b together */
    assert_ptr_equal(ab, a);
    coop_free(ab);
    /* a, b, then c: c merges with the free block before it. */
    char *a2 = coop_malloc(100), *b2 = coop_malloc(100);
    assert_ptr_equal(a2, a);
    assert_ptr_equal(b2, b);
    coop_free(a2);
    coop_free(c);
    coop_free(b2); /* joins a2 before it and c after it: one 384-byte block */
    char *abc = coop_malloc(350);
    assert_ptr_equal(abc, a);
    coop_free(abc);
    coop_free(guard);
}

static void test_malloc_zero_is_unique(void **state)
{
    (void)state;
    void *a = coop_malloc(0), *b = coop_malloc(0);
    assert_non_null(a);
    assert_non_null(b);
    assert_ptr_not_equal(a, b);
    coop_free(a);
    coop_free(b);
    coop_free(NULL); /* does nothing */
}

static void test_calloc_zeroes_a_reused_block(void **state)
{
    (void)state;
    unsigned char *dirty = coop_malloc(256);
    memset(dirty, 0xAA, 256);
    coop_free(dirty);
    unsigned char *clean = coop_calloc(16, 16);
    assert_ptr_equal(clean, dirty);
    for (int i = 0; i < 256; i++)
        assert_int_equal(clean[i], 0);
    coop_free(clean);
}

static void test_realloc_grows_in_place_then_moves(void **state)
{
    (void)state;
    char *a = coop_malloc(32);
    memcpy(a, "coroutines", 11);
    char *grown = coop_realloc(a, 1000); /* the free space right after a */
    assert_ptr_equal(grown, a);
    assert_string_equal(grown, "coroutines");

    char *blocker = coop_malloc(32); /* right after grown: it cannot grow in place */
    assert_ptr_equal(blocker, grown + 1008 + HEADER);
    char *moved = coop_realloc(grown, 5000);
    assert_non_null(moved);
    assert_ptr_not_equal(moved, grown);
    assert_string_equal(moved, "coroutines");
    char *reuse = coop_malloc(900); /* the old block is free again */
    assert_ptr_equal(reuse, a);

    coop_free(reuse);
    coop_free(blocker);
    coop_free(moved);
}

static void test_realloc_shrinks_in_place(void **state)
{
    (void)state;
    char *a = coop_malloc(1000);
    char *b = coop_malloc(16);
    memcpy(a, "pyos", 5);
    char *small = coop_realloc(a, 40); /* 64-byte block; the rest is freed */
    assert_ptr_equal(small, a);
    assert_string_equal(small, "pyos");
    char *next = coop_malloc(100);
    assert_ptr_equal(next, a + 64); /* from the freed tail */
    coop_free(next);
    coop_free(small);
    coop_free(b);
}

static void test_realloc_edge_cases(void **state)
{
    (void)state;
    char *p = coop_realloc(NULL, 50); /* is malloc */
    assert_non_null(p);
    assert_null(coop_realloc(p, 0)); /* is free */
    char *q = coop_malloc(50);
    assert_ptr_equal(q, p); /* p's block was freed */
    coop_free(q);
}

static void test_big_blocks_grow_by_chunks_and_are_given_back(void **state)
{
    (void)state;
    size_t before = brk_offset;
    int calls = sbrk_calls;
    char *big = coop_malloc(200 * 1024);
    assert_non_null(big);
    assert_true(sbrk_calls > calls);
    assert_int_equal(brk_offset % CHUNK, 0);
    assert_true(brk_offset >= before + 200 * 1024 - CHUNK);
    memset(big, 1, 200 * 1024);
    coop_free(big);
    /* The free top of the heap was given back, down to one chunk. */
    assert_true(last_increment < 0);
    assert_true(brk_offset <= TRIM_AT);
}

static void test_out_of_memory(void **state)
{
    (void)state;
    size_t saved = arena_limit;
    arena_limit = brk_offset; /* the fake kernel has no memory left */
    assert_null(coop_malloc(CHUNK * 8));
    char *small = coop_malloc(64); /* what is already free still works */
    assert_non_null(small);
    memcpy(small, "kept", 5);
    assert_null(coop_realloc(small, CHUNK * 8)); /* fails, and small is left alone */
    assert_string_equal(small, "kept");
    arena_limit = saved;

    assert_null(coop_malloc((size_t)1 << 31)); /* larger than any heap */
    assert_null(coop_malloc(SIZE_MAX));        /* would overflow the rounding */
    assert_null(coop_calloc(SIZE_MAX / 2, 3)); /* n * size overflows */
    assert_null(coop_calloc((size_t)1 << 20, 1 << 20));
    assert_null(coop_realloc(small, (size_t)1 << 31));
    assert_string_equal(small, "kept");
    coop_free(small);
}

static void test_heap_is_one_free_block_at_the_end(void **state)
{
    (void)state;
    /* Everything was freed and merged: one malloc of (almost) all of it fits
     * at the start of the heap without growing it. */
    size_t size = brk_offset - HEADER;
    int calls = sbrk_calls;
    char *all = coop_malloc(size);
    assert_ptr_equal(all, arena + HEADER);
    assert_int_equal(sbrk_calls, calls);
    coop_free(all);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_alignment_and_no_overlap),
        cmocka_unit_test(test_first_heap_growth_is_a_chunk),
        cmocka_unit_test(test_split_puts_blocks_side_by_side),
        cmocka_unit_test(test_free_block_is_reused),
        cmocka_unit_test(test_coalesce_with_next_and_previous),
        cmocka_unit_test(test_malloc_zero_is_unique),
        cmocka_unit_test(test_calloc_zeroes_a_reused_block),
        cmocka_unit_test(test_realloc_grows_in_place_then_moves),
        cmocka_unit_test(test_realloc_shrinks_in_place),
        cmocka_unit_test(test_realloc_edge_cases),
        cmocka_unit_test(test_big_blocks_grow_by_chunks_and_are_given_back),
        cmocka_unit_test(test_out_of_memory),
        cmocka_unit_test(test_heap_is_one_free_block_at_the_end),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
