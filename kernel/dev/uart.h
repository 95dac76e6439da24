/* kernel/dev/uart.h: the 16550 UARTs behind the PC's serial ports: COM1 is
 * coop's console (QEMU -serial), COM2 to COM4 are extra lines when QEMU has
 * them. Polled output for the kernel's own messages; interrupts for input
 * and for the output of programs (kernel/tty.c). */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* The four ports' I/O bases, and the IRQs they raise (two ports share each). */
#define COM1      0x3F8
#define COM2      0x2F8
#define COM3      0x3E8
#define COM4      0x2E8
#define IRQ_COM24 3
#define IRQ_COM13 4

/* How many bytes the transmitter takes at once when it says it is empty. */
#define UART_FIFO_SIZE 16

/* uart_present: is there a UART at `port`? (Its scratch register keeps what
 * is written to it; where there is none, reads give 0xff.) */
bool uart_present(uint16_t port);

/* uart_init: set `port` to SERIAL_BAUD, 8N1, FIFOs on, no interrupts. */
void uart_init(uint16_t port);

/* uart_putc: send one byte, waiting until the transmitter can take it. */
void uart_putc(uint16_t port, char c);

/* uart_can_send: may up to UART_FIFO_SIZE bytes go to uart_send now? */
bool uart_can_send(uint16_t port);

/* uart_send: hand one byte to the transmitter (only when it can take it). */
void uart_send(uint16_t port, char c);

/* uart_can_receive, uart_receive: is a byte waiting; take it. */
bool uart_can_receive(uint16_t port);
char uart_receive(uint16_t port);

/* uart_interrupts: interrupt on received bytes (`rx`) and on an empty
 * transmitter (`tx`), or not. */
void uart_interrupts(uint16_t port, bool rx, bool tx);
