/* tests/unit/test_bootinfo.c: reading the multiboot information
 * (kernel/bootinfo.c) on the host, from structures built by hand in a buffer
 * that stands for physical memory: the magic number, the command line, the
 * memory map (including entries of unusual or bad sizes), the initrd and
 * symbols modules, and what is left out with a warning. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "kernel/bootinfo.h"
#include "kernel/config.h"
#include "kernel/multiboot.h"
#include "tests/unit/kprintf_capture.h"

/* "Physical memory": MEM_SIZE bytes at the fake address MEM_BASE (not 0, so
 * that a null address stays distinguishable). */
#define MEM_BASE  0x10000u
#define MEM_SIZE  8192
#define MEM_ALIGN 4u

static uint8_t mem[MEM_SIZE];
static uint32_t mem_used;

/* The test's boot_ptr_fn: an address outside mem fails the test (bootinfo.c
 * read something the loader did not give). Reads past mem's end are ASan's. */
static const void *fake_ptr(uint32_t addr)
{
    if (addr < MEM_BASE || addr >= MEM_BASE + MEM_SIZE)
        fail_msg("read at 0x%08x, outside the fake physical memory", addr);
    return mem + (addr - MEM_BASE);
}

/* Copy `len` bytes into mem; returns their fake physical address. */
static uint32_t put(const void *data, size_t len)
{
    mem_used = (mem_used + MEM_ALIGN - 1) & ~(MEM_ALIGN - 1);
    assert_true(mem_used + len <= MEM_SIZE);
    memcpy(mem + mem_used, data, len);
    uint32_t addr = MEM_BASE + mem_used;
    mem_used += (uint32_t)len;
    return addr;
}

static uint32_t put_string(const char *s)
{
    return put(s, strlen(s) + 1);
}

static int reset(void **state)
{
    (void)state;
    memset(mem, 0, sizeof mem);
    mem_used = 0;
    printed_clear();
    return 0;
}

/* A memory-map entry as the loader lays it out: `size` counts the bytes after
 * itself, 20 for the standard fields. */
#define ENTRY_SIZE ((uint32_t)(sizeof(struct multiboot_mmap_entry) - sizeof(uint32_t)))

static struct multiboot_mmap_entry entry(uint64_t addr, uint64_t len, uint32_t type)
{
    return (struct multiboot_mmap_entry){
        .size = ENTRY_SIZE, .addr = addr, .len = len, .type = type};
}

/* QEMU's map for 128 MiB: RAM below 640 KiB and above 1 MiB, the rest not. */
static const struct multiboot_mmap_entry qemu_map[] = {
    {ENTRY_SIZE, 0x0, 0x9fc00, MULTIBOOT_MEMORY_AVAILABLE},
    {ENTRY_SIZE, 0x9fc00, 0x400, MULTIBOOT_MEMORY_RESERVED},
    {ENTRY_SIZE, 0xf0000, 0x10000, MULTIBOOT_MEMORY_RESERVED},
    {ENTRY_SIZE, 0x100000, 0x7ee0000, MULTIBOOT_MEMORY_AVAILABLE},
    {ENTRY_SIZE, 0x7fe0000, 0x20000, MULTIBOOT_MEMORY_RESERVED},
    {ENTRY_SIZE, 0xfffc0000, 0x40000, MULTIBOOT_MEMORY_RESERVED},
};

/* An info structure with just a memory map (`len` bytes at mmap_addr). */
static struct multiboot_info info_with_map(uint32_t mmap_addr, uint32_t len)
{
    return (struct multiboot_info){
        .flags = MULTIBOOT_INFO_MMAP, .mmap_addr = mmap_addr, .mmap_length = len};
}

/* Parse `mbi` (copied into mem) into *bi; returns bootinfo_parse's result. */
static int parse(struct boot_info *bi, const struct multiboot_info *mbi)
{
    return bootinfo_parse(bi, MULTIBOOT_BOOTLOADER_MAGIC, put(mbi, sizeof *mbi), fake_ptr);
}

static void assert_region(const struct mem_region *r, uint64_t addr, uint64_t len)
{
    assert_int_equal(r->addr, addr);
    assert_int_equal(r->len, len);
}

static void test_wrong_magic_fails(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    assert_int_equal(bootinfo_parse(&bi, 0x1BADB002, put(&mbi, sizeof mbi), fake_ptr), -1);
    assert_non_null(strstr(printed, "eax = 0x1badb002"));
    assert_int_equal(bi.usable_count, 0);
}

