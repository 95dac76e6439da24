/* user/bench.c: coop's benchmarks, run by `make bench` as init under
 * `qemu -icount shift=0,sleep=off`, where the guest's rdtsc counts guest
 * instructions. Every number is instructions per operation, loop overhead
 * subtracted, and is the same on every run.
 *
 *     bench              every benchmark, and the table (make bench)
 *     bench NAME...      only those (the names are in `benchmarks` below)
 *     bench wallclock    a few of them timed with uptime() instead: for a
 *                        QEMU without -icount (scripts/bench runs it too)
 *     firmware=N         (with the others) N instructions ran before the
 *                        kernel's first: see bench_boot
 *
 * Loops whose cost we subtract are written in assembly so that we know their
 * exact instruction count; the measured window must never let the CPU idle
 * (under icount an idle CPU's clock jumps ahead), so while a task sleeps a
 * "filler" task spins on a loop of known length. */
#include "user/lib/coop.h"
#include "lib/syscalls.h"
#include <stdbool.h>

#define ROUNDS        20000 /* operations per measurement */
#define SPAWN_ROUNDS  2000
#define SPAWNV_ROUNDS 200
#define SLEEP_ROUNDS  200
#define LOOP_COST     3 /* mov $nr,%eax ; (int $0x80) ; dec %ecx ; jnz: 3 besides the int */
#define FILLER_COST   4 /* mov $nr,%eax ; (int $0x80) ; inc ; cmpl $0,woke ; je */
#define MILLION       1000000u

static inline uint64_t rdtsc(void)
{
    uint64_t v;
    __asm__ volatile("rdtsc" : "=A"(v));
    return v;
}

/* n system calls `nr` in a tight loop: 1 int + LOOP_COST instructions each. */
static void syscall_loop(int nr, unsigned n)
{
    __asm__ volatile("1: movl %1, %%eax\n\t"
                     "int $0x80\n\t"
                     "decl %%ecx\n\t"
                     "jnz 1b"
                     : "+c"(n)
                     : "r"(nr)
                     : "eax", "memory");
}

/* The same with three arguments (%ebx, %ecx, %edx), counting in %edi: also
 * LOOP_COST instructions besides the int. */
static void syscall3_loop(int nr, uint32_t a1, uint32_t a2, uint32_t a3, unsigned n)
{
    __asm__ volatile("1: movl %1, %%eax\n\t"
                     "int $0x80\n\t"
                     "decl %%edi\n\t"
                     "jnz 1b"
                     : "+D"(n)
                     : "r"(nr), "b"(a1), "c"(a2), "d"(a3)
                     : "eax", "memory");
}

/* Stop the benchmarks: something they need failed, so no number would mean
 * anything. */
static noreturn void fail(const char *what, int err)
{
    printf("bench: %s: %s\n", what, strerror(err));
    exit(1);
}

/* ------------------------------------------------------------ the table */

enum bound { NO_TARGET, AT_MOST, AT_LEAST };

struct result {
    const char *name;
    uint64_t value;
    enum bound bound;
    uint64_t target;
};

static struct result results[48];
static int nresults;

/* A result whose target, if any, is an upper bound. */
static void record(const char *name, uint64_t value, uint64_t target)
{
    results[nresults++] = (struct result){name, value, target ? AT_MOST : NO_TARGET, target};
}

/* A result that should be at least `target` (a rate: more is better). */
static void record_at_least(const char *name, uint64_t value, uint64_t target)
{
    results[nresults++] = (struct result){name, value, AT_LEAST, target};
}

static bool missed(const struct result *r)
{
    return (r->bound == AT_MOST && r->value > r->target) ||
           (r->bound == AT_LEAST && r->value < r->target);
}

static void print_table(void)
{
    printf("%-56s %12s %11s\n", "operation", "instructions", "target");
    for (int i = 0; i < nresults; i++) {
        struct result *r = &results[i];
        char target[24] = "-";
        if (r->bound != NO_TARGET)
            snprintf(target, sizeof target, "%s %u",
                     r->bound == AT_MOST ? "<=" : ">=", (unsigned)r->target);
        printf("%-56s %12u %11s%s\n", r->name, (unsigned)r->value, target,
               missed(r) ? "  MISSED" : "");
    }
}

/* ------------------------------------------------------------ boot */

/* rdtsc at the start of main: under icount, every instruction the CPU has
 * run since QEMU started it, the firmware's (SeaBIOS and QEMU's multiboot
 * loader) included. scripts/bench counts those with a kernel of its own,
 * scripts/firmware-probe.S, and passes the count as `firmware=N`: the rest
 * is coop's own boot, from its first instruction to init's main. */
