/* kernel/dev/uart.h: the COM1 serial port, coop's main console (QEMU -serial). */
#pragma once

/* uart_init: set COM1 to SERIAL_BAUD, 8N1, FIFOs on. Call once at boot. */
void uart_init(void);

/* uart_putc: send one byte, waiting until the transmitter can take it. */
void uart_putc(char c);
