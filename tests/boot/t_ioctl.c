/* tests/boot/t_ioctl.c: ioctl(h, request, arg) on the console: raw mode on
 * and off (the old mode returned; two handles on the console see one
 * setting), the foreground job set and read back; -EBADF, -ENOTTY (channel
 * ends, a file), -EINVAL (unknown requests, a negative job). Typing in raw
 * mode, and the serial lines: tests/tty.t. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

#define SOME_JOB 77

int main(void)
{
    tap_plan(22);
    tap_is(ioctl(FD_STDIN, TTY_GET_RAW, 0), 0, "the console starts in line mode");
    tap_is(ioctl(FD_STDIN, TTY_SET_RAW, 1), 0, "TTY_SET_RAW 1: returns the old mode, 0");
    tap_is(ioctl(FD_STDIN, TTY_GET_RAW, 0), 1, "now raw");
    int other = open("dev/console");
    tap_is(ioctl(other, TTY_GET_RAW, 0), 1, "another handle on the console sees it raw too");
    tap_is(ioctl(other, TTY_SET_RAW, 0), 1, "TTY_SET_RAW 0 through it: returns 1");
    tap_is(ioctl(FD_STDIN, TTY_GET_RAW, 0), 0, "line mode again");
    tap_is(ioctl(FD_STDIN, TTY_SET_RAW, 5), 0, "TTY_SET_RAW 5: any non-zero is raw");
    tap_is(ioctl(FD_STDIN, TTY_GET_RAW, 0), 1, "raw");
    ioctl(FD_STDIN, TTY_SET_RAW, 0);

    int fg = ioctl(FD_STDIN, TTY_GET_FOREGROUND, 0);
    tap_ok(fg >= 0, "TTY_GET_FOREGROUND: %d", fg);
    tap_is(ioctl(FD_STDOUT, TTY_SET_FOREGROUND, SOME_JOB), fg, "TTY_SET_FOREGROUND: the old one");
    tap_is(ioctl(other, TTY_GET_FOREGROUND, 0), SOME_JOB, "read back, through another handle");
    tap_is(ioctl(FD_STDIN, TTY_SET_FOREGROUND, -1), -EINVAL, "a negative job: -EINVAL");
    tap_is(ioctl(FD_STDIN, TTY_SET_FOREGROUND, fg), SOME_JOB, "set back");

    tap_is(ioctl(FD_STDIN, 0, 0), -EINVAL, "request 0: -EINVAL");
    tap_is(ioctl(FD_STDIN, TTY_GET_FOREGROUND + 1, 0), -EINVAL, "an unknown request: -EINVAL");
    tap_is(ioctl(FD_STDIN, -1, 0), -EINVAL, "request -1: -EINVAL");
    tap_is(ioctl(-1, TTY_GET_RAW, 0), -EBADF, "handle -1: -EBADF");
    tap_is(ioctl(HANDLE_MAX, TTY_GET_RAW, 0), -EBADF, "handle HANDLE_MAX: -EBADF");
    close(other);
    tap_is(ioctl(other, TTY_GET_RAW, 0), -EBADF, "a closed handle: -EBADF");
    int ends[2];
    chan(1, ends);
    tap_ok(ioctl(ends[CHAN_RECV_END], TTY_GET_RAW, 0) == -ENOTTY &&
               ioctl(ends[CHAN_SEND_END], TTY_SET_RAW, 1) == -ENOTTY,
           "a channel's ends: -ENOTTY");
    int f = open("motd.txt");
    tap_is(ioctl(f, TTY_GET_RAW, 0), -ENOTTY, "a file: -ENOTTY");
    tap_is(ioctl(f, 12345, 0), -ENOTTY, "a file, an unknown request: -ENOTTY first");
    return tap_done();
}
