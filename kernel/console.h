/* kernel/console.h: the kernel's own output, to COM1 and the VGA screen at
 * once (programs write to the console through kernel/tty.h). */
#pragma once
#include <stddef.h>

/* console_init: bring up both outputs. Call first thing at boot. */
void console_init(void);

/* console_write: send n bytes at once, after what programs have waiting. */
void console_write(const char *s, size_t n);

/* kprintf: printf to the console (lib/fmt.h conversions); returns the number
 * of characters written. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2), cold));
