/* kernel/ksyms.c: looks addresses up in `nm -n` output: lines of the form
 * "00101234 T kmain", sorted by address. A linear scan is fine: it only runs
 * when something has gone wrong. */
#include "kernel/ksyms.h"
#include "kernel/console.h"
#include <stdbool.h>

#define NM_ADDR_DIGITS 8

static const char *sym_text;
static size_t sym_len;

void ksyms_init(const char *text, size_t len)
{
    sym_text = text;
    sym_len = len;
}

static int hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

/* Parse one "AAAAAAAA T name" line at p; false if it is not a code symbol. */
static bool parse_line(const char *p, const char *end, uint32_t *addr, const char **name,
                       size_t *name_len)
{
    uint32_t a = 0;
    int i;
    for (i = 0; i < NM_ADDR_DIGITS && p + i < end; i++) {
        int d = hex_digit(p[i]);
        if (d < 0)
            return false;
        a = a << 4 | (uint32_t)d;
    }
    if (i != NM_ADDR_DIGITS || p + NM_ADDR_DIGITS + 3 > end || p[8] != ' ' || p[10] != ' ')
        return false;
    if (p[9] != 'T' && p[9] != 't')
        return false;
    const char *n = p + NM_ADDR_DIGITS + 3;
    const char *e = n;
    while (e < end && *e != '\n')
        e++;
    *addr = a;
    *name = n;
    *name_len = (size_t)(e - n);
    return true;
}

const char *ksyms_lookup(uint32_t addr, size_t *name_len, uint32_t *offset)
{
    const char *best = NULL;
    uint32_t best_addr = 0;
    const char *end = sym_text + sym_len;
    for (const char *p = sym_text; p && p < end;) {
        uint32_t a;
        const char *name;
        size_t len;
        if (parse_line(p, end, &a, &name, &len)) {
            if (a > addr)
                break; /* sorted: nothing further can contain addr */
            best = name;
            best_addr = a;
            *name_len = len;
        }
        while (p < end && *p != '\n')
            p++;
        p++;
    }
    if (best)
        *offset = addr - best_addr;
    return best;
}

void ksyms_print_frame(int n, uint32_t addr)
{
    size_t len;
    uint32_t off;
    const char *name = ksyms_lookup(addr, &len, &off);
    if (name)
        kprintf("  #%d 0x%08x in %.*s+0x%x\n", n, addr, (int)len, name, off);
    else
        kprintf("  #%d 0x%08x\n", n, addr);
}
