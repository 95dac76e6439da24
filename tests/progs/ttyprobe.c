/* tests/progs/ttyprobe.c: the program tests/tty.t types at, through the
 * console's serial port and QEMU's keyboard. It reads lines and prints
 * each as hex ("line 4: 61 62 63 0a"), "eof" for a read of 0; a line that
 * is one of these words does more first:
 *
 *     raw          raw mode: print every read as hex ("raw 3: 01 7f 41")
 *                  until a 'q' comes, then back to lines ("cooked")
 *     hog          start tests/progs/cpuhog in a job of its own, make it
 *                  the console's foreground job, and wait for it to end
 *                  ("hog: killed" when Ctrl-C did it)
 *     v86          the same with tests/progs/v86hog, which goes into
 *                  virtual-8086 mode again and again
 *     fg           the same with another ttyprobe, which reads the console
 *     small        three reads of 3 bytes: a line comes in parts
 *     two          two tasks read a line each: the first to ask, the first
 *                  line ("reader 0 ...", "reader 1 ...")
 *     pollin       poll the console for POLL_IN, then read
 *     vanish       a task reads the console into a heap page, which we give
 *                  back while it waits: say what its read returned, then
 *                  read again ourselves
 *     burst N      raw mode: read N bytes, print their count and FNV hash
 *     lines N      the same in line mode, reading lines until N bytes
 *     lost         raw mode, reading nothing until "go" comes on COM2;
 *                  then read what is there, say sysinfo's input_lost, read
 *                  the console on until a '!' and say how many bytes came
 *                  in all and input_lost again
 *     rawline      raw mode, reading nothing until "go" comes on COM2; then
 *                  back to lines, and one read of up to LINE_MAX bytes: a
 *                  line typed in raw mode, longer than a line edited can
 *                  be ("rawline: 301 bytes, the last 0a")
 *     flood        one task writes 64 KiB of numbered lines to the console
 *                  while another counts its turns: say how far it got and
 *                  whether it saw the writer parked "on console output"
 *     closewrite   a task writes 64 KiB through a handle of its own on the
 *                  console; once it is parked, we close that handle: say
 *                  what its write returned
 *     com2         say what COM2 is like (raw, foreground), write a line
 *                  to it and print, as hex, a line read from it
 *     quit         exit 0
 *
 * The console starts in line mode; nothing else is set. */
#include "user/lib/coop.h"

#define LINE_MAX    512
#define HEX_MAX     (LINE_MAX * 3 + 32)
#define FLOOD_LINE  64
#define FLOOD_LINES 1024
#define FLOOD_SIZE  (FLOOD_LINE * FLOOD_LINES) /* 64 KiB */
#define LOOK_EVERY  64                         /* counter turns between looks at tasks() */
#define LOOK_MS     10000 /* closewrite gives up waiting for the writer to park */
#define FNV_START   2166136261u
#define FNV_PRIME   16777619u
#define PAGE_SIZE   4096

static char buf[LINE_MAX];

/* Where byte c is in p[n], or -1. */
static int find_byte(const char *p, int n, char c)
{
    for (int i = 0; i < n; i++)
        if (p[i] == c)
            return i;
    return -1;
}

static void print_hex(const char *what, const char *p, int n)
{
    static char hex[HEX_MAX];
    int len = snprintf(hex, sizeof hex, "%s %d:", what, n);
    for (int i = 0; i < n && len < HEX_MAX - 4; i++)
        len += snprintf(hex + len, sizeof hex - (size_t)len, " %02x", (unsigned char)p[i]);
    printf("%s\n", hex);
}

static int is_word(const char *line, int n, const char *word)
{
    int len = (int)strlen(word);
    return n > len && strncmp(line, word, (size_t)len) == 0 &&
           (line[len] == '\n' || line[len] == ' ');
}

static void raw(void)
{
    ioctl(FD_STDIN, TTY_SET_RAW, 1);
    printf("raw ready\n");
    int n, done = 0;
    while (!done && (n = read(FD_STDIN, buf, sizeof buf)) > 0) {
        print_hex("raw", buf, n);
        done = find_byte(buf, n, 'q') >= 0;
    }
    ioctl(FD_STDIN, TTY_SET_RAW, 0);
    printf("cooked\n");
}

static void foreground(const char *program)
{
    struct spawn_opts opts = {.nhandles = 0, .job = SPAWN_NEW_JOB};
    int t = spawnvx(program, NULL, &opts), status = 0;
    int old = ioctl(FD_STDIN, TTY_SET_FOREGROUND, t); /* its job is its id */
    wait(t, &status);
    ioctl(FD_STDIN, TTY_SET_FOREGROUND, old);
    printf("hog: %s\n", WIFKILLED(status) ? "killed" : "not killed");
}

