/* kernel/process.c: the process table and each process's stack slots. A
 * program's tasks each get a slot of USTACK_SLOT bytes of address space in
 * [USER_STACKS, USER_TOP); the lowest page of a slot is never mapped (the
 * guard page), and the rest is mapped as the stack grows into it. */
#include "kernel/process.h"
#include "kernel/handle.h"
#include "kernel/mmu.h"
#include "kernel/page.h"
#include "kernel/panic.h"
#include "kernel/x86.h"
#include "lib/errno.h"
#include "lib/string.h"

_Static_assert(USTACK_SLOTS <= PAGE_SIZE * 8, "the stack-slot bitmap fits in a page");
_Static_assert(USTACK_SLOTS % BITMAP_WORD_BITS == 0, "the stack-slot bitmap is whole words");
_Static_assert(USTACK_SLOTS >= MAX_TASKS, "a program never runs out of stack slots before tasks");
_Static_assert(sizeof(struct process) % sizeof(uint32_t) == 0,
               "process records are zeroed by words");

static struct process processes[MAX_PROCESSES];
static unsigned next_pid = 1;

struct process *process_create(const char *name, int *err)
{
    struct process *p = NULL;
    for (int i = 0; i < MAX_PROCESSES && !p; i++)
        if (!processes[i].pgdir)
            p = &processes[i];
    if (!p) {
        *err = -EAGAIN;
        return NULL;
    }
    rep_stosl(p, 0, sizeof *p / sizeof(uint32_t)); /* memset goes a byte at a time */
    uint32_t *stack_words = page_alloc_dirty();    /* the bitmap clears what it uses */
    p->pgdir = stack_words ? vm_create() : NULL;
    if (!p->pgdir) {
        if (stack_words)
            page_free(stack_words);
        *err = -ENOMEM;
        return NULL;
    }
    if (handle_table_create(p) < 0) {
        vm_destroy(p->pgdir, NULL, 0); /* nothing is mapped yet */
        page_free(stack_words);
        p->pgdir = NULL;
        *err = -ENOMEM;
        return NULL;
    }
    bitmap_init(&p->stacks, stack_words, USTACK_SLOTS);
    list_init(&p->members);
    p->pid = next_pid++;
    strlcpy(p->name, name, sizeof p->name);
    return p;
}

void process_destroy(struct process *proc)
{
    ASSERT(proc->tasks == 0);
    /* Never pull the page directory out from under the CPU. Only when the
     * running task's own program ends can it be the one loaded. */
    if (vm_current_pgdir == proc->pgdir)
        vm_switch(vm_kernel_pgdir());
    handle_table_destroy(proc);
    /* Where its pages can be: the image and the heap, up to the break's
     * page (kernel/program.c moves heap_start, and so the break, before it
     * maps a segment's pages, so even a load that failed half-way is
     * covered), and the stack slots it has ever used. */
    uint32_t image_end = proc->brk > USER_BASE ? PAGE_ROUND_UP(proc->brk) : USER_BASE;
    struct vm_range where[] = {
        {USER_BASE, image_end},
        {USER_STACKS, USER_STACKS + proc->stacks_used * USTACK_SLOT},
    };
    vm_destroy(proc->pgdir, where, sizeof where / sizeof where[0]);
    page_free(proc->stacks.words);
    proc->pgdir = NULL;
}

struct process *process_in_job(int job)
{
    for (int i = 0; i < MAX_PROCESSES; i++)
        if (processes[i].pgdir && processes[i].job == job)
            return &processes[i];
    return NULL;
}

/* ------------------------------------------------------------- stack slots */

static uint32_t slot_base(uint32_t slot)
{
    return USER_STACKS + slot * USTACK_SLOT;
}

uint32_t process_stack_top(uint32_t slot)
{
    return slot_base(slot) + USTACK_SLOT;
}

int process_stack_alloc(struct process *proc)
{
    int slot = bitmap_alloc(&proc->stacks);
    if (slot < 0)
        return -ENOMEM;
    /* Every slot ever used lies below stacks_used (process_destroy looks
     * no further): counted before anything is mapped in this one. */
    if ((uint32_t)slot >= proc->stacks_used)
        proc->stacks_used = (uint32_t)slot + 1;
    uint32_t top_page = process_stack_top((uint32_t)slot) - PAGE_SIZE;
    if (!vm_is_mapped(proc->pgdir, top_page) && vm_map_zero(proc->pgdir, top_page, PTE_W) < 0) {
        bitmap_free(&proc->stacks, (uint32_t)slot);
        return -ENOMEM;
    }
    return slot;
}

void process_stack_free(struct process *proc, uint32_t slot)
{
    bitmap_free(&proc->stacks, slot);
}

bool process_is_guard_page(uint32_t addr)
{
    return addr >= USER_STACKS && addr < USER_TOP &&
           (addr - USER_STACKS) % USTACK_SLOT < USTACK_GUARD;
}

int process_stack_fault(struct process *proc, uint32_t addr)
{
    if (addr < USER_STACKS || addr >= USER_TOP || process_is_guard_page(addr))
        return -EFAULT;
    uint32_t slot = (addr - USER_STACKS) / USTACK_SLOT;
    if (!bitmap_test(&proc->stacks, slot))
        return -EFAULT;
    uint32_t page = PAGE_ROUND_DOWN(addr);
    if (vm_is_mapped(proc->pgdir, page))
        return -EFAULT; /* mapped already: a protection fault, not a missing page */
    return vm_map_zero(proc->pgdir, page, PTE_W) == 0 ? 0 : -ENOMEM;
}
