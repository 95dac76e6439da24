/* lib/elf.c: checks an ELF32 i386 executable from the initrd before the
 * loader trusts it. A bad file must be rejected here, not crash the kernel:
 * every offset and size is checked against the file, and every address range
 * against the caller's, with comparisons that cannot overflow. */
#include "lib/elf.h"
#include <stdbool.h>

/* The program header table must be aligned for its 32-bit fields. */
#define PHDR_ALIGN 4

static const struct elf32_ehdr *header(const void *image)
{
    return image;
}

/* Is [start, start + len) inside [0, limit)? Written so that nothing wraps. */
static bool range_inside(uint32_t start, uint32_t len, size_t limit)
{
    return start <= limit && len <= limit - start;
}

static int check_header(const struct elf32_ehdr *eh, size_t size)
{
    const uint8_t *id = eh->e_ident;
    if (id[EI_MAG0] != ELFMAG0 || id[EI_MAG0 + 1] != ELFMAG1 || id[EI_MAG0 + 2] != ELFMAG2 ||
        id[EI_MAG0 + 3] != ELFMAG3)
        return ELF_BAD_MAGIC;
    if (id[EI_CLASS] != ELFCLASS32)
        return ELF_NOT_32BIT;
    if (id[EI_DATA] != ELFDATA2LSB)
        return ELF_NOT_LITTLE_ENDIAN;
    if (id[EI_VERSION] != EV_CURRENT || eh->e_version != EV_CURRENT)
        return ELF_BAD_VERSION;
    if (eh->e_type != ET_EXEC)
        return ELF_NOT_EXECUTABLE;
    if (eh->e_machine != EM_386)
        return ELF_NOT_I386;
    /* e_phnum is 16 bits, so the table's size cannot overflow 32 bits. */
    uint32_t table_size = (uint32_t)eh->e_phnum * sizeof(struct elf32_phdr);
    if (eh->e_phentsize != sizeof(struct elf32_phdr) || eh->e_phoff % PHDR_ALIGN != 0 ||
        !range_inside(eh->e_phoff, table_size, size))
        return ELF_BAD_PHDRS;
    return ELF_OK;
}

static int check_segment(const struct elf32_phdr *ph, size_t size, uint32_t lo, uint32_t hi)
{
    if (ph->p_filesz > ph->p_memsz)
        return ELF_SEGMENT_BAD_SIZE;
    if (!range_inside(ph->p_offset, ph->p_filesz, size))
        return ELF_SEGMENT_OUTSIDE_FILE;
    /* Empty or not, a segment must lie in the range: the loader maps
     * nothing for an empty one, but where a segment says it is must still
     * be a place the program may have memory. */
    if (ph->p_vaddr < lo || !range_inside(ph->p_vaddr, ph->p_memsz, hi))
        return ELF_SEGMENT_OUTSIDE_RANGE;
    return ELF_OK;
}

/* Is addr inside segment ph's memory? */
static bool segment_contains(const struct elf32_phdr *ph, uint32_t addr)
{
    return addr >= ph->p_vaddr && addr - ph->p_vaddr < ph->p_memsz;
}

int elf_check(const void *image, size_t size, uint32_t lo, uint32_t hi)
{
    if (size < sizeof(struct elf32_ehdr))
        return ELF_TOO_SMALL;
    const struct elf32_ehdr *eh = header(image);
    int err = check_header(eh, size);
    if (err != ELF_OK)
        return err;

    bool any_load = false, entry_ok = false;
    for (unsigned i = 0; i < eh->e_phnum; i++) {
        const struct elf32_phdr *ph = elf_phdr(image, i);
        if (ph->p_type != PT_LOAD)
            continue;
        err = check_segment(ph, size, lo, hi);
        if (err != ELF_OK)
            return err;
        any_load = true;
        if ((ph->p_flags & PF_X) && segment_contains(ph, eh->e_entry))
            entry_ok = true;
    }
    if (!any_load)
        return ELF_NO_LOAD_SEGMENT;
    if (!entry_ok)
        return ELF_BAD_ENTRY;
    return ELF_OK;
}

unsigned elf_phnum(const void *image)
{
    return header(image)->e_phnum;
}

const struct elf32_phdr *elf_phdr(const void *image, unsigned i)
{
    const char *table = (const char *)image + header(image)->e_phoff;
    return (const struct elf32_phdr *)table + i;
}

uint32_t elf_entry(const void *image)
{
    return header(image)->e_entry;
}

const char *elf_error_name(int err)
{
    switch (err) {
    case ELF_OK:
        return "ok";
    case ELF_TOO_SMALL:
        return "too small to be an ELF file";
    case ELF_BAD_MAGIC:
        return "not an ELF file";
    case ELF_NOT_32BIT:
        return "not a 32-bit ELF file";
    case ELF_NOT_LITTLE_ENDIAN:
        return "not a little-endian ELF file";
    case ELF_BAD_VERSION:
        return "unknown ELF version";
    case ELF_NOT_EXECUTABLE:
        return "not an executable";
    case ELF_NOT_I386:
        return "not an i386 executable";
    case ELF_BAD_PHDRS:
        return "bad program header table";
    case ELF_SEGMENT_OUTSIDE_FILE:
        return "segment outside the file";
    case ELF_SEGMENT_BAD_SIZE:
        return "segment bigger in the file than in memory";
    case ELF_SEGMENT_OUTSIDE_RANGE:
        return "segment outside the program's address range";
    case ELF_NO_LOAD_SEGMENT:
        return "no loadable segment";
    case ELF_BAD_ENTRY:
        return "entry point not in an executable segment";
    default:
        return "unknown ELF error";
    }
}