#define FIRMWARE_ARG "firmware="

static uint64_t boot_instructions;
static uint64_t firmware_instructions; /* 0: not told */

static void bench_boot(void)
{
    if (!firmware_instructions || firmware_instructions > boot_instructions) {
        record("boot to init's main, firmware included", boot_instructions, 0);
        return;
    }
    record("boot: firmware, to coop's first instruction", firmware_instructions, 0);
    record("boot: coop's first instruction to init's main",
           boot_instructions - firmware_instructions, 2000000);
}

/* ------------------------------------------------------------ gettid */

static uint64_t gettid_cost(void)
{
    uint64_t t0 = rdtsc();
    syscall_loop(SYS_gettid, ROUNDS);
    uint64_t t1 = rdtsc();
    return (t1 - t0 - (uint64_t)LOOP_COST * ROUNDS) / ROUNDS;
}

static void bench_gettid(void)
{
    record("gettid round trip", gettid_cost(), 40);
}

/* ------------------------------------------------------------ yield */

static int yielder(void *arg)
{
    syscall_loop(SYS_yield, (unsigned)(uintptr_t)arg);
    return 0;
}

/* A and B yield to each other `rounds` times; the time A measures holds one
 * round trip (A -> B -> A) per round, and both tasks' loop overhead. */
static uint64_t yield_pair_cost(void)
{
    int b = spawn(yielder, (void *)(uintptr_t)(ROUNDS + 1));
    yield(); /* let B start, so both are in their loops */
    uint64_t t0 = rdtsc();
    syscall_loop(SYS_yield, ROUNDS);
    uint64_t t1 = rdtsc();
    wait(b, NULL);
    return (t1 - t0 - 2ull * LOOP_COST * ROUNDS) / ROUNDS;
}

static void bench_yield(void)
{
    record("yield round trip, 2 tasks (A->B->A)", yield_pair_cost(), 100);
}

/* ------------------------------------------- yield with many tasks alive */

#define MAX_BYSTANDERS 10000

/* A task that stays alive, asleep in the sleepers heap, until killed. */
static int bystander(void *arg)
{
    (void)arg;
    sleep(1000000);
    return 0;
}

static int bystander_tids[MAX_BYSTANDERS];
static int bystanders;

static void bystanders_grow(int total)
{
    while (bystanders < total) {
        int tid = spawn(bystander, NULL);
        if (tid < 0) {
            printf("bench: cannot spawn task %d: %s\n", bystanders, strerror(-tid));
            exit(1);
        }
        bystander_tids[bystanders++] = tid;
    }
    yield(); /* run them all once, so that they are asleep */
}

static void bystanders_end(void)
{
    for (int i = 0; i < bystanders; i++) {
        kill(bystander_tids[i]);
        wait(bystander_tids[i], NULL);
    }
    bystanders = 0;
}

/* ------------------------------------------------------- spawn+exit+wait */

static int returns_zero(void *arg)
{
    (void)arg;
    return 0;
}

static void bench_spawn(void)
{
    uint64_t t0 = rdtsc();
    for (int i = 0; i < SPAWN_ROUNDS; i++)
        wait(spawn(returns_zero, NULL), NULL);
    uint64_t t1 = rdtsc();
    record("spawn + exit + wait", (t1 - t0) / SPAWN_ROUNDS, 1500);
}

/* ------------------------------------------------ spawnv+exit+wait */

/* Two copies of the smallest program (tests/progs/), named so that tar's
 * alphabetical order puts one first among the initrd's programs and the
 * other last: what starting a program costs should not depend on where it
 * is in the initrd. */
#define FIRST_PROGRAM "aaa_tiny"
#define LAST_PROGRAM  "zzz_tiny"

/* Start program `path` (main returns 0), and wait for it, SPAWNV_ROUNDS
 * times: instructions per round, from the spawnv to wait's return. */
static uint64_t spawnv_cost(const char *path)
{
    uint64_t t0 = rdtsc();
    for (int i = 0; i < SPAWNV_ROUNDS; i++) {
        int tid = spawnv(path, NULL);
        if (tid < 0)
            fail(path, tid);
        wait(tid, NULL);
    }
    uint64_t t1 = rdtsc();
    return (t1 - t0) / SPAWNV_ROUNDS;
}

static void bench_spawnv(void)
{
    record("spawnv + exit + wait, first in the initrd (" FIRST_PROGRAM ")",
           spawnv_cost(FIRST_PROGRAM), 12000);
    record("spawnv + exit + wait, last in the initrd (" LAST_PROGRAM ")", spawnv_cost(LAST_PROGRAM),
           12000);
}

