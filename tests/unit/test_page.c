/* tests/unit/test_page.c: the physical page allocator (kernel/page.c) on the
 * host, over a page-aligned buffer that plays the part of RAM: which pages of
 * a memory map it manages (whole pages only, below the limit, none that is
 * reserved), and allocating, freeing and running out. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/config.h"
#include "kernel/page.h"

#define ARENA_PAGES 16
#define NO_LIMIT    UINT64_MAX
#define JUNK        0xA5 /* what the arena holds before the allocator sees it */

/* page_init (not called here: its map is the real machine's) needs these. */
struct boot_info boot_info;
char __kernel_start[1], __kernel_end[1];

/* page_free's ASSERT: let expect_assert_failure catch the panic. */
void panic_at(const char *file, int line, const char *func, const char *fmt, ...)
{
    static char message[256]; /* static: cmocka prints it after the jump */
    va_list ap;
    (void)func;
    va_start(ap, fmt);
    vsnprintf(message, sizeof message, fmt, ap);
    va_end(ap);
    mock_assert(0, message, file, line);
    abort(); /* not reached: mock_assert jumps back into cmocka */
}

/* The "RAM": ARENA_PAGES pages, their address a multiple of PAGE_SIZE. */
static uint8_t *arena;

static int arena_setup(void **state)
{
    (void)state;
    arena = aligned_alloc(PAGE_SIZE, ARENA_PAGES * PAGE_SIZE);
    if (!arena)
        return -1;
    memset(arena, JUNK, ARENA_PAGES * PAGE_SIZE);
    return 0;
}

static int arena_teardown(void **state)
{
    (void)state;
    free(arena);
    return 0;
}

/* The address of byte `offset` of the arena, as a "physical" address. */
static uint64_t at(uint64_t offset)
{
    return (uintptr_t)arena + offset;
}

/* The region [at(from), at(to)) of the arena. */
static struct mem_region region(uint64_t from, uint64_t to)
{
    return (struct mem_region){.addr = at(from), .len = to - from};
}

/* Manage the arena's region [from, to), nothing reserved, no limit. */
static void init_one(uint64_t from, uint64_t to)
{
    struct mem_region r = region(from, to);
    page_init_regions(&r, 1, NO_LIMIT, NULL, 0);
}

/* Allocate every free page into pages[] (at most max), checking each one:
 * page-aligned, inside the arena, zeroed, and not handed out before. Returns
 * how many there were. */
static int alloc_all(uint8_t **pages, int max)
{
    int n = 0;
    uint8_t *p;
    while ((p = page_alloc()) != NULL) {
        assert_true(n < max);
        assert_int_equal((uintptr_t)p % PAGE_SIZE, 0);
        assert_true(p >= arena && p < arena + ARENA_PAGES * PAGE_SIZE);
        for (int i = 0; i < PAGE_SIZE; i++)
            assert_int_equal(p[i], 0);
        for (int j = 0; j < n; j++)
            assert_ptr_not_equal(pages[j], p);
        pages[n++] = p;
    }
    assert_int_equal(page_free_count(), 0);
    return n;
}

/* Which arena pages are free: bit i for page i. Allocates them all. */
static uint32_t free_pages_mask(void)
{
    uint8_t *pages[ARENA_PAGES];
    uint32_t mask = 0;
    int n = alloc_all(pages, ARENA_PAGES);
    for (int i = 0; i < n; i++)
        mask |= 1u << ((pages[i] - arena) / PAGE_SIZE);
    return mask;
}

/* Bits first..last (pages of the arena), inclusive. */
static uint32_t pages_mask(int first, int last)
{
    return ((1u << (last + 1)) - 1) & ~((1u << first) - 1);
}

static void test_every_page_of_a_region_is_free(void **state)
{
    (void)state;
    init_one(0, ARENA_PAGES * PAGE_SIZE);
    assert_int_equal(page_total_count(), ARENA_PAGES);
    assert_int_equal(page_free_count(), ARENA_PAGES);
}

static void test_alloc_until_empty_then_null(void **state)
{
    (void)state;
    uint8_t *pages[ARENA_PAGES];
    init_one(0, ARENA_PAGES * PAGE_SIZE);
    assert_int_equal(alloc_all(pages, ARENA_PAGES), ARENA_PAGES); /* each one distinct */
    assert_null(page_alloc());
    assert_null(page_alloc());
    assert_int_equal(page_free_count(), 0);
    assert_int_equal(page_total_count(), ARENA_PAGES);
}

static void test_allocation_starts_at_low_addresses(void **state)
{
    (void)state;
    init_one(0, ARENA_PAGES * PAGE_SIZE);
    for (int i = 0; i < ARENA_PAGES; i++)
        assert_ptr_equal(page_alloc(), arena + i * PAGE_SIZE);
}

