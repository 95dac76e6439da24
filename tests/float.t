#!/bin/sh
# tests/float.t: a user program that uses float or double fails to link (coop
# saves no FPU state, so user programs are built with -mgeneral-regs-only and
# gcc calls soft-float routines that do not exist), and the user-program link
# rule says so in one clear line, naming the routines. Built by the Makefile's
# own rule for user programs ($(BUILD)/samples/NAME.elf).
. "$(dirname "$0")/lib.sh"
samples="$BUILD/samples"
mkdir -p "$samples"
echo "1..4"
n=0
# try TYPE ROUTINE: a program dividing TYPEs must fail, naming ROUTINE.
try() {
    name="float-$1"
    cat >"$samples/$name.c" <<C
/* tests/float.t: a program that divides with $1. */
#include "user/lib/coop.h"

int main(int argc, char **argv)
{
    $1 x = ($1)argc / 3;
    printf("%s: %d\\n", argv[0], (int)(x * 10));
    return 0;
}
C
    status=0
    make_ "$samples/$name.elf" </dev/null >"$samples/$name.out" 2>&1 || status=$?
    n=$((n + 1))
    if [ "$status" -ne 0 ] && [ ! -e "$samples/$name.elf" ]; then
        echo "ok $n - a program dividing ${1}s does not link"
    else
        echo "not ok $n - a program dividing ${1}s does not link (make's status $status)"
    fi
    n=$((n + 1))
    if grep -q "^coop: user programs cannot use float or double: coop saves no FPU state.*$2" \
        "$samples/$name.out"; then
        echo "ok $n - the link says why in one line, naming $2"
    else
        echo "not ok $n - the link says why in one line, naming $2"
        sed 's/^/# /' "$samples/$name.out"
    fi
}
try double __divdf3
try float __divsf3
