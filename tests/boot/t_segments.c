/* tests/boot/t_segments.c: a task may load what it likes into its data
 * segment registers (the null selector, the code segment), and neither the
 * kernel nor any other task suffers: every trap sets %ds, %es, %fs and %gs to
 * USER_DATA_SEG again (lib/syscalls.h), so the kernel's C code always has
 * usable segments and no task sees another's. So does the fast gate's
 * sendrecv (kernel/fastpath.S), which reads kernel memory before it knows
 * whether it goes the fast way, and hands the CPU straight to another task. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define USER_CODE_SEG 0x1b /* readable, but not writable: a write through it faults */

/* Load `sel` into all four data segment registers and make system call `nr`
 * with argument `arg`, all in one asm statement: with %ds null, no C code
 * could run in between. The four registers' values after the call come back
 * in segs[]. */
static int syscall_with_segments(unsigned sel, int nr, uint32_t arg, uint16_t segs[4])
{
    int r;
    uint32_t ds = sel, es, fs, gs;
    __asm__ volatile("push %%ds\n\t" /* only to undo it, should the kernel not have */
                     "mov %%ecx, %%ds\n\t"
                     "mov %%ecx, %%es\n\t"
                     "mov %%ecx, %%fs\n\t"
                     "mov %%ecx, %%gs\n\t"
                     "int $0x80\n\t"
                     "mov %%ds, %%ecx\n\t"
                     "mov %%es, %%edx\n\t"
                     "mov %%fs, %%esi\n\t"
                     "mov %%gs, %%edi\n\t"
                     "pop %%ds\n\t"
                     "push %%ds\n\t"
                     "pop %%es"
                     : "=a"(r), "+c"(ds), "=d"(es), "=S"(fs), "=D"(gs)
                     : "a"(nr), "b"(arg)
                     : "memory", "cc");
    segs[0] = (uint16_t)ds, segs[1] = (uint16_t)es, segs[2] = (uint16_t)fs, segs[3] = (uint16_t)gs;
    return r;
}

static int all_user_data(const uint16_t segs[4])
{
    return segs[0] == USER_DATA_SEG && segs[1] == USER_DATA_SEG && segs[2] == USER_DATA_SEG &&
           segs[3] == USER_DATA_SEG;
}

static uint16_t read_gs(void)
{
    uint16_t v;
    __asm__ volatile("mov %%gs, %0" : "=r"(v));
    return v;
}

static volatile uint16_t seen_fs, seen_gs;

/* Runs after a task that emptied %fs and %gs gave up the CPU. */
static int look_at_segments(void *arg)
{
    (void)arg;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(seen_fs), "=r"(seen_gs));
    return 0;
}

static int a[2], b[2];

/* Waits in sendrecv on `a`, then answers whether it found USER_DATA_SEG in
 * %fs and %gs. */
static int fast_partner(void *arg)
{
    (void)arg;
    int w;
    if (sendrecv(SENDRECV_NONE, 0, a[CHAN_RECV_END], &w) != SENDRECV_WORD)
        return 1;
    uint16_t fs, gs;
    __asm__ volatile("mov %%fs, %0\n\tmov %%gs, %1" : "=r"(fs), "=r"(gs));
    int ok = fs == USER_DATA_SEG && gs == USER_DATA_SEG;
    return sendrecv(b[CHAN_SEND_END], ok, SENDRECV_NONE, NULL) == SENDRECV_WORD ? 0 : 1;
}

/* sendrecv(out, word, in) through the fast gate with the null selector in
 * all four registers; their values after the call in segs[], the word
 * received in *word. */
