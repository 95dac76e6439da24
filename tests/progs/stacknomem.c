/* tests/progs/stacknomem.c: a stack that cannot grow. A task takes every free
 * page with sbrk, then calls a function whose frame needs a stack page not
 * mapped yet: with no page to give it, the kernel ends the task with a page
 * fault and says why (out of memory), and the rest goes on. Booted as init
 * by tests/demos.t, which checks the message (tests/expected/stacknomem.out). */
#include "user/lib/coop.h"

#define PAGE_SIZE 4096
#define FRAME     (3 * PAGE_SIZE) /* below the pages the task has touched so far */

/* noinline: the frame must be this function's, made after the heap is full. */
static int __attribute__((noinline)) deep(void)
{
    volatile char frame[FRAME];
    frame[0] = 1;
    return frame[0];
}

static int hungry(void *arg)
{
    (void)arg;
    int taken = 0;
    while (sbrk(PAGE_SIZE) >= 0)
        taken++;
    int r = deep(); /* does not return */
    sbrk(-PAGE_SIZE * taken);
    return r;
}

static int nothing(void *arg)
{
    (void)arg;
    return 0;
}

int main(void)
{
    intptr_t start = sbrk(0);
    int status = 0;
    int tid = spawn(hungry, NULL);
    if (tid < 0 || wait(tid, &status) != tid) {
        printf("stacknomem: spawn or wait failed\n");
        return 1;
    }
    char how[64];
    status_format(how, sizeof how, status);
    printf("stacknomem: the hungry task %s\n", how);
    /* The heap is the program's: the task could not give it back, main can. */
    sbrk(-(int)(sbrk(0) - start));
    tid = spawn(nothing, NULL);
    printf("stacknomem: with the heap given back, a task runs again: %s\n",
           tid > 0 && wait(tid, &status) == tid && status == STATUS_EXIT(0) ? "yes" : "no");
    return 0;
}
