/* kernel/tty.c: terminals: the console and the extra serial lines. Input
 * comes by interrupt (a serial port's "byte received", the keyboard) and goes
 * through the terminal's line discipline into its input buffer; output from
 * programs goes into an output buffer that the UART's "transmitter empty"
 * interrupt drains. The kernel's own messages (and echo) are written at once
 * by polling, after what is already waiting, so that they stay in order.
 *
 * Nothing here waits: a read with no input, or a write with the buffer
 * full, parks the task on the terminal (pyos's ReadWait, WriteWait), and
 * the interrupt that changes that finishes its call. */
#include "kernel/tty.h"
#include "kernel/dev/keyboard.h"
#include "kernel/dev/pic.h"
#include "kernel/dev/timer.h"
#include "kernel/dev/uart.h"
#include "kernel/dev/vga.h"
#include "kernel/console.h"
#include "kernel/panic.h"
#include "kernel/poll.h"
#include "kernel/sched.h"
#include "kernel/task.h"
#include "kernel/uaccess.h"
#include "lib/errno.h"
#include "lib/fifo.h"
#include "lib/linedisc.h"
#include "lib/string.h"
#include "lib/syscalls.h"

#define TTY_INPUT_SIZE  16384 /* input waiting to be read: a paste of 10,000 bytes fits */
#define TTY_OUTPUT_SIZE 4096  /* output waiting for the UART */
#define TTY_CHUNK       256   /* bytes moved at a time through the kernel stack */

struct tty {
    const char *name;
    uint16_t port;  /* its UART */
    int irq;        /* the IRQ the UART raises */
    bool present;   /* COM2-COM4: only if QEMU has them */
    bool console;   /* also the keyboard, the screen, CR LF line ends, Ctrl-C */
    bool cr_sent;   /* of a "\n" going out as "\r\n", the "\r" has gone */
    int foreground; /* the console: the job Ctrl-C ends (0: none) */
    unsigned lost_reported;
    uint64_t reported_at; /* tick of the last "input lost" line */
    struct linedisc ld;
    struct fifo out;
    struct list_node readers, writers, pollers;
    char in_buf[TTY_INPUT_SIZE];
    char out_buf[TTY_OUTPUT_SIZE];
};

static struct tty ttys[] = {
    {.name = "console", .port = COM1, .irq = IRQ_COM13, .present = true, .console = true},
    {.name = "com2", .port = COM2, .irq = IRQ_COM24},
    {.name = "com3", .port = COM3, .irq = IRQ_COM13},
    {.name = "com4", .port = COM4, .irq = IRQ_COM24},
};

#define TTYS    (int)(sizeof ttys / sizeof ttys[0])
#define CONSOLE (&ttys[0])

struct tty *tty_console(void)
{
    return CONSOLE;
}

const char *tty_name(const struct tty *tty)
{
    return tty->name;
}

struct tty *tty_find(const char *name)
{
    for (int i = 0; i < TTYS; i++)
        if (ttys[i].present && strcmp(ttys[i].name, name) == 0)
            return &ttys[i];
    return NULL;
}

/* ------------------------------------------------------------ output */

/* Hand up to `max` bytes of the output buffer to the UART (which can take
 * them), a "\n" as "\r\n" on the console. */
static void tty_send(struct tty *tty, int max)
{
    while (max-- > 0 && fifo_len(&tty->out) > 0) {
        char c = (char)fifo_peek(&tty->out, 0);
        if (c == '\n' && tty->console && !tty->cr_sent) {
            uart_send(tty->port, '\r');
            tty->cr_sent = true;
            continue;
        }
        uart_send(tty->port, c);
        fifo_get(&tty->out);
        tty->cr_sent = false;
    }
}

/* Give the UART what it can take, and have it interrupt when it is empty
 * only while there is more. */
static void tty_start_output(struct tty *tty)
{
    if (fifo_len(&tty->out) > 0 && uart_can_send(tty->port))
        tty_send(tty, UART_FIFO_SIZE);
    uart_interrupts(tty->port, true, fifo_len(&tty->out) > 0);
}

/* Everything in the output buffer out now, by polling. */
static void tty_drain(struct tty *tty)
{
    while (fifo_len(&tty->out) > 0) {
        while (!uart_can_send(tty->port))
            ;
        tty_send(tty, UART_FIFO_SIZE);
    }
}

void tty_write_kernel(struct tty *tty, const char *s, uint32_t n)
{
    tty_drain(tty);
    for (uint32_t i = 0; i < n; i++) {
        if (s[i] == '\n' && tty->console)
            uart_putc(tty->port, '\r');
        uart_putc(tty->port, s[i]);
        if (tty->console)
            vga_putc(s[i]);
    }
}

void tty_flush(void)
{
    for (int i = 0; i < TTYS; i++)
        if (ttys[i].present)
            tty_drain(&ttys[i]);
}

/* Copy what is left of writer `task`'s write into the output buffer (and
 * onto the screen), as far as it fits. Returns 0, or -EFAULT. */
