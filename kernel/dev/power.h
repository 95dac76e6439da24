/* kernel/dev/power.h: turning the machine off, with a status QEMU passes on. */
#pragma once

/* Power-off codes. power_off writes code + POWER_EXIT_BIAS to QEMU's
 * isa-debug-exit port, and QEMU exits with status (that value << 1) | 1: 3 or
 * more, and odd. The bias leaves status 1, QEMU's own error exit (no kernel
 * file, no display, a busy gdb port), to mean only that QEMU could not start:
 * without it, that would read as "init exited 0". scripts/qemu takes these
 * values from this file (scripts/lib.sh's c_define) to decode the status. */
#define POWER_EXIT_BIAS    1
#define POWER_OK           0   /* init exited 0 */
#define POWER_INIT_MAX     99  /* init exited 1..99 (larger codes are clamped) */
#define POWER_INIT_KILLED  100 /* init was killed */
#define POWER_INIT_FAULTED 101 /* init died of a CPU exception */
#define POWER_NO_INIT      102 /* init could not be started */
#define POWER_DEADLOCK     110 /* every task blocked for good (under `test`) */
#define POWER_PANIC        111 /* the kernel panicked */

#ifndef __ASSEMBLER__ /* the codes above are for assembly too (scripts/firmware-probe.S) */
#include <stdnoreturn.h>

/* power_off: stop QEMU with `code` (isa-debug-exit when present, else ACPI
 * power-off); halts forever if neither works. */
noreturn void power_off(int code) __attribute__((cold));

/* power_halt: stop the CPU for good, leaving the machine on (for gdb). */
noreturn void power_halt(void);
#endif
