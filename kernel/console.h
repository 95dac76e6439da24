/* kernel/console.h: kernel output, to COM1 and the VGA screen at once. */
#pragma once
#include <stddef.h>

/* console_init: bring up both outputs. Call first thing at boot. */
void console_init(void);

/* console_write: send n bytes as they are (user write() lands here). */
void console_write(const char *s, size_t n);

/* kprintf: printf to the console (lib/fmt.h conversions); returns the number
 * of characters written. */
int kprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2), cold));