static void small(void)
{
    for (int i = 0; i < 3; i++) {
        int n = read(FD_STDIN, buf, 3);
        print_hex("small", buf, n);
    }
}

static int reader(void *arg)
{
    char line[LINE_MAX];
    char what[16];
    int n = read(FD_STDIN, line, sizeof line);
    snprintf(what, sizeof what, "reader %d", (int)(intptr_t)arg);
    print_hex(what, line, n);
    return 0;
}

static void two(void)
{
    int a = spawn(reader, (void *)0);
    yield(); /* a asks first */
    int b = spawn(reader, (void *)1);
    wait(a, NULL);
    wait(b, NULL);
}

static void pollin(void)
{
    struct pollreq r = {FD_STDIN, POLL_IN, 0};
    int n = poll(&r, 1, POLL_FOREVER);
    printf("poll: %d, revents %x\n", n, r.revents);
    n = read(FD_STDIN, buf, sizeof buf);
    print_hex("after poll", buf, n);
}

static volatile int vanish_result;
static char *vanish_page;

static int read_into_page(void *arg)
{
    (void)arg;
    vanish_result = read(FD_STDIN, vanish_page, PAGE_SIZE);
    return 0;
}

static void vanish(void)
{
    vanish_page = (char *)sbrk(PAGE_SIZE);
    int t = spawn(read_into_page, NULL);
    yield(); /* it parks */
    sbrk(-PAGE_SIZE);
    printf("vanish ready\n");
    wait(t, NULL);
    printf("vanish: %d\n", vanish_result);
    int n = read(FD_STDIN, buf, sizeof buf);
    print_hex("after vanish", buf, n);
}

static void burst(int total, int in_lines)
{
    if (!in_lines)
        ioctl(FD_STDIN, TTY_SET_RAW, 1);
    printf("burst ready\n");
    unsigned h = FNV_START;
    int got = 0, reads = 0, n;
    while (got < total && (n = read(FD_STDIN, buf, sizeof buf)) > 0) {
        for (int i = 0; i < n; i++)
            h = (h ^ (unsigned char)buf[i]) * FNV_PRIME;
        got += n;
        reads++;
    }
    if (!in_lines)
        ioctl(FD_STDIN, TTY_SET_RAW, 0);
    printf("burst: %d bytes, hash %08x, %d reads\n", got, h, reads);
}

/* Wait, reading nothing from the console, until a line comes on COM2. */
static void wait_for_com2(int com2)
{
    int n;
    while ((n = read(com2, buf, sizeof buf)) > 0 && find_byte(buf, n, '\n') < 0)
        ; /* COM2 is raw: bytes as they come, until the line's end */
}

static unsigned input_lost(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info.input_lost;
}

static void lost(void)
{
    int com2 = open("dev/com2");
    ioctl(FD_STDIN, TTY_SET_RAW, 1);
    printf("lost ready %u\n", input_lost());
    wait_for_com2(com2);
    int n;
    /* Take what is there before saying so: a byte typed after our word
     * must find room. */
    struct pollreq r = {FD_STDIN, POLL_IN, 0};
    int got = 0, done = 0;
    while (poll(&r, 1, 0) == 1 && (n = read(FD_STDIN, buf, sizeof buf)) > 0)
        got += n;
    printf("lost: input_lost %u\n", input_lost());
    while (!done && (n = read(FD_STDIN, buf, sizeof buf)) > 0) {
        int bang = find_byte(buf, n, '!');
        got += bang >= 0 ? bang : n;
        done = bang >= 0;
    }
    ioctl(FD_STDIN, TTY_SET_RAW, 0);
    printf("lost: read %d bytes, input_lost %u\n", got, input_lost());
    close(com2);
}

static void rawline(void)
{
    int com2 = open("dev/com2");
    ioctl(FD_STDIN, TTY_SET_RAW, 1);
    printf("rawline ready\n");
    wait_for_com2(com2);
    ioctl(FD_STDIN, TTY_SET_RAW, 0);
    int n = read(FD_STDIN, buf, sizeof buf);
    printf("rawline: %d bytes, the last %02x\n", n, n > 0 ? (unsigned char)buf[n - 1] : 0);
    close(com2);
}

/* ---------------------------------------------------- console output */

