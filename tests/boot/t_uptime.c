/* tests/boot/t_uptime.c: uptime() counts milliseconds since boot: it never
 * goes back, it advances while a task computes (the timer interrupts user
 * code), and across a sleep by at least the time slept. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define SPIN_LIMIT 2000000000u /* loop iterations; far more than a tick needs */
#define NAP_MS     20

int main(void)
{
    tap_plan(4);

    unsigned prev = uptime();
    int monotonic = 1;
    for (int i = 0; i < 10000; i++) {
        unsigned now = uptime();
        monotonic &= now >= prev;
        prev = now;
    }
    tap_ok(monotonic, "uptime never goes back (10000 calls)");

    unsigned start = uptime(), spins = 0;
    while (uptime() == start && spins < SPIN_LIMIT)
        spins++;
    tap_ok(uptime() != start, "uptime advances while a task computes (%u spins)", spins);

    start = uptime();
    sleep(NAP_MS);
    tap_ok(uptime() - start >= NAP_MS, "uptime advanced at least %d ms across sleep(%d)", NAP_MS,
           NAP_MS);

    struct sysinfo info;
    sysinfo(&info);
    tap_ok(info.tick_hz > 0, "the timer ticks at %u Hz", info.tick_hz);
    return tap_done();
}
