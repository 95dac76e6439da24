/* scripts/firmware-probe.S: a multiboot "kernel" that does nothing but say
 * how many instructions ran before it. Booted by scripts/bench exactly as
 * coop is (QEMU -icount, the same boot modules), its first instruction reads
 * the time stamp counter, which under icount counts the guest instructions
 * since the CPU started: the firmware's (SeaBIOS, and QEMU's multiboot
 * loader). It prints the count on the serial port as "firmware 0x...", in
 * hex, and powers off. scripts/bench subtracts it from the count user/bench.c
 * reads at init's start, to get what booting coop itself costs. */

#define MULTIBOOT_MAGIC 0x1BADB002
#define MULTIBOOT_FLAGS 0
#define COM1            0x3F8 /* the first serial port: its data register */
#define COM1_LSR        (COM1 + 5)
#define LSR_THR_EMPTY   0x20  /* the transmitter can take a byte */
#include "kernel/dev/power.h"
#define DEBUG_EXIT_PORT 0xF4  /* QEMU's isa-debug-exit (scripts/qemu) */
#define HEX_DIGITS      8     /* of a 32-bit word */

    .text
    .align 4
    .long MULTIBOOT_MAGIC, MULTIBOOT_FLAGS, -(MULTIBOOT_MAGIC + MULTIBOOT_FLAGS)

    .globl _start
_start:
    rdtsc                       /* first of all: what ran before us */
    movl %eax, %ebx             /* low word; the high one, %edx, is 0 below 4 G */
    movl %edx, %edi
    movl $prefix, %esi
    call puts
    movl %edi, %eax
    call puthex
    movl %ebx, %eax
    call puthex
    movb $'\n', %al
    call putc
    movw $DEBUG_EXIT_PORT, %dx  /* power off with code 0: what coop's power_off */
    movl $POWER_OK + POWER_EXIT_BIAS, %eax /* writes for it (kernel/dev/power.c) */
    outb %al, %dx
1:  hlt
    jmp 1b

/* putc: send the byte in %al, once the port can take it. Keeps %eax. */
putc:
    movl %eax, %ecx
    movw $COM1_LSR, %dx
2:  inb %dx, %al
    testb $LSR_THR_EMPTY, %al
    jz 2b
    movl %ecx, %eax
    movw $COM1, %dx
    outb %al, %dx
    ret

/* puts: send the NUL-terminated string at %esi. */
puts:
    lodsb
    testb %al, %al
    jz 3f
    call putc
    jmp puts
3:  ret

/* puthex: send %eax as HEX_DIGITS hex digits, the highest first. */
puthex:
    movl %eax, %esi
    movl $HEX_DIGITS, %ebp
4:  roll $4, %esi
    movl %esi, %eax
    andl $0xF, %eax
    movb digits(%eax), %al
    call putc
    decl %ebp
    jnz 4b
    ret

prefix: .asciz "firmware 0x"
digits: .ascii "0123456789abcdef"
