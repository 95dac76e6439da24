/* tests/unit/test_list.c: the intrusive list and the ring (lib/list.h), the
 * scheduler's ready queue. */
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "lib/list.h"

#define NITEMS 5

/* A listed object: its link is not its first member, so that list_entry has
 * an offset to subtract. */
struct item {
    int id;
    struct list_node link;
};

/* Assert that the list holds exactly the items with these ids, in order,
 * walking it both ways. */
static void assert_ids(struct list_node *head, const int *ids, int n)
{
    struct list_node *pos;
    int i = 0;
    list_for_each(pos, head)
    {
        assert_true(i < n);
        assert_int_equal(list_entry(pos, struct item, link)->id, ids[i]);
        i++;
    }
    assert_int_equal(i, n);
    for (pos = head->prev; pos != head; pos = pos->prev)
        assert_int_equal(list_entry(pos, struct item, link)->id, ids[--i]);
    assert_int_equal(i, 0);
}

static void init_items(struct item *items)
{
    for (int i = 0; i < NITEMS; i++) {
        items[i].id = i;
        list_node_init(&items[i].link);
    }
}

static void test_empty_list(void **state)
{
    (void)state;
    struct list_node head;
    list_init(&head);
    assert_true(list_empty(&head));
    assert_null(list_pop_front(&head));
    assert_ids(&head, NULL, 0);
}

static void test_push_back_is_fifo(void **state)
{
    (void)state;
    struct list_node head;
    struct item items[NITEMS];
    list_init(&head);
    init_items(items);
    for (int i = 0; i < NITEMS; i++)
        list_push_back(&head, &items[i].link);
    assert_false(list_empty(&head));
    assert_ids(&head, (int[]){0, 1, 2, 3, 4}, NITEMS);
    for (int i = 0; i < NITEMS; i++) {
        struct list_node *n = list_pop_front(&head);
        assert_ptr_equal(list_entry(n, struct item, link), &items[i]);
        assert_false(list_linked(n));
    }
    assert_true(list_empty(&head));
}

static void test_push_front_is_lifo(void **state)
{
    (void)state;
    struct list_node head;
    struct item items[NITEMS];
    list_init(&head);
    init_items(items);
    for (int i = 0; i < 3; i++)
        list_push_front(&head, &items[i].link);
    list_push_back(&head, &items[3].link);
    assert_ids(&head, (int[]){2, 1, 0, 3}, 4);
}

static void test_remove_anywhere_and_twice(void **state)
{
    (void)state;
    struct list_node head;
    struct item items[NITEMS];
    list_init(&head);
    init_items(items);
    assert_false(list_linked(&items[0].link));
    for (int i = 0; i < NITEMS; i++)
        list_push_back(&head, &items[i].link);
    assert_true(list_linked(&items[2].link));

    list_remove(&items[2].link); /* middle */
    assert_false(list_linked(&items[2].link));
    assert_ids(&head, (int[]){0, 1, 3, 4}, 4);
    list_remove(&items[2].link); /* again: harmless */
    assert_ids(&head, (int[]){0, 1, 3, 4}, 4);
    list_remove(&items[0].link); /* first */
    list_remove(&items[4].link); /* last */
    assert_ids(&head, (int[]){1, 3}, 2);

    /* A removed node can go on another list. */
    struct list_node other;
    list_init(&other);
    list_push_back(&other, &items[2].link);
    assert_ids(&other, (int[]){2}, 1);
    list_remove(&items[1].link);
    list_remove(&items[3].link);
    assert_true(list_empty(&head));
}

static void test_zeroed_node_is_not_linked(void **state)
{
    (void)state;
    struct item zeroed = {0};
    assert_false(list_linked(&zeroed.link));
    list_remove(&zeroed.link); /* must not crash */
}

static void test_container_of(void **state)
{
    (void)state;
    struct item it = {.id = 7};
    assert_ptr_equal(container_of(&it.link, struct item, link), &it);
    assert_int_equal(list_entry(&it.link, struct item, link)->id, 7);
}

/* ---- rings ---- */

/* Assert that the ring at hand holds exactly these ids, from the hand on,
 * walking it both ways. */
static void assert_ring(struct list_node *hand, const int *ids, int n)
{
    if (n == 0) {
        assert_null(hand);
        return;
    }
    assert_non_null(hand);
    struct list_node *pos = hand;
    for (int i = 0; i < n; i++, pos = pos->next)
        assert_int_equal(list_entry(pos, struct item, link)->id, ids[i]);
    assert_ptr_equal(pos, hand); /* round after n steps, no sooner */
    pos = hand->prev;
    for (int i = n - 1; i >= 0; i--, pos = pos->prev)
        assert_int_equal(list_entry(pos, struct item, link)->id, ids[i]);
}

static void test_ring_push_back_and_turn(void **state)
{
    (void)state;
    struct item items[NITEMS];
    struct list_node *hand = NULL;
    init_items(items);
    assert_ring(hand, NULL, 0);
    ring_push_back(&hand, &items[0].link);
    assert_ring(hand, (int[]){0}, 1);
    ring_push_back(&hand, &items[1].link);
    ring_push_back(&hand, &items[2].link);
    assert_ring(hand, (int[]){0, 1, 2}, 3);
    /* Turning: the node the hand leaves is now the last to come round. */
    hand = hand->next;
    assert_ring(hand, (int[]){1, 2, 0}, 3);
    /* A new node goes just behind the hand: the back of the queue. */
    ring_push_back(&hand, &items[3].link);
    assert_ring(hand, (int[]){1, 2, 0, 3}, 4);
}

