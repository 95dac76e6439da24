/* lib/heap.c: a binary min-heap of intrusive nodes, ordered by (key, seq).
 * The heap is an array in which every node is no larger than its two
 * children; each node remembers its own index, which is what lets
 * heap_remove find it without a search. */
#include "lib/heap.h"
#include <stddef.h>

#define NOT_QUEUED (-1)

static int32_t parent(int32_t i)
{
    return (i - 1) / 2;
}

static int32_t left_child(int32_t i)
{
    return 2 * i + 1;
}

/* Does a come out before b? Equal keys go by insertion order. The sequence
 * numbers are compared by their difference so that the order survives the
 * counter wrapping around (any two queued nodes are far less than 2^31
 * insertions apart). */
static bool before(const struct heap_node *a, const struct heap_node *b)
{
    if (a->key != b->key)
        return a->key < b->key;
    return (int32_t)(a->seq - b->seq) < 0;
}

/* Put n in slot i, keeping its index up to date. */
static void place(struct heap *h, int32_t i, struct heap_node *n)
{
    h->slots[i] = n;
    n->index = i;
}

/* The node in slot i may be smaller than its parent: move it up. */
static void sift_up(struct heap *h, int32_t i)
{
    struct heap_node *n = h->slots[i];
    while (i > 0 && before(n, h->slots[parent(i)])) {
        place(h, i, h->slots[parent(i)]);
        i = parent(i);
    }
    place(h, i, n);
}

/* The node in slot i may be larger than a child: move it down. */
static void sift_down(struct heap *h, int32_t i)
{
    struct heap_node *n = h->slots[i];
    for (;;) {
        int32_t child = left_child(i);
        if (child >= h->size)
            break;
        /* Follow the smaller child. */
        if (child + 1 < h->size && before(h->slots[child + 1], h->slots[child]))
            child++;
        if (!before(h->slots[child], n))
            break;
        place(h, i, h->slots[child]);
        i = child;
    }
    place(h, i, n);
}

void heap_init(struct heap *h, struct heap_node **slots, int32_t capacity)
{
    h->slots = slots;
    h->size = 0;
    h->capacity = capacity;
    h->next_seq = 0;
}

void heap_node_init(struct heap_node *n)
{
    n->key = 0;
    n->seq = 0;
    n->index = NOT_QUEUED;
}

int heap_insert(struct heap *h, struct heap_node *n, uint64_t key)
{
    if (h->size >= h->capacity || heap_node_queued(n))
        return -1;
    n->key = key;
    n->seq = h->next_seq++;
    place(h, h->size++, n);
    sift_up(h, n->index);
    return 0;
}

struct heap_node *heap_peek(const struct heap *h)
{
    return h->size > 0 ? h->slots[0] : NULL;
}

void heap_remove(struct heap *h, struct heap_node *n)
{
    int32_t i = n->index;
    /* Check the slot really holds n: n may be in another heap, or in none. */
    if (i < 0 || i >= h->size || h->slots[i] != n)
        return;
    n->index = NOT_QUEUED;
    struct heap_node *last = h->slots[--h->size];
    if (last == n)
        return;
    /* Fill the hole with the last node, which may belong higher or lower. */
    place(h, i, last);
    if (i > 0 && before(last, h->slots[parent(i)]))
        sift_up(h, i);
    else
        sift_down(h, i);
}

struct heap_node *heap_pop(struct heap *h)
{
    struct heap_node *n = heap_peek(h);
    if (n)
        heap_remove(h, n);
    return n;
}