static char flood_buf[FLOOD_SIZE];
static volatile int writer_done, writer_result, writer_seen_parked, turns;
static int writer_tid, writer_handle;

static int writer(void *arg)
{
    (void)arg;
    writer_result = write(writer_handle, flood_buf, FLOOD_SIZE);
    writer_done = 1;
    return 0;
}

/* Is the writer parked on the console's output, says tasks()? */
static int writer_parked(void)
{
    static struct task_info list[16];
    int n = tasks(list, 16);
    for (int i = 0; i < n && i < 16; i++)
        if (list[i].tid == writer_tid)
            return strcmp(list[i].state, "blocked") == 0 &&
                   strcmp(list[i].waits, "on console output") == 0;
    return 0;
}

static int counter(void *arg)
{
    (void)arg;
    while (!writer_done) {
        if (turns++ % LOOK_EVERY == 0 && !writer_seen_parked)
            writer_seen_parked = writer_parked();
        yield();
    }
    return 0;
}

static void fill_flood(void)
{
    for (int i = 0; i < FLOOD_LINES; i++) {
        char *line = flood_buf + i * FLOOD_LINE;
        snprintf(line, FLOOD_LINE, "flood %05d ", i);
        for (int j = 12; j < FLOOD_LINE - 1; j++)
            line[j] = (char)('a' + (i + j) % 26);
        line[FLOOD_LINE - 1] = '\n';
    }
}

static void flood(void)
{
    fill_flood();
    writer_done = writer_seen_parked = turns = 0;
    writer_handle = FD_STDOUT;
    printf("flood start\n");
    writer_tid = spawn(writer, NULL);
    int c = spawn(counter, NULL);
    wait(writer_tid, NULL);
    wait(c, NULL);
    printf("flood: wrote %d, counter %d, writer seen parked %d\n", writer_result, turns,
           writer_seen_parked);
}

static void closewrite(void)
{
    fill_flood();
    writer_done = writer_seen_parked = 0;
    writer_handle = open("dev/console");
    printf("closewrite start\n");
    writer_tid = spawn(writer, NULL);
    unsigned start = uptime();
    while (!writer_done && !writer_seen_parked && uptime() - start < LOOK_MS) {
        yield();
        writer_seen_parked = writer_parked();
    }
    close(writer_handle);
    wait(writer_tid, NULL);
    printf("\nclosewrite: writer parked %d, its write returned %d\n", writer_seen_parked,
           writer_result);
}

static void com2(void)
{
    int h = open("dev/com2");
    int is_raw = ioctl(h, TTY_GET_RAW, 0), fg = ioctl(h, TTY_SET_FOREGROUND, 1);
    write(h, "com2 hello\n", 11);
    int n, got = 0, done = 0;
    while (!done && got < LINE_MAX && (n = read(h, buf + got, LINE_MAX - got)) > 0) {
        done = find_byte(buf + got, n, '\n') >= 0;
        got += n;
    }
    printf("com2: handle %d, raw %d, foreground %d\n", h, is_raw, fg);
    print_hex("com2 got", buf, got);
    close(h);
}

int main(void)
{
    printf("ttyprobe ready\n");
    for (;;) {
        int n = read(FD_STDIN, buf, sizeof buf);
        if (n < 0) {
            printf("error %d\n", n);
            return 1;
        }
        if (n == 0) {
            printf("eof\n");
            continue;
        }
        print_hex("line", buf, n);
        if (is_word(buf, n, "raw"))
            raw();
        else if (is_word(buf, n, "hog"))
            foreground("cpuhog");
        else if (is_word(buf, n, "v86"))
            foreground("v86hog");
        else if (is_word(buf, n, "fg"))
            foreground("ttyprobe");
        else if (is_word(buf, n, "small"))
            small();
        else if (is_word(buf, n, "two"))
            two();
        else if (is_word(buf, n, "pollin"))
            pollin();
        else if (is_word(buf, n, "vanish"))
            vanish();
        else if (is_word(buf, n, "burst"))
            burst(atoi(buf + 6), 0);
        else if (is_word(buf, n, "lines"))
            burst(atoi(buf + 6), 1);
        else if (is_word(buf, n, "lost"))
            lost();
        else if (is_word(buf, n, "rawline"))
            rawline();
        else if (is_word(buf, n, "flood"))
            flood();
        else if (is_word(buf, n, "closewrite"))
            closewrite();
        else if (is_word(buf, n, "com2"))
            com2();
        else if (is_word(buf, n, "quit"))
            return 0;
    }
}
