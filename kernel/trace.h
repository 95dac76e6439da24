/* kernel/trace.h: the scheduler's flight recorder. With `trace` on the
 * kernel command line, the kernel records what the scheduler does (a task
 * ran, trapped with a system call, stopped and why, was woken, was spawned,
 * ended; interrupts; idling) with the time-stamp counter, into a buffer it
 * writes out at power-off through QEMU's debug console port. scripts/trace
 * turns that into a timeline (docs/tracing.md). Off, it costs nothing where
 * the benchmarks go: the scheduler loop has a traced copy of its own, which
 * does all the recording (kernel/sched.c); the other trace points are on
 * cold paths (idling, Ctrl-C, panics). */
#pragma once
#include <stdbool.h>
#include <stdint.h>

struct task;

enum trace_event {
    TRACE_RUN = 1, /* tid starts running; text: its program */
    TRACE_SYSCALL, /* tid trapped with system call a, and b more times since (see trace_event) */
    TRACE_IRQ,     /* interrupt a came, while tid ran (0: while idle), and b more times since */
    TRACE_FAULT,   /* tid caused CPU exception a */
    TRACE_STOP,    /* tid left the CPU, now in state a (enum task_state); text: what it waits on */
    TRACE_WAKE,    /* tid was made ready by task a (its system call or fault; 0: an interrupt) */
    TRACE_SPAWN,   /* tid was started by task a; text: its program */
    TRACE_END,     /* tid ended with status a (lib/status.h) */
    TRACE_IDLE,    /* the CPU idles (a = 1) or stops idling (a = 0) */
};

/* Room for the longest text: what a task waits on, as `ps` says it ("in poll
 * on 256 handles, with a timeout", "for task 16383 (" and a program name). */
#define TRACE_TEXT_LEN 40

/* One event, as it goes out: 64 bytes, little-endian, no padding. */
struct trace_record {
    uint64_t time; /* rdtsc: under QEMU -icount, guest instructions (nanoseconds) */
    uint32_t event;
    int32_t tid;
    int32_t a, b;
    char text[TRACE_TEXT_LEN];
};

_Static_assert(sizeof(struct trace_record) == 64, "docs/tracing.md says a record is 64 bytes");

/* Is the recorder on (the `trace` boot option)? Read by the checks below. */
extern bool trace_on;

/* The task the kernel is handling now (0: none, or an interrupt): the
 * waker of any task woken meanwhile. Set by the traced scheduler loop. */
extern int trace_current;

/* trace_event: record one event (only when trace_on). A system call or an
 * interrupt that repeats the event recorded last (the same task and call, or
 * the same interrupt, with nothing recorded in between: nobody stopped, woke,
 * was spawned or ended) adds one to that record's `b` instead of taking a
 * record of its own, so that a task spinning on uptime(), or a CPU idling
 * through timer ticks, does not fill the buffer in milliseconds. */
void trace_event(enum trace_event event, int tid, int a, int b, const char *text);

/* trace_dump: write every record out (QEMU's isa-debugcon at port 0xe9:
 * `-debugcon file:build/trace.bin`), with a header: "COOPTRC1", the number
 * of records, the number lost because the buffer was full, the record
 * size (32-bit little-endian words). */
void trace_dump(void);
