/* tests/boot/t_quantum.c: a time slice is a whole number of timer ticks, at
 * least one. Asked for 1 ms at 100 Hz (a tick every 10 ms), the kernel uses
 * 10 ms, and says so: in sysinfo() and in its start-up line (tests/options.t
 * checks the console). */
// boot-args: sched=preempt hz=100 quantum=1
#include "user/lib/coop.h"
#include "user/lib/tap.h"

int main(void)
{
    tap_plan(3);
    struct sysinfo info;
    tap_is(sysinfo(&info), 0, "sysinfo");
    tap_is(info.tick_hz, 100, "hz=100");
    tap_is(info.quantum_ms, 10, "quantum=1 at 100 Hz is one tick: 10 ms");
    return tap_done();
}