/* ------------------------------------------------------------ sleep */

static volatile int woke;
static volatile uint32_t spins;

/* Yield until `woke` is set, counting: under sched=coop a filler that never
 * gave up the CPU would keep the woken sleeper from ever running. One spin is
 * a yield plus FILLER_COST instructions. */
static int filler(void *arg)
{
    (void)arg;
    uint32_t n = 0;
    __asm__ volatile("1: movl %2, %%eax\n\t"
                     "int $0x80\n\t"
                     "incl %0\n\t"
                     "cmpl $0, %1\n\t"
                     "je 1b"
                     : "+r"(n)
                     : "m"(woke), "i"(SYS_yield)
                     : "eax", "memory");
    spins = n;
    return 0;
}

/* sleep(1) until the timer wakes us, while a filler task keeps the CPU busy
 * (an idle CPU's clock would jump ahead under icount). `self_yield` is the
 * cost, in instructions times ROUNDS, of a yield with nobody else ready: what
 * each of the filler's spins costs besides FILLER_COST. The window includes
 * the timer interrupts until the wake-up. */
static uint64_t sleep_cost(void)
{
    uint64_t t0 = rdtsc();
    syscall_loop(SYS_yield, ROUNDS);
    uint64_t self_yield = rdtsc() - t0 - (uint64_t)LOOP_COST * ROUNDS;

    uint64_t total = 0;
    for (int r = 0; r < SLEEP_ROUNDS; r++) {
        woke = 0;
        int f = spawn(filler, NULL);
        yield(); /* the filler starts spinning */
        t0 = rdtsc();
        sleep(1);
        uint64_t t1 = rdtsc();
        woke = 1;
        wait(f, NULL); /* the filler sees it and ends */
        uint64_t filler_work = spins * (self_yield + (uint64_t)FILLER_COST * ROUNDS) / ROUNDS;
        total += t1 - t0 - filler_work;
    }
    return total / SLEEP_ROUNDS;
}

/* The yield round trip while many other tasks are alive (asleep), and sleep
 * with many sleepers: neither should grow much with their number. */
static void bench_tasks(void)
{
    bystanders_grow(8);
    record("yield round trip, 10 tasks alive", yield_pair_cost(), 100);
    record("sleep(1) + wake, 10 sleepers", sleep_cost(), 0);
    bystanders_grow(998);
    record("yield round trip, 1,000 tasks alive", yield_pair_cost(), 100);
    bystanders_grow(9998);
    record("yield round trip, 10,000 tasks alive", yield_pair_cost(), 100);
    record("sleep(1) + wake, 10,000 sleepers", sleep_cost(), 0);
    bystanders_end();
}

/* ------------------------------------------------------- calibration */

#define CALIBRATION_ROUNDS 10000
#define CALIBRATION_COST   4 /* nop ; nop ; dec %ecx ; jnz */
#define CALIBRATION_TRIES  5

/* Guest instructions, by rdtsc, in CALIBRATION_ROUNDS rounds of a loop of
 * CALIBRATION_COST instructions: the same window measured with the loop
 * and without it (in assembly, so that both hold exactly the same other
 * instructions), subtracted. The best of a few tries: a timer interrupt may
 * land in one. Exactly CALIBRATION_ROUNDS * CALIBRATION_COST when rdtsc
 * counts guest instructions. */
static uint64_t calibrate(void)
{
    uint32_t best = ~0u;
    for (int i = 0; i < CALIBRATION_TRIES; i++) {
        uint32_t with, without, spare;
        __asm__ volatile("rdtsc\n\t"
                         "movl %%eax, %%esi\n\t"
                         "movl %2, %%ecx\n"
                         "1:\tnop\n\t"
                         "nop\n\t"
                         "decl %%ecx\n\t"
                         "jnz 1b\n\t"
                         "rdtsc\n\t"
                         "subl %%esi, %%eax"
                         : "=a"(with), "=c"(spare)
                         : "i"(CALIBRATION_ROUNDS)
                         : "edx", "esi");
        __asm__ volatile("rdtsc\n\t"
                         "movl %%eax, %%esi\n\t"
                         "movl %1, %%ecx\n\t"
                         "rdtsc\n\t"
                         "subl %%esi, %%eax"
                         : "=a"(without)
                         : "i"(CALIBRATION_ROUNDS)
                         : "ecx", "edx", "esi");
        if (with - without < best)
            best = with - without;
    }
    return best;
}

/* ------------------------------------------------------ channel ping-pong */

