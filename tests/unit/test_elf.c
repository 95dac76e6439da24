/* tests/unit/test_elf.c: the ELF validator (lib/elf.c). A good executable is
 * built in memory, then each field the loader trusts is corrupted in turn;
 * the last test checks that every enum elf_error was produced. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/elf.h"

/* The address range the loader allows (the kernel's USER_BASE and heap
 * limit), and the good image's layout. */
#define LO          0x40000000u
#define HI          0x80000000u
#define PHOFF       sizeof(struct elf32_ehdr)
#define TEXT_OFF    0x100u
#define TEXT_SIZE   0x40u
#define DATA_OFF    0x140u
#define DATA_FILESZ 0x10u
#define DATA_MEMSZ  0x1000u
#define DATA_VADDR  (LO + 0x1000u)
#define IMAGE_SIZE  0x150u
#define ENTRY       (LO + 0x10u)
#define PT_NOTE     4

enum { TEXT, DATA, NOTE, NPHDRS };

/* An image: a header, three program headers, and the segments' bytes. */
struct image {
    union {
        struct elf32_ehdr eh;
        unsigned char bytes[IMAGE_SIZE];
    } u;
};

static bool produced[ELF_BAD_ENTRY + 1];

static struct elf32_phdr *phdr(struct image *im, int i)
{
    return (struct elf32_phdr *)(im->u.bytes + PHOFF) + i;
}

/* A valid executable: text (R+X), data (R+W, with bss) and a note that the
 * checks ignore, however strange its fields. */
static void make_good(struct image *im)
{
    memset(im, 0, sizeof *im);
    struct elf32_ehdr *eh = &im->u.eh;
    memcpy(eh->e_ident, "\177ELF", 4);
    eh->e_ident[EI_CLASS] = ELFCLASS32;
    eh->e_ident[EI_DATA] = ELFDATA2LSB;
    eh->e_ident[EI_VERSION] = EV_CURRENT;
    eh->e_type = ET_EXEC;
    eh->e_machine = EM_386;
    eh->e_version = EV_CURRENT;
    eh->e_entry = ENTRY;
    eh->e_phoff = PHOFF;
    eh->e_ehsize = sizeof(struct elf32_ehdr);
    eh->e_phentsize = sizeof(struct elf32_phdr);
    eh->e_phnum = NPHDRS;
    *phdr(im, TEXT) =
        (struct elf32_phdr){PT_LOAD, TEXT_OFF, LO, LO, TEXT_SIZE, TEXT_SIZE, PF_R | PF_X, 0x1000};
    *phdr(im, DATA) = (struct elf32_phdr){PT_LOAD,     DATA_OFF,   DATA_VADDR,  DATA_VADDR,
                                          DATA_FILESZ, DATA_MEMSZ, PF_R | PF_W, 0x1000};
    *phdr(im, NOTE) = (struct elf32_phdr){PT_NOTE, 0xFFFFFFFFu, 0, 0, 0xFFFFFFFFu, 0, 0, 0};
    memset(im->u.bytes + TEXT_OFF, 0x90, TEXT_SIZE); /* nops */
}

/* elf_check on the first `size` bytes of im, copied into a heap block of
 * exactly that size so that ASan catches any read past it. */
static int check_sized(const struct image *im, size_t size, uint32_t lo, uint32_t hi)
{
    void *copy = malloc(size ? size : 1);
    assert_non_null(copy);
    memcpy(copy, im, size);
    int r = elf_check(copy, size, lo, hi);
    free(copy);
    assert_true(r >= ELF_OK && r <= ELF_BAD_ENTRY);
    produced[r] = true;
    return r;
}

static int check(const struct image *im)
{
    return check_sized(im, IMAGE_SIZE, LO, HI);
}

static void test_good_image_and_accessors(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    assert_int_equal(check(&im), ELF_OK);
    assert_int_equal(elf_phnum(&im), NPHDRS);
    assert_int_equal(elf_entry(&im), ENTRY);
    assert_ptr_equal(elf_phdr(&im, DATA), phdr(&im, DATA));
    assert_int_equal(elf_phdr(&im, DATA)->p_vaddr, DATA_VADDR);
    assert_int_equal(elf_phdr(&im, TEXT)->p_flags, PF_R | PF_X);
}

