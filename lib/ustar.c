/* lib/ustar.c: the initrd reader. A ustar archive is a series of 512-byte
 * blocks: each file is a header block followed by its data, padded to a whole
 * block; two zero blocks end the archive. An index (ustar_index_build) lists
 * its files once, so that finding one does not read the archive again. */
#include "lib/ustar.h"
#include "lib/string.h"
#include <stdbool.h>

#define BLOCK_SIZE 512

/* Where the header fields we need lie in a header block (POSIX.1-1988). */
#define NAME_OFFSET     0
#define NAME_LEN        100
#define SIZE_OFFSET     124
#define SIZE_LEN        12
#define CHKSUM_OFFSET   148
#define CHKSUM_LEN      8
#define TYPEFLAG_OFFSET 156
#define MAGIC_OFFSET    257
#define PREFIX_OFFSET   345
#define PREFIX_LEN      155

/* "ustar\0" in POSIX archives, "ustar " in GNU ones: both start with this. */
#define MAGIC     "ustar"
#define MAGIC_LEN 5
/* Only POSIX archives have a prefix field; GNU ones keep other things there. */
#define POSIX_MAGIC     "ustar"
#define POSIX_MAGIC_LEN 6 /* with its NUL */

#define TYPE_REGULAR     '0'
#define TYPE_REGULAR_OLD '\0' /* pre-POSIX tars */

#define OCTAL_BASE     8
#define UINT32_LARGEST 0xFFFFFFFFu

/* Parse an octal field: optional leading spaces, at least one digit, then
 * only NULs or spaces. Returns false if it is not that or exceeds 32 bits. */
static bool parse_octal(const unsigned char *field, size_t len, uint32_t *out)
{
    size_t i = 0;
    while (i < len && field[i] == ' ')
        i++;
    size_t first_digit = i;
    uint32_t v = 0;
    for (; i < len && field[i] >= '0' && field[i] <= '7'; i++) {
        if (v > (UINT32_LARGEST >> 3))
            return false;
        v = v * OCTAL_BASE + (uint32_t)(field[i] - '0');
    }
    if (i == first_digit)
        return false;
    for (; i < len; i++)
        if (field[i] != '\0' && field[i] != ' ')
            return false;
    *out = v;
    return true;
}

static bool is_zero_block(const unsigned char *block)
{
    for (size_t i = 0; i < BLOCK_SIZE; i++)
        if (block[i])
            return false;
    return true;
}

/* The checksum is the sum of the header's bytes, counting the checksum field
 * itself as spaces: all 512 summed in one plain loop, then the field's own
 * bytes swapped for spaces (a test for the field inside the loop cost 2
 * instructions more a byte, 7 where this takes 5). */
static bool checksum_ok(const unsigned char *h)
{
    uint32_t stored;
    if (!parse_octal(h + CHKSUM_OFFSET, CHKSUM_LEN, &stored))
        return false;
    uint32_t sum = 0;
    for (size_t i = 0; i < BLOCK_SIZE; i++)
        sum += h[i];
    for (size_t i = CHKSUM_OFFSET; i < CHKSUM_OFFSET + CHKSUM_LEN; i++)
        sum = sum - h[i] + ' ';
    return sum == stored;
}

/* Copy a field that is NUL-terminated only when shorter than len; returns the
 * number of chars copied. */
static size_t copy_field(char *dst, const unsigned char *field, size_t len)
{
    size_t n = strnlen((const char *)field, len);
    memcpy(dst, field, n);
    return n;
}

/* The full path: "prefix/name" when the header has a prefix, else "name". */
static void header_name(const unsigned char *h, char *out)
{
    size_t n = 0;
    if (memcmp(h + MAGIC_OFFSET, POSIX_MAGIC, POSIX_MAGIC_LEN) == 0 && h[PREFIX_OFFSET]) {
        n = copy_field(out, h + PREFIX_OFFSET, PREFIX_LEN);
        out[n++] = '/';
    }
    n += copy_field(out + n, h + NAME_OFFSET, NAME_LEN);
    out[n] = '\0';
}

