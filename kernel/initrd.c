/* kernel/initrd.c: looks programs up in the initrd (lib/ustar.c reads it). */
#include "kernel/initrd.h"
#include "kernel/console.h"
#include "lib/errno.h"
#include "lib/ustar.h"
#include <stddef.h>

static const void *archive;
static size_t archive_size;

void initrd_init(uint32_t start, uint32_t end)
{
    archive = (const void *)start;
    archive_size = end - start;
}

int initrd_find(const char *name, const void **data, uint32_t *size)
{
    struct ustar_file f;
    int r = archive ? ustar_find(archive, archive_size, name, &f) : USTAR_NOT_FOUND;
    if (r == USTAR_MALFORMED)
        return -ENOEXEC;
    if (r != USTAR_OK)
        return -ENOENT;
    *data = f.data;
    *size = f.size;
    return 0;
}

void initrd_list(void)
{
    struct ustar_file f;
    size_t offset = 0;
    kprintf("coop: programs in the initrd:");
    while (archive && ustar_next(archive, archive_size, &offset, &f) == USTAR_OK)
        kprintf(" %s", f.name);
    kprintf("\n");
}
