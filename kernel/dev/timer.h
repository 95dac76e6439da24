/* kernel/dev/timer.h: the 8253/8254 programmable interval timer (PIT): coop's
 * clock, the sleepers' alarm and, under sched=preempt, the time slice. */
#pragma once
#include <stdint.h>

/* The PIT counts down from a 16-bit reload value ("divisor") at PIT_CLOCK Hz
 * and interrupts each time it reaches zero. */
#define PIT_CLOCK       1193182 /* Hz: the PIT's input clock */
#define PIT_DIVISOR_MAX 0xFFFF  /* the largest divisor its 16-bit counter holds */

/* timer_init: make the PIT interrupt `hz` times a second (IRQ 0). hz must be
 * in TIMER_HZ_MIN..TIMER_HZ_MAX (kernel/config.h), as options.c ensures. */
void timer_init(unsigned hz);

/* timer_ticks: timer interrupts since boot. */
uint64_t timer_ticks(void);

/* timer_hz: the rate given to timer_init. */
unsigned timer_hz(void);

/* timer_tick: count one interrupt (called by the IRQ 0 handler). */
void timer_tick(void);

/* timer_ms_to_ticks: the number of ticks that covers at least `ms`
 * milliseconds (rounded up), at the rate given to timer_init. */
uint64_t timer_ms_to_ticks(uint32_t ms);

/* timer_uptime_ms: milliseconds since boot, by the tick count (rounded down;
 * wraps around after 2^32 ms, about 49.7 days). */
uint32_t timer_uptime_ms(void);

/* The pure arithmetic behind the functions above, with the rate as a parameter
 * (so that the host unit test can check it without a PIT). hz must not be 0. */

/* timer_divisor: the PIT divisor for `hz` interrupts a second: PIT_CLOCK / hz,
 * rounded to the nearest whole number. For rates below TIMER_HZ_MIN it exceeds
 * PIT_DIVISOR_MAX: the PIT cannot count that slowly. */
uint32_t timer_divisor(unsigned hz);

/* timer_ms_to_ticks_at: the number of ticks at `hz` that covers at least
 * `ms` milliseconds (rounded up). */
uint64_t timer_ms_to_ticks_at(uint32_t ms, unsigned hz);

/* timer_ticks_to_ms: how many whole milliseconds `ticks` ticks at `hz` last
 * (rounded down). */
uint64_t timer_ticks_to_ms(uint64_t ticks, unsigned hz);
