/* kernel/program.c: the ELF loader. An initrd file is checked (lib/elf.c),
 * its loadable segments are copied into fresh pages of a new address space,
 * and its first task gets argc/argv on its stack, as crt0 expects:
 *
 *     esp -> argc
 *            argv  ---> [argv[0], argv[1], ..., NULL]
 *                        the strings, at the top of the stack page    */
#include "kernel/program.h"
#include "kernel/config.h"
#include "kernel/handle.h"
#include "kernel/initrd.h"
#include "kernel/mmu.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/tty.h"
#include "kernel/x86.h"
#include "lib/elf.h"
#include "lib/errno.h"
#include "lib/string.h"
#include "lib/syscalls.h"
#include <stdbool.h>

/* Map and fill one PT_LOAD segment. Pages two segments share get the union of
 * their permissions. An empty segment (p_memsz 0) maps nothing and does not
 * move the heap: elf_check has made sure it says it is inside the image's
 * range, but there is nothing of it to put anywhere. */
static int load_segment(struct process *proc, const char *image, const struct elf32_phdr *ph)
{
    if (ph->p_memsz == 0)
        return 0;
    /* The heap starts after the image. Moved first, so that the image's
     * range (up to the break: process_destroy) covers every page mapped
     * here, even if mapping fails half-way. */
    if (ph->p_vaddr + ph->p_memsz > proc->heap_start)
        proc->heap_start = PAGE_ROUND_UP(ph->p_vaddr + ph->p_memsz);
    uint32_t flags = (ph->p_flags & PF_W) ? PTE_W : 0;
    for (uint32_t va = PAGE_ROUND_DOWN(ph->p_vaddr); va < ph->p_vaddr + ph->p_memsz;
         va += PAGE_SIZE) {
        pte_t *pte = vm_lookup(proc->pgdir, va);
        if (pte && (*pte & PTE_P))
            *pte |= flags;
        else if (vm_map_zero(proc->pgdir, va, flags) < 0)
            return -ENOMEM;
    }
    /* Copy the file bytes page by page, through the kernel's view of each. */
    for (uint32_t done = 0; done < ph->p_filesz;) {
        uint32_t va = ph->p_vaddr + done;
        char *page = vm_user_page(proc->pgdir, PAGE_ROUND_DOWN(va), 0);
        uint32_t n = PAGE_SIZE - PAGE_OFFSET(va);
        if (n > ph->p_filesz - done)
            n = ph->p_filesz - done;
        /* A word at a time: memcpy goes a byte at a time. */
        rep_movs(page + PAGE_OFFSET(va), image + ph->p_offset + done, n);
        done += n;
    }
    return 0;
}

/* Do the arguments fit the limits (and so the stack's top page)? */
static bool args_fit(int argc, char *const argv[])
{
    uint32_t bytes = 0;
    for (int i = 0; i < argc && argc <= SPAWN_MAX_ARGS; i++)
        bytes += (uint32_t)strlen(argv[i]) + 1;
    return argc <= SPAWN_MAX_ARGS && bytes <= SPAWN_MAX_BYTES;
}

/* Push argv's strings and the argc/argv words crt0 reads. */
static void push_args(struct task *task, int argc, char *const argv[])
{
    uint32_t uargv[SPAWN_MAX_ARGS + 1];
    for (int i = argc - 1; i >= 0; i--)
        uargv[i] = task_push(task, argv[i], (uint32_t)strlen(argv[i]) + 1);
    uargv[argc] = 0;
    uint32_t argv_addr = task_push(task, uargv, (uint32_t)(argc + 1) * sizeof(uint32_t));
    uint32_t frame[2] = {(uint32_t)argc, argv_addr};
    task_push(task, frame, sizeof frame);
}

_Static_assert(SPAWN_MAX_BYTES + (SPAWN_MAX_ARGS + 3) * 4 + SPAWN_MAX_ARGS * 3 <= PAGE_SIZE,
               "arguments fit in the stack's first page");

static const char *basename(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

/* The new program's handles: those the spawner names in opts, or else its
 * 0, 1 and 2 (init's are the console). */
static int give_handles(struct process *proc, struct task *parent, const struct spawn_opts *opts)
{
    if (opts && opts->nhandles > 0) {
        for (int i = 0; i < opts->nhandles; i++) {
            int err = opts->handles[i] == HANDLE_NONE
                          ? 0
                          : handle_copy(proc, i, parent->proc, opts->handles[i]);
            if (err < 0)
                return err;
        }
        return 0;
    }
    for (int i = FD_STDIN; i <= FD_STDERR; i++) {
        if (parent)
            handle_copy(proc, i, parent->proc, i); /* one the parent closed stays closed */
        else
            handle_install(proc, HANDLE_TTY, tty_console());
    }
    return 0;
}

bool program_is_executable(const void *image, uint32_t size)
{
    return elf_check(image, size, USER_BASE, USER_IMAGE_LIMIT) == ELF_OK;
}

int program_spawn(const char *path, int argc, char *const argv[], struct task *parent,
                  const struct spawn_opts *opts)
{
    if (!args_fit(argc, argv))
        return -E2BIG;
    const void *image;
    uint32_t size;
    int err = initrd_find(path, &image, &size);
    if (err < 0)
        return err;
    if (!program_is_executable(image, size))
        return -ENOEXEC;

    struct process *proc = process_create(basename(path), &err);
    if (!proc)
        return err;
    for (unsigned i = 0; i < elf_phnum(image) && err == 0; i++) {
        const struct elf32_phdr *ph = elf_phdr(image, i);
        if (ph->p_type == PT_LOAD)
            err = load_segment(proc, image, ph);
    }
    proc->brk = proc->heap_start;
    if (err == 0)
        err = give_handles(proc, parent, opts);

    struct task *task = err ? NULL : task_spawn(proc, parent, elf_entry(image), &err);
    if (!task) {
        process_destroy(proc);
        return err;
    }
    /* Its job: one of its own (numbered by its first task's id: init's is
     * 1), owned by its spawner's program; the one asked for; or its
     * spawner's. The owner may kill(-job) it (kernel/task.c). */
    int job = opts ? opts->job : 0;
    if (!parent || job == SPAWN_NEW_JOB) {
        proc->job = task->tid;
        proc->job_owner = parent ? parent->pid : 0;
    } else if (job) { /* checked: the job has a program in it (sys_spawnvx) */
        proc->job_owner = process_in_job(job)->job_owner;
        proc->job = job;
    } else {
        proc->job = parent->proc->job;
        proc->job_owner = parent->proc->job_owner;
    }
    task->job = proc->job; /* task_spawn copied it before it was known */
    push_args(task, argc, argv);
    sched_ready(task);
    return task->tid;
}