static void test_memory_map_keeps_the_available_entries(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 2);
    assert_region(&bi.usable[0], 0x0, 0x9fc00);
    assert_region(&bi.usable[1], 0x100000, 0x7ee0000);
    assert_string_equal(printed, "");
}

static void test_memory_above_4_gib_is_kept_in_64_bits(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_mmap_entry map[] = {entry(0x100000000ull, 0x80000000ull, 1)};
    struct multiboot_info mbi = info_with_map(put(map, sizeof map), sizeof map);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 1);
    assert_region(&bi.usable[0], 0x100000000ull, 0x80000000ull);
}

static void test_no_memory_map_fails(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    mbi.flags = MULTIBOOT_INFO_MEMORY; /* mem_lower/mem_upper only */
    assert_int_equal(parse(&bi, &mbi), -1);
    assert_non_null(strstr(printed, "no memory map"));
    assert_int_equal(bi.usable_count, 0);
}

static void test_empty_memory_map_gives_no_regions(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(MEM_BASE + MEM_SIZE, 0); /* never read */
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 0);
}

static void test_larger_entries_are_stepped_over_by_their_size(void **state)
{
    (void)state;
    /* ACPI 3.0 entries: 4 more bytes of attributes, so each one is 28 bytes and
     * every other one sits at an address that is not a multiple of 8. */
    struct wide_entry {
        struct multiboot_mmap_entry e;
        uint32_t acpi_attributes;
    } __attribute__((packed)) map[] = {
        {{ENTRY_SIZE + 4, 0x0, 0x9fc00, MULTIBOOT_MEMORY_AVAILABLE}, 1},
        {{ENTRY_SIZE + 4, 0x9fc00, 0x400, MULTIBOOT_MEMORY_RESERVED}, 1},
        {{ENTRY_SIZE + 4, 0x100000, 0x3f00000, MULTIBOOT_MEMORY_AVAILABLE}, 1},
    };
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(map, sizeof map), sizeof map);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 2);
    assert_region(&bi.usable[0], 0x0, 0x9fc00);
    assert_region(&bi.usable[1], 0x100000, 0x3f00000);
}

static void test_too_small_entry_stops_the_walk(void **state)
{
    (void)state;
    struct multiboot_mmap_entry map[] = {
        entry(0x0, 0x9fc00, MULTIBOOT_MEMORY_AVAILABLE),
        entry(0x100000, 0x1000000, MULTIBOOT_MEMORY_AVAILABLE),
        entry(0x2000000, 0x1000000, MULTIBOOT_MEMORY_AVAILABLE),
    };
    struct boot_info bi;
    for (uint32_t size = 0; size < ENTRY_SIZE; size += 4) {
        map[1].size = size; /* its fields cannot all be there */
        struct multiboot_info mbi = info_with_map(put(map, sizeof map), sizeof map);
        printed_clear();
        assert_int_equal(parse(&bi, &mbi), 0);
        assert_int_equal(bi.usable_count, 1);
        assert_region(&bi.usable[0], 0x0, 0x9fc00);
        assert_non_null(strstr(printed, "bad memory map entry"));
    }
}

static void test_entry_running_past_the_map_is_not_read(void **state)
{
    (void)state;
    struct multiboot_mmap_entry map[] = {
        entry(0x0, 0x9fc00, MULTIBOOT_MEMORY_AVAILABLE),
        entry(0x100000, 0x1000000, MULTIBOOT_MEMORY_AVAILABLE),
    };
    struct boot_info bi;
    /* The map's length ends inside the second entry... */
    struct multiboot_info mbi = info_with_map(put(map, sizeof map), sizeof map - 1);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 1);
    assert_non_null(strstr(printed, "bad memory map entry"));

    /* ... or the second entry's size claims more than the map has left. */
    map[1].size = UINT32_MAX - 3; /* + 4 wraps around to 0 */
    map[1].type = MULTIBOOT_MEMORY_RESERVED;
    mbi = info_with_map(put(map, sizeof map), sizeof map);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 1);
}

static void test_trailing_bytes_shorter_than_a_size_are_ignored(void **state)
{
    (void)state;
    struct multiboot_mmap_entry map[] = {
        entry(0x100000, 0x1000000, MULTIBOOT_MEMORY_AVAILABLE),
        entry(0x2000000, 0x1000000, MULTIBOOT_MEMORY_AVAILABLE),
    };
    struct boot_info bi;
    /* The map ends 3 bytes into the second entry: too few even for its size
     * field, so nothing of it may be read. */
    struct multiboot_info mbi = info_with_map(put(map, sizeof map), sizeof map[0] + 3);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 1);
    assert_string_equal(printed, "");
}