/* Two channels of one word each way: the pinger sends on ping and receives
 * on pong; the ponger, a task of this program or another program, does the
 * opposite. Both are capacity 1, so a round trip is: A sends (the word
 * waits in ping), A parks in recv on pong, B runs, takes the word, sends
 * it back (completing A's recv), and parks in recv on ping. */
struct pingpong {
    int ping[2], pong[2];
};

static void pingpong_open(struct pingpong *p)
{
    int err = chan(1, p->ping);
    if (err == 0)
        err = chan(1, p->pong);
    if (err < 0)
        fail("chan", err);
}

/* The ponger's loop: send back every word, until end of stream. */
static void pong_loop(int recv_h, int send_h)
{
    int v;
    while (recv(recv_h, &v, sizeof v) > 0)
        send(send_h, &v, sizeof v);
}

static struct pingpong tasks_pp;

static int ponger(void *arg)
{
    (void)arg;
    pong_loop(tasks_pp.ping[CHAN_RECV_END], tasks_pp.pong[CHAN_SEND_END]);
    return 0;
}

/* `rounds` round trips, A's side: send a word on ping, receive it on pong. */
static void ping_rounds(const struct pingpong *p, unsigned rounds)
{
    int v;
    for (unsigned i = 0; i < rounds; i++) {
        send(p->ping[CHAN_SEND_END], &i, sizeof i);
        recv(p->pong[CHAN_RECV_END], &v, sizeof v);
    }
}

/* Instructions per round trip, the ponger in its loop already. */
static uint64_t pingpong_cost(const struct pingpong *p)
{
    ping_rounds(p, 1); /* the ponger is in its loop */
    uint64_t t0 = rdtsc();
    ping_rounds(p, ROUNDS);
    uint64_t t1 = rdtsc();
    return (t1 - t0) / ROUNDS;
}

/* The ponger a task of this program. Ends with it: closing the send end
 * of ping is its end of stream. */
static int pingpong_task_start(void)
{
    pingpong_open(&tasks_pp);
    return spawn(ponger, NULL);
}

static void pingpong_end(struct pingpong *p, int ponger_tid)
{
    close(p->ping[CHAN_SEND_END]);
    wait(ponger_tid, NULL);
    close(p->ping[CHAN_RECV_END]);
    close(p->pong[CHAN_SEND_END]);
    close(p->pong[CHAN_RECV_END]);
}

/* The ponger another program, tests/progs/bench_pong.c, handed the ends it
 * uses as its handles 0 and 1: every message crosses address spaces, and
 * the scheduler reloads CR3 each way. */
#define PONG_PROGRAM "bench_pong"

static struct pingpong programs_pp;

static int pingpong_program_start(void)
{
    pingpong_open(&programs_pp);
    struct spawn_opts opts = {
        .nhandles = 3,
        .handles = {programs_pp.ping[CHAN_RECV_END], programs_pp.pong[CHAN_SEND_END], FD_STDERR},
    };
    int tid = spawnvx(PONG_PROGRAM, NULL, &opts);
    if (tid < 0)
        fail(PONG_PROGRAM, tid);
    return tid;
}

static void bench_pingpong(void)
{
    int b = pingpong_task_start();
    record("channel ping-pong round trip, send + recv, 2 tasks", pingpong_cost(&tasks_pp), 0);
    pingpong_end(&tasks_pp, b);
}

/* The same ping-pong with one sendrecv each way: the pinger's is "send the
 * word on ping, wait for the answer on pong", the ponger's "answer on
 * pong, wait for the next on ping". Both loops are in assembly, as
 * syscall_loop is, and cost LOOP_COST besides their call; %ecx carries the
 * word out and back. Each side's calls go through `gate`: sendrecv's
 * (`int $0x80`) or sendrecv_fast's (`int $0x81`, its fast path). */
static bool sendrecv_gate_fast;

/* Both loops, through `gate`: a call, then `until` (two instructions, the
 * loop's end), with the count in %edi and the word in %ecx. */
#define SENDRECV_LOOP(gate, until)                                                                 \
    __asm__ volatile("1: movl %[nr], %%eax\n\t"                                                    \
                     "int $" gate "\n\t" until                                                     \
                     : "+D"(n), "+c"(word)                                                         \
                     : [nr] "i"(SYS_sendrecv), "b"(out), "d"(in)                                   \
                     : "eax", "memory")
#define PING_UNTIL "decl %%edi\n\tjnz 1b"        /* n calls */
#define PONG_UNTIL "testl %%eax, %%eax\n\tjg 1b" /* until end of stream (0) or an error */

static void sendrecv_loop(int out, int word, int in, unsigned n)
{
    if (sendrecv_gate_fast)
        SENDRECV_LOOP("0x81", PING_UNTIL);
    else
        SENDRECV_LOOP("0x80", PING_UNTIL);
}

