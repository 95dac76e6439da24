/* tests/unit/kprintf_capture.h: kprintf for host tests of kernel code that
 * prints (warnings, backtraces): whatever it prints is appended to
 * `printed`, which a test empties with printed_clear() and then reads. */
#pragma once

#define PRINTED_MAX 1024

extern char printed[PRINTED_MAX];

/* printed_clear: forget everything printed so far. */
void printed_clear(void);
