/* kernel/x86.h: the handful of x86 instructions C cannot express, as inline
 * functions (port I/O, control registers, interrupts flag, tables). */
#pragma once
#include <stdint.h>

static inline uint8_t inb(uint16_t port)
{
    uint8_t v;
    __asm__ volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
    return v;
}

static inline void outb(uint16_t port, uint8_t v)
{
    __asm__ volatile("outb %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outw(uint16_t port, uint16_t v)
{
    __asm__ volatile("outw %0, %1" : : "a"(v), "Nd"(port));
}

static inline void outl(uint16_t port, uint32_t v)
{
    __asm__ volatile("outl %0, %1" : : "a"(v), "Nd"(port));
}

static inline void cli(void)
{
    __asm__ volatile("cli" ::: "memory");
}

/* Enable interrupts and halt until one arrives, atomically: `sti` takes effect
 * after the next instruction, so no interrupt can slip in before the `hlt`. */
static inline void sti_hlt(void)
{
    __asm__ volatile("sti; hlt; cli" ::: "memory");
}

static inline void hlt(void)
{
    __asm__ volatile("hlt" ::: "memory");
}

static inline uint32_t rcr0(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr0, %0" : "=r"(v));
    return v;
}

static inline void lcr0(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr0" : : "r"(v) : "memory");
}

static inline uint32_t rcr2(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr2, %0" : "=r"(v));
    return v;
}

static inline uint32_t rcr3(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr3, %0" : "=r"(v));
    return v;
}

static inline void lcr3(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr3" : : "r"(v) : "memory");
}

static inline uint32_t rcr4(void)
{
    uint32_t v;
    __asm__ volatile("mov %%cr4, %0" : "=r"(v));
    return v;
}

static inline void lcr4(uint32_t v)
{
    __asm__ volatile("mov %0, %%cr4" : : "r"(v) : "memory");
}

static inline void invlpg(uint32_t va)
{
    __asm__ volatile("invlpg (%0)" : : "r"(va) : "memory");
}

static inline uint64_t rdtsc(void)
{
    uint64_t v;
    __asm__ volatile("rdtsc" : "=A"(v));
    return v;
}

/* rep_stosl: store `count` copies of the 32-bit `value` from dst up: one
 * string instruction, 4 bytes a step (lib's memset goes a byte at a time). */
static inline void rep_stosl(void *dst, uint32_t value, uint32_t count)
{
    __asm__ volatile("rep stosl" : "+D"(dst), "+c"(count) : "a"(value) : "memory");
}

/* rep_movsb: copy n bytes from src to dst (which must not overlap), in one
 * string instruction. */
static inline void rep_movsb(void *dst, const void *src, uint32_t n)
{
    __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(n) : : "memory");
}

/* rep_movs: copy n bytes from src to dst (which must not overlap), the whole
 * words with `rep movsl` and the 0 to 3 bytes left with `rep movsb`. Each
 * repetition of a string instruction is one step of the CPU (and counts as
 * one instruction under icount, make bench), so this is a step per 4 bytes,
 * where rep_movsb takes one per byte and lib's byte loop memcpy four. */
static inline void rep_movs(void *dst, const void *src, uint32_t n)
{
    uint32_t words = n / sizeof(uint32_t), rest = n % sizeof(uint32_t);
    __asm__ volatile("rep movsl" : "+D"(dst), "+S"(src), "+c"(words) : : "memory");
    if (rest)
        __asm__ volatile("rep movsb" : "+D"(dst), "+S"(src), "+c"(rest) : : "memory");
}

/* read_ds, read_ss: the selectors in %ds and %ss. */
static inline uint16_t read_ds(void)
{
    uint16_t v;
    __asm__ volatile("mov %%ds, %0" : "=r"(v));
    return v;
}

static inline uint16_t read_ss(void)
{
    uint16_t v;
    __asm__ volatile("mov %%ss, %0" : "=r"(v));
    return v;
}

static inline uint32_t read_ebp(void)
{
    uint32_t v;
    __asm__ volatile("mov %%ebp, %0" : "=r"(v));
    return v;
}

/* Pointer + limit operand of lgdt/lidt. */
struct table_register {
    uint16_t limit;
    uint32_t base;
} __attribute__((packed));

static inline void lgdt(const struct table_register *r)
{
    __asm__ volatile("lgdt (%0)" : : "r"(r) : "memory");
}

static inline void lidt(const struct table_register *r)
{
    __asm__ volatile("lidt (%0)" : : "r"(r) : "memory");
}

static inline void lldt(uint16_t sel)
{
    __asm__ volatile("lldt %0" : : "r"(sel));
}

static inline void ltr(uint16_t sel)
{
    __asm__ volatile("ltr %0" : : "r"(sel));
}
