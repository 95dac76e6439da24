/* tests/boot/t_faults.c: every kind of CPU exception a task can cause ends
 * that task alone, with STATUS_FAULT(vector); the main task and a bystander
 * go on. Each fault runs in a task of its own. The kernel prints a line about
 * each fault on the console: that is expected. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"
#include "lib/exception.h"

#define KERNEL_ADDR   0x00100000u /* the kernel's code: present, but not for users */
#define HEAP_HOLE     0x70000000u /* in the heap's range, far above the break */
#define RECURSE_LIMIT 1000000     /* deeper than any 64 KiB stack: never reached */

/* Each fault, written so that the compiler cannot see through it. */
static int read_null(void *arg)
{
    (void)arg;
    return *(volatile int *)NULL;
}

static int write_null(void *arg)
{
    (void)arg;
    int *volatile p = NULL;
    *p = 1;
    return 0;
}

static int write_text(void *arg)
{
    (void)arg;
    *(volatile char *)(uintptr_t)write_text = 0; /* the code's pages are read-only */
    return 0;
}

static int read_kernel(void *arg)
{
    (void)arg;
    return *(volatile int *)KERNEL_ADDR;
}

static int read_heap_hole(void *arg)
{
    (void)arg;
    return *(volatile int *)HEAP_HOLE;
}

static int call_null(void *arg)
{
    (void)arg;
    void (*volatile fn)(void) = NULL;
    fn();
    return 0;
}

static int divide_error(void *arg)
{
    (void)arg;
    volatile int dividend = 1, divisor = 0;
    return dividend / divisor;
}

static int invalid_opcode(void *arg)
{
    (void)arg;
    __asm__ volatile("ud2");
    return 0;
}

static int do_cli(void *arg)
{
    (void)arg;
    __asm__ volatile("cli");
    return 0;
}

static int do_hlt(void *arg)
{
    (void)arg;
    __asm__ volatile("hlt");
    return 0;
}

static int do_in(void *arg)
{
    (void)arg;
    unsigned char v;
    __asm__ volatile("inb $0x60, %0" : "=a"(v)); /* the keyboard controller */
    return v;
}

static int do_out(void *arg)
{
    (void)arg;
    __asm__ volatile("outb %0, $0x80" : : "a"((unsigned char)0)); /* a harmless port */
    return 0;
}

static int do_int3(void *arg)
{
    (void)arg;
    __asm__ volatile("int $3");
    return 0;
}

static int do_int_timer(void *arg)
{
    (void)arg;
    __asm__ volatile("int $0x20"); /* the timer's vector: not for users */
    return 0;
}

static int do_int_unused(void *arg)
{
    (void)arg;
    __asm__ volatile("int $0x82"); /* next to the two system-call gates: no gate */
    return 0;
}

static int use_fpu(void *arg)
{
    (void)arg;
    __asm__ volatile("fld1"); /* x87: CR0.EM is set, coop saves no FPU state */
    return 0;
}

static int use_sse(void *arg)
{
    (void)arg;
    __asm__ volatile("xorps %xmm0, %xmm0"); /* SSE with CR0.EM set: invalid opcode */
    return 0;
}

/* Each call keeps a 256-byte frame alive until the stack runs into its
 * guard page. */
static int recurse(int depth)
{
    volatile char frame[256];
    frame[0] = (char)depth;
    if (depth > RECURSE_LIMIT)
        return 0;
    int r = recurse(depth + 1);
    frame[1] = (char)r;
    return r + frame[0];
}

static int stack_overflow(void *arg)
{
    (void)arg;
    return recurse(0);
}

/* A frame bigger than the whole 64 KiB stack slot, written from its far end:
 * without stack probes (-fstack-clash-protection, Makefile) the first write
 * would land past the guard page, in the next task's stack. */
static int big_frame(void *arg)
{
    (void)arg;
    volatile char big[70000];
    for (int i = 0; i < 8192; i++)
        big[i] = (char)0xAA;
    return big[0];
}

static volatile int bystander_rounds, stop_bystander;

static int bystander(void *arg)
{
    (void)arg;
    while (!stop_bystander) {
        bystander_rounds++;
        yield();
    }
    return 0;
}

struct fault {
    const char *what;
    int (*fn)(void *);
    int vector;
};

static const struct fault faults[] = {
    {"read from NULL", read_null, T_PGFLT},
    {"write to NULL", write_null, T_PGFLT},
    {"write to the program's read-only code", write_text, T_PGFLT},
    {"read from the kernel (0x00100000)", read_kernel, T_PGFLT},
    {"read from an unmapped heap address", read_heap_hole, T_PGFLT},
    {"call through a NULL function pointer", call_null, T_PGFLT},
    {"divide by zero", divide_error, T_DIVIDE},
    {"ud2 (invalid opcode)", invalid_opcode, T_ILLOP},
    {"cli (privileged)", do_cli, T_GPFLT},
    {"hlt (privileged)", do_hlt, T_GPFLT},
    {"in (no I/O permission)", do_in, T_GPFLT},
    {"out (no I/O permission)", do_out, T_GPFLT},
    {"int $3 (a kernel-only gate)", do_int3, T_GPFLT},
    {"int $0x20 (an IRQ's gate)", do_int_timer, T_GPFLT},
    {"int $0x82 (no gate)", do_int_unused, T_GPFLT},
    {"an x87 FPU instruction", use_fpu, T_DEVICE},
    {"an SSE instruction", use_sse, T_ILLOP},
    {"stack overflow into the guard page", stack_overflow, T_PGFLT},
    {"a frame bigger than the stack, jumping the guard page", big_frame, T_PGFLT},
};

#define FAULTS (int)(sizeof faults / sizeof faults[0])

int main(void)
{
    tap_plan(FAULTS + 3);
    int helper = spawn(bystander, NULL);

    for (int i = 0; i < FAULTS; i++) {
        int tid = spawn(faults[i].fn, NULL);
        int status = -1;
        wait(tid, &status);
        char how[64];
        status_format(how, sizeof how, status);
        tap_is(status, STATUS_FAULT(faults[i].vector), "%s: %s", faults[i].what, how);
    }

    int rounds = bystander_rounds;
    stop_bystander = 1;
    int status = -1;
    wait(helper, &status);
    tap_ok(rounds >= FAULTS, "the bystander went on running (%d rounds)", rounds);
    tap_is(status, STATUS_EXIT(0), "and ended normally");
    tap_ok(WIFFAULTED(STATUS_FAULT(T_PGFLT)) && WFAULTVEC(STATUS_FAULT(T_PGFLT)) == T_PGFLT,
           "WIFFAULTED and WFAULTVEC read a fault status back");
    return tap_done();
}
