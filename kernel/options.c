/* kernel/options.c: reads key=value words from the kernel command line. */
#include "kernel/options.h"
#include "kernel/console.h"
#include "lib/cmdline.h"
#include "lib/fmt.h"
#include "lib/string.h"

struct kernel_options options = {
    .init = "sh", /* user/sh.c, the shell */
    .quantum_ms = QUANTUM_MS_DEFAULT,
    .hz = TIMER_HZ_DEFAULT,
    .first_tid = 1,
};

#define QUANTUM_MS_MAX 10000

static void options_bad(const struct cmdline_word *w, const char *expected)
{
    kprintf("coop: ignoring '%.*s=%.*s': expected %s\n", (int)w->key_len, w->key, (int)w->value_len,
            w->value, expected);
}

/* Parse w's value as a decimal in [lo, hi] into *out; complain otherwise. */
static void options_uint(const struct cmdline_word *w, unsigned lo, unsigned hi, unsigned *out)
{
    unsigned v = 0;
    bool ok = w->has_value && w->value_len > 0;
    for (size_t i = 0; ok && i < w->value_len; i++) {
        char c = w->value[i];
        ok = c >= '0' && c <= '9' && v <= (hi - (unsigned)(c - '0')) / 10;
        v = v * 10 + (unsigned)(c - '0');
    }
    if (ok && v >= lo && v <= hi) {
        *out = v;
        return;
    }
    char expected[48];
    fmt_snprintf(expected, sizeof expected, "a number from %u to %u", lo, hi);
    options_bad(w, expected);
}

static bool value_is(const struct cmdline_word *w, const char *s)
{
    return w->has_value && w->value_len == strlen(s) && strncmp(w->value, s, w->value_len) == 0;
}

/* Boot loaders put the kernel's own path first ("build/coop.elf" from QEMU,
 * "/boot/coop.elf" from GRUB); no option has a '/' or '.' in its key. */
static bool is_kernel_path(const struct cmdline_word *w)
{
    for (size_t i = 0; i < w->key_len; i++)
        if (w->key[i] == '/' || w->key[i] == '.')
            return true;
    return false;
}

void options_parse(const char *cmdline)
{
    struct cmdline_word w;
    const char *cursor = cmdline;
    const char *first = cursor;
    bool quantum_given = false;
    if (cmdline_next(&first, &w) && is_kernel_path(&w))
        cursor = first;
    while (cmdline_next(&cursor, &w)) {
        if (w.key_len == 0) {
            kprintf("coop: ignoring '%.*s': an option needs a name before its '='\n",
                    (int)w.value_len + 1, w.key);
        } else if (cmdline_word_is(&w, "init")) {
            if (w.has_value && w.value_len > 0 && w.value_len < sizeof options.init) {
                memcpy(options.init, w.value, w.value_len);
                options.init[w.value_len] = '\0';
            } else
                options_bad(&w, "a program name");
        } else if (cmdline_word_is(&w, "sched")) {
            if (value_is(&w, "coop") || value_is(&w, "preempt"))
                options.preempt = value_is(&w, "preempt");
            else
                options_bad(&w, "coop or preempt");
        } else if (cmdline_word_is(&w, "quantum")) {
            options_uint(&w, 1, QUANTUM_MS_MAX, &options.quantum_ms);
            quantum_given = true;
        } else if (cmdline_word_is(&w, "hz")) {
            options_uint(&w, TIMER_HZ_MIN, TIMER_HZ_MAX, &options.hz);
        } else if (cmdline_word_is(&w, "firsttid")) {
            options_uint(&w, 1, TID_MAX, &options.first_tid);
        } else if (cmdline_word_is(&w, "test")) {
            options.test = true;
        } else if (cmdline_word_is(&w, "trace")) {
            options.trace = true;
        } else if (cmdline_word_is(&w, "kfault")) {
            if (value_is(&w, "page"))
                options.kfault = KFAULT_PAGE;
            else if (value_is(&w, "assert"))
                options.kfault = KFAULT_ASSERT;
            else if (value_is(&w, "divide"))
                options.kfault = KFAULT_DIVIDE;
            else
                options_bad(&w, "page, assert or divide");
        } else if (cmdline_word_is(&w, "panic")) {
            if (value_is(&w, "halt"))
                options.panic_halt = true;
            else
                options_bad(&w, "halt");
        } else {
            kprintf("coop: ignoring unknown option '%.*s' (known: init= sched= quantum= hz= "
                    "firsttid= test trace kfault= panic=; init's arguments go after --)\n",
                    (int)w.key_len, w.key);
        }
    }
    if (quantum_given && !options.preempt)
        kprintf(
            "coop: quantum= has no effect under sched=coop, where a task keeps the CPU until it "
            "gives it up: add sched=preempt\n");
    options.init_args = cmdline_rest(cmdline);
}
