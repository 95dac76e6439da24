/* lib/string.h: the C library's memory and string functions, for the kernel
 * and user programs (neither has a libc). Same names and contracts as ISO C. */
#pragma once
#include <stddef.h>

/* memset: fill n bytes at s with the byte c. Returns s. */
void *memset(void *s, int c, size_t n);

/* memcpy: copy n bytes from src to dst; the two must not overlap. Returns dst. */
void *memcpy(void *dst, const void *src, size_t n);

/* memmove: copy n bytes from src to dst, which may overlap. Returns dst. */
void *memmove(void *dst, const void *src, size_t n);

/* memcmp: compare n bytes as unsigned chars. Returns <0, 0 or >0 as a is
 * below, equal to or above b. */
int memcmp(const void *a, const void *b, size_t n);

/* strlen: the number of chars before s's terminating NUL. */
size_t strlen(const char *s);

/* strnlen: strlen(s), but at most max; reads no further than s[max - 1]. */
size_t strnlen(const char *s, size_t max);

/* strcmp: compare two strings as unsigned chars. Returns <0, 0 or >0. */
int strcmp(const char *a, const char *b);

/* strncmp: strcmp on at most the first n chars. Returns <0, 0 or >0. */
int strncmp(const char *a, const char *b, size_t n);

/* strchr: the first c in s (the terminating NUL counts when c is 0), or NULL. */
char *strchr(const char *s, int c);

/* strrchr: the last c in s (the terminating NUL counts when c is 0), or NULL. */
char *strrchr(const char *s, int c);

/* strlcpy: copy src into dst, a buffer of size bytes, truncating if needed;
 * dst is always NUL-terminated when size > 0. Returns strlen(src), so the copy
 * was truncated if the result is >= size. */
size_t strlcpy(char *dst, const char *src, size_t size);
