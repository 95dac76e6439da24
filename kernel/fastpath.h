/* kernel/fastpath.h: what kernel/fastpath.S, sendrecv's fast path, needs
 * to know of the kernel's C structures: the numbers of its vector and its
 * call, and byte offsets of the fields it reads and writes. Assembly has no
 * offsetof, so the numbers are written out here, and checked against the
 * structures below: a field that moves breaks the build, never the kernel. */
#pragma once

/* The fast gate: `int $0x81` (user/lib/coop.h: sendrecv_fast). Any call may be
 * made through it; sendrecv is the one it tries to finish in assembly. */
#define T_FASTCALL      0x81
#define FP_SYS_SENDRECV 22 /* SYS_sendrecv (lib/syscalls.h) */

/* struct list_node */
#define LIST_PREV 0
#define LIST_NEXT 4

/* struct task (kernel/task.h); its trap frame comes first */
#define TASK_TF_ECX       24
#define TASK_STATE        64
#define TASK_PROC         72
#define TASK_LINK         88
#define TASK_BLOCKED_KIND 148
#define TASK_BLOCKED_OBJ  152
/* enum task_state, enum task_wait */
#define FP_TASK_RUNNING    1
#define FP_TASK_READY      2
#define FP_TASK_BLOCKED    5
#define FP_WAIT_NONE       0
#define FP_WAIT_CHAN_RECVW 6

/* struct process (kernel/process.h) */
#define PROC_PGDIR   0
#define PROC_HANDLES 48

/* struct handle (kernel/handle.h): 8 bytes each, HANDLE_MAX of them */
#define HANDLE_SHIFT   3
#define HANDLE_KIND    0
#define HANDLE_OBJ     4
#define FP_HANDLE_MAX  512
#define FP_HANDLE_RECV 2
#define FP_HANDLE_SEND 3

/* struct channel (kernel/chan.h) */
#define CHAN_COUNT   8
#define CHAN_SENDERS 48
#define CHAN_RECVQ   64
#define CHAN_POLLERS 80

/* struct tss (kernel/gdt.h) */
#define TSS_ESP0 4

#define FP_SENDRECV_WORD 4 /* SENDRECV_WORD (lib/syscalls.h) */

#ifndef __ASSEMBLER__
#include "kernel/chan.h"
#include "kernel/gdt.h"
#include "kernel/handle.h"
#include "kernel/process.h"
#include "kernel/task.h"
#include "kernel/trap.h"
#include "lib/syscalls.h"
#include <stddef.h>

_Static_assert(T_SYSCALL == SYSCALL_VECTOR, "the gate lib/syscalls.h names");
_Static_assert(T_FASTCALL == FASTCALL_VECTOR, "the fast gate lib/syscalls.h names");
_Static_assert(FP_SYS_SENDRECV == SYS_sendrecv, "FP_SYS_SENDRECV");
_Static_assert(offsetof(struct list_node, prev) == LIST_PREV, "LIST_PREV");
_Static_assert(offsetof(struct list_node, next) == LIST_NEXT, "LIST_NEXT");
_Static_assert(offsetof(struct task, tf) == 0, "the trap frame comes first");
_Static_assert(offsetof(struct task, tf.ecx) == TASK_TF_ECX, "TASK_TF_ECX");
_Static_assert(offsetof(struct task, tf.eax) == TF_EAX, "TF_EAX");
_Static_assert(offsetof(struct task, state) == TASK_STATE, "TASK_STATE");
_Static_assert(sizeof(enum task_state) == 4, "a state is a word");
_Static_assert(offsetof(struct task, proc) == TASK_PROC, "TASK_PROC");
_Static_assert(offsetof(struct task, link) == TASK_LINK, "TASK_LINK");
_Static_assert(offsetof(struct task, blocked.kind) == TASK_BLOCKED_KIND, "TASK_BLOCKED_KIND");
_Static_assert(sizeof(enum task_wait) == 4, "a wait is a word");
_Static_assert(offsetof(struct task, blocked.obj) == TASK_BLOCKED_OBJ, "TASK_BLOCKED_OBJ");
_Static_assert(FP_TASK_RUNNING == TASK_RUNNING, "FP_TASK_RUNNING");
_Static_assert(FP_TASK_READY == TASK_READY, "FP_TASK_READY");
_Static_assert(FP_TASK_BLOCKED == TASK_BLOCKED, "FP_TASK_BLOCKED");
_Static_assert(FP_WAIT_NONE == WAIT_NONE, "FP_WAIT_NONE");
_Static_assert(FP_WAIT_CHAN_RECVW == WAIT_CHAN_RECVW, "FP_WAIT_CHAN_RECVW");
_Static_assert(offsetof(struct process, pgdir) == PROC_PGDIR, "PROC_PGDIR");
_Static_assert(offsetof(struct process, handles) == PROC_HANDLES, "PROC_HANDLES");
_Static_assert(sizeof(struct handle) == 1 << HANDLE_SHIFT, "HANDLE_SHIFT");
_Static_assert(offsetof(struct handle, kind) == HANDLE_KIND, "HANDLE_KIND");
_Static_assert(sizeof(enum handle_kind) == 4, "a kind is a word");
_Static_assert(offsetof(struct handle, obj) == HANDLE_OBJ, "HANDLE_OBJ");
_Static_assert(FP_HANDLE_MAX == HANDLE_MAX, "FP_HANDLE_MAX");
_Static_assert(FP_HANDLE_RECV == HANDLE_RECV, "FP_HANDLE_RECV");
_Static_assert(FP_HANDLE_SEND == HANDLE_SEND, "FP_HANDLE_SEND");
_Static_assert(offsetof(struct channel, count) == CHAN_COUNT, "CHAN_COUNT");
_Static_assert(sizeof(((struct channel *)0)->count) == 2, "a count is 16 bits");
_Static_assert(offsetof(struct channel, senders) == CHAN_SENDERS, "CHAN_SENDERS");
_Static_assert(offsetof(struct channel, recvq) == CHAN_RECVQ, "CHAN_RECVQ");
_Static_assert(offsetof(struct channel, pollers) == CHAN_POLLERS, "CHAN_POLLERS");
_Static_assert(offsetof(struct tss, esp0) == TSS_ESP0, "TSS_ESP0");
_Static_assert(FP_SENDRECV_WORD == SENDRECV_WORD, "FP_SENDRECV_WORD");
#endif
