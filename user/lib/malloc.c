/* user/lib/malloc.c: malloc, free, calloc and realloc on top of sbrk().
 *
 * The heap is one run of memory from the program's first break upwards, cut
 * into blocks. Every block starts with a 16-byte header holding its size; the
 * caller gets the bytes after it. Free blocks are kept on one list, sorted by
 * address, so that a freed block can be merged with free neighbours:
 *
 *     +-----+--------+-----+---------+-----+--------+-----+---------+
 *     | hdr | in use | hdr | free    | hdr | in use | hdr | free    |
 *     +-----+--------+-----+---------+-----+--------+-----+---------+
 *                       ^     |                        ^
 *          free_list ---+     +-------- next ----------+
 *
 * malloc takes the first free block that is big enough (first fit) and
 * splits off what it does not need; when none is, it grows the heap with
 * sbrk, at least HEAP_CHUNK bytes at a time. free puts the block back on the
 * list, merges it with the blocks on either side if they are free, and gives
 * a large free block at the top of the heap back to the kernel.
 *
 * The heap is shared by the program's tasks. Under sched=coop nothing here
 * can be interrupted, since no call in it gives up the CPU; under
 * sched=preempt the timer may switch tasks anywhere, so a small lock guards
 * the list (heap_lock). Host unit test: tests/unit/test_malloc.c. */
#include "user/lib/coop.h"
#include <stdbool.h>

#define ALIGN          16          /* every block and every pointer returned */
#define HEAP_CHUNK     (16 * 1024) /* the heap grows by multiples of this */
#define TRIM_THRESHOLD (64 * 1024) /* a free top block this big goes back */
#define MALLOC_MAX     (1u << 30)  /* 1 GiB: more than any program's heap */

/* A block's header. In a free block `next` links the free list; in a block in
 * use it holds BLOCK_IN_USE, which free() checks to catch bad pointers. */
struct block {
    size_t size;        /* bytes in the block, header included: a multiple of ALIGN */
    struct block *next; /* free: the next free block, by address; NULL at the end */
} __attribute__((aligned(ALIGN)));

#define HEADER_SIZE sizeof(struct block)
#define MIN_BLOCK   (HEADER_SIZE + ALIGN) /* a header and the smallest payload */
/* Not a multiple of ALIGN, so never the address of a real block. */
#define BLOCK_IN_USE ((struct block *)(uintptr_t)0xA110CA7E)

_Static_assert(sizeof(struct block) == ALIGN, "the header keeps payloads aligned");

static struct block *free_list; /* sorted by address */
static int heap_busy;           /* the lock: 1 while a task is inside */

/* Take the lock. Under sched=coop it is always free: a task cannot be
 * interrupted while holding it. Under sched=preempt, the holder may have
 * been preempted: let it run until it lets go. */
static void heap_lock(void)
{
    while (__atomic_exchange_n(&heap_busy, 1, __ATOMIC_ACQUIRE))
        yield();
}

static void heap_unlock(void)
{
    __atomic_store_n(&heap_busy, 0, __ATOMIC_RELEASE);
}

static char *block_end(struct block *b)
{
    return (char *)b + b->size;
}

/* The block size that holds `size` bytes: header included, rounded up to
 * ALIGN. 0 if the request is too large to ever succeed. */
static size_t block_size_for(size_t size)
{
    if (size > MALLOC_MAX)
        return 0;
    size_t need = (size + HEADER_SIZE + ALIGN - 1) & ~(size_t)(ALIGN - 1);
    return need < MIN_BLOCK ? MIN_BLOCK : need;
}

/* The block of a pointer malloc returned. A pointer that is misaligned or
 * whose header is not marked in use was never malloc's, or was freed already:
 * fault now (invalid opcode) rather than corrupt the heap and fail later.
 * Called without the lock held, so that the faulting task does not take it
 * to its grave. */
static struct block *block_of(void *ptr)
{
    struct block *b = (struct block *)ptr - 1;
    if ((uintptr_t)ptr % ALIGN != 0 || b->next != BLOCK_IN_USE)
        __builtin_trap();
    return b;
}

/* Put block b on the free list, merged with its free neighbours. Returns the
 * free block b ended up in. */
static struct block *free_insert(struct block *b)
{
    struct block **link = &free_list, *prev = NULL;
    while (*link && *link < b) {
        prev = *link;
        link = &prev->next;
    }
    struct block *next = *link;
    b->next = next;
    *link = b;
    if (next && block_end(b) == (char *)next) { /* merge with the one above */
        b->size += next->size;
        b->next = next->next;
    }
    if (prev && block_end(prev) == (char *)b) { /* and with the one below */
        prev->size += b->size;
        prev->next = b->next;
        b = prev;
    }
    return b;
}

