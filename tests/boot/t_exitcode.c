/* tests/boot/t_exitcode.c: when init's task ends, coop powers off with its
 * status: here main returns 3, and QEMU must say so. */
// boot-expect: exit:3
#include "user/lib/coop.h"
#include "user/lib/tap.h"

int main(void)
{
    tap_plan(1);
    tap_ok(1, "main returns 3: coop powers off with code 3");
    tap_done();
    return 3;
}
