/* tests/progs/hold.c: a program that only holds the handles it is given,
 * so that a booted test can have a second reference to a channel's end in
 * another program. It waits for end of stream on handle 0 (a channel's
 * receive end: its spawner closes the send end to let it go), then exits
 * with 0, closing everything it held. */
#include "user/lib/coop.h"

#define CONTROL 0

int main(void)
{
    char buf[CHAN_MSG_MAX];
    int n;
    while ((n = recv(CONTROL, buf, sizeof buf)) > 0)
        ;
    return n < 0;
}
