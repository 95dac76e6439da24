/* kernel/ksyms.h: the kernel's own symbol table, from the `symbols` boot
 * module (build/coop.sym, the output of `nm -n`), so that backtraces name
 * functions without any tool on the host. */
#pragma once
#include <stddef.h>
#include <stdint.h>

/* ksyms_init: use the nm text at [text, text+len) from now on. */
void ksyms_init(const char *text, size_t len);

/* ksyms_lookup: the function containing `addr`: returns its name (not
 * NUL-terminated: *name_len bytes) and sets *offset to addr minus its start;
 * NULL if there is no symbol table or no function below addr. */
const char *ksyms_lookup(uint32_t addr, size_t *name_len, uint32_t *offset);

/* ksyms_print_frame: print "  #n 0xADDR in name+0xOFF" (or without the name). */
void ksyms_print_frame(int n, uint32_t addr);
