/* lib/heap.h: a binary min-heap of intrusive nodes, for the scheduler's
 * sleeping tasks keyed by wake-up time. Insert, pop and removing any node (a
 * sleeping task can be killed) are O(log n); the caller supplies the array. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* Embed one in each object that can be queued. */
struct heap_node {
    uint64_t key;  /* smaller comes out first */
    uint32_t seq;  /* insertion order: breaks ties between equal keys */
    int32_t index; /* the node's slot in its heap, or -1 when in none */
};

struct heap {
    struct heap_node **slots; /* slots[0] is the minimum; children of i: 2i+1, 2i+2 */
    int32_t size;
    int32_t capacity;
    uint32_t next_seq;
};

/* heap_init: make h an empty heap using slots, an array of capacity pointers. */
void heap_init(struct heap *h, struct heap_node **slots, int32_t capacity);

/* heap_node_init: mark n as in no heap. Call once before n's first insert. */
void heap_node_init(struct heap_node *n);

/* heap_insert: add n with the given key. Nodes with equal keys come out in the
 * order they went in (first come, first served). Returns 0 on success, -1 if
 * h is full or n is already in a heap. */
int heap_insert(struct heap *h, struct heap_node *n, uint64_t key);

/* heap_peek: the node with the smallest key, left in h; NULL if h is empty. */
struct heap_node *heap_peek(const struct heap *h);

/* heap_pop: remove and return the node with the smallest key; NULL if h is
 * empty. */
struct heap_node *heap_pop(struct heap *h);

/* heap_remove: take n out of h wherever it is; does nothing if n is not in h. */
void heap_remove(struct heap *h, struct heap_node *n);

/* heap_node_queued: true if n is in a heap. */
static inline bool heap_node_queued(const struct heap_node *n)
{
    return n->index >= 0;
}

/* heap_size: how many nodes h holds. */
static inline int32_t heap_size(const struct heap *h)
{
    return h->size;
}
