/* tests/boot/t_badelf.c: spawnv() of crafted ELF files (tests/elf/craft.c
 * makes them from tests/progs/elfprobe.c and the build puts them in the
 * initrd). Segments outside the program's range are refused with -ENOEXEC,
 * empty ones too, however odd their address; nothing may reach the kernel's
 * asserts (the loader once mapped the page below an empty segment at an
 * unaligned address: a panic at 0x1, a stack guard page at 0x80000010). An
 * empty segment inside the range maps nothing; an image may end one page
 * below 0x80000000, but not at it, so that the break is always a positive
 * int. The crafted files that load run the probe, which checks its own
 * memory and exits 0. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

/* What spawnv must answer; 0: it starts, and the probe exits 0. */
struct crafted {
    const char *name;
    int want;
    const char *probe_args[3];
};

static const struct crafted crafted_files[] = {
    {"elfprobe", 0, {"plain"}},
    {"bad-empty-0x1", -ENOEXEC, {0}},
    {"bad-empty-0x500010", -ENOEXEC, {0}},
    {"bad-empty-0x80000010", -ENOEXEC, {0}},
    {"bad-empty-0x90000010", -ENOEXEC, {0}},
    {"bad-empty-0xf0000010", -ENOEXEC, {0}},
    {"bad-empty-0xffffffff", -ENOEXEC, {0}},
    {"ok-empty-0x50000010", 0, {"empty", "0x50000010"}},
    {"bad-ends-at-0x80000000", -ENOEXEC, {0}},
    {"ok-ends-at-0x7ffff000", 0, {"top"}},
};

#define FILES (int)(sizeof crafted_files / sizeof crafted_files[0])

int main(void)
{
    tap_plan(FILES + 1);
    struct sysinfo before, after;
    sysinfo(&before);
    for (int i = 0; i < FILES; i++) {
        const struct crafted *f = &crafted_files[i];
        char *argv[5] = {(char *)f->name};
        for (int a = 0; a < 3 && f->probe_args[a]; a++)
            argv[a + 1] = (char *)f->probe_args[a];
        int tid = spawnv(f->name, argv);
        if (f->want < 0) {
            tap_is(tid, f->want, "%s: spawnv refuses it (%s)", f->name, errno_name(-f->want));
            continue;
        }
        int status = -1;
        if (tid > 0)
            wait(tid, &status);
        tap_ok(tid > 0 && status == STATUS_EXIT(0),
               "%s: starts, and the probe is content (%d, %#x)", f->name, tid, status);
    }
    sysinfo(&after);
    tap_is(after.pages_free, before.pages_free, "every page came back");
    return tap_done();
}
