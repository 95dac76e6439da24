/* tests/unit/kprintf_capture.c: the kernel's kprintf, captured (see
 * kprintf_capture.h). */
#include "tests/unit/kprintf_capture.h"
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

char printed[PRINTED_MAX];

void printed_clear(void)
{
    printed[0] = '\0';
}

int kprintf(const char *fmt, ...)
{
    size_t used = strlen(printed);
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(printed + used, sizeof printed - used, fmt, ap);
    va_end(ap);
    return n;
}
