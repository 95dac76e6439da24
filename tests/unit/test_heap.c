/* tests/unit/test_heap.c: the sleepers' min-heap (lib/heap.c), by hand and
 * against a sorted array under random inserts, pops and removals. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "lib/heap.h"
#include "lib/list.h" /* container_of */

#define CAPACITY 64
#define SEED     2024u
#define ROUNDS   20000
#define KEY_SPAN 16 /* few distinct keys, so that ties are common */

struct sleeper {
    int id;
    struct heap_node node;
};

static int id_of(const struct heap_node *n)
{
    return container_of(n, struct sleeper, node)->id;
}

/* The heap property and every node's index, checked slot by slot. */
static void assert_heap_valid(const struct heap *h)
{
    for (int32_t i = 0; i < h->size; i++) {
        assert_int_equal(h->slots[i]->index, i);
        if (i > 0) {
            const struct heap_node *p = h->slots[(i - 1) / 2], *c = h->slots[i];
            assert_true(p->key < c->key || (p->key == c->key && p->seq < c->seq));
        }
    }
}

static void test_empty_heap(void **state)
{
    (void)state;
    struct heap_node *slots[CAPACITY];
    struct heap h;
    heap_init(&h, slots, CAPACITY);
    assert_int_equal(heap_size(&h), 0);
    assert_null(heap_peek(&h));
    assert_null(heap_pop(&h));
}

static void test_pops_in_key_order(void **state)
{
    (void)state;
    static const uint64_t keys[] = {50, 10, 40, 30, 20, 1ULL << 40, 0};
    static const int order[] = {6, 1, 4, 3, 2, 0, 5}; /* ids by increasing key */
    enum { N = sizeof keys / sizeof keys[0] };
    struct heap_node *slots[CAPACITY];
    struct heap h;
    struct sleeper s[N];
    heap_init(&h, slots, CAPACITY);
    for (int i = 0; i < N; i++) {
        s[i].id = i;
        heap_node_init(&s[i].node);
        assert_false(heap_node_queued(&s[i].node));
        assert_int_equal(heap_insert(&h, &s[i].node, keys[i]), 0);
        assert_true(heap_node_queued(&s[i].node));
        assert_heap_valid(&h);
    }
    assert_int_equal(heap_size(&h), N);
    for (int i = 0; i < N; i++) {
        assert_int_equal(id_of(heap_peek(&h)), order[i]);
        struct heap_node *n = heap_pop(&h);
        assert_int_equal(id_of(n), order[i]);
        assert_false(heap_node_queued(n));
        assert_heap_valid(&h);
    }
    assert_null(heap_pop(&h));
}

static void test_equal_keys_first_come_first_served(void **state)
{
    (void)state;
    enum { N = 10 };
    struct heap_node *slots[CAPACITY];
    struct heap h;
    struct sleeper s[N];
    heap_init(&h, slots, CAPACITY);
    /* Start near the sequence counter's wrap-around: the order must hold
     * across it. */
    h.next_seq = UINT32_MAX - 3;
    for (int i = 0; i < N; i++) {
        s[i].id = i;
        heap_node_init(&s[i].node);
        assert_int_equal(heap_insert(&h, &s[i].node, 100), 0);
    }
    for (int i = 0; i < N; i++)
        assert_int_equal(id_of(heap_pop(&h)), i);
}

static void test_full_and_double_insert_fail(void **state)
{
    (void)state;
    enum { SMALL = 2 };
    struct heap_node *slots[SMALL];
    struct heap h;
    struct sleeper s[SMALL + 1];
    heap_init(&h, slots, SMALL);
    for (int i = 0; i <= SMALL; i++)
        heap_node_init(&s[i].node);
    assert_int_equal(heap_insert(&h, &s[0].node, 5), 0);
    assert_int_equal(heap_insert(&h, &s[0].node, 1), -1); /* already queued */
    assert_int_equal(s[0].node.key, 5);
    assert_int_equal(heap_insert(&h, &s[1].node, 7), 0);
    assert_int_equal(heap_insert(&h, &s[2].node, 1), -1); /* full */
    assert_false(heap_node_queued(&s[2].node));
    assert_int_equal(heap_size(&h), SMALL);
}

