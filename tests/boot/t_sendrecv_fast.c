/* tests/boot/t_sendrecv_fast.c: tests/boot/t_sendrecv.c again, every
 * sendrecv made through the fast gate, `int $0x81` (sendrecv_fast,
 * kernel/fastpath.S): its fast path takes the round trips between a task
 * and a server waiting for its word, and every other call goes on to the
 * loop as sendrecv. Whichever way a call goes, each result, register,
 * parked state and error must be what the ordinary gate gives.
 * tests/gdb-fastpath.t checks that the fast path does take those calls. */
#include "tests/boot/testkit.h"
#define sendrecv      sendrecv_fast
#define SENDRECV_GATE "0x81"
#include "tests/boot/t_sendrecv.c"
