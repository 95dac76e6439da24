/* lib/bitmap.c: the lowest-free bitmap (lib/bitmap.h).
 *
 * bitmap_init clears no word. A program's stack-slot bitmap has 896 words
 * and almost every program uses only the first, so clearing them all (3.5
 * KiB, a byte at a time in memset) was a quarter of starting a program.
 * Instead, words [0, clean) are the bitmap's and the words from `clean` on
 * still hold whatever was there: bitmap_alloc clears each one when its
 * search first reaches it, and until then every number in it is free. */
#include "lib/bitmap.h"

#define ALL_USED 0xFFFFFFFFu

void bitmap_init(struct bitmap *b, uint32_t *words, uint32_t nbits)
{
    b->words = words;
    b->nbits = nbits;
    b->hint = 0;
    b->clean = 0;
}

int bitmap_alloc(struct bitmap *b)
{
    /* A whole word at a time: a full word is skipped with one comparison, and
     * the lowest clear bit of the first one that is not full is the number of
     * trailing ones. The search never starts past `clean` (every number below
     * the hint is in use, so in a clean word), and meets an unclean word only
     * when every clean one is full: it clears it then. */
    for (uint32_t w = b->hint / BITMAP_WORD_BITS; w < b->nbits / BITMAP_WORD_BITS; w++) {
        if (w == b->clean)
            b->words[b->clean++] = 0;
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
    return i < b->nbits && i / BITMAP_WORD_BITS < b->clean &&
           (b->words[i / BITMAP_WORD_BITS] & (1u << (i % BITMAP_WORD_BITS)));
}
