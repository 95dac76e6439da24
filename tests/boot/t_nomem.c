/* tests/boot/t_nomem.c: running out of physical memory. The heap takes every
 * free page with sbrk, until sbrk says -ENOMEM; then spawn, spawnv and malloc
 * fail with -ENOMEM (or NULL) instead of crashing anything, and everything
 * works again once the heap gives the pages back. In "child" mode this is
 * the program spawnv starts: it just returns 0. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define PAGE_SIZE    4096
#define STACK_TOUCH  (16 * 1024)       /* stack mapped in advance: no page for it later */
#define NEARLY_EMPTY 16                /* pages: "out of memory", not out of address space */
#define PT_SPAN      (4 * 1024 * 1024) /* memory one page table maps */

static unsigned pages_free(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info.pages_free;
}

/* Touch STACK_TOUCH bytes of our stack now, while pages are to be had. */
static int __attribute__((noinline)) stack_prepare(void)
{
    volatile char frame[STACK_TOUCH];
    for (int i = 0; i < STACK_TOUCH; i += PAGE_SIZE / 2)
        frame[i] = 0;
    return frame[0];
}

static int nothing(void *arg)
{
    (void)arg;
    return 0;
}

/* Grow the heap until sbrk fails, in ever smaller steps. Returns the
 * error of the last, smallest, failing step. */
static int heap_exhaust(void)
{
    int err = 0;
    for (int step = 1024 * 1024; step >= PAGE_SIZE; step /= 16) {
        intptr_t r;
        while ((r = sbrk(step)) >= 0)
            ;
        err = (int)r;
    }
    return err;
}

int main(int argc, char **argv)
{
    if (argc > 1 && strcmp(argv[1], "child") == 0)
        return 0;

    tap_plan(9);
    stack_prepare();
    unsigned base = pages_free();
    intptr_t start = sbrk(0);

    int err = heap_exhaust();
    unsigned left = pages_free();
    intptr_t heap = sbrk(0) - start;
    tap_diag("the heap took %d KiB; %u pages left", (int)(heap / 1024), left);
    if (left > NEARLY_EMPTY) {
        tap_skip(9, "the heap's address space ran out before memory did");
        sbrk(-(int)heap);
        return tap_done();
    }
    tap_is(err, -ENOMEM, "sbrk with memory exhausted: -ENOMEM");

    /* Spawn until it fails: there may have been a page or two left over. */
    int tids[NEARLY_EMPTY + 1], n = 0, r;
    while ((r = spawn(nothing, NULL)) > 0 && n < NEARLY_EMPTY)
        tids[n++] = r;
    tap_is(r, -ENOMEM, "spawn with memory exhausted: -ENOMEM (after %d more)", n);

    char *args[] = {"t_nomem", "child", NULL};
    tap_is(spawnv("t_nomem", args), -ENOMEM, "spawnv with memory exhausted: -ENOMEM");
    tap_ok(malloc(PAGE_SIZE) == NULL, "malloc with memory exhausted: NULL");

    /* Give pages back one at a time until spawnv works; it may fail on the
     * way (the program needs several pages), but only with -ENOMEM. */
    int released = 0, others = 0, child = -1;
    while (child < 0 && released < 64) {
        sbrk(-PAGE_SIZE);
        released++;
        child = spawnv("t_nomem", args);
        if (child < 0 && child != -ENOMEM)
            others++;
    }
    tap_ok(child > 0, "spawnv works again after %d pages were given back", released);
    tap_is(others, 0, "and failed only with -ENOMEM until then");
    int status = -1;
    wait(child, &status);
    tap_is(status, STATUS_EXIT(0), "the program ran");

    for (int i = 0; i < n; i++)
        wait(tids[i], NULL);
    sbrk(-(int)(sbrk(0) - start));
    tap_ok(spawn(nothing, NULL) > 0, "with the heap given back, spawn works again");
    wait(WAIT_ANY, NULL);
    /* The address space keeps the page tables its heap needed. */
    unsigned tables = (unsigned)(heap / PT_SPAN) + 2;
    tap_ok(pages_free() + tables >= base, "every page came back but %u page tables at most",
           tables);
    return tap_done();
}
