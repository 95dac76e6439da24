/* tests/boot/t_chan_limits.c: the limits of chan(): -EMFILE when the
 * handle table has no room for both ends (with one slot free, too, and
 * nothing leaked: the slot is still free); -EAGAIN once CHAN_MAX (1024)
 * channels exist, in several programs (tests/progs/chanfill), and
 * sysinfo's channels back where it was when they are gone; -ENOMEM when
 * there is no page for the messages; and no page leaked by any of it. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE    4096
#define STACK_TOUCH  (16 * 1024) /* stack mapped in advance: no page for it later */
#define NEARLY_EMPTY 16          /* pages left when memory counts as exhausted */
#define MAX_FILLERS  4
#define PT_SPAN      (4 * 1024 * 1024) /* memory one page table maps */

static int opened[HANDLE_MAX];

static void emfile(void)
{
    struct counters before = counters_now();
    int n = 0, r;
    while ((r = open("dev/console")) >= 0)
        opened[n++] = r;
    int ends[2] = {-1, -1};
    tap_is(chan(1, ends), -EMFILE, "no free handle: -EMFILE");
    close(opened[--n]);
    tap_is(chan(1, ends), -EMFILE, "one free handle, two needed: -EMFILE");
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.channels, before.channels, "and no channel was left behind");
    tap_is(open("dev/console"), opened[n], "the free slot is still free");
    for (int i = 0; i <= n; i++)
        close(opened[i]);
    tap_ok(counters_same(before), "nothing leaked");
}

static void chan_max(void)
{
    struct counters before = counters_now();
    int report[2], control[2];
    chan(CHAN_CAPACITY_MAX, report);
    chan(1, control);
    int made = 2, ends[2], err;
    /* Ours: only send ends kept, one handle each, until the table is full. */
    while ((err = chan(1, ends)) == 0) {
        close(ends[CHAN_RECV_END]);
        made++;
    }
    tap_is(err, -EMFILE, "we made %d channels, until our handle table was full", made);
    int kids[MAX_FILLERS], nkids = 0, last_err = 0;
    int map[] = {report[CHAN_SEND_END], control[CHAN_RECV_END]};
    while (nkids < MAX_FILLERS && last_err != -EAGAIN) {
        kids[nkids++] = spawn_with("chanfill", NULL, map, 2, 0);
        int r[2];
        recv(report[CHAN_RECV_END], r, sizeof r);
        made += r[0];
        last_err = r[1];
    }
    tap_is(last_err, -EAGAIN, "then programs made more until chan said -EAGAIN (%d programs)",
           nkids);
    tap_is(made, CHAN_MAX, "after CHAN_MAX (1024) channels in all");
    struct sysinfo info;
    sysinfo(&info);
    tap_ok(info.channels == CHAN_MAX && info.channels_max == CHAN_MAX, "sysinfo: %u channels of %u",
           info.channels, info.channels_max);
    tap_is(chan(1, ends), -EAGAIN, "our chan: -EAGAIN too, though our table is full as well");
    close(control[CHAN_SEND_END]);
    for (int i = 0; i < nkids; i++)
        wait(kids[i], NULL);
    for (int h = 3; h < HANDLE_MAX; h++)
        close(h);
    tap_ok(counters_same(before), "all gone: channels, handles and pages as before");
}

static int __attribute__((noinline)) stack_prepare(void)
{
    volatile char frame[STACK_TOUCH];
    for (int i = 0; i < STACK_TOUCH; i += PAGE_SIZE / 2)
        frame[i] = 0;
    return frame[0];
}

static void enomem(void)
{
    stack_prepare();
    struct counters before = counters_now();
    intptr_t start = sbrk(0);
    for (int step = 1024 * 1024; step >= PAGE_SIZE; step /= 16)
        while (sbrk(step) >= 0)
            ;
    struct sysinfo info;
    sysinfo(&info);
    if (info.pages_free > NEARLY_EMPTY) {
        sbrk(-(int)(sbrk(0) - start));
        tap_skip(4, "the heap's address space ran out before memory did");
        return;
    }
    int ends[2], err, extra = 0;
    int kept[NEARLY_EMPTY + 1][2];
    while ((err = chan(1, ends)) == 0 && extra <= NEARLY_EMPTY) {
        kept[extra][0] = ends[0];
        kept[extra][1] = ends[1];
        extra++;
    }
    sysinfo(&info);
    tap_is(err, -ENOMEM, "memory exhausted: chan says -ENOMEM (after %d more)", extra);
    tap_is(info.channels, before.channels + extra, "and leaves no channel behind");
    for (int i = 0; i < extra; i++) {
        close(kept[i][0]);
        close(kept[i][1]);
    }
    intptr_t heap = sbrk(0) - start;
    sbrk(-(int)heap);
    tap_ok(chan(1, ends) == 0 && close(ends[0]) == 0 && close(ends[1]) == 0,
           "with the memory back, chan works");
    /* The address space keeps the page tables its heap needed. */
    unsigned tables = (unsigned)(heap / PT_SPAN) + 2;
    sysinfo(&info);
    tap_ok(info.channels == before.channels && info.handles == before.handles &&
               info.pages_free + tables >= before.pages_free,
           "channels and handles as before, every page back but %u page tables at most", tables);
}

int main(void)
{
    tap_plan(15);
    emfile();
    chan_max();
    enomem();
    return tap_done();
}
