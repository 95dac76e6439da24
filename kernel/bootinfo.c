/* kernel/bootinfo.c: reads the multiboot information structure. */
#include "kernel/bootinfo.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/multiboot.h"
#include "lib/string.h"

struct boot_info boot_info;

/* How much of the end of a cut command line a warning shows. */
#define CMDLINE_TAIL_SHOWN 20

/* The bytes of a memory-map entry after its `size` field. */
#define MMAP_ENTRY_FIELDS (sizeof(struct multiboot_mmap_entry) - sizeof(uint32_t))

static void module_record(struct boot_info *info, const struct multiboot_module *m,
                          boot_ptr_fn *ptr)
{
    const char *name = m->cmdline ? ptr(m->cmdline) : "";
    /* The module's command line may carry a path before the name (GRUB
     * passes its whole `module` line): match the last word. */
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    struct boot_module *slot = NULL;
    if (strcmp(last, "initrd") == 0)
        slot = &info->initrd;
    else if (strcmp(last, "symbols") == 0)
        slot = &info->symbols;
    if (!slot) {
        kprintf("coop: ignoring boot module '%s'\n", name);
        return;
    }
    /* The kernel reads modules through its identity map, which ends at
     * KERNEL_LIMIT; an end before the start would make a huge size. */
    if (m->end < m->start || m->end > KERNEL_LIMIT) {
        kprintf("coop: ignoring boot module '%s' at [0x%08x, 0x%08x): not a usable range\n", name,
                m->start, m->end);
        return;
    }
    slot->start = m->start;
    slot->end = m->end;
}

/* Keep the available entries of the memory map at mmap_addr. Entries are
 * walked by their `size`, which may be larger than the fields we know (newer
 * BIOSes add some); offsets rather than addresses, so that no bad size can
 * wrap around and loop. */
static void mmap_record(struct boot_info *info, uint32_t mmap_addr, uint32_t length,
                        boot_ptr_fn *ptr)
{
    uint32_t off = 0;
    while (length - off >= sizeof(uint32_t)) {
        const struct multiboot_mmap_entry *e = ptr(mmap_addr + off);
        uint32_t left = length - off - sizeof e->size;
        if (e->size < MMAP_ENTRY_FIELDS || e->size > left) {
            kprintf("coop: bad memory map entry (size %u, %u bytes left): ignoring the rest\n",
                    e->size, left);
            return;
        }
        if (e->type == MULTIBOOT_MEMORY_AVAILABLE) {
            if (info->usable_count == MMAP_MAX) {
                kprintf("coop: more than %d usable memory regions: ignoring the rest\n", MMAP_MAX);
                return;
            }
            info->usable[info->usable_count].addr = e->addr;
            info->usable[info->usable_count].len = e->len;
            info->usable_count++;
        }
        off += sizeof e->size + e->size;
    }
}

int bootinfo_parse(struct boot_info *info, uint32_t magic, uint32_t mbi_addr, boot_ptr_fn *ptr)
{
    memset(info, 0, sizeof *info);
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
        kprintf("coop: not started by a multiboot loader (eax = 0x%08x)\n", magic);
        return -1;
    }
    const struct multiboot_info *mbi = ptr(mbi_addr);

    if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline) {
        size_t len = strlcpy(info->cmdline, ptr(mbi->cmdline), sizeof info->cmdline);
        if (len >= sizeof info->cmdline)
            kprintf("coop: the command line is %u characters long; only the first %u are kept, "
                    "up to '...%s'\n",
                    (unsigned)len, (unsigned)sizeof info->cmdline - 1,
                    info->cmdline + sizeof info->cmdline - 1 - CMDLINE_TAIL_SHOWN);
    }

    /* Each module through ptr on its own: with none, mods_addr is not read. */
    if (mbi->flags & MULTIBOOT_INFO_MODS)
        for (uint32_t i = 0; i < mbi->mods_count; i++)
            module_record(info, ptr(mbi->mods_addr + i * sizeof(struct multiboot_module)), ptr);

    if (!(mbi->flags & MULTIBOOT_INFO_MMAP)) {
        kprintf("coop: the boot loader gave no memory map\n");
        return -1;
    }
    mmap_record(info, mbi->mmap_addr, mbi->mmap_length, ptr);
    return 0;
}

/* The kernel runs on physical addresses: paging is not on yet, and once it is,
 * the kernel's memory is identity-mapped. */
static const void *identity(uint32_t addr)
{
    return (const void *)(uintptr_t)addr;
}

int bootinfo_init(uint32_t magic, uint32_t mbi_addr)
{
    return bootinfo_parse(&boot_info, magic, mbi_addr, identity);
}
