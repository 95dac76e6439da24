#!/bin/sh
# tests/demos.t: each program in tests/expected/NAME.out, booted as init,
# prints exactly that: the lines between the kernel's "coop: starting init"
# and "coop: all tasks have ended". Addresses (0x + 8 hex digits) and the
# line numbers of FILE.c:LINE are masked, so that a change elsewhere in a
# program does not break the comparison.
# The kernel command line is "test init=NAME", or, when there is a file
# tests/expected/NAME.args, "test" and that file's words (lines starting with
# # are comments): that is how one program is checked under more than one
# setting (hog.out, and hog-preempt.out with hog-preempt.args saying
# "init=hog sched=preempt quantum=10"), or with arguments, or with no init=
# at all (init.args).
# After changing a demo's output on purpose, regenerate its file with:
#   scripts/qemu --headless --args "test init=NAME" | tr -d '\r' |
#     sed -n '/^coop: starting init:/,/^coop: all tasks have ended/p' | sed '1d;$d'
. "$(dirname "$0")/lib.sh"
# Addresses and line numbers change with any edit elsewhere; the faults'
# functions and lines are checked against the binaries by gdb-faults.t.
mask() { sed -e 's/0x[0-9a-f]\{8\}/0x......../g' -e 's/\(\.[chS]\):[0-9][0-9]*/\1:NN/g' "$@"; }
set -- tests/expected/*.out
echo "1..$#"
n=0
for expected in "$@"; do
    n=$((n + 1))
    name=$(basename "$expected" .out)
    log="$BUILD/test-logs/demo-$name.log"
    args="test init=$name"
    [ -f "tests/expected/$name.args" ] && args="test $(grep -v '^#' "tests/expected/$name.args")"
    status=0
    scripts/qemu --headless --timeout 60 --args "$args" >"$log" 2>&1 || status=$?
    tr -d '\r' <"$log" | sed -n '/^coop: starting init:/,/^coop: all tasks have ended/p' |
        sed '1d;$d' | mask >"$log.got"
    if [ "$status" -eq 0 ] && mask "$expected" | diff -u - "$log.got" >"$log.diff"; then
        echo "ok $n - booted with '$args', prints $expected"
    else
        echo "not ok $n - booted with '$args', prints $expected (exit status $status)"
        sed 's/^/# /' "$log.diff"
        qemu_said "$log"
    fi
done
