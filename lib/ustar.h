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

/* ustar_find: the first regular file called `name`, in *out. Names match
 * exactly, except that leading "./" and "/" are ignored on both sides:
 * "hello", "./hello" and "/hello" are the same file (but "dir/hello" is not
 * "hello"). Returns USTAR_OK, USTAR_NOT_FOUND, or USTAR_MALFORMED if a corrupt
 * header comes before a match. *out is only valid on USTAR_OK. */
int ustar_find(const void *archive, size_t size, const char *name, struct ustar_file *out);

/* ustar_result_name: a short phrase for a ustar_result, e.g. "not found". */
const char *ustar_result_name(int r);
