/* kernel/file.h: files of the initrd opened for reading (open()): the
 * file's bytes in the initrd, and how far reading has got. Handed to
 * another program (spawnvx), a file is shared, offset and all, as an open
 * file is across fork() in Unix. */
#pragma once
#include "lib/list.h"
#include <stdint.h>

struct task;

struct file {
    const char *data; /* in the initrd */
    uint32_t size;
    uint32_t offset;          /* the next byte read() gives */
    int refs;                 /* handles on it; 0: the record is free */
    struct list_node pollers; /* never notified: a file is always readable */
};

/* file_open: open the initrd file `name` (as initrd_find matches names).
 * Returns 0 and *out with one reference, or -ENOENT, or -EAGAIN when
 * FILE_MAX files are open. */
int file_open(const char *name, struct file **out);

/* file_ref, file_unref: one more, or one fewer, handle on `f`. */
void file_ref(struct file *f);
void file_unref(struct file *f);

/* file_read: copy up to n bytes from f's offset into `task`'s memory at
 * buf, and move the offset on. Returns the bytes read, 0 at the end of the
 * file, or -EFAULT. */
int file_read(struct task *task, struct file *f, uint32_t buf, uint32_t n);

/* file_pollers: f's (idle) list of poll nodes. */
struct list_node *file_pollers(struct file *f);
