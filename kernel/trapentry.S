/* kernel/trapentry.S: the way into the kernel and back out to a task.
 *
 * coop has one kernel stack and the scheduler is a plain loop (kernel/sched.c).
 * task_run(tf) is the loop's "task.run()": task_enter saves the loop's place
 * on the kernel stack and irets into the task. When the task traps (int $0x80, a
 * fault, an interrupt), the CPU switches to the stack pointer in the TSS, which
 * the loop pointed just past the task's trap frame, so the CPU's pushes and
 * ours below fill the frame inside the task record. Then we go back to the
 * saved place on the kernel stack, and task_run() returns to the loop.
 *
 * Vector 0x80 (the system call) has its own entry, vector128, below; every
 * other vector has a stub made by the VECTOR macro.
 *
 * A trap that interrupts the kernel itself (an IRQ while the loop idles in
 * hlt, or a kernel bug) builds its frame on the kernel stack instead, is
 * handled by trap_kernel() and returns to where it struck. */
#include "kernel/mmu.h"
#include "kernel/trap.h"

/* One small stub per vector: push a 0 in place of an error code when the CPU
 * pushes none, then the vector number, and join trap_common. */
.altmacro
.macro VECTOR n
    .globl vector\n
vector\n:
    /* exceptions for which the CPU pushes an error code */
    .if (\n == 8) || ((\n >= 10) && (\n <= 14)) || (\n == 17) || (\n == 21) || (\n == 29) || (\n == 30)
    .else
    pushl $0
    .endif
    pushl $\n
    jmp trap_common
.endm

.macro VECTOR_ADDRESS n
    .long vector\n
.endm

    .text
.set i, 0
.rept T_IRQ0 + IRQ_COUNT
    VECTOR %i
    .set i, i + 1
.endr

    .section .rodata
    .globl trap_vectors
/* The entry points of vectors 0-47, for idt_init(). */
trap_vectors:
.set i, 0
.rept T_IRQ0 + IRQ_COUNT
    VECTOR_ADDRESS %i
    .set i, i + 1
.endr

/* Complete the trap frame with the general registers, and make the machine
 * safe for the kernel's C code:
 * - The data segment registers. A task may have loaded anything into them
 *   (the null selector, say), so set all four to SEG_UDATA. That is the
 *   selector the kernel itself runs with (kernel/gdt.c says why), so nothing
 *   needs restoring on the way out, and no task sees another's.
 * - The direction flag. A task may have set it (std), and a trap does not
 *   clear it: C code assumes it clear, or every `rep stos` would run
 *   backwards over kernel memory (tests/boot/t_dflag.c). The task's own flag
 *   is safe in the saved eflags. */
.macro SAVE_TRAPFRAME
    pushal
    movl $SEG_UDATA, %eax
    movl %eax, %ds
    movl %eax, %es
    movl %eax, %fs
    movl %eax, %gs
    cld
.endm

    .text
/* The system call, int $0x80: the one gate user mode may use, and it can only
 * come from user mode, so it needs no check of where it came from. */
    .globl vector128
vector128:
    pushl $0                /* no error code */
    pushl $T_SYSCALL
    SAVE_TRAPFRAME
    /* fall through */

/* The task's registers are all in its task record now, and %esp points at
 * the start of its trap frame: that is task_run()'s result, in %eax. Back
 * onto the kernel stack where task_run left the scheduler loop, and return. */
    .globl back_to_scheduler
back_to_scheduler:
    movl %esp, %eax
    movl sched_esp, %esp
    popl %ebp
    ret

    .globl trap_common
trap_common:
    SAVE_TRAPFRAME
    testl $FL_VM, TF_EFLAGS(%esp)
    jnz v86_trap
    testl $CPL_MASK, TF_CS(%esp)
    jnz back_to_scheduler

    /* A trap in the kernel itself: the frame is on the kernel stack. */
    pushl %esp              /* struct trapframe * */
    call trap_kernel
    addl $4, %esp
    jmp trap_pop

/* A trap from virtual-8086 mode. A task cannot ask for that mode: a real CPU
 * ignores the VM flag in an iret at privilege level 3. QEMU's TCG enters it
 * anyway, and then the task's first trap (its very first instruction fetch
 * faults: nothing below 1 MiB is user memory) pushes es, ds, fs and gs above
 * the usual frame, so that the frame starts TF_V86_EXTRA bytes below the
 * task's trap frame, in the room the record below keeps for it (struct
 * task's v86_room, kernel/task.h). Move the frame up to where it belongs, over those four
 * words (the copy runs top down, std ... cld, because the two overlap), and
 * go back to the scheduler as usual: the saved eflags still has VM set, and
 * trap_user() ends the task. */
v86_trap:
    leal TF_SIZE - 4(%esp), %esi
    leal TF_SIZE - 4 + TF_V86_EXTRA(%esp), %edi
    movl $TF_SIZE / 4, %ecx
    std
    rep movsl
    cld
    addl $TF_V86_EXTRA, %esp
    jmp back_to_scheduler

/* task_enter: resume the trap frame in %eax in user mode, and return (with
 * the same frame in %eax) when the task traps back. See task_run() in
 * kernel/sched.c: only %ebp is saved here; task_run() tells the compiler that
 * every other register comes back changed. */
    .globl task_enter
    .type task_enter, @function
task_enter:
    pushl %ebp
    movl %esp, sched_esp    /* the next trap from user mode comes back here */
    movl %eax, %esp         /* the task's trap frame */
trap_pop:
    popal
    addl $8, %esp           /* drop trapno and err */
    iret                    /* to eip, cs, eflags, and esp, ss in user mode */
    .size task_enter, . - task_enter

    .bss
    .align 4
/* Where task_run() parked the kernel stack while a task runs. */
sched_esp:
    .long 0
