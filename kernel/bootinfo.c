/* kernel/bootinfo.c: reads the multiboot information structure. */
#include "kernel/bootinfo.h"
#include "kernel/console.h"
#include "kernel/multiboot.h"
#include "lib/string.h"

struct boot_info boot_info;

static void module_record(const struct multiboot_module *m)
{
    const char *name = m->cmdline ? (const char *)m->cmdline : "";
    /* The module's command line may carry a path before the name (GRUB
     * passes its whole `module` line): match the last word. */
    const char *last = strrchr(name, ' ');
    last = last ? last + 1 : name;
    struct boot_module *slot = NULL;
    if (strcmp(last, "initrd") == 0)
        slot = &boot_info.initrd;
    else if (strcmp(last, "symbols") == 0)
        slot = &boot_info.symbols;
    if (!slot) {
        kprintf("coop: ignoring boot module '%s'\n", name);
        return;
    }
    slot->start = m->start;
    slot->end = m->end;
}

int bootinfo_init(uint32_t magic, uint32_t mbi_addr)
{
    if (magic != MULTIBOOT_BOOTLOADER_MAGIC) {
        kprintf("coop: not started by a multiboot loader (eax = 0x%08x)\n", magic);
        return -1;
    }
    const struct multiboot_info *mbi = (const struct multiboot_info *)mbi_addr;

    if ((mbi->flags & MULTIBOOT_INFO_CMDLINE) && mbi->cmdline)
        strlcpy(boot_info.cmdline, (const char *)mbi->cmdline, sizeof boot_info.cmdline);

    if (mbi->flags & MULTIBOOT_INFO_MODS) {
        const struct multiboot_module *mods = (const struct multiboot_module *)mbi->mods_addr;
        for (uint32_t i = 0; i < mbi->mods_count; i++)
            module_record(&mods[i]);
    }

    if (!(mbi->flags & MULTIBOOT_INFO_MMAP)) {
        kprintf("coop: the boot loader gave no memory map\n");
        return -1;
    }
    uint32_t p = mbi->mmap_addr;
    while (p < mbi->mmap_addr + mbi->mmap_length && boot_info.usable_count < MMAP_MAX) {
        const struct multiboot_mmap_entry *e = (const struct multiboot_mmap_entry *)p;
        if (e->type == MULTIBOOT_MEMORY_AVAILABLE) {
            boot_info.usable[boot_info.usable_count].addr = e->addr;
            boot_info.usable[boot_info.usable_count].len = e->len;
            boot_info.usable_count++;
        }
        p += e->size + sizeof(e->size);
    }
    return 0;
}
