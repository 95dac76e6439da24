/* tests/boot/t_sysinfo.c: sysinfo(&info) fills struct sysinfo with numbers
 * that make sense, follows tasks coming and going, and rejects pointers to
 * memory the task may not write: -EFAULT. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define PAGE_SIZE   4096
#define KERNEL_ADDR 0x00100000

static int sleep_a_little(void *arg)
{
    (void)arg;
    sleep(10);
    return 0;
}

int main(void)
{
    tap_plan(13);
    struct sysinfo info;
    memset(&info, 0xff, sizeof info);

    tap_is(sysinfo(&info), 0, "sysinfo returns 0");
    tap_is(info.tasks_alive, 1, "one task alive: this one");
    tap_ok(info.tasks_max > 1, "room for more tasks (%u)", info.tasks_max);
    tap_ok(info.pages_free > 0 && info.pages_free <= info.pages_total, "%u of %u pages free",
           info.pages_free, info.pages_total);
    tap_ok(info.task_bytes > 0 && info.task_bytes < 4096, "a task record takes %u bytes",
           info.task_bytes);
    tap_ok(info.tick_hz > 0, "the timer ticks at %u Hz", info.tick_hz);
    tap_ok(info.preemptive == 0 && info.quantum_ms > 0, "sched=coop (the default), quantum %u ms",
           info.quantum_ms);

    int t = spawn(sleep_a_little, NULL);
    struct sysinfo more;
    sysinfo(&more);
    tap_is(more.tasks_alive, 2, "a spawned task counts as alive");
    wait(t, NULL);
    sysinfo(&more);
    tap_is(more.tasks_alive, 1, "and no more once ended");

    tap_is(sysinfo(NULL), -EFAULT, "NULL: -EFAULT");
    tap_is(sysinfo((struct sysinfo *)KERNEL_ADDR), -EFAULT, "a kernel address: -EFAULT");
    tap_is(sysinfo((struct sysinfo *)(uintptr_t)main), -EFAULT,
           "the program's read-only code: -EFAULT");
    char *heap = (char *)sbrk(PAGE_SIZE);
    tap_is(sysinfo((struct sysinfo *)(heap + PAGE_SIZE - 8)), -EFAULT,
           "a struct running off the end of the heap: -EFAULT");
    return tap_done();
}
