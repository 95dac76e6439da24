/* lib/exception.c: names of the x86 CPU exception vectors, for panic and
 * fault messages. */
#include "lib/exception.h"
#include <stddef.h>

#define RESERVED_NAME     "reserved"
#define RESERVED_MNEMONIC "#??"

/* Indexed by vector; NULL entries are reserved vectors. */
static const struct {
    const char *name;
    const char *mnemonic;
} exceptions[T_EXCEPTIONS] = {
    [0] = {"divide error", "#DE"},
    [1] = {"debug", "#DB"},
    [2] = {"non-maskable interrupt", "NMI"},
    [3] = {"breakpoint", "#BP"},
    [4] = {"overflow", "#OF"},
    [5] = {"bound range exceeded", "#BR"},
    [6] = {"invalid opcode", "#UD"},
    [7] = {"device not available", "#NM"},
    [8] = {"double fault", "#DF"},
    [9] = {"coprocessor segment overrun", "#CSO"},
    [10] = {"invalid TSS", "#TS"},
    [11] = {"segment not present", "#NP"},
    [12] = {"stack-segment fault", "#SS"},
    [13] = {"general protection fault", "#GP"},
    [14] = {"page fault", "#PF"},
    [16] = {"x87 floating-point error", "#MF"},
    [17] = {"alignment check", "#AC"},
    [18] = {"machine check", "#MC"},
    [19] = {"SIMD floating-point error", "#XM"},
    [20] = {"virtualization exception", "#VE"},
    [21] = {"control protection exception", "#CP"},
};

const char *exception_name(unsigned vector)
{
    if (vector >= T_EXCEPTIONS)
        return "unknown";
    return exceptions[vector].name ? exceptions[vector].name : RESERVED_NAME;
}

const char *exception_mnemonic(unsigned vector)
{
    if (vector >= T_EXCEPTIONS || !exceptions[vector].mnemonic)
        return RESERVED_MNEMONIC;
    return exceptions[vector].mnemonic;
}
