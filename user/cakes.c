/* user/cakes.c: the cake factory: coroutines as a pipeline of workers.
 *
 *   producer --butter--> butter melter --melted butter--+
 *      |                                                 v
 *      +--eggs-------------------------------------> wet mixer --wet mix--+
 *      |                                                                   v
 *      +--flour, sugar, chocolate--> dry mixer --dry mix---------------> oven --> cakes
 *
 * Every box is a task of this one program; the arrows are small queues in the
 * memory they share. A station with nothing to do (its input queue empty, or
 * its output queue full) yields, and the scheduler lets the others work.
 * Under sched=coop a task is never interrupted between looking at a queue and
 * changing it, so, as in pyos, no locks are needed. (Under sched=preempt the
 * timer could switch tasks right there, and two tasks putting into one queue
 * could collide: that is what locks are for; see heap_lock in
 * user/lib/malloc.c.)
 *
 * The producer draws its ingredients from a tiny pseudo-random generator with
 * a fixed seed, so every run bakes the same cakes in the same order. */
#include "user/lib/coop.h"

#define INGREDIENTS 50 /* how many the producer delivers */
#define QUEUE_SIZE  4  /* small, so that stations must wait for each other */
#define SEED        2024u
#define NONE        (-1) /* what queue_get returns once a queue is closed and empty */

enum item { FLOUR, SUGAR, EGGS, BUTTER, CHOCOLATE, MELTED_BUTTER, DRY_MIX, WET_MIX, ITEMS };

static const char *const item_names[ITEMS] = {
    "flour", "sugar", "eggs", "butter", "chocolate", "melted butter", "dry mix", "wet mix",
};

/* The recipe, per cake: 2 flour + 3 sugar + 2 chocolate make a dry mix;
 * 2 eggs + 1 melted butter make a wet mix; 1 of each mix bakes a cake. The
 * producer draws from this table, so its deliveries roughly fit the recipe. */
static const enum item deliveries[] = {
    FLOUR, FLOUR, SUGAR, SUGAR, SUGAR, CHOCOLATE, CHOCOLATE, EGGS, EGGS, BUTTER,
};

#define DELIVERY_KINDS (sizeof deliveries / sizeof deliveries[0])

/* ---------------------------------------------------------------- queues */

/* A queue of items between stations. It is closed when all the stations
 * that put into it (`writers`) have said they are done. */
struct queue {
    int items[QUEUE_SIZE];
    int head, count;
    int writers;
};

static struct queue to_melter = {.writers = 1};    /* from the producer */
static struct queue to_dry_mixer = {.writers = 1}; /* from the producer */
static struct queue to_wet_mixer = {.writers = 2}; /* the producer, the melter */
static struct queue to_oven = {.writers = 2};      /* the two mixers */

/* Add an item; while the queue is full, let the others work. */
static void queue_put(struct queue *q, int item)
{
    while (q->count == QUEUE_SIZE)
        yield();
    q->items[(q->head + q->count) % QUEUE_SIZE] = item;
    q->count++;
}

/* Take the oldest item, yielding while there is none; NONE when the queue is
 * empty and closed: time for the station to stop. */
static int queue_get(struct queue *q)
{
    while (q->count == 0) {
        if (q->writers == 0)
            return NONE;
        yield();
    }
    int item = q->items[q->head];
    q->head = (q->head + 1) % QUEUE_SIZE;
    q->count--;
    return item;
}

/* One writer is done with the queue. */
static void queue_close(struct queue *q)
{
    q->writers--;
}

/* -------------------------------------------------------------- stations */

static unsigned lcg_state = SEED;

/* The next pseudo-random number: a linear congruential generator (the
 * constants of ISO C's example rand()). */
static unsigned lcg_next(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return (lcg_state >> 16) & 0x7fff;
}

