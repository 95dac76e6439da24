/* user/lib/coop.h: the one header a coop user program includes: the system
 * calls, printf, malloc, strings, statuses and error codes.
 *
 * Every task is a coroutine (pyos's Task): it runs until it makes a system
 * call that gives up the CPU (yield, sleep, wait, exit), and the kernel's
 * scheduler loop picks who runs next. Every call returns >= 0 on success and
 * -E... (lib/errno.h) on failure; docs/syscalls.md has the details. */
#pragma once
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdnoreturn.h>

#include "lib/errno.h"
#include "lib/status.h"
#include "lib/string.h"
#include "lib/syscalls.h"

/* ------------------------------------------------------------ system calls */

/* yield: go to the back of the ready queue and let the other ready tasks run
 * first (pyos: a bare `yield`). Returns 0. */
int yield(void);

/* gettid: the calling task's id (pyos: GetTid). Ids are > 0; init's first
 * task is 1; ids increase and are not reused while coop runs. */
int gettid(void);

/* spawn: start a new task in this program (same memory: globals and heap are
 * shared) running fn(arg) on a stack of its own; returning from fn is
 * exit(its return value) (pyos: NewTask). The new task goes to the back of
 * the ready queue and the caller goes on. Returns the new task's id, or
 * -EAGAIN (task table full), -ENOMEM. */
int spawn(int (*fn)(void *arg), void *arg);

/* spawnv: start the program `path` from the initrd ("countdown"; a leading
 * "/" is accepted) in a new address space, as main(argc, argv); argv is a
 * NULL-terminated array, or NULL for {path, NULL}. Returns the new task's id,
 * or -EFAULT (bad pointer), -EINVAL (path empty or longer than 63 bytes),
 * -ENOENT (no such program), -ENOEXEC (not a coop i386 ELF), -E2BIG (more
 * than SPAWN_MAX_ARGS arguments or SPAWN_MAX_BYTES bytes of them), -EAGAIN,
 * -ENOMEM. */
int spawnv(const char *path, char *const argv[]);

/* exit: end the calling task with STATUS_EXIT(status & 0xff); never returns.
 * Only this task ends; the program's other tasks go on, and its memory is
 * freed when its last task ends. Returning from main or from a spawned
 * function is exit(the return value). */
noreturn void exit(int status);

/* wait: block until task `tid` has ended (pyos: WaitTask), or, with tid ==
 * WAIT_ANY, until any child of the caller has; store its status (see
 * WIFEXITED etc. below) in *status unless status is NULL, and return its id.
 * A task may wait on its children (spawned with spawn or spawnv) and on any
 * task of its own program. The parent's wait collects an ended child: its id
 * is unknown afterwards. Errors: -EINVAL (tid 0 or < -1), -EDEADLK (tid is
 * the caller), -ESRCH (no such task), -EPERM (neither a child nor in this
 * program), -ECHILD (WAIT_ANY, but no children at all), -EFAULT (status is
 * not NULL and not this task's writable memory; nothing is collected). */
int wait(int tid, int *status);

/* kill: end task `tid` with STATUS_KILL, whatever it is doing (pyos:
 * KillTask); its waiters wake. Allowed on the caller's children and any task
 * of its program (itself too: then kill does not return). kill(-job), for a
 * job number, ends every task of that job (the caller must have started it
 * with spawnvx, or be in it). Returns 0, or -EINVAL (tid 0 or -1), -ESRCH
 * (no such task, or it has ended; no program left in the job), -EPERM. */
int kill(int tid);

/* sleep: give up the CPU for at least ms milliseconds (rounded up to timer
 * ticks); sleep(0) is yield(). Returns 0, or -EINVAL (ms < 0). */
int sleep(int ms);

/* write: write n bytes at buf to handle h: a terminal (1 and 2 are the
 * console, unless the spawner handed others), or a channel's send end (as
 * messages of up to CHAN_MSG_MAX bytes). Waits while the terminal's or the
 * channel's buffer is full (pyos: WriteWait), never for another task's
 * sake. Returns n, or -EBADF (not a handle for writing), -EPIPE, -EFAULT
 * (buf..buf+n is not readable memory of this program), -EINVAL (n < 0). */
int write(int h, const void *buf, int n);

/* uptime: milliseconds since coop booted. */
unsigned uptime(void);

/* sbrk: move the program's break (the end of its heap, which all its tasks
 * share) by increment bytes, either way; new memory reads as zeroes. Returns
 * the old break (an address: cast it to char *), or -ENOMEM (it would run
 * into the stacks, or memory is out), -EINVAL (below the heap's start).
 * Programs normally use malloc instead. */
intptr_t sbrk(int increment);

/* sysinfo: fill *info with a snapshot of the kernel (free pages, live tasks,
 * scheduler settings: lib/syscalls.h). Returns 0, or -EFAULT. */
int sysinfo(struct sysinfo *info);

/* ------------------------------------------------------------- handles */

