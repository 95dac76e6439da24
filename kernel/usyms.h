/* kernel/usyms.h: a user program's symbols, for the kernel's fault messages:
 * its table (NAME.sym in the initrd, made by scripts/symtab; the format is
 * in kernel/ksyms.h), and a short backtrace of a task's user stack. */
#pragma once
#include "kernel/ksyms.h"

struct task;

/* usyms_find: the table of program `program` (its NAME.sym in the initrd),
 * or an empty one if there is none: then lookups find nothing. */
struct symtab usyms_find(const char *program);

/* usyms_backtrace: print a short backtrace of `task`'s user code, one
 * "  #n 0xADDR in FUNC (FILE:LINE)" line per frame, by table `t`: its saved
 * eip, then the return address of each frame on its chain of saved frame
 * pointers, read through its own page tables. The chain is untrusted: the
 * walk stops at a frame outside the task's stack slot, unmapped, out of
 * order, or after a few frames. */
void usyms_backtrace(const struct symtab *t, const struct task *task);
