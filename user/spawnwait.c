/* user/spawnwait.c: pyos's NewTask and WaitTask (pyos6.py):
 *
 *     def main():
 *         child = yield NewTask(foo())
 *         print("Waiting for child")
 *         yield WaitTask(child)
 *         print("Child done")
 *
 * The child naps a few times with sleep(), which parks it in the kernel's
 * sleepers heap until the timer wakes it. Meanwhile its parent is parked too,
 * in wait(): with nobody ready, the kernel idles (`hlt`) until the timer
 * interrupts. When the child returns, the kernel hands its id and status to
 * its waiting parent and makes the parent ready again. */
#include "user/lib/coop.h"

#define NAPS       3
#define NAP_MS     50
#define CHILD_CODE 7 /* what the child returns: its exit status */

static int child(void *arg)
{
    (void)arg;
    for (int i = 1; i <= NAPS; i++) {
        printf("  child (task %d): nap %d of %d, %d ms\n", gettid(), i, NAPS, NAP_MS);
        sleep(NAP_MS);
    }
    printf("  child: done, returning %d\n", CHILD_CODE);
    return CHILD_CODE;
}

int main(void)
{
    printf("spawnwait: main (task %d) spawns a child and waits for it\n", gettid());
    int tid = spawn(child, NULL); /* pyos: NewTask */
    if (tid < 0) {
        printf("spawnwait: spawn failed: %s\n", strerror(tid));
        return 1;
    }
    printf("main: spawned task %d; waiting for it\n", tid);

    int status;
    int ended = wait(tid, &status); /* pyos: WaitTask */
    char how[64];
    status_format(how, sizeof how, status);
    printf("main: task %d %s\n", ended, how);
    return WIFEXITED(status) && WEXITSTATUS(status) == CHILD_CODE ? 0 : 1;
}
