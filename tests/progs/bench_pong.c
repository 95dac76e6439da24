/* tests/progs/bench_pong.c: the other half of user/bench.c's ping-pong
 * between two programs. It receives words on its handle 0 and sends each
 * back on its handle 1 (the channel ends bench hands it with spawnvx), until
 * end of stream. */
#include "user/lib/coop.h"

#define PING 0 /* handle: the receive end of bench's ping channel */
#define PONG 1 /* handle: the send end of its pong channel */

int main(void)
{
    int v;
    while (recv(PING, &v, sizeof v) > 0)
        send(PONG, &v, sizeof v);
    return 0;
}