static int tty_take_output(struct tty *tty, struct task *task)
{
    char chunk[TTY_CHUNK];
    uint32_t n = task->tf.edx;
    while (task->blocked.done < n && fifo_space(&tty->out) > 0) {
        uint32_t part = n - task->blocked.done;
        if (part > fifo_space(&tty->out))
            part = fifo_space(&tty->out);
        if (part > TTY_CHUNK)
            part = TTY_CHUNK;
        if (copy_from_user(task, chunk, task->tf.ecx + task->blocked.done, part) < 0)
            return -EFAULT;
        fifo_write(&tty->out, chunk, part);
        if (tty->console)
            for (uint32_t i = 0; i < part; i++)
                vga_putc(chunk[i]);
        task->blocked.done += part;
    }
    return 0;
}

static void tty_report_lost(struct tty *tty, bool now);

/* ------------------------------------------------------- parking and waking */

void tty_cancel(struct task *task)
{
    list_remove(&task->link);
    task->blocked.kind = WAIT_NONE;
}

/* Read input into `task`'s buffer buf of n bytes (there is some): a line,
 * or in raw mode all there is, up to n. */
static int tty_take_input(struct tty *tty, struct task *task, uint32_t buf, uint32_t n)
{
    char chunk[TTY_CHUNK];
    uint32_t done = 0;
    /* A parked reader's memory may have gone (sbrk) since it called: then
     * the input stays for the next reader, as a channel's message does. */
    if (uaccess_check(task, buf, n, true) < 0)
        return -EFAULT;
    tty_report_lost(tty, true);
    do {
        uint32_t want = n - done < TTY_CHUNK ? n - done : TTY_CHUNK;
        uint32_t got = (uint32_t)linedisc_read(&tty->ld, chunk, want);
        if (copy_to_user(task, buf + done, chunk, got) < 0)
            return done ? (int)done : -EFAULT;
        done += got;
        /* Lines: one at a time, but the whole of it, however long (one
         * typed in raw mode may be longer than the chunk). */
        if (got == 0 || (!linedisc_is_raw(&tty->ld) && !linedisc_in_line(&tty->ld)))
            break;
    } while (done < n && linedisc_readable(&tty->ld));
    return (int)done;
}

/* Input or room for output has come: finish the calls it lets finish. */
static void tty_wake(struct tty *tty)
{
    while (!list_empty(&tty->readers) && linedisc_readable(&tty->ld)) {
        struct task *r = list_entry(tty->readers.next, struct task, link);
        sched_unpark(r, tty_take_input(tty, r, r->tf.ecx, r->tf.edx));
    }
    while (!list_empty(&tty->writers) && fifo_space(&tty->out) > 0) {
        struct task *w = list_entry(tty->writers.next, struct task, link);
        int err = tty_take_output(tty, w);
        tty_start_output(tty);
        if (err < 0)
            sched_unpark(w, w->blocked.done ? (int)w->blocked.done : err);
        else if (w->blocked.done == w->tf.edx)
            sched_unpark(w, (int)w->tf.edx);
        else
            break; /* the buffer is full again */
    }
    poll_notify(&tty->pollers);
}

void tty_close_handle(struct tty *tty, const struct process *proc, uint32_t h)
{
    struct list_node *queues[] = {&tty->readers, &tty->writers};
    for (unsigned q = 0; q < sizeof queues / sizeof queues[0]; q++) {
        struct list_node *n = queues[q]->next;
        while (n != queues[q]) {
            struct task *t = list_entry(n, struct task, link);
            n = n->next; /* t may leave the queue */
            if (t->proc != proc || t->tf.ebx != h)
                continue;
            bool wrote = t->blocked.kind == WAIT_TTY_WRITE && t->blocked.done > 0;
            sched_unpark(t, wrote ? (int)t->blocked.done : -EBADF);
        }
    }
    tty_wake(tty); /* the next writer's turn; pollers poll again */
}

/* ------------------------------------------------------------ the calls */

int tty_read(struct task *task, struct tty *tty, uint32_t buf, uint32_t n)
{
    if (n == 0)
        return 0;
    if (uaccess_check(task, buf, n, true) < 0)
        return -EFAULT;
    if (list_empty(&tty->readers) && linedisc_readable(&tty->ld))
        return tty_take_input(tty, task, buf, n);
    sched_park(task, WAIT_TTY_READ, tty, &tty->readers);
    return 0;
}

int tty_write(struct task *task, struct tty *tty, uint32_t buf, uint32_t n)
{
    if (n == 0)
        return 0;
    if (uaccess_check(task, buf, n, false) < 0)
        return -EFAULT;
    task->blocked.done = 0;
    if (list_empty(&tty->writers)) {
        int err = tty_take_output(tty, task);
        tty_start_output(tty);
        if (err < 0)
            return task->blocked.done ? (int)task->blocked.done : err;
        if (task->blocked.done == n)
            return (int)n;
    }
    sched_park(task, WAIT_TTY_WRITE, tty, &tty->writers);
    return 0;
}

