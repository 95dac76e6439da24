/* kernel/initrd.h: the initial RAM disk: a ustar archive of programs, loaded
 * by the boot loader as the module named "initrd". */
#pragma once
#include "lib/ustar.h"
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* initrd_init: use the archive at physical [start, end), and index its
 * files (once, at boot: kernel/initrd.c). */
void initrd_init(uint32_t start, uint32_t end);

/* initrd_find: the file called `name`: 0 with *data and *size set, -ENOENT
 * if there is none, -ENOEXEC if the archive is damaged. */
int initrd_find(const char *name, const void **data, uint32_t *size);

/* initrd_next: the file after `*cursor` (0: the first), in archive order,
 * into *f, its name without a leading "./" (ustar_bare_name); moves the
 * cursor on. false after the last file, or at a damaged header, beyond
 * which nothing can be found. */
bool initrd_next(size_t *cursor, struct ustar_file *f);

/* initrd_list: print the names of the files in the archive on one line. */
void initrd_list(void);
