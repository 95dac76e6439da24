/* tests/boot/testkit.h: what the booted tests of handles, channels,
 * terminals and poll share: a snapshot of sysinfo()'s counters to compare
 * for leaks, starting a second program (tests/progs/) with a handle map,
 * and letting the other tasks run until they park. Every booted test
 * is a program of its own, so these are static. */
#pragma once
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define SETTLE_YIELDS 8 /* yields after which every ready task has run to where it parks */

/* What a test compares before and after, to see that nothing leaked. */
struct counters {
    unsigned pages_free;
    unsigned channels;
    unsigned handles;
    unsigned tasks_alive;
};

static inline struct counters counters_now(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return (struct counters){info.pages_free, info.channels, info.handles, info.tasks_alive};
}

/* Nothing leaked between `before` and now: say what differs, if anything. */
static inline int counters_same(struct counters before)
{
    struct counters now = counters_now();
    if (now.pages_free != before.pages_free)
        printf("# pages_free: %u, was %u\n", now.pages_free, before.pages_free);
    if (now.channels != before.channels)
        printf("# channels: %u, was %u\n", now.channels, before.channels);
    if (now.handles != before.handles)
        printf("# handles: %u, was %u\n", now.handles, before.handles);
    if (now.tasks_alive != before.tasks_alive)
        printf("# tasks_alive: %u, was %u\n", now.tasks_alive, before.tasks_alive);
    return now.pages_free == before.pages_free && now.channels == before.channels &&
           now.handles == before.handles && now.tasks_alive == before.tasks_alive;
}

/* Start program `path` as `path arg` (arg may be NULL), its handle i being
 * our handles[i] for i < n, in job `job` (0: ours). Returns its first
 * task's id, or the error. */
static inline int spawn_with(const char *path, const char *arg, const int *handles, int n, int job)
{
    struct spawn_opts opts = {.nhandles = n, .job = job};
    for (int i = 0; i < n; i++)
        opts.handles[i] = handles[i];
    char *argv[] = {(char *)path, (char *)arg, NULL};
    return spawnvx(path, argv, &opts);
}

/* Let every ready task run until it parks, blocks or ends. */
static inline void settle(void)
{
    for (int i = 0; i < SETTLE_YIELDS; i++)
        yield();
}

/* The state of task `tid` as tasks() says it ("blocked", "ready", ...),
 * and what it waits on, into state[TASK_INFO_STATE_LEN] and
 * waits[TASK_INFO_WAIT_LEN]. Returns 0, or -ESRCH if it is not listed. */
static inline int task_state(int tid, char *state, char *waits)
{
    static struct task_info list[64];
    int n = tasks(list, 64);
    for (int i = 0; i < n && i < 64; i++) {
        if (list[i].tid == tid) {
            strlcpy(state, list[i].state, TASK_INFO_STATE_LEN);
            strlcpy(waits, list[i].waits, TASK_INFO_WAIT_LEN);
            return 0;
        }
    }
    return -ESRCH;
}

/* One test: no channel or handle is left of those made since `before`
 * (pages are not compared: a test's own heap may have grown meanwhile). */
static inline int tap_no_channel_left(struct counters before)
{
    struct counters now = counters_now();
    return tap_ok(now.channels == before.channels && now.handles == before.handles,
                  "no channel or handle left");
}
