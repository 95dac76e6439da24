/* kernel/dev/uart.c: the 16550 UART behind COM1, output only, polled. */
#include "kernel/dev/uart.h"
#include "kernel/config.h"
#include "kernel/x86.h"

#define COM1          0x3F8
#define UART_DATA     0      /* transmit / receive register, or divisor low with DLAB */
#define UART_IER      1      /* interrupt enable, or divisor high with DLAB */
#define UART_FCR      2      /* FIFO control */
#define UART_LCR      3      /* line control */
#define UART_MCR      4      /* modem control */
#define UART_LSR      5      /* line status */
#define UART_CLOCK    115200 /* the divisor latch counts in these */
#define LCR_DLAB      0x80   /* the next two registers are the divisor */
#define LCR_8N1       0x03
#define FCR_ENABLE    0xC7 /* enable and clear FIFOs, 14-byte threshold */
#define MCR_DTR_RTS   0x03
#define LSR_THR_EMPTY 0x20

void uart_init(void)
{
    uint16_t divisor = UART_CLOCK / SERIAL_BAUD;
    outb(COM1 + UART_IER, 0);
    outb(COM1 + UART_LCR, LCR_DLAB);
    outb(COM1 + UART_DATA, divisor & 0xFF);
    outb(COM1 + UART_IER, divisor >> 8);
    outb(COM1 + UART_LCR, LCR_8N1);
    outb(COM1 + UART_FCR, FCR_ENABLE);
    outb(COM1 + UART_MCR, MCR_DTR_RTS);
}

void uart_putc(char c)
{
    while (!(inb(COM1 + UART_LSR) & LSR_THR_EMPTY))
        ;
    outb(COM1 + UART_DATA, (uint8_t)c);
}
