/* user/cakes.c: the cake factory of the coroutine notebook (seed 003), as a
 * pipeline of stations joined by kernel channels:
 *
 *   producer --butter--> butter melter --melted butter--+
 *      |                                                 v
 *      +--eggs-------------------------------------> wet mixer --wet mix--+
 *      |                                                                   v
 *      +--flour, sugar, chocolate--> dry mixer --dry mix---------------> oven
 *
 * Every box is a station with an inventory of its own (its local variables);
 * every arrow is a channel. A station waits in recv() for its next item,
 * the seed's `ing = (yield)`, and passes what it makes on with send(), the
 * seed's `next_coroutine.send(...)`. The producer delivers at seeded random
 * times, so that every run bakes the same cakes, in the same order.
 *
 * When the producer has made its last delivery it ends, and the send ends
 * it held close: each station finds end of stream (recv returns 0) once
 * every station that sends to it has ended, says what it has left, and ends
 * too, which ends the stream of the next one, the oven's last. That is the
 * seed's target.close() and GeneratorExit, down the pipeline in order.
 *
 *   cakes            the stations are tasks of this program (spawn)
 *   cakes programs   each station is a program of its own: this one, started
 *                    again as "cakes station NAME" with spawnvx, which hands it
 *                    its channel ends as its handles: 0 its input, 1 and 2 the
 *                    console, 3 and up its outputs
 *
 * Both print the same lines but the first. docs/pipelines.md walks through
 * this file next to the seed's Python. */
#include "user/lib/coop.h"
#include <stdbool.h>

#define DELIVERIES    40      /* how many the producer makes */
#define SEED          2024u   /* of the generator of delivery times and kinds */
#define GAP_MIN_MS    10      /* the time between two deliveries: at least ... */
#define GAP_SPREAD_MS 40      /* ... plus 0 to this - 1 */
#define CAPACITY      4       /* messages a channel holds */
#define OUTS_MAX      3       /* channels a station sends into */
#define TEXT_MAX      64      /* an inventory or a recipe, as words */
#define FAILED        255     /* a station's exit code when something went wrong */
#define SELF          "cakes" /* this program: the station programs are it, run again */

/* A station program's handles (cakes station NAME). */
#define STATION_IN  0 /* its input: a channel's receive end */
#define STATION_OUT 3 /* its first output (1 and 2 stay the console) */

enum item { FLOUR, SUGAR, EGGS, BUTTER, CHOCOLATE, MELTED_BUTTER, DRY_MIX, WET_MIX, CAKE, ITEMS };

/* Each item's name, for one and for more (most are counted in portions). */
static const char *const item_names[ITEMS][2] = {
    [FLOUR] = {"flour", "flour"},
    [SUGAR] = {"sugar", "sugar"},
    [EGGS] = {"egg", "eggs"},
    [BUTTER] = {"butter", "butter"},
    [CHOCOLATE] = {"chocolate", "chocolate"},
    [MELTED_BUTTER] = {"melted butter", "melted butter"},
    [DRY_MIX] = {"dry mix", "dry mix"},
    [WET_MIX] = {"wet mix", "wet mix"},
    [CAKE] = {"cake", "cakes"},
};

/* The name of `count` of `item`. */
static const char *item_name(enum item item, int count)
{
    return item_names[item][count != 1];
}

/* The channels, named by where they lead; 0 is none, so that a station's
 * unused outputs, left out of its initializer, are none. */
enum channel { NO_CHANNEL, TO_MELTER, TO_WET_MIXER, TO_DRY_MIXER, TO_OVEN, CHANNELS };

struct station {
    const char *name; /* as it prints */
    const char *key;  /* its NAME in "cakes station NAME" */
    int indent;       /* its depth in the pipeline, for its lines */
    enum channel in;  /* what it receives from (NO_CHANNEL: the producer) */
    enum channel out[OUTS_MAX];
    int need[ITEMS]; /* a mixer's recipe: what one batch takes ... */
    enum item makes; /* ... and makes */
};