/* If block b is bigger than `need` by at least a minimal block, cut the rest
 * off and free it. */
static void block_shrink(struct block *b, size_t need)
{
    if (b->size - need < MIN_BLOCK)
        return;
    struct block *rest = (struct block *)((char *)b + need);
    rest->size = b->size - need;
    b->size = need;
    free_insert(rest);
}

/* First fit: take the first free block of at least `need` bytes off the
 * list, split it if it is much bigger. NULL if there is none. */
static struct block *free_take(size_t need)
{
    for (struct block **link = &free_list; *link; link = &(*link)->next) {
        struct block *b = *link;
        if (b->size < need)
            continue;
        if (b->size - need >= MIN_BLOCK) {
            /* The tail stays free, in b's place on the list. */
            struct block *rest = (struct block *)((char *)b + need);
            rest->size = b->size - need;
            rest->next = b->next;
            *link = rest;
            b->size = need;
        } else {
            *link = b->next;
        }
        b->next = BLOCK_IN_USE;
        return b;
    }
    return NULL;
}

/* Grow the heap with sbrk by enough whole chunks for a block of `need`
 * bytes, and put the new memory on the free list. */
static bool heap_grow(size_t need)
{
    size_t chunk = (need + HEAP_CHUNK - 1) / HEAP_CHUNK * HEAP_CHUNK;
    intptr_t brk = sbrk(0);
    if (brk < 0)
        return false;
    /* The first break is page-aligned, but the program may have moved it
     * with sbrk itself: start the new block on an ALIGN boundary. */
    size_t pad = (size_t)-brk & (ALIGN - 1);
    intptr_t old = sbrk((int)(pad + chunk));
    if (old < 0)
        return false;
    struct block *b = (struct block *)(old + (intptr_t)pad);
    b->size = chunk;
    free_insert(b);
    return true;
}

/* If block b, free, ends the heap and is big, give most of it back to the
 * kernel; keep one chunk, so that a loop of malloc and free of a big block
 * does not ask the kernel every time. Only when nobody else has moved the
 * break above it. */
static void heap_trim(struct block *b)
{
    if (b->size < TRIM_THRESHOLD || sbrk(0) != (intptr_t)block_end(b))
        return;
    size_t release = b->size - HEAP_CHUNK;
    if (sbrk(-(int)release) >= 0)
        b->size = HEAP_CHUNK;
}

/* malloc's work, with the lock held. */
static struct block *block_alloc(size_t need)
{
    struct block *b = free_take(need);
    if (!b && heap_grow(need))
        b = free_take(need);
    return b;
}

/* free's work, with the lock held. */
static void block_release(struct block *b)
{
    struct block *merged = free_insert(b);
    if (!merged->next)
        heap_trim(merged);
}

void *malloc(size_t size)
{
    size_t need = block_size_for(size);
    if (!need)
        return NULL;
    heap_lock();
    struct block *b = block_alloc(need);
    heap_unlock();
    return b ? b + 1 : NULL;
}

void free(void *ptr)
{
    if (!ptr)
        return;
    struct block *b = block_of(ptr); /* before the lock: it may fault */
    heap_lock();
    block_release(b);
    heap_unlock();
}

void *calloc(size_t n, size_t size)
{
    if (size && n > MALLOC_MAX / size)
        return NULL; /* n * size would overflow, or is too big anyway */
    void *p = malloc(n * size);
    if (p)
        memset(p, 0, n * size); /* a reused block holds old data */
    return p;
}

/* Grow block b in place to at least `need` bytes by taking the free block
 * right above it, if there is one and it is big enough. */
static void block_grow_in_place(struct block *b, size_t need)
{
    struct block **link = &free_list;
    while (*link && (char *)*link < block_end(b))
        link = &(*link)->next;
    struct block *next = *link;
    if (next && (char *)next == block_end(b) && b->size + next->size >= need) {
        *link = next->next;
        b->size += next->size;
    }
}

void *realloc(void *ptr, size_t size)
{
    if (!ptr)
        return malloc(size);
    if (size == 0) {
        free(ptr);
        return NULL;
    }
    size_t need = block_size_for(size);
    if (!need)
        return NULL;

    struct block *b = block_of(ptr);
    heap_lock();
    void *result = ptr;
    if (b->size < need)
        block_grow_in_place(b, need);
    if (b->size >= need) {
        block_shrink(b, need); /* in place: give back what is not needed */
    } else {
        struct block *moved = block_alloc(need);
        result = moved ? moved + 1 : NULL;
        if (moved) {
            memcpy(result, ptr, b->size - HEADER_SIZE);
            block_release(b);
        }
    }
    heap_unlock();
    return result;
}