static void test_freed_page_comes_back_zeroed(void **state)
{
    (void)state;
    init_one(0, 2 * PAGE_SIZE);
    uint8_t *p = page_alloc();
    memset(p, JUNK, PAGE_SIZE);
    page_free(p);
    assert_int_equal(page_free_count(), 2);
    assert_ptr_equal(page_alloc(), p); /* last freed, first reused */
    for (int i = 0; i < PAGE_SIZE; i++)
        assert_int_equal(p[i], 0);
    assert_int_equal(page_free_count(), 1);
}

static void test_no_page_handed_out_twice(void **state)
{
    (void)state;
    uint8_t *pages[ARENA_PAGES];
    init_one(0, ARENA_PAGES * PAGE_SIZE);
    int n = alloc_all(pages, ARENA_PAGES);
    /* Give back every other page, in a scrambled order, then take them again:
     * they must be exactly the pages given back. */
    for (int i = n - 2; i >= 0; i -= 2)
        page_free(pages[i]);
    assert_int_equal(page_free_count(), n / 2);
    uint8_t *again[ARENA_PAGES];
    int m = alloc_all(again, ARENA_PAGES);
    assert_int_equal(m, n / 2);
    for (int j = 0; j < m; j++) {
        bool given_back = false;
        for (int i = 0; i < n; i += 2)
            given_back |= again[j] == pages[i];
        assert_true(given_back);
    }
}

static void test_unaligned_region_keeps_only_whole_pages(void **state)
{
    (void)state;
    /* From inside page 1 to inside page 6: pages 2 to 5 are whole. */
    init_one(PAGE_SIZE + 100, 6 * PAGE_SIZE + 17);
    assert_int_equal(page_total_count(), 4);
    assert_int_equal(free_pages_mask(), pages_mask(2, 5));
}

static void test_region_ending_unaligned_keeps_its_last_whole_page(void **state)
{
    (void)state;
    init_one(0, 3 * PAGE_SIZE - 1); /* page 2 lacks its last byte */
    assert_int_equal(free_pages_mask(), pages_mask(0, 1));
}

static void test_regions_smaller_than_a_page_give_nothing(void **state)
{
    (void)state;
    init_one(10, PAGE_SIZE - 10);
    assert_int_equal(page_total_count(), 0);
    init_one(PAGE_SIZE - 1, PAGE_SIZE + 1); /* straddles a page boundary */
    assert_int_equal(page_total_count(), 0);
    init_one(PAGE_SIZE, PAGE_SIZE); /* empty */
    assert_int_equal(page_total_count(), 0);
    assert_null(page_alloc());
}

static void test_several_regions_add_up(void **state)
{
    (void)state;
    const struct mem_region map[] = {
        region(0, 2 * PAGE_SIZE), region(4 * PAGE_SIZE, 7 * PAGE_SIZE),
        region(10 * PAGE_SIZE + 1, 12 * PAGE_SIZE), /* page 10 is not whole */
    };
    page_init_regions(map, 3, NO_LIMIT, NULL, 0);
    assert_int_equal(page_total_count(), 2 + 3 + 1);
    assert_int_equal(free_pages_mask(), pages_mask(0, 1) | pages_mask(4, 6) | pages_mask(11, 11));
}

static void test_reserved_ranges_are_excluded(void **state)
{
    (void)state;
    const struct mem_region ram = region(0, ARENA_PAGES * PAGE_SIZE);
    const struct phys_range reserved[] = {
        {at(0), at(3 * PAGE_SIZE)},                       /* "low memory": pages 0-2 */
        {at(5 * PAGE_SIZE), at(8 * PAGE_SIZE)},           /* "the kernel image": 5-7 */
        {at(9 * PAGE_SIZE + 8), at(9 * PAGE_SIZE + 9)},   /* one byte of page 9 */
        {at(11 * PAGE_SIZE - 1), at(12 * PAGE_SIZE + 1)}, /* spills onto 10 and 12 */
        {0, 0},                                           /* an absent module */
    };
    page_init_regions(&ram, 1, NO_LIMIT, reserved, sizeof reserved / sizeof reserved[0]);
    uint32_t want = pages_mask(3, 4) | pages_mask(8, 8) | pages_mask(13, 15);
    assert_int_equal(page_total_count(), __builtin_popcount(want));
    assert_int_equal(free_pages_mask(), want);
}

