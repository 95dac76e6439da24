/* kernel/dev/power.h: turning the machine off, with a status QEMU passes on. */
#pragma once
#include <stdnoreturn.h>

/* Power-off codes: QEMU's isa-debug-exit device makes QEMU exit with status
 * (code << 1) | 1, which scripts/qemu decodes back into the code. */
#define POWER_OK           0   /* init exited 0 */
#define POWER_INIT_MAX     99  /* init exited 1..99 (larger codes are clamped) */
#define POWER_INIT_KILLED  100 /* init was killed */
#define POWER_INIT_FAULTED 101 /* init died of a CPU exception */
#define POWER_DEADLOCK     110 /* every task blocked for good (under `test`) */
#define POWER_PANIC        111 /* the kernel panicked */

/* power_off: stop QEMU with `code` (isa-debug-exit when present, else ACPI
 * power-off); halts forever if neither works. */
noreturn void power_off(int code) __attribute__((cold));

/* power_halt: stop the CPU for good, leaving the machine on (for gdb). */
noreturn void power_halt(void);