static int producer(void *arg)
{
    (void)arg;
    for (int i = 1; i <= INGREDIENTS; i++) {
        enum item item = deliveries[lcg_next() % DELIVERY_KINDS];
        printf("producer: delivery %d: %s\n", i, item_names[item]);
        if (item == BUTTER)
            queue_put(&to_melter, item);
        else if (item == EGGS)
            queue_put(&to_wet_mixer, item);
        else
            queue_put(&to_dry_mixer, item);
    }
    printf("producer: no more deliveries\n");
    queue_close(&to_melter);
    queue_close(&to_wet_mixer);
    queue_close(&to_dry_mixer);
    return 0;
}

static int butter_melter(void *arg)
{
    (void)arg;
    while (queue_get(&to_melter) != NONE) {
        printf("  butter melter: butter -> melted butter\n");
        queue_put(&to_wet_mixer, MELTED_BUTTER);
    }
    queue_close(&to_wet_mixer);
    return 0;
}

static int dry_mixer(void *arg)
{
    (void)arg;
    int have[ITEMS] = {0}, mixes = 0, item;
    while ((item = queue_get(&to_dry_mixer)) != NONE) {
        have[item]++;
        if (have[FLOUR] >= 2 && have[SUGAR] >= 3 && have[CHOCOLATE] >= 2) {
            have[FLOUR] -= 2;
            have[SUGAR] -= 3;
            have[CHOCOLATE] -= 2;
            printf("  dry mixer: 2 flour + 3 sugar + 2 chocolate -> dry mix %d\n", ++mixes);
            queue_put(&to_oven, DRY_MIX);
        }
    }
    printf("  dry mixer: done; left over: %d flour, %d sugar, %d chocolate\n", have[FLOUR],
           have[SUGAR], have[CHOCOLATE]);
    queue_close(&to_oven);
    return 0;
}

static int wet_mixer(void *arg)
{
    (void)arg;
    int have[ITEMS] = {0}, mixes = 0, item;
    while ((item = queue_get(&to_wet_mixer)) != NONE) {
        have[item]++;
        if (have[EGGS] >= 2 && have[MELTED_BUTTER] >= 1) {
            have[EGGS] -= 2;
            have[MELTED_BUTTER] -= 1;
            printf("  wet mixer: 2 eggs + 1 melted butter -> wet mix %d\n", ++mixes);
            queue_put(&to_oven, WET_MIX);
        }
    }
    printf("  wet mixer: done; left over: %d eggs, %d melted butter\n", have[EGGS],
           have[MELTED_BUTTER]);
    queue_close(&to_oven);
    return 0;
}

static int cakes_baked;

static int oven(void *arg)
{
    (void)arg;
    int have[ITEMS] = {0}, item;
    while ((item = queue_get(&to_oven)) != NONE) {
        have[item]++;
        if (have[DRY_MIX] >= 1 && have[WET_MIX] >= 1) {
            have[DRY_MIX]--;
            have[WET_MIX]--;
            printf("    oven: dry mix + wet mix -> cake %d!\n", ++cakes_baked);
        }
    }
    printf("    oven: done; left over: %d dry mix, %d wet mix\n", have[DRY_MIX], have[WET_MIX]);
    return 0;
}

int main(void)
{
    printf("cakes: a producer and four stations, each a task, connected by queues\n");
    int (*const stations[])(void *) = {producer, butter_melter, dry_mixer, wet_mixer, oven};
    enum { STATIONS = sizeof stations / sizeof stations[0] };
    int tids[STATIONS];
    for (int i = 0; i < STATIONS; i++) {
        tids[i] = spawn(stations[i], NULL);
        if (tids[i] < 0) {
            printf("cakes: spawn failed: %s\n", strerror(tids[i]));
            return 1;
        }
    }
    for (int i = 0; i < STATIONS; i++)
        wait(tids[i], NULL);
    printf("cakes: %d cakes baked from %d deliveries\n", cakes_baked, INGREDIENTS);
    return cakes_baked > 0 ? 0 : 1;
}