int ustar_next(const void *archive, size_t size, size_t *offset, struct ustar_file *out)
{
    const unsigned char *base = archive;
    /* Every comparison below is written as "x <= size - y" after checking
     * y <= size, so that no sum can wrap around. */
    while (*offset <= size && size - *offset >= BLOCK_SIZE) {
        const unsigned char *h = base + *offset;
        if (is_zero_block(h))
            return USTAR_END;
        uint32_t file_size;
        if (memcmp(h + MAGIC_OFFSET, MAGIC, MAGIC_LEN) != 0 || !checksum_ok(h) ||
            !parse_octal(h + SIZE_OFFSET, SIZE_LEN, &file_size))
            return USTAR_MALFORMED;

        size_t data = *offset + BLOCK_SIZE;
        if (file_size > size - data)
            return USTAR_MALFORMED;
        /* The next header follows the data, padded to a whole block. The
         * archive may end inside that padding: then the next call says END. */
        size_t end = data + file_size;
        size_t padding = (BLOCK_SIZE - end % BLOCK_SIZE) % BLOCK_SIZE;
        *offset = padding <= size - end ? end + padding : size;

        char type = (char)h[TYPEFLAG_OFFSET];
        if (type == TYPE_REGULAR || type == TYPE_REGULAR_OLD) {
            header_name(h, out->name);
            out->data = base + data;
            out->size = file_size;
            return USTAR_OK;
        }
    }
    return USTAR_END;
}

/* tar stores "./hello" when asked for ".". */
const char *ustar_bare_name(const char *name)
{
    for (;;) {
        if (name[0] == '/')
            name++;
        else if (name[0] == '.' && name[1] == '/')
            name += 2;
        else
            return name;
    }
}

/* ustar_find from `offset` on, for a name already stripped. */
static int find_from(const void *archive, size_t size, size_t offset, const char *want,
                     struct ustar_file *out)
{
    int r;
    while ((r = ustar_next(archive, size, &offset, out)) == USTAR_OK) {
        if (strcmp(ustar_bare_name(out->name), want) == 0)
            return USTAR_OK;
    }
    return r == USTAR_END ? USTAR_NOT_FOUND : r;
}

int ustar_find(const void *archive, size_t size, const char *name, struct ustar_file *out)
{
    return find_from(archive, size, 0, ustar_bare_name(name), out);
}

/* ------------------------------------------------------------- the index */

/* FNV-1a, a simple hash that spreads short names well: two different names
 * almost never have the same, so the index compares a name only with the
 * one entry whose hash is its own. */
#define FNV_OFFSET_BASIS 2166136261u
#define FNV_PRIME        16777619u

static uint32_t name_hash(const char *name)
{
    uint32_t h = FNV_OFFSET_BASIS;
    for (; *name; name++)
        h = (h ^ (unsigned char)*name) * FNV_PRIME;
    return h;
}

void ustar_index_build(struct ustar_index *index, const void *archive, size_t size,
                       struct ustar_entry *entries, size_t max_entries, char *names,
                       size_t names_size)
{
    *index = (struct ustar_index){.archive = archive, .size = size, .entries = entries};
    size_t offset = 0, names_used = 0;
    struct ustar_file f;
    for (;;) {
        size_t here = offset;
        int r = ustar_next(archive, size, &offset, &f);
        if (r != USTAR_OK) { /* the end, or a damaged header: what follows is out of reach */
            index->stop = r;
            return;
        }
        const char *name = ustar_bare_name(f.name);
        size_t len = strlen(name) + 1;
        if (index->count == max_entries || len > names_size - names_used) {
            index->stop = USTAR_OK; /* full: this file and the rest are found by scanning */
            index->rest = here;
            return;
        }
        memcpy(names + names_used, name, len);
        entries[index->count++] = (struct ustar_entry){
            .name = names + names_used, .hash = name_hash(name), .data = f.data, .size = f.size};
        names_used += len;
    }
}

int ustar_index_find(const struct ustar_index *index, const char *name, const void **data,
                     uint32_t *size)
{
    const char *want = ustar_bare_name(name);
    uint32_t hash = name_hash(want);
    for (size_t i = 0; i < index->count; i++) {
        const struct ustar_entry *e = &index->entries[i];
        if (e->hash == hash && strcmp(e->name, want) == 0) {
            *data = e->data;
            *size = e->size;
            return USTAR_OK;
        }
    }
    if (index->stop != USTAR_OK) /* every file is in the index, or out of reach */
        return index->stop == USTAR_END ? USTAR_NOT_FOUND : index->stop;
    struct ustar_file f; /* the index is full: the rest of the archive, the old way */
    int r = find_from(index->archive, index->size, index->rest, want, &f);
    if (r == USTAR_OK) {
        *data = f.data;
        *size = f.size;
    }
    return r;
}

const char *ustar_result_name(int r)
{
    switch (r) {
    case USTAR_OK:
        return "ok";
    case USTAR_END:
        return "end of archive";
    case USTAR_NOT_FOUND:
        return "not found";
    case USTAR_MALFORMED:
        return "malformed archive";
    default:
        return "unknown ustar result";
    }
}
