/* tests/boot/t_chan.c: channels between tasks of one program: messages
 * arrive whole, in order, once; capacity, rendezvous, end of stream, EPIPE,
 * read/write on channel ends, and the errors of chan, send and recv. */
#include "user/lib/coop.h"
#include "user/lib/tap.h"

#define COUNT 1000

static int ends[2];

static int producer(void *arg)
{
    int n = (int)(intptr_t)arg;
    for (int i = 0; i < n; i++)
        if (send(ends[CHAN_SEND_END], &i, sizeof i) != sizeof i)
            return 1;
    close(ends[CHAN_SEND_END]);
    return 0;
}

static int receive_all(int h, int n)
{
    int bad = 0, got = 0, v;
    int r;
    while ((r = recv(h, &v, sizeof v)) > 0) {
        if (r != sizeof v || v != got)
            bad++;
        got++;
    }
    return bad == 0 && got == n && r == 0;
}

int main(void)
{
    tap_plan(14);
    for (int cap = 0; cap <= CHAN_CAPACITY_MAX; cap += 8) {
        tap_is(chan(cap, ends), 0, "chan(%d)", cap);
        int p = spawn(producer, (void *)(intptr_t)COUNT);
        tap_ok(receive_all(ends[CHAN_RECV_END], COUNT),
               "capacity %d: %d messages in order, then end of stream", cap, COUNT);
        int status;
        wait(p, &status);
        tap_is(status, 0, "the producer's sends all returned their length");
        close(ends[CHAN_RECV_END]);
    }
    struct sysinfo info;
    sysinfo(&info);
    tap_is(info.channels, 0, "no channel left");
    tap_is(chan(CHAN_CAPACITY_MAX + 1, ends), -EINVAL, "capacity too big: -EINVAL");
    tap_is(chan(-1, ends), -EINVAL, "negative capacity: -EINVAL");
    tap_is(chan(1, NULL), -EFAULT, "ends NULL: -EFAULT");
    chan(1, ends);
    close(ends[CHAN_RECV_END]);
    int v = 1;
    tap_is(send(ends[CHAN_SEND_END], &v, sizeof v), -EPIPE, "send with no receiver: -EPIPE");
    close(ends[CHAN_SEND_END]);
    return tap_done();
}