static const struct station stations[] = {
    {.name = "producer",
     .key = "producer",
     .indent = 0,
     .in = NO_CHANNEL,
     .out = {TO_MELTER, TO_WET_MIXER, TO_DRY_MIXER}},
    {.name = "butter melter",
     .key = "melter",
     .indent = 2,
     .in = TO_MELTER,
     .out = {TO_WET_MIXER},
     .need = {[BUTTER] = 1},
     .makes = MELTED_BUTTER},
    {.name = "wet mixer",
     .key = "wet-mixer",
     .indent = 4,
     .in = TO_WET_MIXER,
     .out = {TO_OVEN},
     .need = {[EGGS] = 2, [MELTED_BUTTER] = 1},
     .makes = WET_MIX},
    {.name = "dry mixer",
     .key = "dry-mixer",
     .indent = 2,
     .in = TO_DRY_MIXER,
     .out = {TO_OVEN},
     .need = {[FLOUR] = 2, [SUGAR] = 3, [CHOCOLATE] = 2},
     .makes = DRY_MIX},
    {.name = "oven",
     .key = "oven",
     .indent = 6,
     .in = TO_OVEN,
     .out = {NO_CHANNEL},
     .need = {[DRY_MIX] = 1, [WET_MIX] = 1},
     .makes = CAKE},
};

#define STATIONS (int)(sizeof stations / sizeof stations[0])
#define PRODUCER (&stations[0])
#define OVEN     (&stations[STATIONS - 1])

/* Where the producer sends each ingredient. */
static const enum channel route[ITEMS] = {
    [FLOUR] = TO_DRY_MIXER, [SUGAR] = TO_DRY_MIXER, [CHOCOLATE] = TO_DRY_MIXER,
    [EGGS] = TO_WET_MIXER,  [BUTTER] = TO_MELTER,
};

/* What the producer draws from: one cake's worth, so that its deliveries
 * roughly fit the recipes (the seed draws the five kinds evenly, and bakes
 * fewer cakes). */
static const enum item deliveries[] = {
    FLOUR, FLOUR, SUGAR, SUGAR, SUGAR, CHOCOLATE, CHOCOLATE, EGGS, EGGS, BUTTER,
};

#define DELIVERY_KINDS (sizeof deliveries / sizeof deliveries[0])

/* A station's handles: on its input, and on each channel it sends into
 * (out[c] for channel c; -1 for the others). */
struct ends {
    int in;
    int out[CHANNELS];
};

/* ------------------------------------------------------------- words */

/* The items of `counts` as words, "2 eggs + 1 melted butter", joined by
 * `sep`; "nothing" if there are none. Returns buf. */
static char *counts_text(char *buf, int size, const int counts[ITEMS], const char *sep)
{
    int len = 0;
    buf[0] = '\0';
    for (int i = 0; i < ITEMS; i++)
        if (counts[i] > 0 && len < size)
            len += snprintf(buf + len, (size_t)(size - len), "%s%d %s", len ? sep : "", counts[i],
                            item_name(i, counts[i]));
    if (len == 0)
        snprintf(buf, (size_t)size, "nothing");
    return buf;
}

/* ---------------------------------------------------------- stations */

static unsigned lcg_state = SEED;

/* The next pseudo-random number: a linear congruential generator (the
 * constants of ISO C's example rand()). */
static unsigned lcg_next(void)
{
    lcg_state = lcg_state * 1103515245u + 12345u;
    return (lcg_state >> 16) & 0x7fff;
}

/* The producer, the seed's producer() generator: DELIVERIES ingredients,
 * each sent to the station that uses it, with a random pause after each.
 * Returns 0, or FAILED. */
static int producer(const struct station *st, const struct ends *e)
{
    unsigned now_ms = 0;
    for (int i = 1; i <= DELIVERIES; i++) {
        enum item item = deliveries[lcg_next() % DELIVERY_KINDS];
        printf("%s at %4u ms: %s\n", st->name, now_ms, item_name(item, 1));
        int err = send(e->out[route[item]], &item, sizeof item);
        if (err < 0) {
            printf("%s: send: %s\n", st->name, strerror(err));
            return FAILED;
        }
        int gap_ms = GAP_MIN_MS + (int)(lcg_next() % GAP_SPREAD_MS);
        sleep(gap_ms);
        now_ms += (unsigned)gap_ms;
    }
    printf("%s at %4u ms: no more deliveries; its channels close as it ends\n", st->name, now_ms);
    return 0;
}

/* Does `have` hold all that the recipe `need` asks for? */
static bool enough(const int have[ITEMS], const int need[ITEMS])
{
    for (int i = 0; i < ITEMS; i++)
        if (have[i] < need[i])
            return false;
    return true;
}