/* The ponger: its first call only receives; then its loop answers each
 * word and waits for the next, until a call's receive half gets end of
 * stream or an error: `jg` instead of the pinger's `decl ; jnz`, so the
 * same LOOP_COST. */
static int sendrecv_ponger(void *arg)
{
    (void)arg;
    int word = 0, out = tasks_pp.pong[CHAN_SEND_END], in = tasks_pp.ping[CHAN_RECV_END];
    unsigned n = 0; /* the loop's count register, which the ponger's leaves alone */
    if (sendrecv(SENDRECV_NONE, 0, in, &word) <= 0)
        return 0;
    if (sendrecv_gate_fast)
        SENDRECV_LOOP("0x81", PONG_UNTIL);
    else
        SENDRECV_LOOP("0x80", PONG_UNTIL);
    return 0;
}

/* The sendrecv ping-pong's pinger, n round trips. */
static void sendrecv_rounds(unsigned n)
{
    sendrecv_loop(tasks_pp.ping[CHAN_SEND_END], 1, tasks_pp.pong[CHAN_RECV_END], n);
}

static int sendrecv_start(bool fast)
{
    sendrecv_gate_fast = fast;
    pingpong_open(&tasks_pp);
    int b = spawn(sendrecv_ponger, NULL);
    sendrecv_rounds(1); /* the ponger is in its loop */
    return b;
}

static uint64_t sendrecv_cost(bool fast)
{
    int b = sendrecv_start(fast);
    uint64_t t0 = rdtsc();
    sendrecv_rounds(ROUNDS);
    uint64_t t1 = rdtsc();
    pingpong_end(&tasks_pp, b);
    return (t1 - t0 - 2ull * LOOP_COST * ROUNDS) / ROUNDS;
}

static void bench_sendrecv(void)
{
    record("channel ping-pong round trip, one word, 2 tasks (sendrecv)", sendrecv_cost(false), 0);
    record("channel ping-pong round trip, one word, 2 tasks (sendrecv_fast)", sendrecv_cost(true),
           150);
}

static void bench_pingpong_programs(void)
{
    int b = pingpong_program_start();
    record("channel ping-pong round trip, one word, 2 programs", pingpong_cost(&programs_pp), 0);
    pingpong_end(&programs_pp, b);
}

/* ------------------------------------------------------------ pipeline */

/* PIPE_STAGES tasks in a row, joined by channels of the greatest capacity,
 * as a shell pipeline `a | b | ... | h` is: the first sends PIPE_MESSAGES
 * words, each of the others passes them on, and the last (this task)
 * receives them all. */
#define PIPE_STAGES   8
#define PIPE_MESSAGES 20000

static int pipes[PIPE_STAGES - 1][2]; /* pipes[i]: from stage i to stage i + 1 */

/* A way to run the pipeline: the first stage, a middle one (its number
 * the argument), and the last, which returns the words it got. */
struct pipe_way {
    int (*source)(void *);
    int (*stage)(void *);
    int (*sink)(void);
};

static int pipe_source(void *arg)
{
    (void)arg;
    for (int i = 0; i < PIPE_MESSAGES; i++)
        send(pipes[0][CHAN_SEND_END], &i, sizeof i);
    close(pipes[0][CHAN_SEND_END]); /* end of stream */
    return 0;
}

static int pipe_stage(void *arg)
{
    int stage = (int)(intptr_t)arg, v;
    while (recv(pipes[stage - 1][CHAN_RECV_END], &v, sizeof v) > 0)
        send(pipes[stage][CHAN_SEND_END], &v, sizeof v);
    close(pipes[stage][CHAN_SEND_END]);
    return 0;
}

static int pipe_sink(void)
{
    int v, got = 0;
    while (recv(pipes[PIPE_STAGES - 2][CHAN_RECV_END], &v, sizeof v) > 0)
        got++;
    return got;
}

static const struct pipe_way pipe_send_recv = {pipe_source, pipe_stage, pipe_sink};

/* The pipeline again, each stage one sendrecv a message: pass the last
 * word on, take the next; through sendrecv's gate or sendrecv_fast's.
 * Each piece is written once, for a `fast` that is a constant in each of
 * its two copies. */
static inline __attribute__((always_inline)) int pipe_call(bool fast, int out, int word, int in,
                                                           int *reply)
{
    return fast ? sendrecv_fast(out, word, in, reply) : sendrecv(out, word, in, reply);
}

