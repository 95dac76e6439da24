/* kernel/process.h: processes. A process is one running program: an address
 * space (page directory, program image, heap, stack slots) shared by the
 * tasks spawned in it. Tasks are in kernel/task.h; a task's `proc` is its
 * process. */
#pragma once
#include "kernel/config.h"
#include "kernel/vm.h"
#include "lib/bitmap.h"
#include "lib/list.h"
#include <stdbool.h>
#include <stdint.h>

struct handle;

struct process {
    pde_t *pgdir;             /* NULL when the slot is free */
    uint32_t heap_start;      /* first byte after the program image */
    uint32_t brk;             /* end of the heap (sbrk) */
    struct bitmap stacks;     /* its stack slots in use (the words: a page) */
    uint32_t stacks_used;     /* every slot ever in use is below it: only those have pages */
    int tasks;                /* tasks of this program that have not ended */
    unsigned pid;             /* unique per program run: slots are reused, pids not */
    int job;                  /* the job it belongs to: Ctrl-C ends the foreground one */
    unsigned job_owner;       /* pid of the program that started that job (0: init's own) */
    struct handle *handles;   /* HANDLE_MAX of them (a page): kernel/handle.h */
    int handles_used;         /* no handle at or above this one was ever open */
    struct list_node members; /* its tasks that have not ended (task->member) */
    char name[TASK_NAME_LEN];
};

/* process_create: a new, empty process named `name`: an address space with
 * only the kernel in it, and no stack slot in use. Returns it, or NULL and
 * *err = -EAGAIN (no free process slot) or -ENOMEM. */
struct process *process_create(const char *name, int *err);

/* process_destroy: free a process that has no tasks (or never had one):
 * close its handles, and free all its memory. */
void process_destroy(struct process *proc);

/* process_in_job: a process of job `job`, or NULL if it has none left. */
struct process *process_in_job(int job);

/* process_stack_alloc: the lowest free stack slot of `proc`, with its top
 * page mapped (a slot freed earlier keeps its pages). Returns the slot's
 * number, or -ENOMEM. */
int process_stack_alloc(struct process *proc);

/* process_stack_free: slot `slot` is no longer in use. Its pages stay mapped
 * for the next task of the program that gets it (docs/syscalls.md says why);
 * they go back when the program ends. */
void process_stack_free(struct process *proc, uint32_t slot);

/* process_stack_top: the address just past the end of stack slot `slot`,
 * where a new task's stack pointer starts. */
uint32_t process_stack_top(uint32_t slot);

/* process_stack_fault: a page fault at `addr` in `proc`: if addr is in a
 * stack slot in use (not its guard page) on a page not mapped yet, map a
 * zeroed page there and return 0; -ENOMEM if there is no free page for it
 * (or for its page table); else -EFAULT. */
int process_stack_fault(struct process *proc, uint32_t addr);

/* process_is_guard_page: is `addr` in the guard page at the bottom of a
 * stack slot (used or not)? For fault messages: "stack overflow?". */
bool process_is_guard_page(uint32_t addr);
