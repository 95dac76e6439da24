/* tests/progs/probe.c: a program that tells its spawner what it was given,
 * for the booted tests of spawnvx and handles:
 *
 *     probe handles OUT     send, on handle OUT (a channel's send end), one
 *                           message per open handle: struct probe_line
 *                           {handle, kind}, kind 'T' a terminal, 'S' a
 *                           channel's send end, 'O' another (a receive end,
 *                           a file); then {-1, 0}
 *     probe read IN OUT N   read N bytes from handle IN and send them, as
 *                           one message, on OUT
 *
 * It exits with 0, or 1 if its arguments make no sense. */
#include "user/lib/coop.h"

#define READ_MAX CHAN_MSG_MAX

struct probe_line {
    int handle;
    int kind;
};

static int kind_of(int h)
{
    int r = ioctl(h, TTY_GET_RAW, 0);
    if (r == -EBADF)
        return 0;
    if (r >= 0)
        return 'T';
    return write(h, "", 0) == 0 ? 'S' : 'O';
}

static int report_handles(int out)
{
    for (int h = 0; h < HANDLE_MAX; h++) {
        struct probe_line line = {h, kind_of(h)};
        if (line.kind)
            send(out, &line, sizeof line);
    }
    struct probe_line end = {-1, 0};
    send(out, &end, sizeof end);
    return 0;
}

static int read_and_send(int in, int out, int n)
{
    char buf[READ_MAX];
    if (n < 1 || n > READ_MAX)
        return 1;
    int got = read(in, buf, n);
    return got > 0 && send(out, buf, got) == got ? 0 : 1;
}

int main(int argc, char **argv)
{
    if (argc == 3 && strcmp(argv[1], "handles") == 0)
        return report_handles(atoi(argv[2]));
    if (argc == 5 && strcmp(argv[1], "read") == 0)
        return read_and_send(atoi(argv[2]), atoi(argv[3]), atoi(argv[4]));
    return 1;
}
