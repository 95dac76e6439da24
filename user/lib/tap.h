/* user/lib/tap.h: TAP (the Test Anything Protocol) for booted tests:
 *
 *     1..3
 *     ok 1 - yield returns 0
 *     not ok 2 - gettid is 1
 *     # got 2, want 1
 *     ok 3 - ...
 *
 * scripts/boot-test reads these lines from the serial console. A test's main
 * calls tap_plan first and returns tap_done() at the end. The counters are
 * the program's: any of its tasks may report results. */
#pragma once

/* tap_plan: announce that n tests will run ("1..n"). Call it first. */
void tap_plan(int n);

/* tap_ok: report one test, passed if cond is non-zero: "ok N - name" or
 * "not ok N - name", the name formatted like printf. Returns cond != 0. */
int tap_ok(int cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* tap_is: report one test that passes if got == want; on failure it also
 * prints "# got X, want Y". Returns got == want. */
int tap_is(long got, long want, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* tap_skip: report n tests as skipped ("ok N - # SKIP why"): they could
 * not run here, which is no failure. */
void tap_skip(int n, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* tap_diag: print a comment line, "# " and the formatted text; TAP readers
 * show it but it is no test. */
void tap_diag(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* tap_done: the exit code for main: 0 if every test passed and as many ran
 * as tap_plan announced, else 1 (with a diagnostic saying why). */
int tap_done(void);
