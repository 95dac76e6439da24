/* tests/progs/v86.h: an `iret` with the VM flag set in the eflags it pops,
 * for tests/boot/t_v86.c and tests/progs/v86hog.c. A real CPU ignores VM in
 * an iret at privilege level 3 and returns to the next instruction; QEMU's
 * TCG enters virtual-8086 mode anyway, where the task's next trap pushes a
 * frame four words longer than usual (kernel/trapentry.S, v86_trap). */
#pragma once

#define FL_VM        0x00020000
#define FL_IF        0x00000200
#define FL_RESERVED1 0x00000002
#define V86_STR(x)   #x
#define V86_XSTR(x)  V86_STR(x)

/* Push a whole virtual-8086 return frame (gs, fs, ds, es, ss, esp, eflags
 * with VM, cs, eip) and iret. A real CPU pops only eip, cs and eflags (a
 * return to the same privilege level) and goes on at 1:, where the other
 * six words are dropped. Under QEMU the task does not come back from it.
 * NOPS nops come first, in the same straight run of code as the iret: QEMU
 * checks for interrupts between such runs, so an interrupt that comes in
 * during the nops is taken just after the iret, in virtual-8086 mode. The
 * iret's address is v86_iret (for gdb), so a program may use this once. */
/* Not clang-formatted: it would line the strings up with the middle of the
 * first one. */
/* clang-format off */
#define V86_IRET(NOPS)                                                         \
    __asm__ volatile(".rept " V86_XSTR(NOPS) "\n\t"                            \
                     "nop\n\t"                                                 \
                     ".endr\n\t"                                               \
                     "pushl $0\n\t"                                            \
                     "pushl $0\n\t"                                            \
                     "pushl $0\n\t"                                            \
                     "pushl $0\n\t"                                            \
                     "pushl %%ss\n\t"                                          \
                     "pushl %%esp\n\t"                                         \
                     "pushl %0\n\t"                                            \
                     "pushl %%cs\n\t"                                          \
                     "pushl $1f\n\t"                                           \
                     ".globl v86_iret\n"                                       \
                     "v86_iret:\tiret\n"                                       \
                     "1:\taddl $24, %%esp"                                     \
                     :                                                         \
                     : "i"(FL_VM | FL_IF | FL_RESERVED1)                       \
                     : "memory")
/* clang-format on */
