/* kernel/trap.h: the trap frame, what the CPU and kernel/trapentry.S save of a
 * task when it traps into the kernel, and the vectors coop uses. */
#pragma once

/* Vectors: 0-31 are CPU exceptions (lib/exception.h names them), the PIC's
 * 16 IRQs are remapped to 32-47, and 0x80 is the system call. */
#define T_IRQ0       32
#define IRQ_COUNT    16
#define T_SYSCALL    0x80
#define INT80_LENGTH 2 /* bytes of `int $0x80` (cd 80): where a call made again starts */
#define IDT_ENTRIES  256

/* Byte offsets into struct trapframe for assembly; checked below in C. */
#define TF_EAX    28
#define TF_TRAPNO 32
#define TF_CS     44
#define TF_EFLAGS 48
#define TF_SIZE   60

/* A trap from virtual-8086 mode pushes four more words, the task's es, ds,
 * fs and gs, above its ss: its frame starts this many bytes lower than a
 * normal one (kernel/trapentry.S, v86_trap). */
#define TF_V86_EXTRA 16

#ifndef __ASSEMBLER__
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A task's saved registers, lowest address first. trapentry.S builds it by
 * pushing, so the last thing pushed comes first here. There are no data
 * segment registers: every task runs with SEG_UDATA in all four, which the
 * kernel sets on every trap (kernel/trapentry.S). */
struct trapframe {
    /* pushed by SAVE_TRAPFRAME */
    uint32_t edi, esi, ebp, esp_pushal, ebx, edx, ecx, eax; /* pushal */
    /* pushed by the vector stub: which trap, and the CPU's error code or 0 */
    uint32_t trapno, err;
    /* pushed by the CPU */
    uint32_t eip, cs, eflags;
    /* pushed by the CPU only when the trap came from user mode */
    uint32_t esp, ss;
};

_Static_assert(offsetof(struct trapframe, eax) == TF_EAX, "TF_EAX");
_Static_assert(offsetof(struct trapframe, trapno) == TF_TRAPNO, "TF_TRAPNO");
_Static_assert(offsetof(struct trapframe, cs) == TF_CS, "TF_CS");
_Static_assert(offsetof(struct trapframe, eflags) == TF_EFLAGS, "TF_EFLAGS");
_Static_assert(sizeof(struct trapframe) == TF_SIZE, "TF_SIZE");

struct task;

/* idt_init: fill the IDT with trapentry.S's vectors and load it. Only the
 * two system-call gates may be used by `int` from user mode: 0x80, and
 * 0x81 (kernel/fastpath.h), which has sendrecv's fast path in front when
 * `fastpath` is true, and is 0x80's entry otherwise. */
void idt_init(bool fastpath);

/* trap_kernel: handle a trap that interrupted the kernel itself: an IRQ while
 * the scheduler idles, or a kernel bug (panics). Called by trapentry.S. */
void trap_kernel(struct trapframe *tf);

/* trap_user: handle the interrupt or fault that just brought `task` back from
 * user mode (system calls go to syscall_dispatch). Returns the task if it may
 * go on running at once, or NULL to let the scheduler pick another. */
struct task *trap_user(struct task *task);

#endif