static void test_good_edge_cases(void **state)
{
    (void)state;
    struct image im;
    /* A segment may end exactly at the end of the file and of the range. */
    make_good(&im);
    phdr(&im, DATA)->p_filesz = IMAGE_SIZE - DATA_OFF;
    phdr(&im, DATA)->p_vaddr = HI - DATA_MEMSZ;
    assert_int_equal(check(&im), ELF_OK);
    /* The entry may be the last byte of the text, or its first. */
    im.u.eh.e_entry = LO + TEXT_SIZE - 1;
    assert_int_equal(check(&im), ELF_OK);
    im.u.eh.e_entry = LO;
    assert_int_equal(check(&im), ELF_OK);
    /* Nothing from the file at all (p_filesz 0) is fine, whatever p_offset. */
    make_good(&im);
    phdr(&im, DATA)->p_filesz = 0;
    phdr(&im, DATA)->p_offset = IMAGE_SIZE;
    assert_int_equal(check(&im), ELF_OK);
}

static void test_header_identity(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    assert_int_equal(check_sized(&im, sizeof(struct elf32_ehdr) - 1, LO, HI), ELF_TOO_SMALL);
    assert_int_equal(check_sized(&im, 0, LO, HI), ELF_TOO_SMALL);
    for (int i = 0; i < 4; i++) {
        make_good(&im);
        im.u.eh.e_ident[i] ^= 0x20;
        assert_int_equal(check(&im), ELF_BAD_MAGIC);
    }
    make_good(&im);
    im.u.eh.e_ident[EI_CLASS] = 2; /* ELFCLASS64 */
    assert_int_equal(check(&im), ELF_NOT_32BIT);
    make_good(&im);
    im.u.eh.e_ident[EI_DATA] = 2; /* ELFDATA2MSB */
    assert_int_equal(check(&im), ELF_NOT_LITTLE_ENDIAN);
    make_good(&im);
    im.u.eh.e_ident[EI_VERSION] = 0;
    assert_int_equal(check(&im), ELF_BAD_VERSION);
    make_good(&im);
    im.u.eh.e_version = 2;
    assert_int_equal(check(&im), ELF_BAD_VERSION);
    make_good(&im);
    im.u.eh.e_type = 3; /* ET_DYN */
    assert_int_equal(check(&im), ELF_NOT_EXECUTABLE);
    make_good(&im);
    im.u.eh.e_machine = 62; /* EM_X86_64 */
    assert_int_equal(check(&im), ELF_NOT_I386);
}

static void test_program_header_table(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    im.u.eh.e_phentsize = sizeof(struct elf32_phdr) + 4;
    assert_int_equal(check(&im), ELF_BAD_PHDRS);
    make_good(&im);
    im.u.eh.e_phoff = PHOFF + 2; /* misaligned */
    assert_int_equal(check(&im), ELF_BAD_PHDRS);
    make_good(&im);
    im.u.eh.e_phoff = IMAGE_SIZE - NPHDRS * sizeof(struct elf32_phdr) + 4; /* one past */
    assert_int_equal(check(&im), ELF_BAD_PHDRS);
    make_good(&im);
    im.u.eh.e_phoff = 0xFFFFFFF0u; /* offset + size wraps around */
    assert_int_equal(check(&im), ELF_BAD_PHDRS);
    make_good(&im);
    im.u.eh.e_phnum = 0xFFFF;
    assert_int_equal(check(&im), ELF_BAD_PHDRS);
    /* The table may end exactly at the end of the file. */
    make_good(&im);
    im.u.eh.e_phoff = IMAGE_SIZE - NPHDRS * sizeof(struct elf32_phdr);
    memcpy(im.u.bytes + im.u.eh.e_phoff, im.u.bytes + PHOFF, NPHDRS * sizeof(struct elf32_phdr));
    assert_int_equal(check(&im), ELF_OK);
}

static void test_segment_inside_file(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    phdr(&im, DATA)->p_filesz = IMAGE_SIZE - DATA_OFF + 1;
    assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_FILE);
    make_good(&im);
    phdr(&im, TEXT)->p_offset = IMAGE_SIZE + 1;
    phdr(&im, TEXT)->p_filesz = 0; /* even an empty piece must not start past the end */
    assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_FILE);
    make_good(&im);
    phdr(&im, TEXT)->p_offset = 0xFFFFFFF0u; /* offset + filesz wraps around */
    assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_FILE);
}

static void test_segment_sizes(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    phdr(&im, TEXT)->p_memsz = TEXT_SIZE - 1;
    assert_int_equal(check(&im), ELF_SEGMENT_BAD_SIZE);
}

