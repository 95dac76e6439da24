/* user/bench.c: coop's benchmarks, run by `make bench` as init under
 * `qemu -icount shift=0,sleep=off`, where the guest's rdtsc counts guest
 * instructions. Every number is instructions per operation, loop overhead
 * subtracted, and is the same on every run.
 *
 * Loops whose cost we subtract are written in assembly so that we know their
 * exact instruction count; the measured window must never let the CPU idle
 * (under icount an idle CPU's clock jumps ahead), so while a task sleeps a
 * "filler" task spins on a loop of known length. */
#include "user/lib/coop.h"
#include "lib/syscalls.h"

#define ROUNDS       20000 /* operations per measurement */
#define SPAWN_ROUNDS 2000
#define SLEEP_ROUNDS 200
#define LOOP_COST    3 /* mov $nr,%eax ; (int $0x80) ; dec %ecx ; jnz: 3 besides the int */
#define FILLER_COST  4 /* mov $nr,%eax ; (int $0x80) ; inc ; cmpl $0,woke ; je */

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

struct result {
    const char *name;
    uint64_t value;
    uint64_t target; /* an upper bound; 0: none */
};

static struct result results[32];
static int nresults;

static void record(const char *name, uint64_t value, uint64_t target)
{
    results[nresults++] = (struct result){name, value, target};
}

/* ------------------------------------------------------------ gettid */

static uint64_t bench_gettid(void)
{
    uint64_t t0 = rdtsc();
    syscall_loop(SYS_gettid, ROUNDS);
    uint64_t t1 = rdtsc();
    return (t1 - t0 - (uint64_t)LOOP_COST * ROUNDS) / ROUNDS;
}

/* ------------------------------------------------------------ yield */

static int yielder(void *arg)
{
    syscall_loop(SYS_yield, (unsigned)(uintptr_t)arg);
    return 0;
}

/* A and B yield to each other `rounds` times; the time A measures holds one
 * round trip (A -> B -> A) per round, and both tasks' loop overhead. */
static uint64_t bench_yield_pair(void)
{
    int b = spawn(yielder, (void *)(uintptr_t)(ROUNDS + 1));
    yield(); /* let B start, so both are in their loops */
    uint64_t t0 = rdtsc();
    syscall_loop(SYS_yield, ROUNDS);
    uint64_t t1 = rdtsc();
    wait(b, NULL);
    return (t1 - t0 - 2ull * LOOP_COST * ROUNDS) / ROUNDS;
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
}

/* ------------------------------------------------------- spawn+exit+wait */

static int returns_zero(void *arg)
{
    (void)arg;
    return 0;
}

static uint64_t bench_spawn(void)
{
    uint64_t t0 = rdtsc();
    for (int i = 0; i < SPAWN_ROUNDS; i++)
        wait(spawn(returns_zero, NULL), NULL);
    uint64_t t1 = rdtsc();
    return (t1 - t0) / SPAWN_ROUNDS;
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
static uint64_t bench_sleep(void)
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

static int ping[2], pong[2];

static int ponger(void *arg)
{
    int n = (int)(intptr_t)arg, v;
    for (int i = 0; i < n; i++) {
        recv(ping[CHAN_RECV_END], &v, sizeof v);
        send(pong[CHAN_SEND_END], &v, sizeof v);
    }
    return 0;
}

/* A sends a word to B, B sends it back: one round trip per round. */
static uint64_t bench_pingpong(void)
{
    chan(1, ping);
    chan(1, pong);
    int b = spawn(ponger, (void *)(intptr_t)(ROUNDS + 1));
    int v = 0;
    send(ping[CHAN_SEND_END], &v, sizeof v); /* B starts and is in its loop */
    recv(pong[CHAN_RECV_END], &v, sizeof v);
    uint64_t t0 = rdtsc();
    for (int i = 0; i < ROUNDS; i++) {
        send(ping[CHAN_SEND_END], &i, sizeof i);
        recv(pong[CHAN_RECV_END], &v, sizeof v);
    }
    uint64_t t1 = rdtsc();
    wait(b, NULL);
    for (int i = 0; i < 2; i++)
        close(ping[i]), close(pong[i]);
    return (t1 - t0) / ROUNDS;
}

static void print_table(void)
{
    printf("%-44s %12s %10s\n", "operation", "instructions", "target");
    for (int i = 0; i < nresults; i++) {
        struct result *r = &results[i];
        char target[24] = "-";
        if (r->target)
            snprintf(target, sizeof target, "<= %u", (unsigned)r->target);
        printf("%-44s %12u %10s%s\n", r->name, (unsigned)r->value, target,
               r->target && r->value > r->target ? "  MISSED" : "");
    }
}

int main(void)
{
    struct sysinfo info;
    sysinfo(&info);
    printf("coop benchmarks: guest instructions per operation (qemu -icount shift=0)\n");
    uint64_t cal = calibrate();
    printf("calibration: %d rounds of a %d-instruction loop measure %u instructions\n",
           CALIBRATION_ROUNDS, CALIBRATION_COST, (unsigned)cal);
    if (cal != (uint64_t)CALIBRATION_ROUNDS * CALIBRATION_COST) {
        printf("bench: rdtsc does not count guest instructions here (is QEMU running with "
               "-icount shift=0?): no number below would mean anything\n");
        return 1;
    }

    record("gettid round trip", bench_gettid(), 40);
    record("yield round trip, 2 tasks (A->B->A)", bench_yield_pair(), 100);
    record("spawn + exit + wait", bench_spawn(), 1500);
    record("channel ping-pong round trip, one word", bench_pingpong(), 150);

    bystanders_grow(8);
    record("yield round trip, 10 tasks alive", bench_yield_pair(), 100);
    record("sleep(1) + wake, 10 sleepers", bench_sleep(), 0);
    bystanders_grow(998);
    record("yield round trip, 1,000 tasks alive", bench_yield_pair(), 100);
    bystanders_grow(9998);
    record("yield round trip, 10,000 tasks alive", bench_yield_pair(), 100);
    record("sleep(1) + wake, 10,000 sleepers", bench_sleep(), 0);
    bystanders_end();

    record("kernel bytes per task", info.task_bytes, 256);
    print_table();
    return 0;
}
