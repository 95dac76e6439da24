/* tests/boot/t_bad_syscall.c: an unknown system-call number returns -ENOSYS,
 * and a system call preserves every register but %eax (the ABI in
 * lib/syscalls.h), for a call that returns at once, one that gives up the
 * CPU, an unknown one, and every call in the table given these same
 * register values as its arguments (which each refuses, harmlessly: a bad
 * pointer, handle, task id or size), exit and sleep aside. */
#include "user/lib/coop.h"
#include "user/lib/syscall.h"
#include "user/lib/tap.h"

/* Registers a system call must not change. */
struct regs {
    uint32_t ebx, ecx, edx, esi, edi, ebp;
};

/* Load known values into every register but %eax and %esp, make system call
 * nr, and store what the registers hold afterwards into *after. %ebp is the
 * frame pointer, so it is saved and restored around the test by hand. */
static void syscall_regs(int nr, struct regs *after)
{
    __asm__ volatile("pushl %%ebp\n\t"
                     "pushl %%edi\n\t" /* `after`, for later */
                     "movl $0x11111111, %%ebx\n\t"
                     "movl $0x22222222, %%ecx\n\t"
                     "movl $0x33333333, %%edx\n\t"
                     "movl $0x44444444, %%esi\n\t"
                     "movl $0x55555555, %%edi\n\t"
                     "movl $0x66666666, %%ebp\n\t"
                     "int $0x80\n\t"
                     "popl %%eax\n\t" /* `after` again; the result is not needed */
                     "movl %%ebx, 0(%%eax)\n\t"
                     "movl %%ecx, 4(%%eax)\n\t"
                     "movl %%edx, 8(%%eax)\n\t"
                     "movl %%esi, 12(%%eax)\n\t"
                     "movl %%edi, 16(%%eax)\n\t"
                     "movl %%ebp, 20(%%eax)\n\t"
                     "popl %%ebp"
                     : "+a"(nr), "+D"(after)
                     :
                     : "ebx", "ecx", "edx", "esi", "memory", "cc");
}

static int regs_kept(const struct regs *r)
{
    return r->ebx == 0x11111111 && r->ecx == 0x22222222 && r->edx == 0x33333333 &&
           r->esi == 0x44444444 && r->edi == 0x55555555 && r->ebp == 0x66666666;
}

static int yielder(void *arg)
{
    (void)arg;
    yield();
    return 0;
}

int main(void)
{
    tap_plan(8);
    tap_is(syscall0(SYSCALL_COUNT), -ENOSYS, "the first number past the table: -ENOSYS");
    tap_is(syscall0(12345), -ENOSYS, "12345: -ENOSYS");
    tap_is(syscall0(-1), -ENOSYS, "-1: -ENOSYS");
    tap_is(syscall5((int)0x80000000, 1, 2, 3, 4, 5), -ENOSYS, "0x80000000: -ENOSYS");

    struct regs r;
    syscall_regs(SYS_gettid, &r);
    tap_ok(regs_kept(&r), "gettid preserves ebx ecx edx esi edi ebp");
    int t = spawn(yielder, NULL);
    syscall_regs(SYS_yield, &r); /* another task runs in between */
    tap_ok(regs_kept(&r), "yield preserves them, though another task ran");
    wait(t, NULL);
    syscall_regs(12345, &r);
    tap_ok(regs_kept(&r), "an unknown call preserves them");
    int changed = 0;
    for (int nr = 0; nr < SYSCALL_COUNT; nr++) {
        if (nr == SYS_exit || nr == SYS_sleep)
            continue; /* they would end the test, or sleep for 3 days */
        syscall_regs(nr, &r);
        if (!regs_kept(&r)) {
            tap_diag("system call %d changed a register", nr);
            changed++;
        }
    }
    tap_is(changed, 0, "every call preserves them, refusing arguments like these");
    return tap_done();
}
