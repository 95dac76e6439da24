/* kernel/file.c: initrd files opened for reading. The records come from a
 * small table; the bytes stay in the initrd, where the boot loader put them. */
#include "kernel/file.h"
#include "kernel/initrd.h"
#include "kernel/panic.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"

#define FILE_MAX 256 /* files open at once, in all programs */

static struct file files[FILE_MAX];

int file_open(const char *name, struct file **out)
{
    struct file *f = NULL;
    for (int i = 0; i < FILE_MAX && !f; i++)
        if (files[i].refs == 0)
            f = &files[i];
    if (!f)
        return -EAGAIN;
    const void *data;
    uint32_t size;
    int err = initrd_find(name, &data, &size);
    if (err < 0)
        return err == -ENOEXEC ? -ENOENT : err; /* a damaged archive has no such file */
    *f = (struct file){.data = data, .size = size, .refs = 1};
    list_init(&f->pollers);
    *out = f;
    return 0;
}

void file_ref(struct file *f)
{
    f->refs++;
}

void file_unref(struct file *f)
{
    ASSERT(f->refs > 0);
    f->refs--;
}

int file_read(struct task *task, struct file *f, uint32_t buf, uint32_t n)
{
    uint32_t left = f->size - f->offset;
    if (n > left)
        n = left;
    if (copy_to_user(task, buf, f->data + f->offset, n) < 0)
        return -EFAULT;
    f->offset += n;
    return (int)n;
}

struct list_node *file_pollers(struct file *f)
{
    return &f->pollers;
}
