/* kernel/timer.h: the 8253/8254 programmable interval timer (PIT): coop's
 * clock, the sleepers' alarm and, under sched=preempt, the time slice. */
#pragma once
#include <stdint.h>

/* timer_init: make the PIT interrupt `hz` times a second (IRQ 0). */
void timer_init(unsigned hz);

/* timer_ticks: timer interrupts since boot. */
uint64_t timer_ticks(void);

/* timer_hz: the rate given to timer_init. */
unsigned timer_hz(void);

/* timer_tick: count one interrupt (called by the IRQ 0 handler). */
void timer_tick(void);

/* timer_ms_to_ticks: the number of ticks that covers at least `ms`
 * milliseconds (rounded up). */
uint64_t timer_ms_to_ticks(uint32_t ms);

/* timer_uptime_ms: milliseconds since boot, by the tick count. */
uint32_t timer_uptime_ms(void);
