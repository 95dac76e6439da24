/* tests/boot/t_sysinfo_handles.c: sysinfo()'s fields for handles and
 * channels follow what programs do: `handles` counts every open handle in
 * every program (init's 0, 1 and 2 at first; a child's while it lives),
 * `channels` every channel alive (until both its ends are closed),
 * `channels_max` is CHAN_MAX, and `input_lost` is 0 while nobody has
 * typed too much. */
#include "tests/boot/testkit.h"
#include "user/lib/tap.h"

static struct sysinfo now(void)
{
    struct sysinfo info;
    sysinfo(&info);
    return info;
}

int main(void)
{
    tap_plan(11);
    struct sysinfo start = now();
    tap_is(start.handles, 3, "at first: init's 0, 1 and 2");
    tap_is(start.channels, 0, "no channel");
    tap_is(start.channels_max, CHAN_MAX, "channels_max: CHAN_MAX");
    tap_is(start.input_lost, 0, "no input lost");
    int f = open("motd.txt");
    tap_is(now().handles, 4, "a file opened: 4 handles");
    int ends[2];
    chan(1, ends);
    tap_ok(now().handles == 6 && now().channels == 1, "a channel made: 6 handles, 1 channel");
    close(ends[CHAN_SEND_END]);
    tap_ok(now().handles == 5 && now().channels == 1, "its send end closed: 5, and it lives on");
    close(ends[CHAN_RECV_END]);
    tap_ok(now().handles == 4 && now().channels == 0, "its receive end too: 4, and it is gone");
    int t = spawnv("hold", NULL);
    tap_is(now().handles, 7, "a child program: our 0, 1, 2 again for it");
    wait(t, NULL);
    tap_is(now().handles, 4, "it ended: its handles are closed");
    close(f);
    tap_is(now().handles, 3, "back to 3");
    return tap_done();
}
