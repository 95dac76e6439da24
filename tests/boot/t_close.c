/* tests/boot/t_close.c: close(h): -EBADF for what is not an open handle;
 * every kind of handle closes, and its number is the next one open()
 * gives; a task parked on a terminal through a handle that another task of
 * its program closes gets -EBADF, while one parked through another handle
 * waits on (a writer parked so: tests/tty.t, where the console's output can
 * be held up); a task polling a handle that closes is woken and finds
 * POLL_NVAL, for a terminal, a file and a channel. (Channels' parked
 * senders and receivers: tests/boot/t_send_recv.c.) */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

static volatile int result;

static int read_parked(void *arg)
{
    char buf[16];
    result = read((int)(intptr_t)arg, buf, sizeof buf);
    return 0;
}

static struct pollreq req;

/* A task that polls handle h (asking for `events`) until h closes. */
static int poll_until_closed(void *arg)
{
    (void)arg;
    result = poll(&req, 1, POLL_FOREVER);
    return 0;
}

static void poll_closed(int h, short events, const char *what)
{
    req = (struct pollreq){h, events, 0};
    result = 1000;
    int t = spawn(poll_until_closed, NULL);
    settle();
    int parked = result == 1000;
    close(h);
    settle();
    tap_ok(parked && result == 1 && req.revents == POLL_NVAL,
           "a task polling %s is woken when the handle closes: POLL_NVAL (result %d, revents 0x%x)",
           what, result, req.revents);
    if (result == 1000)
        kill(t);
    wait(t, NULL);
}

int main(void)
{
    tap_plan(17);
    struct sysinfo info;
    struct counters before = counters_now();
    tap_is(close(-1), -EBADF, "close(-1): -EBADF");
    tap_is(close(HANDLE_MAX), -EBADF, "close(HANDLE_MAX): -EBADF");
    tap_is(close(3), -EBADF, "close of a handle never opened: -EBADF");

    int file = open("motd.txt");
    int tty = open("dev/console");
    int ends[2];
    chan(1, ends);
    sysinfo(&info);
    tap_is(info.handles, before.handles + 4, "four handles more open");
    tap_is(close(file), 0, "close of a file: 0");
    tap_is(close(file), -EBADF, "closed twice: -EBADF");
    tap_is(open("motd.txt"), file, "open gives the lowest free handle: the one just closed");
    close(file);
    tap_is(close(tty), 0, "close of a terminal: 0");
    tap_is(close(ends[CHAN_SEND_END]), 0, "close of a send end: 0");
    tap_is(close(ends[CHAN_RECV_END]), 0, "close of a receive end: 0");
    tap_ok(counters_same(before), "every handle closed, the channel gone");

    /* Handle 1 is our output: close it, and the next open takes its place. */
    close(FD_STDOUT);
    int again = open("dev/console");
    tap_is(again, FD_STDOUT, "close(1), then open: handle 1 again");

    /* A reader parked on the console through handle a; another through b. */
    int a = open("dev/console"), b = open("dev/console");
    result = 1000;
    int ta = spawn(read_parked, (void *)(intptr_t)a);
    int tb = spawn(read_parked, (void *)(intptr_t)b);
    settle();
    close(a);
    settle();
    tap_is(result, -EBADF, "a task reading the console through a handle that closes: -EBADF");
    char state[TASK_INFO_STATE_LEN], waits[TASK_INFO_WAIT_LEN];
    task_state(tb, state, waits);
    tap_ok(strcmp(state, "blocked") == 0 && strcmp(waits, "on console input") == 0,
           "one reading through another handle on the console waits on (%s %s)", state, waits);
    kill(tb);
    wait(ta, NULL);
    wait(tb, NULL);
    close(b);

    poll_closed(open("dev/console"), POLL_IN, "a terminal");
    poll_closed(open("motd.txt"), 0, "a file (asking for nothing)");
    chan(1, ends);
    poll_closed(ends[CHAN_RECV_END], POLL_IN, "a channel's receive end");
    close(ends[CHAN_SEND_END]);
    return tap_done();
}