static void test_overlapping_and_empty_reserved_ranges(void **state)
{
    (void)state;
    const struct mem_region ram = region(0, ARENA_PAGES * PAGE_SIZE);
    const struct phys_range reserved[] = {
        {at(2 * PAGE_SIZE), at(6 * PAGE_SIZE)},           /* pages 2-5 ... */
        {at(4 * PAGE_SIZE), at(8 * PAGE_SIZE)},           /* ... and 4-7: 2-7 */
        {at(10 * PAGE_SIZE + 5), at(10 * PAGE_SIZE + 5)}, /* empty, inside page 10 */
        {at(12 * PAGE_SIZE), at(12 * PAGE_SIZE)},         /* empty, on a boundary */
        {at(15 * PAGE_SIZE), at(14 * PAGE_SIZE)},         /* backwards: nothing */
    };
    page_init_regions(&ram, 1, NO_LIMIT, reserved, sizeof reserved / sizeof reserved[0]);
    /* A page is reserved if a range's start is below its end and the range's
     * end above its start: an empty range inside a page takes that page. */
    uint32_t want = pages_mask(0, 1) | pages_mask(8, 9) | pages_mask(11, 15);
    assert_int_equal(page_total_count(), __builtin_popcount(want));
    assert_int_equal(free_pages_mask(), want);
}

static void test_dirty_page_is_not_zeroed(void **state)
{
    (void)state;
    init_one(0, 2 * PAGE_SIZE);
    uint8_t *p = page_alloc();
    memset(p, JUNK, PAGE_SIZE);
    page_free(p);
    assert_ptr_equal(page_alloc_dirty(), p);
    assert_int_equal(p[PAGE_SIZE - 1], JUNK); /* what it held (but the free list's word) */
    assert_int_equal(page_free_count(), 1);
    page_free(p);
    assert_int_equal(page_free_count(), 2);
}

static void test_pages_above_the_limit_are_excluded(void **state)
{
    (void)state;
    struct mem_region ram = region(0, ARENA_PAGES * PAGE_SIZE);
    page_init_regions(&ram, 1, at(10 * PAGE_SIZE), NULL, 0);
    assert_int_equal(free_pages_mask(), pages_mask(0, 9));

    /* A limit inside a page keeps that page out too. */
    page_init_regions(&ram, 1, at(10 * PAGE_SIZE + 100), NULL, 0);
    assert_int_equal(free_pages_mask(), pages_mask(0, 9));

    /* A region starting at or above the limit gives nothing. */
    page_init_regions(&ram, 1, at(0), NULL, 0);
    assert_int_equal(page_total_count(), 0);
}

static void test_region_longer_than_the_address_space_stops_at_the_limit(void **state)
{
    (void)state;
    /* A bad map: addr + len wraps around 64 bits. */
    struct mem_region huge = {.addr = at(0), .len = UINT64_MAX};
    page_init_regions(&huge, 1, at(4 * PAGE_SIZE), NULL, 0);
    assert_int_equal(free_pages_mask(), pages_mask(0, 3));
}

static void test_init_starts_afresh(void **state)
{
    (void)state;
    init_one(0, ARENA_PAGES * PAGE_SIZE);
    init_one(0, 2 * PAGE_SIZE);
    assert_int_equal(page_total_count(), 2);
    assert_int_equal(free_pages_mask(), pages_mask(0, 1));
}

static void test_freeing_an_unaligned_pointer_panics(void **state)
{
    (void)state;
    init_one(0, PAGE_SIZE);
    expect_assert_failure(page_free(arena + 8));
    assert_int_equal(page_free_count(), 1);
}

#define ARENA_TEST(f) cmocka_unit_test_setup_teardown(f, arena_setup, arena_teardown)

int main(void)
{
    const struct CMUnitTest tests[] = {
        ARENA_TEST(test_every_page_of_a_region_is_free),
        ARENA_TEST(test_alloc_until_empty_then_null),
        ARENA_TEST(test_allocation_starts_at_low_addresses),
        ARENA_TEST(test_freed_page_comes_back_zeroed),
        ARENA_TEST(test_no_page_handed_out_twice),
        ARENA_TEST(test_unaligned_region_keeps_only_whole_pages),
        ARENA_TEST(test_region_ending_unaligned_keeps_its_last_whole_page),
        ARENA_TEST(test_regions_smaller_than_a_page_give_nothing),
        ARENA_TEST(test_several_regions_add_up),
        ARENA_TEST(test_reserved_ranges_are_excluded),
        ARENA_TEST(test_overlapping_and_empty_reserved_ranges),
        ARENA_TEST(test_dirty_page_is_not_zeroed),
        ARENA_TEST(test_pages_above_the_limit_are_excluded),
        ARENA_TEST(test_region_longer_than_the_address_space_stops_at_the_limit),
        ARENA_TEST(test_init_starts_afresh),
        ARENA_TEST(test_freeing_an_unaligned_pointer_panics),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
