/* kernel/bootinfo.h: what the boot loader told us, copied into the kernel's
 * own memory early (the loader's structures may sit in memory we reuse). */
#pragma once
#include <stddef.h>
#include <stdint.h>

#define CMDLINE_MAX 512
#define MMAP_MAX    32

struct mem_region {
    uint64_t addr, len;
};

struct boot_module {
    uint32_t start, end; /* physical; 0, 0 when absent */
};

struct boot_info {
    char cmdline[CMDLINE_MAX];
    struct mem_region usable[MMAP_MAX]; /* RAM the loader says is free */
    int usable_count;
    struct boot_module initrd;  /* the module named "initrd" */
    struct boot_module symbols; /* the module named "symbols" */
};

extern struct boot_info boot_info;

/* bootinfo_init: copy the command line, memory map and module locations out
 * of the multiboot structures at physical address mbi_addr into boot_info.
 * Returns 0, or -1 (after saying why) if `magic` shows no multiboot loader
 * started us or the loader gave no memory map. */
int bootinfo_init(uint32_t magic, uint32_t mbi_addr);

/* A function that turns a physical address given by the boot loader into a
 * pointer the code can read through. */
typedef const void *boot_ptr_fn(uint32_t addr);

/* bootinfo_parse: bootinfo_init's work, into *info (cleared first), reading
 * every loader structure through `ptr`. bootinfo_init's `ptr` is the identity
 * (the kernel runs with physical addresses); the unit test's points into a
 * buffer that stands for physical memory.
 *
 * What it keeps: the command line (truncated to CMDLINE_MAX - 1 characters);
 * the first MMAP_MAX available memory-map entries; the modules whose command
 * line's last word is "initrd" or "symbols", if their range is sound (start <=
 * end <= KERNEL_LIMIT). It warns about what it leaves out, and stops walking
 * the memory map at an entry whose size is too small or runs past its end. */
int bootinfo_parse(struct boot_info *info, uint32_t magic, uint32_t mbi_addr, boot_ptr_fn *ptr);
