/* kernel/initrd.c: looks programs up in the initrd (lib/ustar.c reads it).
 * The archive is indexed once, at boot: looking a name up is then a walk
 * down an array of names and their hashes, the same for a program at the
 * end of the initrd as for the first one, where reading the archive again
 * cost about 4,000 instructions for every entry before it. */
#include "kernel/initrd.h"
#include "kernel/console.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/ustar.h"
#include <stddef.h>

/* Room for the index: files, and bytes of their names (NULs included).
 * Files that do not fit are still found, by reading the archive. */
#define INDEX_FILES      256
#define INDEX_NAME_BYTES 8192

static const void *archive;
static size_t archive_size;
static struct ustar_entry entries[INDEX_FILES];
static char names[INDEX_NAME_BYTES];
static struct ustar_index initrd_index;

void initrd_init(uint32_t start, uint32_t end)
{
    archive = (const void *)start;
    archive_size = end - start;
    ustar_index_build(&initrd_index, archive, archive_size, entries, INDEX_FILES, names,
                      sizeof names);
}

int initrd_find(const char *name, const void **data, uint32_t *size)
{
    int r = archive ? ustar_index_find(&initrd_index, name, data, size) : USTAR_NOT_FOUND;
    if (r == USTAR_MALFORMED)
        return -ENOEXEC;
    if (r != USTAR_OK)
        return -ENOENT;
    return 0;
}

bool initrd_next(size_t *cursor, struct ustar_file *f)
{
    if (!archive || ustar_next(archive, archive_size, cursor, f) != USTAR_OK)
        return false;
    const char *bare = ustar_bare_name(f->name);
    memmove(f->name, bare, strlen(bare) + 1);
    return true;
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