static int fast_with_null_segments(int out, int *word, int in, uint16_t segs[4])
{
    int r;
    uint32_t ds = 0, es, fs, gs, w = (uint32_t)*word;
    __asm__ volatile("push %%ds\n\t"
                     "push %%ebp\n\t"
                     "mov %%esi, %%ebp\n\t" /* the selector, while ecx is the word */
                     "mov %%ebp, %%ds\n\t"
                     "mov %%ebp, %%es\n\t"
                     "mov %%ebp, %%fs\n\t"
                     "mov %%ebp, %%gs\n\t"
                     "int $0x81\n\t"
                     "mov %%ds, %%esi\n\t"
                     "mov %%es, %%edi\n\t"
                     "mov %%fs, %%ebp\n\t"
                     "mov %%ebp, %%ebx\n\t"
                     "mov %%gs, %%ebp\n\t"
                     "mov %%ebp, %%edx\n\t"
                     "pop %%ebp\n\t"
                     "pop %%ds\n\t"
                     "push %%ds\n\t"
                     "pop %%es"
                     : "=a"(r), "+c"(w), "+S"(ds), "=D"(es), "+b"(out), "+d"(in)
                     : "a"(SYS_sendrecv)
                     : "memory", "cc");
    fs = (uint32_t)out, gs = (uint32_t)in;
    segs[0] = (uint16_t)ds, segs[1] = (uint16_t)es, segs[2] = (uint16_t)fs, segs[3] = (uint16_t)gs;
    *word = (int)w;
    return r;
}

int main(void)
{
    tap_plan(10);
    uint16_t segs[4];

    tap_is(syscall_with_segments(0, SYS_gettid, 0, segs), gettid(),
           "gettid works with null selectors in all four data segment registers");
    tap_ok(all_user_data(segs), "after the call they hold USER_DATA_SEG again (%#x %#x %#x %#x)",
           segs[0], segs[1], segs[2], segs[3]);

    /* sysinfo makes the kernel write into this task's memory and its own. */
    static struct sysinfo info;
    tap_is(syscall_with_segments(USER_CODE_SEG, SYS_sysinfo, (uint32_t)(uintptr_t)&info, segs), 0,
           "sysinfo works with the read-only code segment in them");
    tap_ok(all_user_data(segs) && info.tasks_alive == 1 && info.tick_hz > 0,
           "it filled in the buffer, and the registers hold USER_DATA_SEG again");

    /* No task sees another's segment registers. */
    int t = spawn(look_at_segments, NULL);
    __asm__ volatile("mov %0, %%fs\n\tmov %0, %%gs" : : "r"(0));
    yield();
    wait(t, NULL);
    tap_ok(seen_fs == USER_DATA_SEG && seen_gs == USER_DATA_SEG,
           "a task that ran after one emptied %%fs and %%gs found USER_DATA_SEG in them (%#x %#x)",
           seen_fs, seen_gs);

    /* An interrupt, too, is a trap that sets them: spin with %gs empty until
     * the timer's interrupt has been and gone (under make test, a kernel that
     * forgot would make this loop forever and the test time out). */
    __asm__ volatile("mov %0, %%gs\n\t"
                     "1: mov %%gs, %0\n\t"
                     "test %0, %0\n\t"
                     "jz 1b"
                     :
                     : "r"(0)
                     : "cc");
    tap_is(read_gs(), USER_DATA_SEG, "a timer interrupt set %%gs to USER_DATA_SEG");

    /* The fast gate, on its fast path: a partner waits for the word. */
    chan(0, a), chan(0, b);
    int partner = spawn(fast_partner, NULL), ok = -1, status;
    yield(); /* it waits in sendrecv now */
    int r = fast_with_null_segments(a[CHAN_SEND_END], &ok, b[CHAN_RECV_END], segs);
    tap_is(r, SENDRECV_WORD, "sendrecv_fast works with null selectors in all four registers");
    tap_ok(ok == 1 && wait(partner, &status) == partner && status == 0,
           "the partner it handed the CPU to found USER_DATA_SEG in %%fs and %%gs");
    tap_ok(all_user_data(segs), "and this task's hold USER_DATA_SEG again (%#x %#x %#x %#x)",
           segs[0], segs[1], segs[2], segs[3]);

    sysinfo(&info);
    tap_is(info.tasks_alive, 1, "the kernel and this task went on unharmed");
    return tap_done();
}
