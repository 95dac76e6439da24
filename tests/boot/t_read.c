/* tests/boot/t_read.c: read(h, buf, n) on every kind of handle: a file of
 * the initrd (its bytes, from where the last read stopped, the same in any
 * size of read, 0 at its end; two opens read apart), a channel's receive
 * end (whole and part messages: more in tests/boot/t_chan_write.c), the
 * console (parks until a line comes: tests/tty.t types them); 0 for n = 0;
 * -EBADF, -EINVAL, and -EFAULT whenever buf..buf+n is not all ours, on
 * every kind, whether or not there is something to read right then. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define PAGE_SIZE   4096
#define KERNEL_ADDR 0x00100000
#define CHUNK       1000
#define SMALL       7
#define ELF_MAGIC   "\177ELF"

/* The FNV-1a hash of n bytes, carried on from h. */
static unsigned fnv(unsigned h, const char *p, int n)
{
    for (int i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 16777619u;
    return h;
}

#define FNV_START 2166136261u

/* Read all of file `path` in reads of `size` bytes; its length, hash in *h. */
static int read_all(const char *path, int size, unsigned *h)
{
    static char buf[CHUNK];
    int fd = open(path), total = 0, n;
    *h = FNV_START;
    while ((n = read(fd, buf, size)) > 0) {
        *h = fnv(*h, buf, n);
        total += n;
    }
    close(fd);
    return n < 0 ? n : total;
}

static void initrd_files(void)
{
    char buf[CHUNK];
    int f = open("t_read");
    tap_ok(f >= 0, "open our own program file: handle %d", f);
    tap_is(read(f, buf, 4), 4, "read 4 bytes");
    tap_ok(memcmp(buf, ELF_MAGIC, 4) == 0, "they are the ELF magic");
    int g = open("/t_read");
    tap_ok(read(g, buf, 4) == 4 && memcmp(buf, ELF_MAGIC, 4) == 0,
           "a second open (with a leading /) reads from the start, apart");
    close(g);
    tap_is(read(f, buf, 0), 0, "read of 0 bytes: 0");
    tap_is(read(f, NULL, 4), -EFAULT, "read into NULL: -EFAULT");
    tap_ok(read(f, buf, 4) == 4 && buf[0] == 1, "and the offset did not move (EI_CLASS 1)");
    close(f);

    unsigned h1, h2;
    int big = read_all("t_read", CHUNK, &h1);
    int small = read_all("t_read", SMALL, &h2);
    tap_ok(big > CHUNK && big == small && h1 == h2,
           "all of it in reads of %d and of %d bytes: the same %d bytes", CHUNK, SMALL, big);

    f = open("t_read");
    int n, total = 0;
    while ((n = read(f, buf, sizeof buf)) > 0)
        total += n;
    tap_is(n, 0, "at the end: 0");
    tap_is(read(f, buf, sizeof buf), 0, "and 0 again");
    close(f);
}

static volatile int result;

static int read_console(void *arg)
{
    char *buf = arg;
    result = read(FD_STDIN, buf, 16);
    return 0;
}

static void errors(void)
{
    char *heap = (char *)sbrk(PAGE_SIZE);
    char *end = heap + PAGE_SIZE;
    char buf[16];
    int ends[2];
    chan(1, ends);
    tap_is(read(-1, buf, 1), -EBADF, "read on handle -1: -EBADF");
    tap_is(read(HANDLE_MAX, buf, 1), -EBADF, "read on handle HANDLE_MAX: -EBADF");
    tap_is(read(77, buf, 1), -EBADF, "read on a handle not open: -EBADF");
    tap_is(read(ends[CHAN_SEND_END], buf, 1), -EBADF, "read on a send end: -EBADF");
    tap_is(read(FD_STDIN, buf, -1), -EINVAL, "n -1: -EINVAL");
    tap_is(read(FD_STDIN, buf, 0), 0, "read of 0 bytes on the console: 0, at once");
    tap_is(read(FD_STDIN, (void *)KERNEL_ADDR, 4), -EFAULT,
           "the console, into kernel memory: -EFAULT at once");

    /* A buffer whose first bytes are ours and the rest past the break: the
     * same answer whether or not there is something to read. */
    int f = open("t_read");
    tap_is(read(f, end - 4, 64), -EFAULT, "a file, into a buffer running past the break: -EFAULT");
    close(f);
    tap_is(read(ends[CHAN_RECV_END], end - 4, 64), -EFAULT,
           "an empty channel, the same buffer: -EFAULT");
    send(ends[CHAN_SEND_END], "ab", 2);
    tap_is(read(ends[CHAN_RECV_END], end - 4, 64), -EFAULT,
           "a channel with a 2-byte message, the same buffer: -EFAULT too");
    tap_is(recv(ends[CHAN_RECV_END], end - 4, 64), -EFAULT, "recv of it, the same: -EFAULT");
    tap_is(read(ends[CHAN_RECV_END], buf, sizeof buf), 2, "the message stayed");
    tap_is(recv(ends[CHAN_RECV_END], end - 4, 64), -EFAULT,
           "recv on the empty channel, the same buffer: -EFAULT");
    close(ends[CHAN_RECV_END]);
    close(ends[CHAN_SEND_END]);

    /* The console with nothing typed: the reader parks until killed. */
    result = 1000;
    int t = spawn(read_console, buf);
    settle();
    char state[TASK_INFO_STATE_LEN], waits[TASK_INFO_WAIT_LEN];
    task_state(t, state, waits);
    tap_ok(result == 1000 && strcmp(waits, "on console input") == 0,
           "a read of the console with nothing typed waits (%s)", waits);
    kill(t);
    wait(t, NULL);
    sbrk(-PAGE_SIZE);
}

int main(void)
{
    tap_plan(25);
    struct counters before = counters_now();
    initrd_files();
    errors();
    tap_no_channel_left(before);
    return tap_done();
}
