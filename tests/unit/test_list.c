/* tests/unit/test_list.c: the intrusive list (lib/list.h). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
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

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_empty_list),
        cmocka_unit_test(test_push_back_is_fifo),
        cmocka_unit_test(test_push_front_is_lifo),
        cmocka_unit_test(test_remove_anywhere_and_twice),
        cmocka_unit_test(test_zeroed_node_is_not_linked),
        cmocka_unit_test(test_container_of),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
