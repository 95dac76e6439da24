/* tests/progs/chanfill.c: make channels until the kernel says no, for
 * tests/boot/t_chan_limits.c. Each channel keeps only its send end open
 * (one handle), so a program holds up to 509 of them. It sends its
 * spawner {channels made, the error that stopped it} on handle 0, then
 * keeps them all until handle 1 (a receive end) reaches end of stream. */
#include "user/lib/coop.h"

#define REPORT  0
#define CONTROL 1

int main(void)
{
    int ends[2], made = 0, err;
    while ((err = chan(1, ends)) == 0) {
        close(ends[CHAN_RECV_END]);
        made++;
    }
    int report[2] = {made, err};
    send(REPORT, report, sizeof report);
    char buf[CHAN_MSG_MAX];
    while (recv(CONTROL, buf, sizeof buf) > 0)
        ;
    return 0;
}
