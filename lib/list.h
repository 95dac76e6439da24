/* lib/list.h: an intrusive circular doubly linked list, for the scheduler's
 * ready queue and the wait lists. Every operation is O(1) and never allocates.
 *
 * "Intrusive": the links live inside the listed object (a struct list_node
 * member), and list_entry() gets from the node back to the object. A list is
 * a head node (a ring, at the end of this file, has none); an empty list's
 * head points to itself both ways:
 *
 *     head <-> a <-> b <-> c <-> (back to head)
 */
#pragma once
#include <stdbool.h>
#include <stddef.h>

struct list_node {
    struct list_node *prev, *next;
};

/* container_of: from a pointer to `member` inside a `type`, the `type`. */
#ifndef container_of
/* (clang-format would take "(ptr) - offsetof" for a cast and squash it.) */
/* clang-format off */
#define container_of(ptr, type, member) ((type *)((char *)(ptr) - offsetof(type, member)))
/* clang-format on */
#endif

/* list_entry: the object of type `type` whose list_node `member` is ptr. */
#define list_entry(ptr, type, member) container_of(ptr, type, member)

/* list_for_each: visit every node of the list at head, first to last, in pos
 * (a struct list_node *). Do not remove pos inside the loop: pop instead. */
#define list_for_each(pos, head) for ((pos) = (head)->next; (pos) != (head); (pos) = (pos)->next)

/* list_init: make head an empty list. */
static inline void list_init(struct list_node *head)
{
    head->prev = head;
    head->next = head;
}

/* list_node_init: mark node as on no list (it links to itself, like an empty
 * head). A node must be initialised before it is first pushed or removed. */
static inline void list_node_init(struct list_node *node)
{
    list_init(node);
}

/* list_empty: true if the list at head has no nodes. */
static inline bool list_empty(const struct list_node *head)
{
    return head->next == head;
}

/* list_linked: true if node is on a list. A zero-filled node counts as not
 * linked too, so that a static object is safe before list_node_init. */
static inline bool list_linked(const struct list_node *node)
{
    return node->next != NULL && node->next != node;
}

/* Link node between two neighbours. */
static inline void list_insert_between(struct list_node *node, struct list_node *prev,
                                       struct list_node *next)
{
    node->prev = prev;
    node->next = next;
    prev->next = node;
    next->prev = node;
}

/* list_push_back: append node (which must not be on a list) at the tail. */
static inline void list_push_back(struct list_node *head, struct list_node *node)
{
    list_insert_between(node, head->prev, head);
}

/* list_push_front: insert node (which must not be on a list) at the front. */
static inline void list_push_front(struct list_node *head, struct list_node *node)
{
    list_insert_between(node, head, head->next);
}

/* Unlink node, which is on a list, and mark it unlinked. */
static inline void list_unlink(struct list_node *node)
{
    node->prev->next = node->next;
    node->next->prev = node->prev;
    list_node_init(node);
}

/* list_remove: unlink node from whatever list it is on and mark it unlinked,
 * so that list_linked(node) is false; removing an unlinked node does nothing. */
static inline void list_remove(struct list_node *node)
{
    if (list_linked(node))
        list_unlink(node);
}

/* list_pop_front: unlink and return the first node, or NULL if the list is
 * empty. */
static inline struct list_node *list_pop_front(struct list_node *head)
{
    if (list_empty(head))
        return NULL;
    struct list_node *node = head->next;
    list_unlink(node);
    return node;
}

/* ---- rings ----
 *
 * A ring is a circular list with no head node: all there is of it is a
 * pointer to one of its nodes, the "hand" (NULL when the ring is empty).
 * Moving the hand on, `hand = hand->next`, turns the ring by one: the node the
 * hand left is now the last to come round again. That is a queue's "take the
 * first, put it at the back" in one step, which is why the scheduler's ready
 * queue is a ring with its hand on the running task.
 *
 *     hand -> a <-> b <-> c <-> (back to a)      a first, c last
 */

/* ring_push_back: put node (on no list) into the ring at *hand as its last
 * node, just behind the hand. In an empty ring the hand goes to it. */
static inline void ring_push_back(struct list_node **hand, struct list_node *node)
{
    if (*hand) {
        list_insert_between(node, (*hand)->prev, *hand);
    } else {
        list_node_init(node);
        *hand = node;
    }
}

/* ring_replace: put node (on no list) into the ring at *hand where old is,
 * and take old out (it is then on no list: link it somewhere, or
 * list_node_init it). If the hand was on old, it is on node now. */
static inline void ring_replace(struct list_node **hand, struct list_node *old,
                                struct list_node *node)
{
    if (old->next == old) {
        list_node_init(node); /* old was the only one */
    } else {
        node->next = old->next;
        node->prev = old->prev;
        old->prev->next = node;
        old->next->prev = node;
    }
    if (*hand == old)
        *hand = node;
}

/* ring_remove: take node out of the ring at *hand and mark it unlinked. If
 * the hand was on it, the hand moves on to the next node, or to NULL if node
 * was the only one. A node on no list is left as it is. */
static inline void ring_remove(struct list_node **hand, struct list_node *node)
{
    if (*hand == node)
        *hand = node->next == node ? NULL : node->next;
    /* A ring's only node links to itself, which is also how an unlinked node
     * looks: list_remove then rightly does nothing, and the hand is NULL. */
    list_remove(node);
}
