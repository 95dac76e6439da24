/* kernel/fastpath.S: sendrecv's fast path, the one way through the kernel
 * that does not go round the scheduler loop. Read it after the four files
 * of the trap path (docs/trap-path.md); it is what L4's and seL4's IPC fast
 * paths are, for one case.
 *
 * The case: a server and its client, each in sendrecv (kernel/syscall.c)
 * in turn. The task here, t, sends a word on `out` (ebx) and will wait for
 * the answer on `in` (edx); on out's channel the other side, r, already
 * waits in sendrecv's receive half. Then the whole call is a few moves:
 * the word into r's saved ecx and SENDRECV_WORD into its eax; r into t's
 * place in the ready ring; t onto in's queue, parked in sendrecv's receive
 * half; and, the hand moved on, the next ready task resumed. That is what
 * the loop would do too (sys_sendrecv: chan_send hands the word to r and
 * makes it ready, chan_recv parks t, sched_next), but the loop's way costs
 * twice as much: the loop, the dispatch, the calls, and the general tests
 * of each step.
 *
 * Anything else, the slightest doubt included, takes the ordinary way: the
 * frame is complete, nothing has been changed, and back_to_scheduler
 * (kernel/trapentry.S) hands it to the loop as the system call it is. So
 * `int $0x81` makes any call, as `int $0x80` does; the runtime's
 * sendrecv_fast goes through it (user/lib/coop.h), for a client and its
 * server. Everything else keeps to 0x80, whose entry has no test to pay
 * for this, and a pipeline's stages too: a call the fast path does not
 * take pays for its tests (docs/performance.md). With the recorder on
 * (trace=1), the IDT points 0x81 at 0x80's entry instead (kernel/idt.c),
 * so that the traced loop sees every call.
 *
 * The tests below are sys_sendrecv's for its hand-over, one for one, and
 * so are the moves: the two must agree, and tests/boot/t_sendrecv_fast.c
 * makes every call of tests/boot/t_sendrecv.c through this gate. One of
 * the tests can never fail today (out's channel empty when a receiver
 * waits on it), as in C: it costs two instructions and keeps the fast
 * path right should chan.c ever leave a channel otherwise.
 *
 * Interrupts are off throughout (an interrupt gate), and nothing is pushed
 * after pushal: %esp stays on the task's frame, inside its record, and the
 * one kernel stack is not touched. */
#include "kernel/fastpath.h"
#include "kernel/mmu.h"
#include "kernel/trap.h"

/* On to the loop unless the channel at \ch has no message in it and
 * nobody polls it. Uses %eax. */
.macro EMPTY_UNPOLLED ch
    cmpw $0, CHAN_COUNT(\ch)
    jne fastpath_slow
    leal CHAN_POLLERS(\ch), %eax
    cmpl %eax, CHAN_POLLERS + LIST_NEXT(\ch)
    jne fastpath_slow
.endm

    .text
    .globl vector_fastcall
vector_fastcall:
    /* The frame, as vector128 builds it; %ebp holds the selector, since
     * %eax (the call's number) is still to be looked at. */
    pushl $0
    pushl $T_SYSCALL
    pushal