int tty_ioctl(struct tty *tty, int request, int arg)
{
    int old;
    switch (request) {
    case TTY_SET_RAW:
        old = linedisc_is_raw(&tty->ld);
        linedisc_set_raw(&tty->ld, arg != 0);
        tty_wake(tty); /* what is there may be readable now */
        return old;
    case TTY_GET_RAW:
        return linedisc_is_raw(&tty->ld);
    case TTY_SET_FOREGROUND:
        if (!tty->console || arg < 0)
            return -EINVAL;
        old = tty->foreground;
        tty->foreground = arg;
        return old;
    case TTY_GET_FOREGROUND:
        return tty->console ? tty->foreground : -EINVAL;
    default:
        return -EINVAL;
    }
}

int tty_poll_events(const struct tty *tty)
{
    int ready = linedisc_readable(&tty->ld) ? POLL_IN : 0;
    if (fifo_space(&tty->out) > 0 && list_empty(&tty->writers))
        ready |= POLL_OUT;
    return ready;
}

struct list_node *tty_pollers(struct tty *tty)
{
    return &tty->pollers;
}

bool tty_someone_waiting(void)
{
    for (int i = 0; i < TTYS; i++) {
        struct tty *t = &ttys[i];
        if (t->present &&
            (!list_empty(&t->readers) || !list_empty(&t->writers) || !list_empty(&t->pollers)))
            return true;
    }
    return false;
}

unsigned tty_input_lost(void)
{
    return linedisc_dropped(&CONSOLE->ld);
}

/* ------------------------------------------------------------ input */

static void tty_echo(void *ctx, const char *s, size_t n)
{
    tty_write_kernel(ctx, s, (uint32_t)n);
}

/* Say so when input has been lost: at most once a second while it goes on,
 * and always before a reader gets what is left (`now`). */
static void tty_report_lost(struct tty *tty, bool now)
{
    unsigned lost = linedisc_dropped(&tty->ld);
    if (lost == tty->lost_reported || (!now && timer_ticks() - tty->reported_at < timer_hz()))
        return;
    kprintf("coop: %s: %u bytes of input lost: the input buffer (%u bytes) was full (%u since "
            "boot)\n",
            tty->name, lost - tty->lost_reported, TTY_INPUT_SIZE, lost);
    tty->lost_reported = lost;
    tty->reported_at = timer_ticks();
}

/* One byte has come in. */
static void tty_input(struct tty *tty, char c)
{
    int event = linedisc_input(&tty->ld, c, tty_echo, tty);
    if (!(event & LD_INTERRUPT) || !tty->console)
        return;
    if (tty->foreground && process_in_job(tty->foreground))
        task_kill_job(tty->foreground);
    else if (!linedisc_is_raw(&tty->ld))            /* nothing to end: a line reader (a shell) */
        linedisc_input(&tty->ld, '\n', NULL, NULL); /* gets an empty line, a new prompt */
}

/* Everything a serial port has for us, both ways, until it has no more:
 * two ports share each IRQ line, and an edge-triggered line rises again
 * only once both have been seen to. */
static bool tty_serve_uart(struct tty *tty)
{
    bool any = false;
    while (uart_can_receive(tty->port)) {
        tty_input(tty, uart_receive(tty->port));
        any = true;
    }
    if (fifo_len(&tty->out) > 0 && uart_can_send(tty->port)) {
        tty_send(tty, UART_FIFO_SIZE);
        any = true;
    }
    return any;
}

void tty_irq(int irq)
{
    if (irq == IRQ_KEYBOARD) {
        char chars[KBD_MAX_CHARS];
        while (keyboard_pending()) {
            int n = keyboard_read(chars);
            for (int i = 0; i < n; i++)
                tty_input(CONSOLE, chars[i]);
        }
        tty_wake(CONSOLE);
        tty_report_lost(CONSOLE, false);
        return;
    }
    bool any = true;
    while (any) {
        any = false;
        for (int i = 0; i < TTYS; i++)
            if (ttys[i].present && ttys[i].irq == irq)
                any |= tty_serve_uart(&ttys[i]);
    }
    for (int i = 0; i < TTYS; i++) {
        struct tty *t = &ttys[i];
        if (t->present && t->irq == irq) {
            uart_interrupts(t->port, true, fifo_len(&t->out) > 0);
            tty_wake(t);
            tty_report_lost(t, false);
        }
    }
}

/* ------------------------------------------------------------ start */

static void tty_setup(struct tty *tty, bool raw)
{
    bool sizes_ok = linedisc_init(&tty->ld, tty->in_buf, sizeof tty->in_buf, raw) &&
                    fifo_init(&tty->out, tty->out_buf, sizeof tty->out_buf);
    ASSERT(sizes_ok); /* both powers of two */
    list_init(&tty->readers);
    list_init(&tty->writers);
    list_init(&tty->pollers);
    uart_interrupts(tty->port, true, false);
    pic_enable(tty->irq);
}

void tty_init(void)
{
    tty_setup(CONSOLE, false);
    keyboard_init();
    for (int i = 1; i < TTYS; i++) {
        struct tty *t = &ttys[i];
        t->present = uart_present(t->port);
        if (t->present) {
            uart_init(t->port);
            tty_setup(t, true);
        }
    }
}
