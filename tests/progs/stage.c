/* tests/progs/stage.c: one stage of a pipeline of programs, for the booted
 * tests of channels between programs (tests/boot/t_pipeline.c and others):
 *
 *     stage        receive messages on handle 0 and send each on, as it is,
 *                  into handle 1, until end of stream; then exit
 *
 * Messages of a pipeline test are struct msg (a sequence number and a value
 * made from it); a stage checks that they come in order, each once, and
 * exits with 1 if one did not (or a call failed), 0 otherwise. Messages of
 * any other size are forwarded unchecked. */
#include "user/lib/coop.h"

#define IN  0
#define OUT 1

struct msg {
    unsigned seq;
    unsigned value;
};

int main(void)
{
    char buf[CHAN_MSG_MAX];
    unsigned next = 0;
    int bad = 0, n;
    while ((n = recv(IN, buf, sizeof buf)) > 0) {
        if (n == (int)sizeof(struct msg)) {
            struct msg *m = (struct msg *)buf;
            bad |= m->seq != next++;
        }
        if (send(OUT, buf, n) != n)
            bad = 1;
    }
    return bad || n < 0;
}
