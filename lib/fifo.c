/* lib/fifo.c: the byte FIFO (lib/fifo.h): two free-running counters over a
 * power-of-two buffer, so that a slot is a mask away and full and empty need
 * no wasted slot to tell apart (head - tail is size or 0). */
#include "lib/fifo.h"
#include <stddef.h>

static bool is_power_of_two(uint32_t n)
{
    return n != 0 && (n & (n - 1)) == 0;
}

/* The slot of the byte whose count is `count`. */
static uint32_t slot(const struct fifo *f, uint32_t count)
{
    return count & (f->size - 1);
}

bool fifo_init(struct fifo *f, char *buf, uint32_t size)
{
    bool ok = is_power_of_two(size);
    /* A rejected size leaves a FIFO of size 0: always full and always empty,
     * so that a caller who ignores the result loses input, not memory. */
    f->buf = ok ? buf : NULL;
    f->size = ok ? size : 0;
    f->head = 0;
    f->tail = 0;
    return ok;
}

uint32_t fifo_len(const struct fifo *f)
{
    return f->head - f->tail;
}

uint32_t fifo_space(const struct fifo *f)
{
    return f->size - fifo_len(f);
}

bool fifo_put(struct fifo *f, char c)
{
    if (fifo_space(f) == 0)
        return false;
    f->buf[slot(f, f->head++)] = c;
    return true;
}

int fifo_get(struct fifo *f)
{
    if (fifo_len(f) == 0)
        return -1;
    return (unsigned char)f->buf[slot(f, f->tail++)];
}

int fifo_peek(const struct fifo *f, uint32_t i)
{
    if (i >= fifo_len(f))
        return -1;
    return (unsigned char)f->buf[slot(f, f->tail + i)];
}

uint32_t fifo_write(struct fifo *f, const char *s, uint32_t n)
{
    uint32_t room = fifo_space(f);
    if (n > room)
        n = room;
    for (uint32_t i = 0; i < n; i++)
        f->buf[slot(f, f->head + i)] = s[i];
    f->head += n;
    return n;
}

uint32_t fifo_read(struct fifo *f, char *s, uint32_t n)
{
    uint32_t held = fifo_len(f);
    if (n > held)
        n = held;
    for (uint32_t i = 0; i < n; i++)
        s[i] = f->buf[slot(f, f->tail + i)];
    f->tail += n;
    return n;
}
