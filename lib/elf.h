/* lib/elf.h: the ELF32 structures of an i386 executable, and the checks the
 * kernel's program loader runs on one before trusting any of its fields. */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* e_ident: the first 16 bytes of the file. */
#define EI_NIDENT   16
#define EI_MAG0     0 /* 0x7f, 'E', 'L', 'F' */
#define EI_CLASS    4
#define EI_DATA     5
#define EI_VERSION  6
#define ELFMAG0     0x7f
#define ELFMAG1     'E'
#define ELFMAG2     'L'
#define ELFMAG3     'F'
#define ELFCLASS32  1 /* 32-bit objects */
#define ELFDATA2LSB 1 /* little-endian */
#define EV_CURRENT  1 /* the only ELF version */

/* e_type and e_machine. */
#define ET_EXEC 2 /* an executable (not relocatable, not shared) */
#define EM_386  3 /* Intel 80386 */

/* p_type: only PT_LOAD segments are loaded; the loader ignores the others. */
#define PT_NULL 0
#define PT_LOAD 1

/* p_flags. */
#define PF_X 0x1
#define PF_W 0x2
#define PF_R 0x4

/* The file header, at offset 0. */
struct elf32_ehdr {
    uint8_t e_ident[EI_NIDENT];
    uint16_t e_type;
    uint16_t e_machine;
    uint32_t e_version;
    uint32_t e_entry; /* where execution starts */
    uint32_t e_phoff; /* file offset of the program header table */
    uint32_t e_shoff;
    uint32_t e_flags;
    uint16_t e_ehsize;
    uint16_t e_phentsize; /* size of one program header */
    uint16_t e_phnum;     /* number of program headers */
    uint16_t e_shentsize;
    uint16_t e_shnum;
    uint16_t e_shstrndx;
};

/* A program header: one segment to load (or not). */
struct elf32_phdr {
    uint32_t p_type;
    uint32_t p_offset; /* where its bytes start in the file */
    uint32_t p_vaddr;  /* where they go in memory */
    uint32_t p_paddr;
    uint32_t p_filesz; /* bytes from the file; the rest up to p_memsz are zeros */
    uint32_t p_memsz;
    uint32_t p_flags; /* PF_R | PF_W | PF_X */
    uint32_t p_align;
};

_Static_assert(sizeof(struct elf32_ehdr) == 52, "the ELF32 header is 52 bytes");
_Static_assert(sizeof(struct elf32_phdr) == 32, "an ELF32 program header is 32 bytes");

/* Why elf_check rejected a file. */
enum elf_error {
    ELF_OK = 0,
    ELF_TOO_SMALL,             /* shorter than an ELF header */
    ELF_BAD_MAGIC,             /* does not start with "\x7fELF" */
    ELF_NOT_32BIT,             /* not ELFCLASS32 */
    ELF_NOT_LITTLE_ENDIAN,     /* not ELFDATA2LSB */
    ELF_BAD_VERSION,           /* e_ident's or e_version is not EV_CURRENT */
    ELF_NOT_EXECUTABLE,        /* e_type is not ET_EXEC */
    ELF_NOT_I386,              /* e_machine is not EM_386 */
    ELF_BAD_PHDRS,             /* bad e_phentsize, or the table is outside the file */
    ELF_SEGMENT_OUTSIDE_FILE,  /* a PT_LOAD's file bytes are outside the file */
    ELF_SEGMENT_BAD_SIZE,      /* a PT_LOAD has p_filesz > p_memsz */
    ELF_SEGMENT_OUTSIDE_RANGE, /* a PT_LOAD's memory is outside [lo, hi) */
    ELF_NO_LOAD_SEGMENT,       /* nothing to load */
    ELF_BAD_ENTRY,             /* the entry point is not in an executable PT_LOAD */
};

/* elf_check: check the executable image of size bytes at image (4-byte
 * aligned) before loading it at addresses in [lo, hi): everything the loader
 * will trust. The header's identity (magic, class, data, version, type,
 * machine); a program header table of sizeof(struct elf32_phdr) entries,
 * 4-byte aligned, inside the file; for every PT_LOAD, p_filesz <= p_memsz,
 * its file bytes inside the file and [p_vaddr, p_vaddr + p_memsz) inside
 * [lo, hi), an empty one (p_memsz == 0) too (lo <= p_vaddr <= hi); at
 * least one PT_LOAD; and an entry point inside a PF_X PT_LOAD.
 * No sum can overflow. Returns ELF_OK, or the first problem found. */
int elf_check(const void *image, size_t size, uint32_t lo, uint32_t hi);

/* elf_phnum: the number of program headers. Only after elf_check is ELF_OK. */
unsigned elf_phnum(const void *image);

/* elf_phdr: program header i (< elf_phnum). Only after elf_check is ELF_OK. */
const struct elf32_phdr *elf_phdr(const void *image, unsigned i);

/* elf_entry: the entry point. Only after elf_check is ELF_OK. */
uint32_t elf_entry(const void *image);

/* elf_error_name: a short phrase for an elf_error, e.g. "not an i386
 * executable". */
const char *elf_error_name(int err);
