/* boot/multiboot.S: the kernel's first instructions. The boot loader enters
 * here in 32-bit protected mode with paging off, %eax = the multiboot magic and
 * %ebx = the multiboot_info pointer; we set up the one kernel stack and call
 * kmain(magic, info). */
#include "kernel/multiboot.h"
#include "kernel/config.h"

    .section .multiboot, "a"
    .align 4
    .long MULTIBOOT_HEADER_MAGIC
    .long MULTIBOOT_HEADER_FLAGS
    .long -(MULTIBOOT_HEADER_MAGIC + MULTIBOOT_HEADER_FLAGS)

    .text
    .globl _start
    .type _start, @function
_start:
    .cfi_startproc
    .cfi_undefined eip      /* tells gdb this is the outermost frame */
    cli
    movl $kstack_top, %esp
    xorl %ebp, %ebp         /* a zero frame pointer ends every backtrace */
    pushl %ebx              /* struct multiboot_info * */
    pushl %eax              /* magic */
    call kmain
1:  hlt                     /* kmain never returns; be safe anyway */
    jmp 1b
    .cfi_endproc
    .size _start, . - _start

    /* The kernel's one and only stack: every trap handler and the scheduler
     * loop run on it. Tasks have no kernel stacks of their own. */
    .bss
    .align 16
    .globl kstack_bottom, kstack_top
kstack_bottom:
    .space KSTACK_SIZE
kstack_top:
