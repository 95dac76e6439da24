/* kernel/multiboot.h: the Multiboot 1 structures a boot loader (QEMU's -kernel
 * or GRUB) hands the kernel: memory map, command line, modules. */
#pragma once

#define MULTIBOOT_HEADER_MAGIC     0x1BADB002 /* in the kernel image */
#define MULTIBOOT_BOOTLOADER_MAGIC 0x2BADB002 /* in %eax at entry */

/* Header flags: align modules on pages, and give us the memory map. */
#define MULTIBOOT_PAGE_ALIGN   (1 << 0)
#define MULTIBOOT_MEMORY_INFO  (1 << 1)
#define MULTIBOOT_HEADER_FLAGS (MULTIBOOT_PAGE_ALIGN | MULTIBOOT_MEMORY_INFO)

#ifndef __ASSEMBLER__
#include <stdint.h>

/* Bits of multiboot_info.flags saying which fields are valid. */
#define MULTIBOOT_INFO_MEMORY  (1 << 0)
#define MULTIBOOT_INFO_CMDLINE (1 << 2)
#define MULTIBOOT_INFO_MODS    (1 << 3)
#define MULTIBOOT_INFO_MMAP    (1 << 6)

/* memory-map entry types: any but AVAILABLE is not for us */
#define MULTIBOOT_MEMORY_AVAILABLE 1
#define MULTIBOOT_MEMORY_RESERVED  2

struct multiboot_info {
    uint32_t flags;
    uint32_t mem_lower, mem_upper; /* KiB below 1 MiB, KiB above 1 MiB */
    uint32_t boot_device;
    uint32_t cmdline; /* physical address of a NUL-terminated string */
    uint32_t mods_count, mods_addr;
    uint32_t syms[4];
    uint32_t mmap_length, mmap_addr;
    /* (drives, config table, loader name, APM, VBE: unused) */
};

struct multiboot_module {
    uint32_t start, end; /* physical [start, end) */
    uint32_t cmdline;    /* the module's own command line */
    uint32_t reserved;
};

/* One memory-map entry. `size` counts the bytes after itself, so entries are
 * walked with `entry = (void *)entry + entry->size + sizeof(entry->size)`. */
struct multiboot_mmap_entry {
    uint32_t size;
    uint64_t addr, len;
    uint32_t type;
} __attribute__((packed));
#endif