static inline __attribute__((always_inline)) int pipe_source_of(bool fast)
{
    for (int i = 0; i < PIPE_MESSAGES; i++)
        pipe_call(fast, pipes[0][CHAN_SEND_END], i, SENDRECV_NONE, NULL);
    close(pipes[0][CHAN_SEND_END]);
    return 0;
}

static inline __attribute__((always_inline)) int pipe_stage_of(bool fast, int stage)
{
    int v = 0, in = pipes[stage - 1][CHAN_RECV_END], out = pipes[stage][CHAN_SEND_END];
    int got = pipe_call(fast, SENDRECV_NONE, 0, in, &v);
    while (got > 0)
        got = pipe_call(fast, out, v, in, &v);
    close(out);
    return 0;
}

static inline __attribute__((always_inline)) int pipe_sink_of(bool fast)
{
    int v, got = 0;
    while (pipe_call(fast, SENDRECV_NONE, 0, pipes[PIPE_STAGES - 2][CHAN_RECV_END], &v) > 0)
        got++;
    return got;
}

static int pipe_source_sendrecv(void *arg)
{
    (void)arg;
    return pipe_source_of(false);
}

static int pipe_stage_sendrecv(void *arg)
{
    return pipe_stage_of(false, (int)(intptr_t)arg);
}

static int pipe_sink_sendrecv(void)
{
    return pipe_sink_of(false);
}

static int pipe_source_fast(void *arg)
{
    (void)arg;
    return pipe_source_of(true);
}

static int pipe_stage_fast(void *arg)
{
    return pipe_stage_of(true, (int)(intptr_t)arg);
}

static int pipe_sink_fast(void)
{
    return pipe_sink_of(true);
}

static const struct pipe_way pipe_sendrecv = {pipe_source_sendrecv, pipe_stage_sendrecv,
                                              pipe_sink_sendrecv};
static const struct pipe_way pipe_sendrecv_fast = {pipe_source_fast, pipe_stage_fast,
                                                   pipe_sink_fast};

static uint64_t pipeline_rate(const struct pipe_way *way)
{
    for (int i = 0; i < PIPE_STAGES - 1; i++) {
        int err = chan(CHAN_CAPACITY_MAX, pipes[i]);
        if (err < 0)
            fail("chan", err);
    }
    int tids[PIPE_STAGES - 1];
    uint64_t t0 = rdtsc();
    tids[0] = spawn(way->source, NULL);
    for (int stage = 1; stage < PIPE_STAGES - 1; stage++)
        tids[stage] = spawn(way->stage, (void *)(intptr_t)stage);
    int got = way->sink();
    uint64_t t1 = rdtsc();
    if (got != PIPE_MESSAGES)
        printf("bench: the pipeline delivered %d messages of %d\n", got, PIPE_MESSAGES);
    for (int i = 0; i < PIPE_STAGES - 1; i++) {
        wait(tids[i], NULL);
        close(pipes[i][CHAN_RECV_END]);
    }
    return (uint64_t)got * MILLION / (t1 - t0);
}

static void bench_pipeline(void)
{
    record("8-stage pipeline, send + recv: messages per million instructions",
           pipeline_rate(&pipe_send_recv), 0);
    record_at_least("8-stage pipeline (sendrecv): messages per million instructions",
                    pipeline_rate(&pipe_sendrecv), 800);
    record("8-stage pipeline (sendrecv_fast): messages per million instructions",
           pipeline_rate(&pipe_sendrecv_fast), 0);
}

/* ------------------------------------------------------------ poll */

/* Polls of 1, POLL_MID and POLL_MAX requests. All but the last name the
 * receive ends of idle channels, which never have anything; the last is
 * the one that is ready. A program has HANDLE_MAX (512) handles, and
 * POLL_MAX channels would need them all (two each) and 0, 1 and 2 too, so
 * POLL_IDLE channels serve, each named twice in the biggest poll. */
#define POLL_MID  16
#define POLL_IDLE 128

static int idle[POLL_IDLE][2];
static struct pollreq reqs[POLL_MAX];

static void poll_idle_open(void)
{
    for (int i = 0; i < POLL_IDLE; i++) {
        int err = chan(1, idle[i]);
        if (err < 0)
            fail("chan", err);
    }
}

static void poll_idle_close(void)
{
    for (int i = 0; i < POLL_IDLE; i++)
        close(idle[i][CHAN_RECV_END]), close(idle[i][CHAN_SEND_END]);
}

/* n requests for POLL_IN: idle receive ends, then `last`. */
static void poll_reqs_fill(int n, int last)
{
    for (int i = 0; i < n - 1; i++)
        reqs[i] = (struct pollreq){.handle = idle[i % POLL_IDLE][CHAN_RECV_END], .events = POLL_IN};
    reqs[n - 1] = (struct pollreq){.handle = last, .events = POLL_IN};
}

