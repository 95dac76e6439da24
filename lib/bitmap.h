/* lib/bitmap.h: a set of small numbers 0..nbits-1, one bit each in 32-bit
 * words, that hands out the lowest number not in use. The kernel keeps a
 * program's stack slots in one (kernel/process.c): a task gets the lowest free
 * slot, so a program's stacks stay packed at the bottom of the stack area. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

#define BITMAP_WORD_BITS 32

struct bitmap {
    uint32_t *words; /* nbits / BITMAP_WORD_BITS words; bit i set = i in use */
    uint32_t nbits;  /* a multiple of BITMAP_WORD_BITS */
    uint32_t hint;   /* no free number below this one: where a search starts */
    uint32_t clean;  /* words[0..clean-1] are cleared and in use as the bitmap;
                        the others are not yet (lib/bitmap.c says why) */
};

/* bitmap_init: a bitmap over `words` (nbits / BITMAP_WORD_BITS of them,
 * whatever they hold: they are cleared as they come into use) for the
 * numbers 0..nbits-1, none in use. nbits must be a multiple of
 * BITMAP_WORD_BITS. O(1). */
void bitmap_init(struct bitmap *b, uint32_t *words, uint32_t nbits);

/* bitmap_alloc: mark the lowest number not in use as used and return it, or
 * -1 if all are in use. */
int bitmap_alloc(struct bitmap *b);

/* bitmap_free: mark number `i` (< nbits) as not in use. */
void bitmap_free(struct bitmap *b, uint32_t i);

/* bitmap_test: is number `i` in use? False for i >= nbits. */
bool bitmap_test(const struct bitmap *b, uint32_t i);
