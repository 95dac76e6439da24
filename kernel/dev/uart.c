/* kernel/dev/uart.c: the 16550 UART. Its registers sit at eight consecutive
 * ports from the base; the PC wires its interrupt line to the PIC only when
 * the modem control register's OUT2 bit is set. */
#include "kernel/dev/uart.h"
#include "kernel/config.h"
#include "kernel/x86.h"

#define UART_DATA      0      /* transmit / receive register, or divisor low with DLAB */
#define UART_IER       1      /* interrupt enable, or divisor high with DLAB */
#define UART_FCR       2      /* FIFO control */
#define UART_LCR       3      /* line control */
#define UART_MCR       4      /* modem control */
#define UART_LSR       5      /* line status */
#define UART_SCRATCH   7      /* a byte for software: no effect on the UART */
#define UART_CLOCK     115200 /* the divisor latch counts in these */
#define LCR_DLAB       0x80   /* the next two registers are the divisor */
#define LCR_8N1        0x03
#define FCR_ENABLE     0xC5 /* FIFOs on, transmit one cleared (input stays); 14-byte threshold */
#define MCR_DTR_RTS    0x03
#define MCR_OUT2       0x08 /* lets the interrupt line through to the PIC */
#define IER_RX         0x01 /* interrupt when a byte has arrived */
#define IER_TX         0x02 /* interrupt when the transmitter is empty */
#define LSR_DATA_READY 0x01
#define LSR_THR_EMPTY  0x20
#define SCRATCH_PROBE  0x5A

bool uart_present(uint16_t port)
{
    outb(port + UART_SCRATCH, SCRATCH_PROBE);
    return inb(port + UART_SCRATCH) == SCRATCH_PROBE;
}

void uart_init(uint16_t port)
{
    uint16_t divisor = UART_CLOCK / SERIAL_BAUD;
    outb(port + UART_IER, 0);
    outb(port + UART_LCR, LCR_DLAB);
    outb(port + UART_DATA, divisor & 0xFF);
    outb(port + UART_IER, divisor >> 8);
    outb(port + UART_LCR, LCR_8N1);
    outb(port + UART_FCR, FCR_ENABLE);
    outb(port + UART_MCR, MCR_DTR_RTS | MCR_OUT2);
}

bool uart_can_send(uint16_t port)
{
    return inb(port + UART_LSR) & LSR_THR_EMPTY;
}

void uart_send(uint16_t port, char c)
{
    outb(port + UART_DATA, (uint8_t)c);
}

void uart_putc(uint16_t port, char c)
{
    while (!uart_can_send(port))
        ;
    uart_send(port, c);
}

bool uart_can_receive(uint16_t port)
{
    return inb(port + UART_LSR) & LSR_DATA_READY;
}

char uart_receive(uint16_t port)
{
    return (char)inb(port + UART_DATA);
}

void uart_interrupts(uint16_t port, bool rx, bool tx)
{
    outb(port + UART_IER, (uint8_t)((rx ? IER_RX : 0) | (tx ? IER_TX : 0)));
}
