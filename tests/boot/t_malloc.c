/* tests/boot/t_malloc.c: malloc and friends in a real program: blocks are
 * aligned, usable and distinct, contents survive realloc, calloc zeroes, a
 * big block's memory goes back to the kernel when freed, several tasks can
 * share the heap, and misuse ends the task that misused it. It runs under
 * sched=preempt with a tiny quantum, so that the tasks really are
 * interrupted inside malloc and free (the heap's lock). */
// boot-args: sched=preempt quantum=1
#include "user/lib/coop.h"
#include "user/lib/tap.h"
#include "lib/exception.h"

#define BLOCKS      200
#define WORKERS     4
#define WORKER_OPS  3000
#define WORKER_SLOT 16
#define BIG         (1024 * 1024)
#define PAGE_SIZE   4096
#define SLACK_PAGES 8 /* the heap keeps a 16 KiB chunk, plus page tables */

static unsigned char *blocks[BLOCKS];

static size_t size_of_block(int i)
{
    return (size_t)(i * 37 % 500) + 1;
}

static unsigned pages_free(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info.pages_free;
}

/* A worker: keeps WORKER_SLOT blocks, replacing a pseudo-random one each
 * step, and checks that nobody wrote over them meanwhile. Exits 0 if all
 * was well. */
static int worker(void *arg)
{
    unsigned seed = (unsigned)(uintptr_t)arg;
    unsigned char tag = (unsigned char)seed;
    unsigned char *mine[WORKER_SLOT] = {0};
    size_t sizes[WORKER_SLOT] = {0};
    int bad = 0;
    for (int op = 0; op < WORKER_OPS; op++) {
        seed = seed * 1103515245u + 12345u;
        int k = (int)((seed >> 16) % WORKER_SLOT);
        if (mine[k]) {
            for (size_t j = 0; j < sizes[k]; j++)
                bad |= mine[k][j] != tag;
            free(mine[k]);
        }
        sizes[k] = (seed >> 8) % 700 + 1;
        mine[k] = malloc(sizes[k]);
        if (!mine[k])
            return 2;
        memset(mine[k], tag, sizes[k]);
    }
    for (int k = 0; k < WORKER_SLOT; k++)
        free(mine[k]);
    return bad;
}

static int double_free(void *arg)
{
    (void)arg;
    void *volatile p = malloc(10); /* volatile: no compiler warning */
    free(p);
    free(p);
    return 0;
}

static int free_stack_pointer(void *arg)
{
    (void)arg;
    char local[32];
    char *volatile p = local + 1;
    free(p);
    return 0;
}

int main(void)
{
    tap_plan(16);
    intptr_t heap_start = sbrk(0);

    /* Many blocks of many sizes. */
    int aligned = 1, inside = 1, intact = 1;
    for (int i = 0; i < BLOCKS; i++) {
        blocks[i] = malloc(size_of_block(i));
        if (!blocks[i])
            break;
        aligned &= (uintptr_t)blocks[i] % 16 == 0;
        inside &= (intptr_t)blocks[i] >= heap_start && (intptr_t)blocks[i] < sbrk(0);
        memset(blocks[i], i, size_of_block(i));
    }
    for (int i = 0; i < BLOCKS && blocks[i]; i++)
        for (size_t j = 0; j < size_of_block(i); j++)
            intact &= blocks[i][j] == (unsigned char)i;
    tap_ok(blocks[BLOCKS - 1] != NULL, "%d blocks allocated", BLOCKS);
    tap_ok(aligned, "all 16-byte aligned");
    tap_ok(inside, "all inside the heap (sbrk's memory)");
    tap_ok(intact, "none overlaps another");
    for (int i = 0; i < BLOCKS; i += 2) /* free every other one, then the rest */
        free(blocks[i]);
    for (int i = 1; i < BLOCKS; i += 2)
        free(blocks[i]);

    void *z1 = malloc(0), *z2 = malloc(0);
    tap_ok(z1 && z2 && z1 != z2, "malloc(0) gives unique pointers");
    free(z1);
    free(z2);
    free(NULL);

    unsigned char *c = calloc(100, 10);
    int zero = c != NULL;
    for (int i = 0; c && i < 1000; i++)
        zero &= c[i] == 0;
    tap_ok(zero, "calloc's memory is zeroed");

    char *s = malloc(8);
    strlcpy(s, "coop", 8);
    s = realloc(s, 10000);
    tap_ok(s && strcmp(s, "coop") == 0, "realloc to grow keeps the contents");
    s = realloc(s, 3);
    tap_ok(s && memcmp(s, "coo", 3) == 0, "realloc to shrink keeps the contents");
    free(s);
    free(c);

    /* A big block costs pages, and freeing it gives them back. */
    unsigned before = pages_free();
    unsigned char *big = malloc(BIG);
    tap_ok(big != NULL, "a 1 MiB block");
    memset(big, 0x5A, BIG);
    unsigned during = pages_free();
    tap_ok(during + BIG / PAGE_SIZE <= before, "it took %u pages from the kernel", before - during);
    free(big);
    unsigned after = pages_free();
    tap_ok(after + SLACK_PAGES >= before, "free gave them back (%u pages free before, %u after)",
           before, after);

    tap_ok(malloc((size_t)1 << 31) == NULL, "2 GiB: NULL");
    tap_ok(calloc((size_t)1 << 20, (size_t)1 << 20) == NULL, "calloc overflow: NULL");

    /* Tasks of one program share the heap, preempted in the middle of it. */
    int tids[WORKERS], ok = 0;
    for (int w = 0; w < WORKERS; w++)
        tids[w] = spawn(worker, (void *)(uintptr_t)(w + 1));
    for (int w = 0; w < WORKERS; w++) {
        int status = -1;
        wait(tids[w], &status);
        ok += status == STATUS_EXIT(0);
    }
    tap_is(ok, WORKERS, "%d tasks mallocing and freeing at once: no block overwritten", WORKERS);

    int status = -1;
    wait(spawn(double_free, NULL), &status);
    tap_is(status, STATUS_FAULT(T_ILLOP), "a double free ends the task (invalid opcode)");
    wait(spawn(free_stack_pointer, NULL), &status);
    tap_is(status, STATUS_FAULT(T_ILLOP), "so does freeing a pointer malloc never gave");
    return tap_done();
}
