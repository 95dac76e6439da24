/* tests/boot/t_yield.c: yield() returns 0 and sends the caller to the back
 * of the ready queue, so ready tasks take turns in spawn order (pyos: a bare
 * `yield`). */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define TURNS 3

static char log[3 * TURNS + 1]; /* who ran, in order: one letter per turn */
static int log_len;
static volatile int ran;

/* Write our letter, yield, TURNS times. */
static int taker(void *letter)
{
    for (int i = 0; i < TURNS; i++) {
        log[log_len++] = *(const char *)letter;
        yield();
    }
    return 0;
}

static int set_ran(void *arg)
{
    (void)arg;
    ran = 1;
    return 0;
}

int main(void)
{
    tap_plan(5);

    tap_is(yield(), 0, "yield returns 0 with nobody else ready");

    int t = spawn(set_ran, NULL);
    tap_is(ran, 0, "a spawned task has not run before its parent gives up the CPU");
    tap_is(yield(), 0, "yield returns 0 after others ran");
    tap_is(ran, 1, "yield let the ready task run before the caller went on");
    wait(t, NULL);

    /* Three tasks, A B C, each logging its letter and yielding: round robin. */
    int a = spawn(taker, "A"), b = spawn(taker, "B"), c = spawn(taker, "C");
    wait(a, NULL);
    wait(b, NULL);
    wait(c, NULL);
    log[log_len] = '\0';
    tap_ok(strcmp(log, "ABCABCABC") == 0, "ready tasks take turns in order: %s", log);

    return tap_done();
}