/* A poll of n requests that finds the last one ready and returns at once. */
static uint64_t poll_ready_cost(int n)
{
    int ready[2], v = 0;
    int err = chan(1, ready);
    if (err < 0)
        fail("chan", err);
    send(ready[CHAN_SEND_END], &v, sizeof v); /* stays there: ready for ever */
    poll_reqs_fill(n, ready[CHAN_RECV_END]);
    uint64_t t0 = rdtsc();
    syscall3_loop(SYS_poll, (uint32_t)(uintptr_t)reqs, (uint32_t)n, 0, ROUNDS);
    uint64_t t1 = rdtsc();
    close(ready[CHAN_RECV_END]), close(ready[CHAN_SEND_END]);
    return (t1 - t0 - (uint64_t)LOOP_COST * ROUNDS) / ROUNDS;
}

/* The ping-pong again, but the ponger waits in a poll of n requests, the
 * last of them ping's receive end, before each recv: every round trip
 * parks it in poll (a node on each of n objects) and wakes it through one
 * (the other n - 1 nodes taken down too), and its poll runs again and
 * finds ping ready. */
static struct pingpong poll_pp;
static int poll_n;

static int poll_ponger(void *arg)
{
    (void)arg;
    int v;
    for (;;) {
        poll(reqs, poll_n, POLL_FOREVER);
        if (recv(poll_pp.ping[CHAN_RECV_END], &v, sizeof v) <= 0)
            return 0;
        send(poll_pp.pong[CHAN_SEND_END], &v, sizeof v);
    }
}

static uint64_t poll_wake_cost(int n)
{
    pingpong_open(&poll_pp);
    poll_n = n;
    poll_reqs_fill(n, poll_pp.ping[CHAN_RECV_END]);
    int b = spawn(poll_ponger, NULL);
    uint64_t cost = pingpong_cost(&poll_pp);
    pingpong_end(&poll_pp, b);
    return cost;
}

/* Per request, between the two biggest polls. */
static uint64_t per_request(uint64_t mid, uint64_t max)
{
    return (max - mid) / (POLL_MAX - POLL_MID);
}

static void bench_poll(void)
{
    poll_idle_open();
    uint64_t one = poll_ready_cost(1), mid = poll_ready_cost(POLL_MID);
    uint64_t max = poll_ready_cost(POLL_MAX);
    record("poll, 1 request, ready", one, 0);
    record("poll, 16 requests, the last ready", mid, 0);
    record("poll, 256 requests, the last ready", max, 0);
    record("  ... each request more (16 -> 256)", per_request(mid, max), 0);
    one = poll_wake_cost(1), mid = poll_wake_cost(POLL_MID), max = poll_wake_cost(POLL_MAX);
    record("ping-pong, the ponger in poll of 1 request", one, 0);
    record("ping-pong, the ponger in poll of 16 requests", mid, 0);
    record("ping-pong, the ponger in poll of 256 requests", max, 0);
    record("  ... each request more (16 -> 256)", per_request(mid, max), 0);
    poll_idle_close();
}

/* ------------------------------------------------------ kernel memory */

static void bench_task_bytes(void)
{
    struct sysinfo info;
    sysinfo(&info);
    record("kernel bytes per task", info.task_bytes, 256);
}

/* --------------------------------------------------------- wall-clock */

/* Without -icount rdtsc is the host's clock, and an instruction is not an
 * instruction: reloading CR3 counts as one under icount, but makes QEMU
 * flush its whole software TLB, and every memory access after it misses
 * until the TLB is filled again. So the ping-pong between two programs is
 * also timed with uptime(), over WALL_MS milliseconds: nanoseconds of this
 * machine, different on every machine and every run, and checked against
 * no target. */
#define WALL_MS    1000
#define WALL_BATCH 1000 /* round trips between looks at the clock */
#define NS_PER_MS  1000000ull

/* Nanoseconds per operation, over WALL_MS milliseconds: `batch(n)` does n
 * operations. The clock is read between batches, from the start of a tick. */
static uint64_t wall_ns(void (*batch)(unsigned n))
{
    unsigned start = uptime();
    while (uptime() == start)
        batch(1);
    start = uptime();
    uint64_t ops = 0;
    unsigned now;
    do {
        batch(WALL_BATCH);
        ops += WALL_BATCH;
    } while ((now = uptime()) - start < WALL_MS);
    return (uint64_t)(now - start) * NS_PER_MS / ops;
}

/* What wall_ns times: gettid (the cost of a trap alone), and round trips
 * of the ping-pongs. */
