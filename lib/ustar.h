/* lib/ustar.h: reads the initrd, a POSIX ustar archive (`tar --format=ustar`)
 * sitting in memory. The archive is untrusted: whatever its bytes say, nothing
 * is read outside [archive, archive + size). */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* ustar's longest path: a 155-char prefix, a '/', a 100-char name, a NUL. */
#define USTAR_NAME_MAX (155 + 1 + 100 + 1)

/* One regular file of the archive. data points into the archive itself. */
struct ustar_file {
    char name[USTAR_NAME_MAX]; /* as stored, e.g. "hello" or "./hello" */
    const void *data;
    uint32_t size;
};

enum ustar_result {
    USTAR_OK = 0,
    USTAR_END = 1,       /* no more files */
    USTAR_NOT_FOUND = 2, /* ustar_find: no file of that name */
    USTAR_MALFORMED = 3, /* a header is corrupt or a file runs past the end */
};

/* ustar_next: the next regular file at or after *offset (start with 0), in
 * *out; directories, links and other entries are skipped. Advances *offset to
 * the header after it. Returns USTAR_OK; USTAR_END at an all-zero block (tar
 * ends archives with two) or when no whole header is left; or USTAR_MALFORMED
 * if a header has a bad magic, a bad checksum or a size that is not octal, or
 * a file's data runs past the end of the archive. *out is only valid on
 * USTAR_OK. */
int ustar_next(const void *archive, size_t size, size_t *offset, struct ustar_file *out);

/* ustar_bare_name: `name` without any leading "./" and "/", as ustar_find
 * compares names (a pointer into `name`). */
const char *ustar_bare_name(const char *name);

/* ustar_find: the first regular file called `name`, in *out. Names match
 * exactly, except that leading "./" and "/" are ignored on both sides:
 * "hello", "./hello" and "/hello" are the same file (but "dir/hello" is not
 * "hello"). Returns USTAR_OK, USTAR_NOT_FOUND, or USTAR_MALFORMED if a corrupt
 * header comes before a match. *out is only valid on USTAR_OK. */
int ustar_find(const void *archive, size_t size, const char *name, struct ustar_file *out);

/* An index of an archive's regular files, made once so that finding one is
 * a walk down an array: ustar_find reads the archive from its start every
 * time, checking each header on the way (its checksum alone is a sum of 512
 * bytes), so the cost of finding a file grew with its place in the archive. */
struct ustar_entry {
    const char *name; /* without leading "./" and "/", NUL-terminated */
    uint32_t hash;    /* of name: compared first, so most entries cost one comparison */
    const void *data; /* in the archive */
    uint32_t size;
};

struct ustar_index {
    const void *archive;
    size_t size;
    struct ustar_entry *entries; /* count of them, in archive order */
    size_t count;
    int stop;    /* why the index ends: USTAR_END (every file is in it),
                    USTAR_MALFORMED (a damaged header, beyond which no file can
                    be found), or USTAR_OK (it is full: the files from `rest`
                    on are found by reading the archive, as ustar_find does) */
    size_t rest; /* with stop USTAR_OK: the offset of the first file left out */
};

/* ustar_index_build: index the regular files of the archive [archive,
 * archive + size), in archive order, into entries[max_entries], their names
 * into names[names_size]. Both arrays are the caller's, and must live as
 * long as the index. Files that do not fit stay findable (ustar_index_find
 * reads the archive for them). */
void ustar_index_build(struct ustar_index *index, const void *archive, size_t size,
                       struct ustar_entry *entries, size_t max_entries, char *names,
                       size_t names_size);

/* ustar_index_find: what ustar_find says for `name`, through the index:
 * USTAR_OK with *data and *size of the first file of that name, or
 * USTAR_NOT_FOUND, or USTAR_MALFORMED if a corrupt header comes before any
 * file of that name. */
int ustar_index_find(const struct ustar_index *index, const char *name, const void **data,
                     uint32_t *size);

/* ustar_result_name: a short phrase for a ustar_result, e.g. "not found". */
const char *ustar_result_name(int r);