static void test_at_most_mmap_max_regions_are_kept(void **state)
{
    (void)state;
    enum { N = MMAP_MAX + 5 };
    struct multiboot_mmap_entry map[N];
    for (int i = 0; i < N; i++)
        map[i] = entry((uint64_t)i << 24, 0x100000, MULTIBOOT_MEMORY_AVAILABLE);
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(map, sizeof map), sizeof map);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, MMAP_MAX);
    assert_region(&bi.usable[MMAP_MAX - 1], (uint64_t)(MMAP_MAX - 1) << 24, 0x100000);
    assert_non_null(strstr(printed, "more than 32 usable memory regions"));
}

static void test_command_line_is_copied(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    mbi.flags |= MULTIBOOT_INFO_CMDLINE;
    mbi.cmdline = put_string("build/coop.elf init=hello hz=100");
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_string_equal(bi.cmdline, "build/coop.elf init=hello hz=100");
}

static void test_command_line_needs_its_flag_and_an_address(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    mbi.cmdline = MEM_BASE + MEM_SIZE; /* no flag: not read, or fake_ptr would fail */
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_string_equal(bi.cmdline, "");

    mbi.flags |= MULTIBOOT_INFO_CMDLINE;
    mbi.cmdline = 0;
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_string_equal(bi.cmdline, "");
}

static void test_long_command_line_is_truncated(void **state)
{
    (void)state;
    char line[CMDLINE_MAX + 100];
    memset(line, 'x', sizeof line - 1);
    line[sizeof line - 1] = '\0';
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    mbi.flags |= MULTIBOOT_INFO_CMDLINE;
    mbi.cmdline = put_string(line);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(strlen(bi.cmdline), CMDLINE_MAX - 1);
    assert_memory_equal(bi.cmdline, line, CMDLINE_MAX - 1);
    /* ...and says so: how long it was, and how much is kept. */
    char want[80];
    snprintf(want, sizeof want, "the command line is %d characters long; only the first %d",
             CMDLINE_MAX + 99, CMDLINE_MAX - 1);
    assert_non_null(strstr(printed, want));
}

static void test_command_line_that_fits_is_not_cut(void **state)
{
    (void)state;
    char line[CMDLINE_MAX];
    memset(line, 'y', sizeof line - 1);
    line[sizeof line - 1] = '\0'; /* exactly the most that fits */
    struct boot_info bi;
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    mbi.flags |= MULTIBOOT_INFO_CMDLINE;
    mbi.cmdline = put_string(line);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_string_equal(bi.cmdline, line);
    assert_null(strstr(printed, "only the first"));
}

/* An info structure with the QEMU map and these modules. With none, mods_addr
 * lies outside mem: reading it would fail the test. */
static struct multiboot_info info_with_modules(const struct multiboot_module *mods, uint32_t count)
{
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    mbi.flags |= MULTIBOOT_INFO_MODS;
    mbi.mods_count = count;
    mbi.mods_addr = count ? put(mods, count * sizeof mods[0]) : MEM_BASE + MEM_SIZE;
    return mbi;
}

static void test_modules_are_named_by_their_last_word(void **state)
{
    (void)state;
    /* As QEMU's -initrd and GRUB's `module` lines name them. */
    struct multiboot_module mods[] = {
        {0x200000, 0x240000, put_string("build/initrd.tar initrd"), 0},
        {0x240000, 0x243210, put_string("/boot/coop.sym symbols"), 0},
    };
    struct boot_info bi;
    struct multiboot_info mbi = info_with_modules(mods, 2);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.initrd.start, 0x200000);
    assert_int_equal(bi.initrd.end, 0x240000);
    assert_int_equal(bi.symbols.start, 0x240000);
    assert_int_equal(bi.symbols.end, 0x243210);
    assert_string_equal(printed, "");

    /* A bare name works too, and the order does not matter. */
    mods[0].cmdline = put_string("symbols");
    mods[1].cmdline = put_string("initrd");
    mbi = info_with_modules(mods, 2);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.symbols.start, 0x200000);
    assert_int_equal(bi.initrd.start, 0x240000);
}

static void test_zero_modules_leave_both_absent(void **state)
{
    (void)state;
    struct boot_info bi;
    struct multiboot_info mbi = info_with_modules(NULL, 0);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.initrd.start, 0);
    assert_int_equal(bi.initrd.end, 0);
    assert_int_equal(bi.symbols.start, 0);
    assert_int_equal(bi.symbols.end, 0);
}

