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

/* The errors of a listing call, tasks() or files(): `call(buf, max)` is
 * the call, for entries of `size` bytes. Eight tests: -EINVAL for a
 * negative max, -EFAULT for NULL, the kernel, entries that run past the
 * break, INT_MAX entries and a max whose size in bytes wraps around; an
 * entry that just fits before the break is fine. */
#define TESTKIT_PAGE   4096
#define TESTKIT_KERNEL 0x00100000
static inline void tap_listing_errors(int (*call)(void *buf, int max), size_t size,
                                      const char *name)
{
    char *heap = (char *)sbrk(TESTKIT_PAGE);
    tap_is(call(NULL, -1), -EINVAL, "%s: max -1: -EINVAL", name);
    tap_is(call(NULL, 1), -EFAULT, "%s: buf NULL: -EFAULT", name);
    tap_is(call((void *)TESTKIT_KERNEL, 1), -EFAULT, "%s: buf in the kernel: -EFAULT", name);
    char *last = heap + TESTKIT_PAGE - size;
    tap_ok(call(last, 1) >= 1, "%s: one entry that just fits before the break", name);
    tap_is(call(last, 2), -EFAULT, "%s: two entries running past the break: -EFAULT", name);
    tap_is(call(heap, 0x7fffffff), -EFAULT, "%s: max INT_MAX: -EFAULT", name);
    /* A max whose size in bytes is 2^32 + a little: it wraps around. */
    int wrap = (int)((0x100000000ull + size - 1) / size);
    tap_is(call(heap, wrap), -EFAULT, "%s: max %d, whose size in bytes wraps: -EFAULT", name, wrap);
    tap_ok(call(NULL, 0) >= 1, "%s: max 0 and buf NULL: only the count", name);
    sbrk(-TESTKIT_PAGE);
}