static void test_remove_any_node(void **state)
{
    (void)state;
    enum { N = 8 };
    struct heap_node *slots[CAPACITY], *other_slots[CAPACITY];
    struct heap h, other;
    struct sleeper s[N], stranger;
    heap_init(&h, slots, CAPACITY);
    heap_init(&other, other_slots, CAPACITY);
    for (int i = 0; i < N; i++) {
        s[i].id = i;
        heap_node_init(&s[i].node);
        assert_int_equal(heap_insert(&h, &s[i].node, (uint64_t)(N - i) * 10), 0);
    }
    heap_remove(&h, &s[N - 1].node); /* the minimum */
    heap_remove(&h, &s[0].node);     /* the maximum */
    heap_remove(&h, &s[3].node);     /* somewhere in the middle */
    assert_heap_valid(&h);
    assert_int_equal(heap_size(&h), N - 3);
    assert_false(heap_node_queued(&s[3].node));
    heap_remove(&h, &s[3].node); /* not in it any more: nothing happens */
    assert_int_equal(heap_size(&h), N - 3);

    /* A node of another heap, or of none, is left alone. */
    stranger.id = 99;
    heap_node_init(&stranger.node);
    heap_remove(&h, &stranger.node);
    assert_int_equal(heap_insert(&other, &stranger.node, 1), 0);
    heap_remove(&h, &stranger.node);
    assert_int_equal(heap_size(&h), N - 3);
    assert_true(heap_node_queued(&stranger.node));

    static const int rest[] = {6, 5, 4, 2, 1};
    for (int i = 0; i < N - 3; i++)
        assert_int_equal(id_of(heap_pop(&h)), rest[i]);

    /* A removed node can be inserted again. */
    assert_int_equal(heap_insert(&h, &s[3].node, 1), 0);
    assert_ptr_equal(heap_pop(&h), &s[3].node);
}

/* The reference: the queued sleepers, kept sorted by key and, among equal
 * keys, by insertion order (a newcomer goes after every equal key). */
struct reference {
    struct sleeper *queue[CAPACITY];
    int size;
};

static void reference_insert(struct reference *r, struct sleeper *s)
{
    int i = r->size++;
    while (i > 0 && r->queue[i - 1]->node.key > s->node.key) {
        r->queue[i] = r->queue[i - 1];
        i--;
    }
    r->queue[i] = s;
}

static void reference_remove(struct reference *r, struct sleeper *s)
{
    for (int i = 0; i < r->size; i++) {
        if (r->queue[i] == s) {
            memmove(&r->queue[i], &r->queue[i + 1], (size_t)(r->size - i - 1) * sizeof *r->queue);
            r->size--;
            return;
        }
    }
    fail_msg("sleeper %d is not in the reference", s->id);
}

static void test_random_against_sorted_reference(void **state)
{
    (void)state;
    struct heap_node *slots[CAPACITY];
    struct heap h;
    struct sleeper s[CAPACITY + 1]; /* one more than fits, to hit "full" */
    struct reference ref = {.size = 0};
    heap_init(&h, slots, CAPACITY);
    for (int i = 0; i <= CAPACITY; i++) {
        s[i].id = i;
        heap_node_init(&s[i].node);
    }
    srand(SEED);
    for (int round = 0; round < ROUNDS; round++) {
        struct sleeper *pick = &s[rand() % (CAPACITY + 1)];
        int op = rand() % 10;
        if (op < 5) { /* insert */
            bool should_work = !heap_node_queued(&pick->node) && ref.size < CAPACITY;
            uint64_t key = (uint64_t)(rand() % KEY_SPAN);
            assert_int_equal(heap_insert(&h, &pick->node, key), should_work ? 0 : -1);
            if (should_work)
                reference_insert(&ref, pick);
        } else if (op < 8) { /* pop */
            struct heap_node *n = heap_pop(&h);
            if (ref.size == 0) {
                assert_null(n);
            } else {
                assert_non_null(n);
                assert_int_equal(id_of(n), ref.queue[0]->id);
                reference_remove(&ref, ref.queue[0]);
            }
        } else { /* remove, queued or not */
            bool queued = heap_node_queued(&pick->node);
            heap_remove(&h, &pick->node);
            assert_false(heap_node_queued(&pick->node));
            if (queued)
                reference_remove(&ref, pick);
        }
        assert_int_equal(heap_size(&h), ref.size);
        assert_heap_valid(&h);
        if (ref.size > 0)
            assert_int_equal(id_of(heap_peek(&h)), ref.queue[0]->id);
    }
    /* Drain: everything comes out in the reference's order. */
    for (int i = 0; i < ref.size; i++)
        assert_int_equal(id_of(heap_pop(&h)), ref.queue[i]->id);
    assert_null(heap_pop(&h));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_heap),
        cmocka_unit_test(test_pops_in_key_order),
        cmocka_unit_test(test_equal_keys_first_come_first_served),
        cmocka_unit_test(test_full_and_double_insert_fail),
        cmocka_unit_test(test_remove_any_node),
        cmocka_unit_test(test_random_against_sorted_reference),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
