/* kernel/trace.c: the flight recorder's buffer, and writing it out. The
 * buffer is a fixed array: when it is full, later events are counted as lost
 * (the start of a run is what a timeline needs most). */
#include "kernel/trace.h"
#include "kernel/x86.h"
#include "lib/string.h"

#define TRACE_RECORDS 65536 /* 4 MiB of records */
#define DEBUGCON_PORT 0xE9  /* QEMU's isa-debugcon: -debugcon file:... */
#define TRACE_MAGIC   "COOPTRC1"

bool trace_on;
int trace_current;

static struct trace_record records[TRACE_RECORDS];
static uint32_t used, lost;

/* Is this system call or interrupt the last record's again? Then it only
 * counts. */
static bool trace_repeats(enum trace_event event, int tid, int a)
{
    if ((event != TRACE_SYSCALL && event != TRACE_IRQ) || used == 0)
        return false;
    const struct trace_record *last = &records[used - 1];
    return last->event == (uint32_t)event && last->tid == tid && last->a == a &&
           last->b != INT32_MAX;
}

void trace_event(enum trace_event event, int tid, int a, int b, const char *text)
{
    if (trace_repeats(event, tid, a)) {
        records[used - 1].b++;
        return;
    }
    if (used == TRACE_RECORDS) {
        lost++;
        return;
    }
    struct trace_record *r = &records[used++];
    r->time = rdtsc();
    r->event = (uint32_t)event;
    r->tid = tid;
    r->a = a;
    r->b = b;
    if (text)
        strlcpy(r->text, text, sizeof r->text);
    else
        r->text[0] = '\0';
}

/* Bytes out of the debug console port, one string instruction for them all. */
static void debugcon_write(const void *data, uint32_t n)
{
    __asm__ volatile("rep outsb" : "+S"(data), "+c"(n) : "d"(DEBUGCON_PORT) : "memory");
}

void trace_dump(void)
{
    if (!trace_on)
        return;
    uint32_t header[3] = {used, lost, sizeof(struct trace_record)};
    debugcon_write(TRACE_MAGIC, sizeof TRACE_MAGIC - 1);
    debugcon_write(header, sizeof header);
    debugcon_write(records, used * sizeof(struct trace_record));
}
