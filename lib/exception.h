/* lib/exception.h: the 32 x86 CPU exception vectors, their numbers and their
 * names for messages ("page fault", "#PF"). */
#pragma once

/* Vector numbers (Intel SDM vol. 3, table 6-1). 9 and 15 are reserved. */
enum {
    T_DIVIDE = 0,      /* #DE: divide error */
    T_DEBUG = 1,       /* #DB */
    T_NMI = 2,         /* non-maskable interrupt */
    T_BRKPT = 3,       /* #BP: int3 */
    T_OFLOW = 4,       /* #OF: into */
    T_BOUND = 5,       /* #BR */
    T_ILLOP = 6,       /* #UD: invalid opcode */
    T_DEVICE = 7,      /* #NM: no FPU */
    T_DBLFLT = 8,      /* #DF */
    T_TSS = 10,        /* #TS */
    T_SEGNP = 11,      /* #NP */
    T_STACK = 12,      /* #SS */
    T_GPFLT = 13,      /* #GP */
    T_PGFLT = 14,      /* #PF */
    T_FPERR = 16,      /* #MF */
    T_ALIGN = 17,      /* #AC */
    T_MCHK = 18,       /* #MC */
    T_SIMDERR = 19,    /* #XM */
    T_EXCEPTIONS = 32, /* vectors below this are CPU exceptions */
};

/* exception_name: the vector's name, e.g. "page fault"; "reserved" for an
 * unassigned exception vector and "unknown" for a vector >= T_EXCEPTIONS. */
const char *exception_name(unsigned vector);

/* exception_mnemonic: the vector's short name, e.g. "#PF" or "NMI"; "#??"
 * for a reserved or unknown vector. */
const char *exception_mnemonic(unsigned vector);
