/* lib/fifo.h: a byte FIFO (ring buffer) over a buffer the caller supplies, for
 * input on its way from an interrupt handler to a reader. Every operation is
 * O(1) per byte and never allocates. */
#pragma once
#include <stdbool.h>
#include <stdint.h>

/* head and tail count every byte ever put and taken; they are not reduced
 * modulo size, so head - tail is the number of bytes held even after either
 * wraps around 2^32 (size, a power of two, divides 2^32: a byte's slot is its
 * count & (size - 1) on both sides of the wrap). */
struct fifo {
    char *buf;
    uint32_t size; /* a power of two */
    uint32_t head; /* bytes ever put: the next one goes to buf[head & (size - 1)] */
    uint32_t tail; /* bytes ever taken: the oldest is buf[tail & (size - 1)] */
};

/* fifo_init: make f an empty FIFO over buf, which holds size bytes. size must
 * be a power of two (1, 2, 4, ... 2^31). Returns true on success; false if
 * size is not, in which case f holds nothing and takes nothing (every put
 * fails, every get finds it empty). f has no lock of its own: a caller that
 * fills it from an interrupt handler must keep that handler out while it
 * drains it. */
bool fifo_init(struct fifo *f, char *buf, uint32_t size);

/* fifo_len: how many bytes f holds. */
uint32_t fifo_len(const struct fifo *f);

/* fifo_space: how many more bytes f can take. */
uint32_t fifo_space(const struct fifo *f);

/* fifo_put: append c. Returns false, storing nothing, if f is full. */
bool fifo_put(struct fifo *f, char c);

/* fifo_get: take the oldest byte. Returns it as an unsigned char value
 * (0..255), or -1 if f is empty. */
int fifo_get(struct fifo *f);

/* fifo_peek: the i-th oldest byte (0 is the oldest), as an unsigned char
 * value, left in f; -1 if i >= fifo_len(f). */
int fifo_peek(const struct fifo *f, uint32_t i);

/* fifo_write: append as many of the n bytes at s as fit, in order. Returns
 * how many it appended (the first that many of s). */
uint32_t fifo_write(struct fifo *f, const char *s, uint32_t n);

/* fifo_read: take up to n of the oldest bytes into s, oldest first. Returns
 * how many it took. */
uint32_t fifo_read(struct fifo *f, char *s, uint32_t n);
