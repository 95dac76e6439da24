#!/bin/sh
# tests/iso.t: coop boots through GRUB from a rescue ISO (scripts/mkiso) to the
# same banner and init program as a direct boot, and powers off with 0. And
# `make iso` follows ARGS: made again with other ARGS, the ISO boots them;
# with the same ARGS, it is not made again.
. "$(dirname "$0")/lib.sh"
iso="$BUILD/test-logs/iso.iso"
log="$BUILD/test-logs/iso.log"
echo "1..9"
if scripts/mkiso "$iso" "init=hello test -- from grub" >/dev/null; then
    echo "ok 1 - scripts/mkiso made a GRUB rescue ISO"
else
    echo "not ok 1 - scripts/mkiso made a GRUB rescue ISO"
fi
status=0
scripts/qemu --headless --timeout 60 --iso "$iso" >"$log" 2>&1 || status=$?
check() { # check N TEXT PATTERN: a line of the console matches PATTERN
    if tr -d '\r' <"$log" | grep -q "$3"; then echo "ok $1 - $2"; else echo "not ok $1 - $2"; fi
}
check 2 "the kernel banner appears" '^coop [0-9.]*: '
check 3 "GRUB passed the command line: init says hello with its arguments" '^argv\[2\] = "grub"'
if [ "$status" -eq 0 ]; then
    echo "ok 4 - coop powered off with init's status 0"
else
    echo "not ok 4 - coop powered off with init's status 0 (got $status; console in $log)"
    tail -n 20 "$log" | sed 's/^/# /'
    qemu_said "$log"
fi
# scripts/mkiso's "terminfo serial dumb": GRUB must not clear the terminal
# (ESC [ ... H or J), which would wipe scripts/qemu's "Quit: Ctrl-A then X".
if grep -q "$(printf '\033')\[[0-9;]*[HJ]" "$log"; then
    echo "not ok 5 - GRUB sent no clear-screen escapes to the serial console"
else
    echo "ok 5 - GRUB sent no clear-screen escapes to the serial console"
fi

# make iso ARGS=..., twice with different ARGS (ISO=: not build/coop.iso).
iso="$BUILD/test-logs/iso-make.iso"
n=5
for word in first second; do
    n=$((n + 1))
    log="$BUILD/test-logs/iso-make-$word.log"
    make_ iso ISO="$iso" ARGS="init=hello test -- $word" >"$log.make" 2>&1
    status=0
    scripts/qemu --headless --timeout 60 --iso "$iso" >"$log" 2>&1 || status=$?
    if [ "$status" -eq 0 ] && tr -d '\r' <"$log" | grep -qx "argv\[1\] = \"$word\""; then
        echo "ok $n - make iso ARGS=\"... -- $word\": the ISO boots init with argument $word"
    else
        echo "not ok $n - make iso ARGS=\"... -- $word\": the ISO boots init with argument $word (exit status $status)"
        sed 's/^/# make: /' "$log.make"
        tr -d '\r' <"$log" | grep '^argv' | sed 's/^/# /'
        qemu_said "$log"
    fi
done
if make_ -q iso ISO="$iso" ARGS="init=hello test -- second"; then
    echo "ok 8 - make iso with the same ARGS again has nothing to do"
else
    echo "not ok 8 - make iso with the same ARGS again has nothing to do"
fi
if make_ -q iso ISO="$iso" ARGS="init=hello test -- third"; then
    echo "not ok 9 - make iso with other ARGS has the ISO to make again"
else
    echo "ok 9 - make iso with other ARGS has the ISO to make again"
fi
