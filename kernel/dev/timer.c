/* kernel/dev/timer.c: PIT channel 0 in rate-generator mode, and the tick count. */
#include "kernel/dev/timer.h"
#include "kernel/config.h"
#include "kernel/panic.h"
#include "kernel/dev/pic.h"
#include "kernel/x86.h"

#define PIT_CH0           0x40
#define PIT_CMD           0x43
#define PIT_CH0_RATE_LOHI 0x34 /* channel 0, lobyte/hibyte, mode 2 */
#define MS_PER_S          1000

/* The divisor for `rate` interrupts a second, rounded to nearest, so that the
 * real rate is as close as it can be. A macro, so that the checks below can
 * use it at compile time. */
#define PIT_DIVISOR(rate) ((PIT_CLOCK + (rate) / 2) / (rate))

/* The divisor goes to the PIT as two bytes: a larger one would lose its high
 * bits and run the timer far too fast (1193182 / 18 = 66287 = 0x102EF ran as
 * 0x02EF, about 1589 Hz). The PIT does read a divisor of 0 as 65536 (18.2 Hz),
 * but one special case buys too little: the slowest rate is 19 Hz. */
_Static_assert(PIT_DIVISOR(TIMER_HZ_MIN) <= PIT_DIVISOR_MAX,
               "TIMER_HZ_MIN is too slow for the PIT's 16-bit counter");
/* Mode 2 cannot take a divisor of 1 (8254 datasheet): 2 is the smallest. */
_Static_assert(PIT_DIVISOR(TIMER_HZ_MAX) >= 2, "TIMER_HZ_MAX is too fast for the PIT");

static unsigned hz;
static volatile uint64_t ticks;

void timer_init(unsigned rate)
{
    ASSERT(rate >= TIMER_HZ_MIN && rate <= TIMER_HZ_MAX);
    hz = rate;
    uint32_t divisor = timer_divisor(rate);
    outb(PIT_CMD, PIT_CH0_RATE_LOHI);
    outb(PIT_CH0, divisor & 0xFF);
    outb(PIT_CH0, (divisor >> 8) & 0xFF);
    pic_enable(IRQ_TIMER);
}

uint64_t timer_ticks(void)
{
    return ticks;
}

unsigned timer_hz(void)
{
    return hz;
}

void timer_tick(void)
{
    ticks++;
}

uint64_t timer_ms_to_ticks(uint32_t ms)
{
    return timer_ms_to_ticks_at(ms, hz);
}

uint32_t timer_uptime_ms(void)
{
    return (uint32_t)timer_ticks_to_ms(ticks, hz);
}

uint32_t timer_divisor(unsigned rate)
{
    return PIT_DIVISOR(rate);
}

uint64_t timer_ms_to_ticks_at(uint32_t ms, unsigned rate)
{
    return ((uint64_t)ms * rate + MS_PER_S - 1) / MS_PER_S;
}

uint64_t timer_ticks_to_ms(uint64_t count, unsigned rate)
{
    return count * MS_PER_S / rate;
}
