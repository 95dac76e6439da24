/* tests/progs/elfprobe.c: the program tests/elf/craft.c makes its crafted
 * ELF files from (tests/boot/t_badelf.c starts them). Run as one of them, it
 * checks what the kernel made of the crafted segment and exits 0 if all is
 * as it should be, or with the number of the first check that failed:
 *
 *     elfprobe plain        nothing crafted: the heap starts after _end
 *     elfprobe empty ADDR   an empty segment at ADDR: it moved nothing, and
 *                           the page at ADDR is not mapped
 *     elfprobe top          a segment ending at USER_IMAGE_LIMIT: the break
 *                           is positive and can grow to 0x7fffffff only */
#include "user/lib/coop.h"

#define PAGE_SIZE        4096u
#define USER_IMAGE_LIMIT 0x7ffff000u /* kernel/config.h */
#define USER_STACKS      0x80000000u

extern char _end[];

static uintptr_t page_up(uintptr_t a)
{
    return (a + PAGE_SIZE - 1) & ~(uintptr_t)(PAGE_SIZE - 1);
}

static int touch(void *addr)
{
    return *(volatile char *)addr;
}

/* Is the page at addr mapped? A task that reads it faults if not. */
static int mapped(uintptr_t addr)
{
    int status = 0;
    wait(spawn(touch, (void *)(addr & ~(uintptr_t)(PAGE_SIZE - 1))), &status);
    return WIFEXITED(status);
}

static uintptr_t parse_hex(const char *s)
{
    uintptr_t v = 0;
    if (s[0] == '0' && s[1] == 'x')
        s += 2;
    for (; *s; s++)
        v = v * 16 + (uintptr_t)(*s <= '9' ? *s - '0' : (*s | 0x20) - 'a' + 10);
    return v;
}

int main(int argc, char **argv)
{
    const char *mode = argc > 1 ? argv[1] : "plain";
    if (strcmp(mode, "plain") == 0)
        return (uintptr_t)sbrk(0) == page_up((uintptr_t)_end) ? 0 : 1;
    if (strcmp(mode, "empty") == 0 && argc > 2) {
        if ((uintptr_t)sbrk(0) != page_up((uintptr_t)_end))
            return 1;
        return mapped(parse_hex(argv[2])) ? 2 : 0;
    }
    if (strcmp(mode, "top") == 0) {
        if ((uintptr_t)sbrk(0) != USER_IMAGE_LIMIT || sbrk(0) <= 0)
            return 1;
        if (sbrk(PAGE_SIZE) != -ENOMEM) /* the break would be 0x80000000 */
            return 2;
        if ((uintptr_t)sbrk(PAGE_SIZE - 1) != USER_IMAGE_LIMIT)
            return 3;
        if ((uintptr_t)sbrk(0) != USER_STACKS - 1 || sbrk(0) <= 0)
            return 4;
        return 0;
    }
    printf("elfprobe: unknown mode '%s'\n", mode);
    return 99;
}