static void test_segment_inside_range(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    phdr(&im, TEXT)->p_vaddr = LO - 1;
    assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_RANGE);
    make_good(&im);
    phdr(&im, DATA)->p_vaddr = HI - DATA_MEMSZ + 1; /* ends one past hi */
    assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_RANGE);
    make_good(&im);
    phdr(&im, DATA)->p_vaddr = HI;
    phdr(&im, DATA)->p_memsz = 0;
    phdr(&im, DATA)->p_filesz = 0;
    assert_int_equal(check_sized(&im, IMAGE_SIZE, LO, HI), ELF_OK); /* empty, at hi: harmless */
    /* An empty segment maps nothing, but it must still say it is in the
     * range: the loader once mapped the page below an unaligned one. */
    static const uint32_t outside[] = {HI + 1, 0, 1, LO - 1, 0xF0000010u, 0xFFFFFFFFu};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++) {
        phdr(&im, DATA)->p_vaddr = outside[i];
        assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_RANGE);
    }
    phdr(&im, DATA)->p_vaddr = LO + 0x10; /* inside, unaligned: fine */
    assert_int_equal(check(&im), ELF_OK);
    /* One byte of memory outside the range is not allowed either. */
    phdr(&im, DATA)->p_vaddr = 0;
    phdr(&im, DATA)->p_memsz = 1;
    assert_int_equal(check(&im), ELF_SEGMENT_OUTSIDE_RANGE);
    /* vaddr + memsz wraps around to a small number. */
    make_good(&im);
    phdr(&im, DATA)->p_vaddr = 0xFFFFF000u;
    phdr(&im, DATA)->p_memsz = 0x2000;
    assert_int_equal(check_sized(&im, IMAGE_SIZE, LO, 0xFFFFFFFFu), ELF_SEGMENT_OUTSIDE_RANGE);
}

static void test_needs_a_load_segment(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    phdr(&im, TEXT)->p_type = PT_NULL;
    phdr(&im, DATA)->p_type = PT_NOTE;
    assert_int_equal(check(&im), ELF_NO_LOAD_SEGMENT);
    make_good(&im);
    im.u.eh.e_phnum = 0;
    assert_int_equal(check(&im), ELF_NO_LOAD_SEGMENT);
}

static void test_entry_in_executable_segment(void **state)
{
    (void)state;
    struct image im;
    make_good(&im);
    im.u.eh.e_entry = DATA_VADDR; /* loaded, but not executable */
    assert_int_equal(check(&im), ELF_BAD_ENTRY);
    im.u.eh.e_entry = LO + TEXT_SIZE; /* just past the text */
    assert_int_equal(check(&im), ELF_BAD_ENTRY);
    im.u.eh.e_entry = LO - 1;
    assert_int_equal(check(&im), ELF_BAD_ENTRY);
    im.u.eh.e_entry = 0;
    assert_int_equal(check(&im), ELF_BAD_ENTRY);
    make_good(&im);
    phdr(&im, TEXT)->p_flags = PF_R;
    assert_int_equal(check(&im), ELF_BAD_ENTRY);
    /* Making the data executable makes an entry there fine. */
    make_good(&im);
    phdr(&im, DATA)->p_flags |= PF_X;
    im.u.eh.e_entry = DATA_VADDR + DATA_MEMSZ - 1;
    assert_int_equal(check(&im), ELF_OK);
}

static void test_error_names(void **state)
{
    (void)state;
    assert_string_equal(elf_error_name(ELF_NOT_I386), "not an i386 executable");
    assert_string_equal(elf_error_name(ELF_BAD_MAGIC), "not an ELF file");
    assert_string_equal(elf_error_name(-1), "unknown ELF error");
    assert_string_equal(elf_error_name(ELF_BAD_ENTRY + 1), "unknown ELF error");
    /* Every error has a phrase of its own. */
    for (int i = ELF_OK; i <= ELF_BAD_ENTRY; i++) {
        assert_string_not_equal(elf_error_name(i), "unknown ELF error");
        for (int j = ELF_OK; j < i; j++)
            assert_string_not_equal(elf_error_name(i), elf_error_name(j));
    }
}

/* Runs last: every enum elf_error value came out of some test above. */
static void test_every_error_was_produced(void **state)
{
    (void)state;
    for (int i = ELF_OK; i <= ELF_BAD_ENTRY; i++) {
        if (!produced[i])
            fail_msg("no test produced %s", elf_error_name(i));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_image_and_accessors),
        cmocka_unit_test(test_good_edge_cases),
        cmocka_unit_test(test_header_identity),
        cmocka_unit_test(test_program_header_table),
        cmocka_unit_test(test_segment_inside_file),
        cmocka_unit_test(test_segment_sizes),
        cmocka_unit_test(test_segment_inside_range),
        cmocka_unit_test(test_needs_a_load_segment),
        cmocka_unit_test(test_entry_in_executable_segment),
        cmocka_unit_test(test_error_names),
        cmocka_unit_test(test_every_error_was_produced),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