/* One batch: take the recipe's items out of `have`, say so, pass on what
 * they make. Returns 0, or the error of send. */
static int mix(const struct station *st, const struct ends *e, int have[ITEMS], int batch)
{
    char recipe[TEXT_MAX];
    for (int i = 0; i < ITEMS; i++)
        have[i] -= st->need[i];
    printf("%*s%s: %s -> %s %d\n", st->indent, "", st->name,
           counts_text(recipe, sizeof recipe, st->need, " + "), item_name(st->makes, 1), batch);
    if (st->out[0] == NO_CHANNEL)
        return 0;
    return send(e->out[st->out[0]], &st->makes, sizeof st->makes);
}

/* A mixer (the butter melter, the wet and dry mixers, the oven: the seed's
 * coroutines, the same function with a recipe each): take items as they
 * come, and whenever the inventory holds a batch's worth, make one. At end
 * of stream, say what is left. Returns the batches made, or FAILED. */
static int mixer(const struct station *st, const struct ends *e)
{
    int have[ITEMS] = {0}, made = 0, n;
    enum item item;
    char text[TEXT_MAX];
    while ((n = recv(e->in, &item, sizeof item)) == sizeof item && (unsigned)item < ITEMS) {
        have[item]++;
        printf("%*s%s got %s: has %s\n", st->indent, "", st->name, item_name(item, 1),
               counts_text(text, sizeof text, have, ", "));
        if (!enough(have, st->need))
            continue;
        int err = mix(st, e, have, ++made);
        if (err < 0) {
            printf("%s: send: %s\n", st->name, strerror(err));
            return FAILED;
        }
    }
    if (n != 0) {
        printf("%s: recv: %s\n", st->name, n < 0 ? strerror(n) : "not an item");
        return FAILED;
    }
    printf("%*s%s: end of stream; made %d %s, left with %s\n", st->indent, "", st->name, made,
           item_name(st->makes, made), counts_text(text, sizeof text, have, ", "));
    return made;
}

/* Run station `st` on its handles `e`: its whole life, in either mode. */
static int station_run(const struct station *st, const struct ends *e)
{
    return st == PRODUCER ? producer(st, e) : mixer(st, e);
}

/* -------------------------------------------- the stations as tasks */

/* Channels' ends: chans[c][CHAN_RECV_END], chans[c][CHAN_SEND_END]. */
static int chans[CHANNELS][2];

/* The handles of station `st`: those of chans it uses. */
static struct ends task_ends(const struct station *st)
{
    struct ends e = {.in = st->in != NO_CHANNEL ? chans[st->in][CHAN_RECV_END] : -1};
    for (int c = 0; c < CHANNELS; c++)
        e.out[c] = -1;
    for (int i = 0; i < OUTS_MAX && st->out[i] != NO_CHANNEL; i++)
        e.out[st->out[i]] = chans[st->out[i]][CHAN_SEND_END];
    return e;
}

/* A station task: spawn()'s function, with the station as its argument. */
static int station_task(void *arg)
{
    const struct station *st = arg;
    struct ends e = task_ends(st);
    return station_run(st, &e);
}

/* ----------------------------------------- the stations as programs */

/* The handles of a station program: see STATION_IN and STATION_OUT. */
static struct ends program_ends(const struct station *st)
{
    struct ends e = {.in = STATION_IN};
    for (int c = 0; c < CHANNELS; c++)
        e.out[c] = -1;
    for (int i = 0; i < OUTS_MAX && st->out[i] != NO_CHANNEL; i++)
        e.out[st->out[i]] = STATION_OUT + i;
    return e;
}

/* Start station `st` as a program, "cakes station NAME", with exactly the
 * channel ends it uses as its handles. Returns its task id, or an error. */
static int start_program(const struct station *st)
{
    struct spawn_opts opts = {.nhandles = STATION_OUT,
                              .handles = {HANDLE_NONE, FD_STDOUT, FD_STDERR}};
    if (st->in != NO_CHANNEL)
        opts.handles[STATION_IN] = chans[st->in][CHAN_RECV_END];
    for (int i = 0; i < OUTS_MAX && st->out[i] != NO_CHANNEL; i++)
        opts.handles[opts.nhandles++] = chans[st->out[i]][CHAN_SEND_END];
    char *argv[] = {SELF, "station", (char *)st->key, NULL};
    return spawnvx(SELF, argv, &opts);
}

