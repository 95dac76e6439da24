/* kernel/config.h: coop's tunables and memory layout, in one place.
 * Included by C and assembly, so: only #defines here. */
#pragma once

/* ---- the kernel ---- */
#define KSTACK_SIZE 16384 /* the one kernel stack */
#define PAGE_SIZE   4096
#define PAGE_SHIFT  12

/* Physical memory is identity-mapped into every address space, for the kernel
 * only, from 0 up to KERNEL_LIMIT; the kernel ignores memory above that. */
#define KERNEL_LIMIT 0x40000000u /* 1 GiB */

/* ---- user address spaces ---- */
#define USER_BASE       0x40000000u /* programs are linked here */
#define USER_HEAP_LIMIT 0x80000000u /* program image + heap below this */
/* A program's image must end by here, so that its heap starts below
 * USER_HEAP_LIMIT: the break (sbrk's result, an int) stays a positive
 * address below 2 GiB. */
#define USER_IMAGE_LIMIT (USER_HEAP_LIMIT - PAGE_SIZE)
#define USER_STACKS      0x80000000u /* task stack slots from here ... */
#define USER_TOP         0xF0000000u /* ... up to here: the end of user space */
#define USTACK_SLOT      0x10000u    /* 64 KiB of address space per task stack */
#define USTACK_GUARD     PAGE_SIZE   /* lowest page of a slot: never mapped */
#define USTACK_SLOTS     ((USER_TOP - USER_STACKS) / USTACK_SLOT)

/* ---- tasks ---- */
#define MAX_TASKS        16384      /* power of two: kernel/task.c buckets ids by tid % MAX_TASKS */
#define TID_MAX          0x7FFFFFFF /* the last task id: ids are never given twice */
#define MAX_PROCESSES    256
#define TASK_NAME_LEN    16
#define PROGRAM_PATH_MAX 64

/* ---- time ---- */
#define TIMER_HZ_DEFAULT   1000 /* timer interrupts per second (hz=) */
#define QUANTUM_MS_DEFAULT 10   /* time slice under sched=preempt (quantum=) */
#define TIMER_HZ_MIN       19   /* the slowest rate whose PIT divisor fits 16 bits */
#define TIMER_HZ_MAX       10000

/* ---- the console ---- */
#define SERIAL_BAUD 115200
