/* kernel/timer.c: PIT channel 0 in rate-generator mode, and the tick count. */
#include "kernel/timer.h"
#include "kernel/pic.h"
#include "kernel/x86.h"

#define PIT_CH0           0x40
#define PIT_CMD           0x43
#define PIT_CLOCK         1193182 /* Hz: the PIT's input clock */
#define PIT_CH0_RATE_LOHI 0x34    /* channel 0, lobyte/hibyte, mode 2 */
#define MS_PER_S          1000

static unsigned hz;
static volatile uint64_t ticks;

void timer_init(unsigned rate)
{
    hz = rate;
    uint32_t divisor = PIT_CLOCK / rate;
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
    return ((uint64_t)ms * hz + MS_PER_S - 1) / MS_PER_S;
}

uint32_t timer_uptime_ms(void)
{
    return (uint32_t)(ticks * MS_PER_S / hz);
}