fastpath_try: /* for gdb: from here on, %ebp is the fast path's, the task's is in the frame */
    movl $SEG_UDATA, %ebp
    movl %ebp, %ds
    movl %ebp, %es
    movl %ebp, %fs
    movl %ebp, %gs

    /* sendrecv(out = ebx, word = ecx, in = edx), both halves, both handles
     * in the table (as unsigned numbers, SENDRECV_NONE is past its end), a
     * send end and a receive end: sys_sendrecv's first tests. */
    cmpl $FP_SYS_SENDRECV, %eax
    jne fastpath_slow
    cmpl $FP_HANDLE_MAX, %ebx
    jae fastpath_slow
    cmpl $FP_HANDLE_MAX, %edx
    jae fastpath_slow
    movl TASK_PROC(%esp), %esi          /* %esi: t's process */
    movl PROC_HANDLES(%esi), %eax       /* its handles */
    cmpl $FP_HANDLE_SEND, HANDLE_KIND(%eax,%ebx,1 << HANDLE_SHIFT)
    jne fastpath_slow
    cmpl $FP_HANDLE_RECV, HANDLE_KIND(%eax,%edx,1 << HANDLE_SHIFT)
    jne fastpath_slow
    movl HANDLE_OBJ(%eax,%ebx,1 << HANDLE_SHIFT), %edi /* %edi: out's channel */
    movl HANDLE_OBJ(%eax,%edx,1 << HANDLE_SHIFT), %edx /* %edx: in's channel */

    /* out's channel: the first task on its queue, r, waits in sendrecv's
     * receive half, and the channel is empty, and nobody polls it
     * (chan_word_receiver, kernel/chan.h). */
    leal CHAN_RECVQ(%edi), %ebx         /* %ebx: the queue */
    movl LIST_NEXT(%ebx), %ebp          /* %ebp: its first, &r->link */
    cmpl %ebx, %ebp
    je fastpath_slow
    cmpl $FP_WAIT_CHAN_RECVW, TASK_BLOCKED_KIND - TASK_LINK(%ebp)
    jne fastpath_slow
    EMPTY_UNPOLLED %edi

    /* in's channel: a receive would park, and do nothing else: nothing in
     * it, nobody polling, a send end still open (chan_word_would_park). */
    EMPTY_UNPOLLED %edx
    cmpl $0, CHAN_SENDERS(%edx)
    je fastpath_slow

    /* Sure now. The word into r's frame, where its sendrecv returns with
     * it; t parked in the receive half on in's channel. */
    movl %ecx, TASK_TF_ECX - TASK_LINK(%ebp)
    movl $FP_SENDRECV_WORD, TF_EAX - TASK_LINK(%ebp)
    movl $FP_WAIT_NONE, TASK_BLOCKED_KIND - TASK_LINK(%ebp)
    movl $FP_WAIT_CHAN_RECVW, TASK_BLOCKED_KIND(%esp)
    movl %edx, TASK_BLOCKED_OBJ(%esp)
    movl $FP_TASK_BLOCKED, TASK_STATE(%esp)

    /* r off out's queue, where it is the first (list_unlink). */
    movl LIST_NEXT(%ebp), %eax
    movl %eax, LIST_NEXT(%ebx)
    movl %ebx, LIST_PREV(%eax)

    /* r into t's place in the ready ring (sched_ready_ring's hand is on t),
     * and the hand on to the task after it, which runs next: r is at the
     * back (ring_replace; sched_park_switch does the same in C). Alone in
     * the ring, t leaves r alone in it, and r is next. */
    leal TASK_LINK(%esp), %ebx          /* %ebx: &t->link */
    movl LIST_NEXT(%ebx), %eax          /* %eax: the next task's link */
    cmpl %ebx, %eax
    jne fastpath_behind
    movl %ebp, LIST_NEXT(%ebp)
    movl %ebp, LIST_PREV(%ebp)
    movl %ebp, %eax
fastpath_hand:
    movl %eax, sched_ready_ring

    /* t onto the back of in's queue (list_push_back). */
    leal CHAN_RECVQ(%edx), %ecx
    movl LIST_PREV(%ecx), %edi
    movl %ecx, LIST_NEXT(%ebx)
    movl %edi, LIST_PREV(%ebx)
    movl %ebx, LIST_NEXT(%edi)
    movl %ebx, LIST_PREV(%ecx)

    /* Resume the next task, as the loop would (sched_next, sched_switch_to,
     * task_enter): running, in its own address space (unless it is t's),
     * its next trap landing in its own frame, a fresh time slice. */
    leal -TASK_LINK(%eax), %esp
    movl $FP_TASK_RUNNING, TASK_STATE(%esp)
    cmpl %esi, TASK_PROC(%esp)
    jne fastpath_other_space
fastpath_resume:
    leal TF_SIZE(%esp), %eax
    movl %eax, tss + TSS_ESP0
    movl $0, sched_slice_ticks
    popal
    addl $8, %esp                       /* drop trapno and err */
    iret

    /* Others are ready: r in t's place, behind them. */
fastpath_behind:
    movl LIST_PREV(%ebx), %ecx
    movl %eax, LIST_NEXT(%ebp)
    movl %ecx, LIST_PREV(%ebp)
    movl %ebp, LIST_NEXT(%ecx)
    movl %ebp, LIST_PREV(%eax)
    movl $FP_TASK_READY, TASK_STATE - TASK_LINK(%ebp)
    jmp fastpath_hand

    /* vm_switch: another program's task. */
fastpath_other_space:
    movl TASK_PROC(%esp), %eax
    movl PROC_PGDIR(%eax), %eax
    movl %eax, vm_current_pgdir
    movl %eax, %cr3
    jmp fastpath_resume

    /* The ordinary way, with the frame as vector128 leaves it. */
fastpath_slow:
    cld
    jmp back_to_scheduler
