/* kernel/options.h: the kernel command line (ARGS="..." in make), parsed once
 * at boot. docs/booting.md lists every option. */
#pragma once
#include <stdbool.h>
#include "kernel/config.h"

enum kfault {
    KFAULT_NONE,
    KFAULT_PAGE,   /* kfault=page: write through a NULL pointer in the kernel */
    KFAULT_ASSERT, /* kfault=assert: a failing ASSERT() */
    KFAULT_DIVIDE, /* kfault=divide: divide by zero in the kernel */
};

struct kernel_options {
    char init[PROGRAM_PATH_MAX]; /* init=NAME: the first program */
    const char *init_args;       /* everything after `--`: init's arguments */
    bool preempt;                /* sched=preempt (default sched=coop) */
    unsigned quantum_ms;         /* quantum=MS under sched=preempt */
    unsigned hz;                 /* hz=N: timer rate */
    bool test;                   /* test: running under the test harness */
    enum kfault kfault;          /* kfault=...: deliberate kernel fault */
    bool panic_halt;             /* panic=halt: stay halted after a panic */
    bool trace;                  /* trace: record the scheduler's events (kernel/trace.h) */
    unsigned first_tid;          /* firsttid=N: init's id (default 1), to try running out of ids */
};

extern struct kernel_options options;

/* options_parse: fill `options` from the command line, warning (not failing)
 * about unknown words and bad values, which keep their defaults. */
void options_parse(const char *cmdline);
