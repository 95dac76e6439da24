/* kernel/ksyms.c: looks addresses up in symbol tables in text (the format
 * is in kernel/ksyms.h): `nm -n` output, "00101234 T kmain", and, in a user
 * program's table, line entries, "40000030 L user/crash.c:19". A linear
 * scan is fine: it only runs when something has gone wrong. */
#include "kernel/ksyms.h"
#include "kernel/console.h"

#define ADDR_DIGITS 8
/* The address, a blank, the type, and the blank before the text. */
#define ENTRY_HEAD (ADDR_DIGITS + 3)
/* A name or FILE:LINE is cut here: nothing real comes near it. */
#define TEXT_MAX 128
#define TEXT_END "__text_end" /* the symbol at the end of the code */

static struct symtab kernel_table;

void ksyms_init(const char *text, size_t len)
{
    kernel_table.text = text;
    kernel_table.len = len;
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

/* One line of a table. */
struct entry {
    uint32_t addr;
    char kind;
    const char *text;
    size_t len;
};

/* The text at p, up to the end of its line: only printable characters and
 * no blanks (a table holds nothing else), and at most TEXT_MAX of them, so
 * that a damaged table prints nothing odd and nothing long. */
static size_t text_len(const char *p, const char *end)
{
    size_t n = 0;
    while (p + n < end && n < TEXT_MAX && p[n] > ' ' && p[n] < 0x7f)
        n++;
    return n;
}

/* Parse the line at p ("AAAAAAAA K TEXT", or "AAAAAAAA L" alone); false if
 * it is not one: then it is skipped. */
static bool parse_line(const char *p, const char *end, struct entry *e)
{
    if (end - p < ADDR_DIGITS + 2 || p[ADDR_DIGITS] != ' ')
        return false;
    uint32_t a = 0;
    for (int i = 0; i < ADDR_DIGITS; i++) {
        int d = hex_digit(p[i]);
        if (d < 0)
            return false;
        a = a << 4 | (uint32_t)d;
    }
    e->addr = a;
    e->kind = p[ADDR_DIGITS + 1];
    e->text = p + ENTRY_HEAD;
    e->len = 0;
    if (end - p > ENTRY_HEAD && p[ADDR_DIGITS + 2] == ' ')
        e->len = text_len(e->text, end);
    else if (end - p > ADDR_DIGITS + 2 && p[ADDR_DIGITS + 2] != '\n')
        return false;
    /* A symbol needs a name; a line entry may have none (a sequence ends). */
    return e->len > 0 || e->kind == 'L';
}

/* Is `e` the symbol the linker scripts put where the code ends
 * (boot/kernel.ld, user/user.ld)? */
static bool is_text_end(const struct entry *e)
{
    size_t i = 0;
    while (i < e->len && TEXT_END[i] != '\0' && e->text[i] == TEXT_END[i])
        i++;
    return i == e->len && TEXT_END[i] == '\0';
}

static const char *next_line(const char *p, const char *end)
{
    while (p < end && *p != '\n')
        p++;
    return p + 1;
}

bool symtab_lookup(const struct symtab *t, uint32_t addr, struct sym_where *w)
{
    *w = (struct sym_where){0};
    if (!t->text)
        return false;
    uint32_t func_addr = 0, line_addr = 0;
    const char *end = t->text + t->len;
    for (const char *p = t->text; p < end; p = next_line(p, end)) {
        struct entry e;
        if (!parse_line(p, end, &e))
            continue;
        if (e.addr > addr)
            break; /* sorted: nothing further can contain addr */
        if (is_text_end(&e)) {
            *w = (struct sym_where){0};
            return false; /* past the code: the rodata, the data, the stack */
        }
        if (e.kind == 'T' || e.kind == 't') {
            w->func = e.text;
            w->func_len = e.len;
            func_addr = e.addr;
        } else if (e.kind == 'L') {
            w->line = e.text;
            w->line_len = e.len;
            line_addr = e.addr;
        }
    }
    /* A line entry below the function's start is some other code's: the
     * function has no line table (libgcc's, say). */
    if (!w->func || !w->line_len || line_addr < func_addr) {
        w->line = NULL;
        w->line_len = 0;
    }
    if (!w->func)
        return false;
    w->offset = addr - func_addr;
    return true;
}

void symtab_print_where(const struct symtab *t, uint32_t addr)
{
    struct sym_where w;
    if (!symtab_lookup(t, addr, &w))
        return;
    if (w.line)
        kprintf(" in %.*s (%.*s)", (int)w.func_len, w.func, (int)w.line_len, w.line);
    else
        kprintf(" in %.*s+0x%x", (int)w.func_len, w.func, w.offset);
}

void symtab_print_frame(const struct symtab *t, int n, uint32_t addr)
{
    kprintf("  #%d 0x%08x", n, addr);
    symtab_print_where(t, addr);
    kprintf("\n");
}

const char *ksyms_lookup(uint32_t addr, size_t *name_len, uint32_t *offset)
{
    struct sym_where w;
    if (!symtab_lookup(&kernel_table, addr, &w))
        return NULL;
    *name_len = w.func_len;
    *offset = w.offset;
    return w.func;
}

void ksyms_print_frame(int n, uint32_t addr)
{
    symtab_print_frame(&kernel_table, n, addr);
}
