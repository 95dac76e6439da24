/* kernel/ksyms.h: symbol tables in text, so that backtraces and fault
 * messages name functions and source lines without any tool on the host:
 * the kernel's own (the `symbols` boot module, build/coop.sym, the output of
 * `nm -n`) and a user program's (NAME.sym in the initrd, made by
 * scripts/symtab: nm's lines and a line table). A table is untrusted input:
 * whatever it holds, nothing is read outside it. */
#pragma once
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A table: lines "AAAAAAAA K TEXT", sorted by address (8 hex digits). K is
 * nm's type letter (T and t: code) and TEXT the symbol's name; or K is L and
 * TEXT "FILE:LINE", the source line whose code starts at that address (no
 * TEXT: none from there on). Other lines are skipped. */
struct symtab {
    const char *text;
    size_t len;
};

/* Where an address is, by a table: its function (NULL if none) and the
 * offset into it, and its source line (NULL if the table does not say).
 * The texts point into the table and are not NUL-terminated. */
struct sym_where {
    const char *func;
    size_t func_len;
    uint32_t offset;
    const char *line;
    size_t line_len;
};

/* symtab_lookup: where `addr` is in table `t` (which may be empty): the last
 * code symbol at or below it, and the last line entry at or below it if
 * that is not below the function's start. At or above the symbol
 * `__text_end`, which the linker scripts put where the code ends, is in no
 * function (the rodata, the data, the stack). Returns whether a function
 * was found. */
bool symtab_lookup(const struct symtab *t, uint32_t addr, struct sym_where *w);

/* symtab_print_where: print " in FUNC (FILE:LINE)", or " in FUNC+0xOFF"
 * without a line, or nothing without a function. */
void symtab_print_where(const struct symtab *t, uint32_t addr);

/* symtab_print_frame: print "  #n 0xADDR" and where it is, on a line. */
void symtab_print_frame(const struct symtab *t, int n, uint32_t addr);

/* ksyms_init: use the nm text at [text, text+len) as the kernel's table. */
void ksyms_init(const char *text, size_t len);

/* ksyms_lookup: the kernel function containing `addr`: returns its name
 * (not NUL-terminated: *name_len bytes) and sets *offset to addr minus its
 * start; NULL if there is no symbol table, or no function there (below
 * the first, or past the code: symtab_lookup). */
const char *ksyms_lookup(uint32_t addr, size_t *name_len, uint32_t *offset);

/* ksyms_print_frame: print "  #n 0xADDR in name+0xOFF" (or without the name)
 * for a kernel address. */
void ksyms_print_frame(int n, uint32_t addr);
