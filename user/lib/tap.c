/* user/lib/tap.c: TAP output for booted tests (see tap.h). Each line is
 * written by one printf, so tasks reporting at the same time do not mix
 * their lines. */
#include "user/lib/tap.h"
#include "user/lib/coop.h"

#define TAP_NAME_MAX 200 /* longer test names are cut */

static int planned = -1; /* -1: no plan yet */
static int run;
static int failed;

void tap_plan(int n)
{
    planned = n;
    printf("1..%d\n", n);
}

/* Report test number ++run with the name in fmt/ap. */
static int tap_report(int cond, const char *fmt, va_list ap)
{
    char name[TAP_NAME_MAX];
    vsnprintf(name, sizeof name, fmt, ap);
    run++;
    if (!cond)
        failed++;
    printf("%sok %d - %s\n", cond ? "" : "not ", run, name);
    return cond != 0;
}

int tap_ok(int cond, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ok = tap_report(cond, fmt, ap);
    va_end(ap);
    return ok;
}

int tap_is(long got, long want, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int ok = tap_report(got == want, fmt, ap);
    va_end(ap);
    if (!ok)
        printf("# got %ld, want %ld\n", got, want);
    return ok;
}

void tap_skip(int n, const char *fmt, ...)
{
    char why[TAP_NAME_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(why, sizeof why, fmt, ap);
    va_end(ap);
    for (int i = 0; i < n; i++)
        printf("ok %d - # SKIP %s\n", ++run, why);
}

void tap_diag(const char *fmt, ...)
{
    char text[TAP_NAME_MAX];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(text, sizeof text, fmt, ap);
    va_end(ap);
    printf("# %s\n", text);
}

int tap_done(void)
{
    if (failed)
        tap_diag("failed %d of %d tests", failed, run);
    if (run != planned)
        tap_diag("planned %d tests but ran %d", planned, run);
    return failed == 0 && run == planned ? 0 : 1;
}
