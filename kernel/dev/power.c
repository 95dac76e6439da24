/* kernel/dev/power.c: QEMU's isa-debug-exit port and ACPI soft-off. */
#include "kernel/dev/power.h"
#include "kernel/x86.h"

#define DEBUG_EXIT_PORT   0xF4   /* -device isa-debug-exit,iobase=0xf4 */
#define ACPI_PM1A_CNT     0x604  /* QEMU's PIIX4/ICH9 power-management block */
#define ACPI_PM1A_CNT_OLD 0xB004 /* older QEMU and Bochs */
#define ACPI_SLP_EN_S5    0x2000 /* sleep type S5 (soft off) + enable */
#define EXIT_STATUS_MAX   255    /* a process's exit status is one byte */

/* The largest code must still reach the shell whole, as (code + bias) << 1 | 1. */
_Static_assert(((POWER_PANIC + POWER_EXIT_BIAS) << 1 | 1) <= EXIT_STATUS_MAX,
               "power-off codes too large for QEMU's exit status");

void power_off(int code)
{
    cli();
    /* QEMU exits here if it has the device (the bias: kernel/dev/power.h). */
    outl(DEBUG_EXIT_PORT, (uint32_t)(code + POWER_EXIT_BIAS));
    outw(ACPI_PM1A_CNT, ACPI_SLP_EN_S5);
    outw(ACPI_PM1A_CNT_OLD, ACPI_SLP_EN_S5);
    power_halt();
}

void power_halt(void)
{
    cli();
    for (;;)
        hlt();
}