static void test_ring_remove(void **state)
{
    (void)state;
    struct item items[NITEMS];
    struct list_node *hand = NULL;
    init_items(items);
    for (int i = 0; i < 4; i++)
        ring_push_back(&hand, &items[i].link);

    ring_remove(&hand, &items[2].link); /* not at the hand: the hand stays */
    assert_ring(hand, (int[]){0, 1, 3}, 3);
    assert_false(list_linked(&items[2].link));
    ring_remove(&hand, &items[2].link); /* again: harmless */
    ring_remove(&hand, &items[4].link); /* never in it: harmless */
    assert_ring(hand, (int[]){0, 1, 3}, 3);

    ring_remove(&hand, &items[0].link); /* at the hand: it moves on */
    assert_ring(hand, (int[]){1, 3}, 2);
    ring_remove(&hand, &items[3].link); /* the last node, behind the hand */
    assert_ring(hand, (int[]){1}, 1);
    ring_remove(&hand, &items[1].link); /* the only node: empty */
    assert_ring(hand, NULL, 0);
    assert_false(list_linked(&items[1].link));

    /* A removed node can go into a ring (or onto a list) again. */
    ring_push_back(&hand, &items[0].link);
    assert_ring(hand, (int[]){0}, 1);
}

static void test_ring_replace(void **state)
{
    (void)state;
    struct item items[NITEMS];
    struct list_node *hand = NULL;
    init_items(items);
    for (int i = 0; i < 3; i++)
        ring_push_back(&hand, &items[i].link);

    ring_replace(&hand, &items[1].link, &items[3].link); /* not at the hand */
    assert_ring(hand, (int[]){0, 3, 2}, 3);
    ring_replace(&hand, &items[0].link, &items[4].link); /* at the hand: it follows */
    assert_ring(hand, (int[]){4, 3, 2}, 3);

    /* The only node: the new one is alone in the ring, at the hand. */
    struct list_node *one = NULL;
    list_node_init(&items[0].link);
    ring_push_back(&one, &items[0].link);
    ring_replace(&one, &items[0].link, &items[1].link);
    assert_ring(one, (int[]){1}, 1);

    /* What sendrecv does (kernel/sched.c: sched_park_switch): the woken
     * node in the parker's place, and the hand moved on, is the order a
     * remove and a push to the back would have given. */
    struct item more[NITEMS];
    init_items(more);
    struct list_node *a = NULL, *b = NULL;
    for (int i = 0; i < 3; i++) {
        ring_push_back(&a, &items[i].link);
        ring_push_back(&b, &more[i].link);
    }
    ring_remove(&a, &items[0].link);
    ring_push_back(&a, &items[3].link);
    ring_replace(&b, &more[0].link, &more[3].link);
    b = b->next;
    assert_ring(a, (int[]){1, 2, 3}, 3);
    assert_ring(b, (int[]){1, 2, 3}, 3);
}

/* The scheduler's use of a ring must give pyos's order exactly: a queue whose
 * front is the running task. Random operations on both, compared each step. */
static void test_ring_is_a_queue(void **state)
{
    (void)state;
    enum { N = 64, STEPS = 20000 };
    struct item items[N];
    bool in_ring[N] = {false};
    int queue[N], len = 0; /* queue[0] is the front, the hand */
    struct list_node *hand = NULL;
    for (int i = 0; i < N; i++) {
        items[i].id = i;
        list_node_init(&items[i].link);
    }
    unsigned seed = 12345;
    for (int step = 0; step < STEPS; step++) {
        seed = seed * 1103515245u + 12345u;
        int op = (int)((seed >> 16) % 4), x = (int)((seed >> 8) % N);
        if (op == 0 && !in_ring[x]) { /* sched_ready: to the back */
            ring_push_back(&hand, &items[x].link);
            queue[len++] = x;
            in_ring[x] = true;
        } else if (op == 1 && len > 0) { /* sched_yield: front to back */
            hand = hand->next;
            int front = queue[0];
            memmove(queue, queue + 1, (size_t)(len - 1) * sizeof queue[0]);
            queue[len - 1] = front;
        } else if (op >= 2 && in_ring[x]) { /* block, kill, end: anywhere */
            ring_remove(&hand, &items[x].link);
            int i = 0;
            while (queue[i] != x)
                i++;
            memmove(queue + i, queue + i + 1, (size_t)(len - i - 1) * sizeof queue[0]);
            len--;
            in_ring[x] = false;
        }
        assert_ring(hand, queue, len);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_list),
        cmocka_unit_test(test_push_back_is_fifo),
        cmocka_unit_test(test_push_front_is_lifo),
        cmocka_unit_test(test_remove_anywhere_and_twice),
        cmocka_unit_test(test_zeroed_node_is_not_linked),
        cmocka_unit_test(test_container_of),
        cmocka_unit_test(test_ring_push_back_and_turn),
        cmocka_unit_test(test_ring_remove),
        cmocka_unit_test(test_ring_replace),
        cmocka_unit_test(test_ring_is_a_queue),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
