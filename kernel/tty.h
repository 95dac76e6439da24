/* kernel/tty.h: terminals. The console is COM1 and the keyboard for input,
 * COM1 and the VGA screen for output; COM2 to COM4, when QEMU has them, are
 * terminals of their own ("serial lines", raw by default). Each has a line
 * discipline (lib/linedisc.h: echo, editing, Ctrl-C, Ctrl-D, history), input
 * waiting to be read, and output waiting for its UART.
 *
 * pyos's ReadWait and WriteWait: a task that reads with nothing to read,
 * or writes with the output buffer full, is parked on the terminal; the
 * interrupt that brings input or empties the transmitter finishes its call. */
#pragma once
#include "lib/list.h"
#include <stdbool.h>
#include <stdint.h>

struct process;
struct task;
struct tty;

/* tty_init: bring up the console's input (COM1 and the keyboard) and every
 * extra serial line QEMU has, with their interrupts. */
void tty_init(void);

/* tty_console: the console. */
struct tty *tty_console(void);

/* tty_name: its name: "console", "com2", ... */
const char *tty_name(const struct tty *tty);

/* tty_find: the terminal called `name` ("console", "com2", "com3",
 * "com4"), or NULL if there is none (or QEMU did not give that line). */
struct tty *tty_find(const char *name);

/* tty_write_kernel: the kernel's own output (kprintf, echo): written at
 * once, after whatever programs have waiting, by polling the UART. Works
 * before tty_init. */
void tty_write_kernel(struct tty *tty, const char *s, uint32_t n);

/* tty_flush: wait until all output has left (before powering off). */
void tty_flush(void);

/* tty_read: `task` reads into its buffer buf of n bytes: a line, in the
 * default (cooked) mode, or what has been typed, in raw mode. Returns the
 * bytes, 0 at end of input (Ctrl-D), -EFAULT; or parks the task until input
 * comes, returning 0 (kernel/chan.h explains parking). */
int tty_read(struct task *task, struct tty *tty, uint32_t buf, uint32_t n);

/* tty_write: `task` writes n bytes at buf. They go into the output buffer
 * (and onto the screen, for the console) and the call returns n; when the
 * buffer is full the task is parked until the UART has taken enough. One
 * write is never mixed with another program's: writers take turns. */
int tty_write(struct task *task, struct tty *tty, uint32_t buf, uint32_t n);

/* tty_close_handle: handle `h` of `proc` on `tty` is closing: the tasks of
 * `proc` parked on it through that handle get -EBADF (a write that put
 * bytes out, how many), and its pollers poll again. */
void tty_close_handle(struct tty *tty, const struct process *proc, uint32_t h);

/* tty_ioctl: a TTY_* request of lib/syscalls.h. Returns its result, or
 * -EINVAL (unknown request, or a console-only one on another terminal). */
int tty_ioctl(struct tty *tty, int request, int arg);

/* tty_poll_events: POLL_IN if a read would not park, POLL_OUT if a write
 * would not. */
int tty_poll_events(const struct tty *tty);

/* tty_pollers: its list of poll nodes. */
struct list_node *tty_pollers(struct tty *tty);

/* tty_cancel: `task`, parked on a terminal, is ending: forget it. */
void tty_cancel(struct task *task);

/* tty_irq: IRQ `irq` (the keyboard's, or a serial port's) has come: take
 * the input, feed the transmitters, finish parked calls. */
void tty_irq(int irq);

/* tty_someone_waiting: is any task parked on a terminal (or polling one)?
 * Then an interrupt may yet wake it: not a deadlock. */
bool tty_someone_waiting(void);

/* tty_input_lost: console input bytes dropped since boot (its buffer was
 * full: nobody read in time). */
unsigned tty_input_lost(void);