/* main of a station program, "cakes station NAME". */
static int station_main(const char *key)
{
    for (int s = 0; s < STATIONS; s++) {
        if (strcmp(stations[s].key, key) == 0) {
            struct ends e = program_ends(&stations[s]);
            return station_run(&stations[s], &e);
        }
    }
    printf("cakes: no station '%s'\n", key);
    return FAILED;
}

/* ---------------------------------------------------------- the factory */

/* Close every end of every channel: the factory's own handles on them. */
static void close_channels(void)
{
    for (int c = 1; c < CHANNELS; c++) {
        close(chans[c][CHAN_RECV_END]);
        close(chans[c][CHAN_SEND_END]);
    }
}

/* How many stations send into each channel. */
static void count_senders(int senders[CHANNELS])
{
    for (int c = 0; c < CHANNELS; c++)
        senders[c] = 0;
    for (int s = 0; s < STATIONS; s++)
        for (int i = 0; i < OUTS_MAX; i++)
            senders[stations[s].out[i]]++;
}

/* Station `s`, a task, has ended. The stations' handles are the program's,
 * shared: none of them may close a send end that another still uses (the
 * producer's and the butter melter's into the wet mixer, the mixers' into
 * the oven). So the factory closes a channel's send end when the last
 * station sending into it has ended, as the kernel does for programs. */
static void close_after(int s, int senders[CHANNELS])
{
    for (int i = 0; i < OUTS_MAX && stations[s].out[i] != NO_CHANNEL; i++)
        if (--senders[stations[s].out[i]] == 0)
            close(chans[stations[s].out[i]][CHAN_SEND_END]);
}

/* The station whose task is `tid`, or STATIONS if none is. */
static int station_of(const int tids[STATIONS], int tid)
{
    int s = 0;
    while (s < STATIONS && tids[s] != tid)
        s++;
    return s;
}

/* Wait for every station to end (closing the send ends after tasks).
 * Returns the oven's cakes, or -1 if a station failed. */
static int collect(const int tids[STATIONS], bool tasks)
{
    int senders[CHANNELS], cakes = -1, failed = 0;
    count_senders(senders);
    for (int left = STATIONS; left > 0; left--) {
        int status, s = station_of(tids, wait(WAIT_ANY, &status));
        if (s == STATIONS)
            return -1; /* wait failed */
        if (tasks)
            close_after(s, senders);
        if (!WIFEXITED(status) || WEXITSTATUS(status) == FAILED)
            failed = 1;
        else if (&stations[s] == OVEN)
            cakes = WEXITSTATUS(status); /* the oven's batches */
    }
    return failed ? -1 : cakes;
}

/* Start every station, as a task or as a program. Returns 0, or an error
 * (and then none is left running: half a factory would wait for ever). */
static int start_stations(int tids[STATIONS], bool tasks)
{
    for (int s = 0; s < STATIONS; s++) {
        tids[s] = tasks ? spawn(station_task, (void *)&stations[s]) : start_program(&stations[s]);
        if (tids[s] < 0) {
            int err = tids[s];
            while (s-- > 0)
                kill(tids[s]);
            return err;
        }
    }
    return 0;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "station") == 0)
        return station_main(argv[2]);
    bool tasks = argc == 1;
    if (argc > 2 || (argc == 2 && strcmp(argv[1], "programs") != 0)) {
        printf("usage: cakes [programs]\n");
        return 2;
    }
    if (tasks)
        printf("cakes: five stations, each a task of this program, joined by channels\n");
    else
        printf("cakes: five stations, each a program of its own, joined by channels\n");
    for (int c = 1; c < CHANNELS; c++) {
        int err = chan(CAPACITY, chans[c]);
        if (err < 0) {
            printf("cakes: chan: %s\n", strerror(err));
            return 1;
        }
    }
    int tids[STATIONS];
    int err = start_stations(tids, tasks);
    if (err < 0) {
        printf("cakes: cannot start a station: %s\n", strerror(err));
        return 1;
    }
    /* The programs have their own handles now; with ours open, no stream
     * would ever end. */
    if (!tasks)
        close_channels();
    int cakes = collect(tids, tasks);
    if (cakes < 0) {
        printf("cakes: a station failed\n");
        return 1;
    }
    printf("cakes: %d cakes baked from %d deliveries\n", cakes, DELIVERIES);
    return 0;
}
