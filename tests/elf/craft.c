/* tests/elf/craft.c: a host tool that makes the crafted ELF files the booted
 * test tests/boot/t_badelf.c feeds to spawnv():
 *
 *     craft PROBE OUTDIR
 *
 * reads PROBE (build/user/elfprobe, a good coop program) and writes one file
 * into OUTDIR for each entry of `variants` below: a copy whose PT_GNU_STACK
 * program header (which the loader ignores) is turned into a PT_LOAD segment
 * at a chosen address and size. The Makefile packs OUTDIR into the initrd. */
#include "lib/elf.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PT_GNU_STACK 0x6474e551u
#define FILE_MAX     (1u << 20)
#define PAGE_SIZE    0x1000u

/* One crafted file: name, and the PT_LOAD that replaces PT_GNU_STACK. */
struct variant {
    const char *name;
    uint32_t vaddr, memsz, flags;
};

/* tests/boot/t_badelf.c says what the kernel must make of each. */
static const struct variant variants[] = {
    /* Empty segments outside the program's range (issue: one at an
     * unaligned address made the loader map the page below it). */
    {"bad-empty-0x1", 0x1, 0, PF_R},
    {"bad-empty-0x500010", 0x500010, 0, PF_R},
    {"bad-empty-0x80000010", 0x80000010, 0, PF_R}, /* a stack slot's guard page */
    {"bad-empty-0x90000010", 0x90000010, 0, PF_R}, /* would start the heap among the stacks */
    {"bad-empty-0xf0000010", 0xf0000010, 0, PF_R},
    {"bad-empty-0xffffffff", 0xffffffff, 0, PF_R},
    /* An empty segment inside the range: harmless, maps nothing. */
    {"ok-empty-0x50000010", 0x50000010, 0, PF_R},
    /* An image that ends exactly at 0x80000000 would put the break there:
     * sbrk(0) would be INT_MIN. One that ends a page lower is fine. */
    {"bad-ends-at-0x80000000", 0x7ffff000, PAGE_SIZE, PF_R | PF_W},
    {"ok-ends-at-0x7ffff000", 0x7fffe000, PAGE_SIZE, PF_R | PF_W},
};

static void die(const char *what, const char *path)
{
    fprintf(stderr, "craft: %s: %s\n", path, what);
    exit(1);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: craft PROBE OUTDIR\n");
        return 2;
    }
    static unsigned char image[FILE_MAX];
    FILE *in = fopen(argv[1], "rb");
    if (!in)
        die("cannot open", argv[1]);
    size_t size = fread(image, 1, sizeof image, in);
    fclose(in);
    if (size < sizeof(struct elf32_ehdr) || size == sizeof image)
        die("not a small ELF file", argv[1]);

    struct elf32_ehdr *eh = (struct elf32_ehdr *)image;
    struct elf32_phdr *stack = NULL;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        struct elf32_phdr *ph = (struct elf32_phdr *)(image + eh->e_phoff) + i;
        if (ph->p_type == PT_GNU_STACK)
            stack = ph;
    }
    if (!stack)
        die("has no PT_GNU_STACK program header to turn into a segment", argv[1]);

    for (size_t v = 0; v < sizeof variants / sizeof variants[0]; v++) {
        struct elf32_phdr saved = *stack;
        *stack = (struct elf32_phdr){
            .p_type = PT_LOAD,
            .p_vaddr = variants[v].vaddr,
            .p_paddr = variants[v].vaddr,
            .p_memsz = variants[v].memsz,
            .p_flags = variants[v].flags,
            .p_align = PAGE_SIZE,
        };
        char path[4096];
        snprintf(path, sizeof path, "%s/%s", argv[2], variants[v].name);
        FILE *out = fopen(path, "wb");
        if (!out || fwrite(image, 1, size, out) != size || fclose(out) != 0)
            die("cannot write", path);
        *stack = saved;
    }
    return 0;
}
