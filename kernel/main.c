/* kernel/main.c: kmain, where the boot entry (boot/multiboot.S) lands: bring
 * up the machine piece by piece, start init, and enter the scheduler loop. */
#include "kernel/bootinfo.h"
#include "kernel/chan.h"
#include "kernel/console.h"
#include "kernel/gdt.h"
#include "kernel/initrd.h"
#include "kernel/ksyms.h"
#include "kernel/options.h"
#include "kernel/poll.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/dev/pic.h"
#include "kernel/dev/power.h"
#include "kernel/program.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/dev/timer.h"
#include "kernel/trace.h"
#include "kernel/trap.h"
#include "kernel/tty.h"
#include "kernel/vm.h"
#include "lib/cmdline.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/syscalls.h"
#include <stdnoreturn.h>

#define COOP_VERSION "0.1"

/* kfault=...: break the kernel on purpose, to see what a panic looks like. */
static void kfault_maybe(void)
{
    volatile int zero = 0, one = 1; /* volatile: gcc must really compute */
    volatile int *volatile null = NULL;
    switch (options.kfault) {
    case KFAULT_PAGE:
        kprintf("coop: kfault=page: writing through a NULL pointer\n");
        *null = 1;
        break;
    case KFAULT_ASSERT:
        kprintf("coop: kfault=assert: asserting something false\n");
        ASSERT(zero == 1);
        break;
    case KFAULT_DIVIDE:
        kprintf("coop: kfault=divide: dividing by zero\n");
        zero = one / zero;
        break;
    case KFAULT_NONE:
        break;
    }
}

/* Start init with the words after `--` as its arguments. */
static void start_init(void)
{
    static char args[CMDLINE_MAX];
    char *argv[SPAWN_MAX_ARGS + 2];
    argv[0] = options.init;
    int argc = 1;
    if (options.init_args) {
        strlcpy(args, options.init_args, sizeof args);
        int n = cmdline_split(args, argv + 1, SPAWN_MAX_ARGS);
        argc = n < 0 ? SPAWN_MAX_ARGS + 1 : n + 1; /* too many: spawn says E2BIG */
    }
    argv[argc < SPAWN_MAX_ARGS + 1 ? argc : SPAWN_MAX_ARGS + 1] = NULL;

    kprintf("coop: starting init: %s\n", options.init);
    task_set_first_tid(options.first_tid);
    int tid = program_spawn(options.init, argc, argv, NULL, NULL);
    if (tid < 0) {
        kprintf("coop: cannot start init '%s': %s\n", options.init,
                tid == -ENOENT    ? "there is no such program"
                : tid == -ENOEXEC ? "it is not a valid coop program"
                : tid == -E2BIG   ? "too many arguments, or arguments too long"
                                  : "out of memory");
        initrd_list();
        power_off(POWER_NO_INIT);
    }
    task_set_init(task_lookup(tid));
}

/* One line of what this boot is running with: memory, timer, policy. The
 * quantum is the one in force, in whole timer ticks. */
static void print_settings(void)
{
    kprintf("coop: %u KiB of free memory; timer at %u Hz; sched=%s",
            page_free_count() * (PAGE_SIZE / 1024), timer_hz(),
            sched_is_preemptive() ? "preempt" : "coop");
    if (sched_is_preemptive())
        kprintf(" quantum=%ums", sched_quantum_ms());
    kprintf("\n");
    if (sched_is_preemptive() && sched_quantum_ms() != options.quantum_ms)
        kprintf("coop: quantum=%ums is not a whole number of timer ticks at %u Hz: using %ums\n",
                options.quantum_ms, timer_hz(), sched_quantum_ms());
}

noreturn void kmain(uint32_t magic, uint32_t mbi);

void kmain(uint32_t magic, uint32_t mbi)
{
    console_init();
    kprintf("coop %s: a teaching kernel whose tasks are coroutines\n", COOP_VERSION);
    if (bootinfo_init(magic, mbi) < 0)
        panic("cannot continue without the boot loader's information");
    if (boot_info.symbols.start)
        ksyms_init((const char *)boot_info.symbols.start,
                   boot_info.symbols.end - boot_info.symbols.start);
    options_parse(boot_info.cmdline);
    panic_halt_requested = options.panic_halt;
    trace_on = options.trace;

    gdt_init();
    idt_init(!trace_on); /* the traced loop must see every sendrecv too */
    pic_init();
    page_init();
    vm_init();
    timer_init(options.hz);
    tty_init();
    chan_init();
    poll_init();
    tasks_init();
    sched_init(options.preempt, options.quantum_ms);
    print_settings();
    kfault_maybe();

    if (!boot_info.initrd.start) {
        kprintf("coop: no initrd module: nothing to run (boot with build/initrd.tar)\n");
        power_off(POWER_NO_INIT);
    }
    initrd_init(boot_info.initrd.start, boot_info.initrd.end);
    start_init();
    if (trace_on)
        sched_mainloop_traced();
    sched_mainloop();
}