static void gettid_batch(unsigned n)
{
    syscall_loop(SYS_gettid, n);
}

static void tasks_batch(unsigned n)
{
    ping_rounds(&tasks_pp, n);
}

static void programs_batch(unsigned n)
{
    ping_rounds(&programs_pp, n);
}

static void wallclock(void)
{
    printf("coop benchmarks, wall-clock: nanoseconds of this machine (qemu without -icount)\n");
    printf("machine-dependent: different on every machine and run, checked against no target\n");
    uint64_t gettid_ns = wall_ns(gettid_batch);
    int b = pingpong_task_start();
    uint64_t tasks_ns = wall_ns(tasks_batch);
    pingpong_end(&tasks_pp, b);
    b = sendrecv_start(false);
    uint64_t sendrecv_ns = wall_ns(sendrecv_rounds);
    pingpong_end(&tasks_pp, b);
    b = sendrecv_start(true);
    uint64_t fast_ns = wall_ns(sendrecv_rounds);
    pingpong_end(&tasks_pp, b);
    b = pingpong_program_start();
    uint64_t programs_ns = wall_ns(programs_batch);
    pingpong_end(&programs_pp, b);
    printf("%-56s %12s\n", "operation", "ns");
    printf("%-56s %12u\n", "gettid round trip", (unsigned)gettid_ns);
    printf("%-56s %12u\n", "channel ping-pong round trip, 2 tasks", (unsigned)tasks_ns);
    printf("%-56s %12u\n", "channel ping-pong round trip, 2 tasks (sendrecv)",
           (unsigned)sendrecv_ns);
    printf("%-56s %12u\n", "channel ping-pong round trip, 2 tasks (sendrecv_fast)",
           (unsigned)fast_ns);
    printf("%-56s %12u\n", "channel ping-pong round trip, 2 programs (2 CR3 loads)",
           (unsigned)programs_ns);
}

/* ------------------------------------------------------------ main */

static const struct benchmark {
    const char *name; /* for `bench NAME` */
    void (*run)(void);
} benchmarks[] = {
    {"boot", bench_boot},         {"gettid", bench_gettid},
    {"yield", bench_yield},       {"spawn", bench_spawn},
    {"spawnv", bench_spawnv},     {"pingpong", bench_pingpong},
    {"sendrecv", bench_sendrecv}, {"pingpong-programs", bench_pingpong_programs},
    {"pipeline", bench_pipeline}, {"poll", bench_poll},
    {"tasks", bench_tasks},       {"task-bytes", bench_task_bytes},
};
#define NBENCHMARKS (int)(sizeof benchmarks / sizeof benchmarks[0])

/* Run the benchmark called `name`; false if there is none. */
static bool run_named(const char *name)
{
    for (int i = 0; i < NBENCHMARKS; i++) {
        if (strcmp(benchmarks[i].name, name) == 0) {
            benchmarks[i].run();
            return true;
        }
    }
    return false;
}

int main(int argc, char **argv)
{
    boot_instructions = rdtsc(); /* first: see bench_boot */
    if (argc > 1 && strcmp(argv[1], "wallclock") == 0) {
        wallclock();
        return 0;
    }
    printf("coop benchmarks: guest instructions per operation (qemu -icount shift=0)\n");
    uint64_t cal = calibrate();
    printf("calibration: %d rounds of a %d-instruction loop measure %u instructions\n",
           CALIBRATION_ROUNDS, CALIBRATION_COST, (unsigned)cal);
    if (cal != (uint64_t)CALIBRATION_ROUNDS * CALIBRATION_COST) {
        printf("bench: rdtsc does not count guest instructions here (is QEMU running with "
               "-icount shift=0?): no number below would mean anything\n");
        return 1;
    }

    int named = 0; /* benchmarks named on the command line */
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], FIRMWARE_ARG, sizeof FIRMWARE_ARG - 1) == 0)
            firmware_instructions = (uint64_t)atoi(argv[i] + sizeof FIRMWARE_ARG - 1);
        else
            named++;
    }
    if (named == 0) {
        for (int i = 0; i < NBENCHMARKS; i++)
            benchmarks[i].run();
    }
    for (int i = 1; i < argc; i++) {
        if (strncmp(argv[i], FIRMWARE_ARG, sizeof FIRMWARE_ARG - 1) == 0)
            continue;
        if (!run_named(argv[i])) {
            printf("bench: no benchmark '%s'; there are:", argv[i]);
            for (int j = 0; j < NBENCHMARKS; j++)
                printf(" %s", benchmarks[j].name);
            printf(" (and `bench wallclock`)\n");
            return 1;
        }
    }
    print_table();
    return 0;
}