static void test_modules_need_their_flag(void **state)
{
    (void)state;
    struct multiboot_module mods[] = {{0x200000, 0x240000, put_string("initrd"), 0}};
    struct boot_info bi;
    struct multiboot_info mbi = info_with_modules(mods, 1);
    mbi.flags &= ~MULTIBOOT_INFO_MODS;
    mbi.mods_addr = MEM_BASE + MEM_SIZE; /* not read, or fake_ptr would fail */
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.initrd.start, 0);
}

static void test_unknown_modules_are_ignored_with_a_warning(void **state)
{
    (void)state;
    struct multiboot_module mods[] = {
        {0x200000, 0x201000, put_string("/boot/splash.png splash"), 0},
        {0x201000, 0x202000, 0, 0},                        /* no command line at all */
        {0x202000, 0x203000, put_string("initrd.tar"), 0}, /* a path, no name */
    };
    struct boot_info bi;
    struct multiboot_info mbi = info_with_modules(mods, 3);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.initrd.start, 0);
    assert_int_equal(bi.symbols.start, 0);
    assert_non_null(strstr(printed, "ignoring boot module '/boot/splash.png splash'"));
    assert_non_null(strstr(printed, "ignoring boot module ''"));
    assert_non_null(strstr(printed, "ignoring boot module 'initrd.tar'"));
}

static void test_module_with_a_bad_range_is_ignored(void **state)
{
    (void)state;
    struct multiboot_module mods[] = {
        {0x240000, 0x200000, put_string("initrd"), 0}, /* ends before it starts */
        {KERNEL_LIMIT - 0x1000, KERNEL_LIMIT + 0x1000, put_string("symbols"), 0}, /* unmapped */
    };
    struct boot_info bi;
    struct multiboot_info mbi = info_with_modules(mods, 2);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.initrd.start, 0);
    assert_int_equal(bi.initrd.end, 0);
    assert_int_equal(bi.symbols.start, 0);
    assert_int_equal(bi.symbols.end, 0);
    assert_non_null(strstr(printed, "ignoring boot module 'initrd' at [0x00240000, 0x00200000)"));
    assert_non_null(strstr(printed, "ignoring boot module 'symbols'"));

    /* Empty, or ending right at the limit, is fine. */
    mods[0].end = mods[0].start;
    mods[1].end = KERNEL_LIMIT;
    mbi = info_with_modules(mods, 2);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.initrd.start, 0x240000);
    assert_int_equal(bi.initrd.end, 0x240000);
    assert_int_equal(bi.symbols.end, KERNEL_LIMIT);
}

static void test_parse_starts_afresh(void **state)
{
    (void)state;
    struct boot_info bi;
    memset(&bi, 0x5a, sizeof bi); /* whatever was there before */
    struct multiboot_info mbi = info_with_map(put(qemu_map, sizeof qemu_map), sizeof qemu_map);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(parse(&bi, &mbi), 0);
    assert_int_equal(bi.usable_count, 2);
    assert_string_equal(bi.cmdline, "");
    assert_int_equal(bi.initrd.start, 0);
}

#define TEST(f) cmocka_unit_test_setup(f, reset)

int main(void)
{
    const struct CMUnitTest tests[] = {
        TEST(test_wrong_magic_fails),
        TEST(test_memory_map_keeps_the_available_entries),
        TEST(test_memory_above_4_gib_is_kept_in_64_bits),
        TEST(test_no_memory_map_fails),
        TEST(test_empty_memory_map_gives_no_regions),
        TEST(test_larger_entries_are_stepped_over_by_their_size),
        TEST(test_too_small_entry_stops_the_walk),
        TEST(test_entry_running_past_the_map_is_not_read),
        TEST(test_trailing_bytes_shorter_than_a_size_are_ignored),
        TEST(test_at_most_mmap_max_regions_are_kept),
        TEST(test_command_line_is_copied),
        TEST(test_command_line_needs_its_flag_and_an_address),
        TEST(test_long_command_line_is_truncated),
        TEST(test_command_line_that_fits_is_not_cut),
        TEST(test_modules_are_named_by_their_last_word),
        TEST(test_zero_modules_leave_both_absent),
        TEST(test_modules_need_their_flag),
        TEST(test_unknown_modules_are_ignored_with_a_warning),
        TEST(test_module_with_a_bad_range_is_ignored),
        TEST(test_parse_starts_afresh),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
