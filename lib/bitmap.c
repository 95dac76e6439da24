/* lib/bitmap.c: the lowest-free bitmap (lib/bitmap.h). */
#include "lib/bitmap.h"
#include "lib/string.h"

#define ALL_USED 0xFFFFFFFFu

void bitmap_init(struct bitmap *b, uint32_t *words, uint32_t nbits)
{
    b->words = words;
    b->nbits = nbits;
    b->hint = 0;
    memset(words, 0, nbits / 8);
}

int bitmap_alloc(struct bitmap *b)
{
    /* A whole word at a time: a full word is skipped with one comparison, and
     * the lowest clear bit of the first one that is not full is the number of
     * trailing ones. */
    for (uint32_t w = b->hint / BITMAP_WORD_BITS; w < b->nbits / BITMAP_WORD_BITS; w++) {
        if (b->words[w] == ALL_USED)
            continue;
        uint32_t bit = (uint32_t)__builtin_ctz(~b->words[w]);
        b->words[w] |= 1u << bit;
        b->hint = w * BITMAP_WORD_BITS + bit;
        return (int)b->hint;
    }
    return -1;
}

void bitmap_free(struct bitmap *b, uint32_t i)
{
    b->words[i / BITMAP_WORD_BITS] &= ~(1u << (i % BITMAP_WORD_BITS));
    if (i < b->hint)
        b->hint = i;
}

bool bitmap_test(const struct bitmap *b, uint32_t i)
{
    return i < b->nbits && (b->words[i / BITMAP_WORD_BITS] & (1u << (i % BITMAP_WORD_BITS)));
}
