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
 * of the multiboot structures. Returns 0, or -1 (after saying why) if the loader
 * gave no memory map. */
int bootinfo_init(uint32_t magic, uint32_t mbi_addr);