/* A program's handles are small numbers naming what it can read and write:
 * 0, 1 and 2 the console (or what its spawner handed it), the ends of
 * channels, files of the initrd, serial lines. docs/syscalls.md has every
 * call's details and errors. */

/* read: up to n bytes from handle h into buf: from a terminal a line (or, in
 * raw mode, what was typed), from a channel what its messages hold, from a
 * file what follows. Waits (pyos: ReadWait) until there is something.
 * Returns the bytes read, 0 at the end (Ctrl-D, end of stream, end of
 * file), or -EBADF, -EFAULT, -EINVAL. */
int read(int h, void *buf, int n);

/* open: a file of the initrd ("motd.txt"), for reading, or a terminal:
 * "dev/console", "dev/com2" to "dev/com4" (serial lines QEMU provides).
 * Returns a new handle, or -ENOENT, -EINVAL, -EFAULT, -EMFILE, -EAGAIN. */
int open(const char *path);

/* close: close handle h. Closing the last handle on a channel's send end
 * ends the stream for its receivers. Returns 0 or -EBADF. */
int close(int h);

/* chan: a new channel for `capacity` messages (0 to CHAN_CAPACITY_MAX; 0:
 * a rendezvous); ends[CHAN_RECV_END] receives, ends[CHAN_SEND_END] sends.
 * Returns 0, or -EINVAL, -EFAULT, -EAGAIN (CHAN_MAX channels), -ENOMEM,
 * -EMFILE. */
int chan(int capacity, int ends[2]);

/* send: one message of n bytes (1 to CHAN_MSG_MAX) into the channel whose
 * send end is h (pyos: target.send(item)). Waits while the channel is full
 * (for a rendezvous: until a receiver has it). Returns n, or -EPIPE (no
 * receive end open), -EMSGSIZE, -EINVAL (n == 0), -EBADF, -EFAULT. */
int send(int h, const void *msg, int n);

/* recv: the oldest message of the channel whose receive end is h, into buf
 * (pyos: item = (yield)). Waits while there is none. Returns its length, 0
 * at end of stream (every send end closed, nothing left), or -EMSGSIZE
 * (buf is smaller than the message, which stays), -EBADF, -EFAULT. */
int recv(int h, void *buf, int max);

/* sendrecv: send `word` as a message of SENDRECV_WORD bytes into the
 * channel whose send end is `out`, then receive one message of at most
 * SENDRECV_WORD bytes from the one whose receive end is `in`, into *reply
 * (zero past a shorter message's end): send(out, &word, 4) and then
 * recv(in, reply, 4), in one system call, the words passing in registers.
 * A server's loop is one call a message ("reply to that one, wait for the
 * next"), and so is a pipeline stage's. Either handle may be SENDRECV_NONE
 * to leave that half out (reply may be NULL then). Waits as send and recv
 * do. Returns what the receive half got (its length; 0 at end of stream),
 * or SENDRECV_WORD with no receive half; or -EBADF, -EPIPE (nothing
 * received), -EMSGSIZE (the message is longer than a word; it stays),
 * -EINVAL (neither handle).
 *
 * Inline, unlike the other calls' stubs (user/lib/syscall.c): it is the
 * call a server or a pipeline's stage makes once a message, and as a
 * function its own instructions would be a tenth of what it costs. The
 * word received comes back in %ecx, which is why this is not syscall3(). */
static inline int sendrecv(int out, int word, int in, int *reply);

/* sendrecv_fast: the same call, with the same results, through the other
 * gate, `int $0x81`: its fast path (kernel/fastpath.S) finishes the call in
 * assembly, without the scheduler loop, when the other side already waits
 * in sendrecv for this word and this side's answer has not come: a client
 * and its server, each calling in turn, pay half as much. A bet, though:
 * a call that is not that case (a pipeline's stage, mostly: there is room
 * in `out` and a word in `in`) pays the fast path's tests, 6 to 18
 * instructions, before the loop handles it as sendrecv. docs/performance.md
 * has both sides of the bet measured. */
static inline int sendrecv_fast(int out, int word, int in, int *reply);

/* What both return: the call's result, and the word received into
 * *reply when there was one. */
static inline int sendrecv_result(int ret, int word, int in, int *reply)
{
    if (ret > 0 && in != SENDRECV_NONE && reply)
        *reply = word;
    return ret;
}

/* The call itself, through gate `gate` ("0x80" or "0x81"): ret, and the
 * word received in word. */
#define SENDRECV_TRAP(gate, ret, out, word, in)                                                    \
    __asm__ volatile("int $" gate                                                                  \
                     : "=a"(ret), "+c"(word)                                                       \
                     : "a"(SYS_sendrecv), "b"(out), "d"(in)                                        \
                     : "memory")

static inline int sendrecv(int out, int word, int in, int *reply)
{
    int ret;
    SENDRECV_TRAP("0x80", ret, out, word, in); /* SYSCALL_VECTOR */
    return sendrecv_result(ret, word, in, reply);
}

static inline int sendrecv_fast(int out, int word, int in, int *reply)
{
    int ret;
    SENDRECV_TRAP("0x81", ret, out, word, in); /* FASTCALL_VECTOR */
    return sendrecv_result(ret, word, in, reply);
}

