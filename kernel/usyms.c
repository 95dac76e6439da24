/* kernel/usyms.c: a user program's symbols and a task's user backtrace, for
 * the message a fault prints (kernel/trap.c). Only a fault comes here. */
#include "kernel/usyms.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/initrd.h"
#include "kernel/process.h"
#include "kernel/task.h"
#include "kernel/vm.h"
#include "lib/fmt.h"

#define USYMS_SUFFIX   ".sym"
#define UBACKTRACE_MAX 8    /* frames: enough to see who called, short enough to read */
#define PUSH_EBP       0x55 /* the opcode of push %ebp, a function's usual first instruction */

struct symtab usyms_find(const char *program)
{
    char name[TASK_NAME_LEN + sizeof USYMS_SUFFIX];
    struct symtab t = {0};
    const void *data;
    uint32_t size;
    fmt_snprintf(name, sizeof name, "%s%s", program, USYMS_SUFFIX);
    if (initrd_find(name, &data, &size) == 0) {
        t.text = data;
        t.len = size;
    }
    return t;
}

/* The user page at va in pgdir, seen by the kernel, if the user may read it. */
static const uint8_t *user_page(pde_t *pgdir, uint32_t va)
{
    return vm_user_page(pgdir, PAGE_ROUND_DOWN(va), 0);
}

/* The word at user address va (4-aligned: it lies in one page). */
static bool user_word(pde_t *pgdir, uint32_t va, uint32_t *word)
{
    const uint8_t *page = user_page(pgdir, va);
    if (page)
        *word = *(const uint32_t *)(page + PAGE_OFFSET(va));
    return page != NULL;
}

/* The byte at user address va. */
static bool user_byte(pde_t *pgdir, uint32_t va, uint8_t *byte)
{
    const uint8_t *page = user_page(pgdir, va);
    if (page)
        *byte = page[PAGE_OFFSET(va)];
    return page != NULL;
}

/* The innermost function's return address, if it is not where %ebp says:
 * at its first instruction, it has not pushed %ebp yet (the return address
 * is at %esp); just after that push, at %esp + 4; and a leaf that gcc built
 * without a frame (its first byte is not push %ebp) keeps it at %esp too,
 * unless it pushed something else (then what %esp points at is no return
 * address into code the table knows, and the frame is missed). In all three,
 * %ebp still holds the caller's frame. */
static bool entry_return(const struct symtab *t, pde_t *pgdir, uint32_t eip, uint32_t esp,
                         uint32_t *ret)
{
    struct sym_where w;
    if (!symtab_lookup(t, eip, &w))
        return false;
    uint8_t first;
    if (!user_byte(pgdir, eip - w.offset, &first))
        return false;
    bool pushes_ebp = first == PUSH_EBP;
    if (w.offset == 1 && pushes_ebp)
        esp += 4;
    else if (w.offset != 0 && pushes_ebp)
        return false; /* it has its frame: %ebp is right */
    return (esp & 3) == 0 && user_word(pgdir, esp, ret) && *ret && symtab_lookup(t, *ret - 1, &w);
}

void usyms_backtrace(const struct symtab *t, const struct task *task)
{
    pde_t *pgdir = task->proc->pgdir;
    uint32_t top = process_stack_top(task->stack_slot);
    uint32_t bottom = top - USTACK_SLOT + USTACK_GUARD;
    int n = 0;
    uint32_t ret;
    symtab_print_frame(t, n++, task->tf.eip);
    if (entry_return(t, pgdir, task->tf.eip, task->tf.esp, &ret))
        symtab_print_frame(t, n++, ret - 1);
    /* Each frame starts with the caller's %ebp, then the return address;
     * crt0 and a new task start with %ebp 0, which ends the chain. */
    uint32_t ebp = task->tf.ebp;
    while (n < UBACKTRACE_MAX && ebp >= bottom && ebp <= top - 8 && !(ebp & 3)) {
        uint32_t caller_ebp;
        if (!user_word(pgdir, ebp, &caller_ebp) || !user_word(pgdir, ebp + 4, &ret) || !ret)
            break;
        /* -1: inside the call, so the line is the caller's. */
        symtab_print_frame(t, n++, ret - 1);
        if (caller_ebp <= ebp)
            break; /* frames lie ever higher up the stack: anything else is no chain */
        ebp = caller_ebp;
    }
}