/* poll: wait until one of the n handles in reqs is ready for what its
 * `events` asks (POLL_IN, POLL_OUT), or timeout_ms pass (POLL_FOREVER: no
 * limit; 0: just look). Sets every revents (POLL_HUP and POLL_NVAL are
 * reported unasked) and returns how many have something, 0 on timeout
 * (pyos: iopoll). Or -EINVAL, -EFAULT, -EAGAIN. */
int poll(struct pollreq *reqs, int n, int timeout_ms);

/* spawnvx: spawnv, with options (NULL: none): which of the caller's
 * handles the new program gets as its 0, 1, 2, ..., and which job it joins
 * (lib/syscalls.h, struct spawn_opts). Errors as spawnv, and -EBADF (a
 * handle that is not open), -EINVAL, -ESRCH (no such job). */
int spawnvx(const char *path, char *const argv[], const struct spawn_opts *opts);

/* ioctl: a TTY_* request on the terminal handle h: raw or cooked input,
 * the console's foreground job. Returns the request's result, or -EBADF,
 * -ENOTTY (not a terminal), -EINVAL. */
int ioctl(int h, int request, int arg);

/* tasks: a struct task_info (a line of `ps`) for each task, up to max of
 * them into buf. Returns how many tasks there are (maybe more than max),
 * or -EFAULT, -EINVAL. */
int tasks(struct task_info *buf, int max);

/* files: a struct file_info (a line of `ls`) for each file of the initrd,
 * up to max of them into buf, in archive order. Returns how many files
 * there are (maybe more than max), or -EFAULT or -EINVAL. */
int files(struct file_info *buf, int max);

/* -------------------------------------------------------------- output */

/* printf: format (lib/fmt.h: %d %i %u %x %X %o %c %s %p %%, flags, width,
 * precision, hh h l ll z) to stdout. The text goes out in as few write()s as
 * possible (one per 256 bytes), so a line printed by one call is not split
 * by another task's output. Returns the number of chars written, or a
 * negative error from write(). */
int printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* vprintf: printf with a va_list. */
int vprintf(const char *fmt, va_list ap) __attribute__((format(printf, 1, 0)));

/* dprintf: printf to file descriptor fd (FD_STDOUT or FD_STDERR). */
int dprintf(int fd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* vdprintf: dprintf with a va_list. */
int vdprintf(int fd, const char *fmt, va_list ap) __attribute__((format(printf, 2, 0)));

/* puts: write s and a newline to stdout, in one write(). Returns a
 * non-negative number, or a negative error. */
int puts(const char *s);

/* putchar: write the char c to stdout. Returns c as an unsigned char, or a
 * negative error. */
int putchar(int c);

/* snprintf: format into buf (size bytes), always NUL-terminated when size >
 * 0. Returns the length the whole text has: truncated if >= size. */
int snprintf(char *buf, size_t size, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* vsnprintf: snprintf with a va_list. */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
    __attribute__((format(printf, 3, 0)));

/* ------------------------------------------------------------------ memory */

/* The heap is the program's, shared by all its tasks. malloc and friends take
 * a small lock: a task that finds another task of its program inside them
 * (possible only under sched=preempt) yields until that one is done, so they
 * are safe under both schedulers. Their memory is 16-byte aligned. */

/* malloc: size bytes of uninitialised memory, or NULL when the heap cannot
 * grow. malloc(0) returns a unique pointer (to free like any other). */
void *malloc(size_t size);

/* free: give back a block from malloc, calloc or realloc. free(NULL) does
 * nothing. Freeing a pointer twice, or one malloc never gave, ends the task
 * with an invalid-opcode fault when malloc can tell. */
void free(void *ptr);

/* calloc: n * size bytes of zeroes, or NULL (also when n * size overflows). */
void *calloc(size_t n, size_t size);

/* realloc: resize ptr's block to size bytes, keeping its contents up to the
 * smaller size; it may move. realloc(NULL, size) is malloc(size);
 * realloc(ptr, 0) frees ptr and returns NULL. Returns NULL, leaving ptr as it
 * was, when there is no memory. */
void *realloc(void *ptr, size_t size);

/* ----------------------------------------------------------------- misc */

/* strerror: a message for an error code, given either way round (ENOENT or
 * -ENOENT, as a call returns it): "no such program". */
const char *strerror(int err);

/* filter_main: the main of a filter like cat, wc and upper: with no
 * arguments, each(FD_STDIN, NULL), which does the work on the program's
 * input; else each(h, NAME) for every file of the initrd the arguments name,
 * opened and closed around the call ("PROGRAM: NAME: error" for one that
 * cannot be opened). each returns 0, or 1 on an error it has reported.
 * Returns 1 if anything failed, else 0: main's exit code. */
int filter_main(int argc, char **argv, int (*each)(int h, const char *name));

/* atoi: the decimal number at the start of s (after blanks, with an optional
 * sign); 0 if there is none. */
int atoi(const char *s);
