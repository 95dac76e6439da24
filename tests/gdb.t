#!/bin/sh
# tests/gdb.t: gdb, in batch mode with the gdbinit `make gdb` uses, attaches to
# a paused QEMU, stops at a breakpoint in the kernel's main and prints a
# backtrace that reaches the boot entry. Around that: build/gdbinit follows
# GDBPORT; a second QEMU on a busy gdb port says it could not start; `make
# gdb` with nothing listening fails at once, saying to start `make debug`;
# and coop's gdb commands exist even when gdb could not connect.
. "$(dirname "$0")/lib.sh"
port=$((30000 + $$ % 20000))
free=$((port + 1)) # a second port: for the gdbinit rule, and for make gdb with nothing there
gdbinit="$BUILD/test-logs/gdbinit-$port"
qlog="$BUILD/test-logs/gdb-qemu.log"
glog="$BUILD/test-logs/gdb.log"
echo "1..10"

# The Makefile's gdbinit rule, made for one port and then another: the file
# must follow (GDBINIT= keeps build/gdbinit out of it).
make_ "$gdbinit" GDBINIT="$gdbinit" GDBPORT="$free" >/dev/null 2>&1
make_ "$gdbinit" GDBINIT="$gdbinit" GDBPORT="$port" >/dev/null 2>&1
grep -qx "target remote localhost:$port" "$gdbinit"
ok $? "the gdbinit follows a changed GDBPORT (make GDBPORT=$free, then GDBPORT=$port)"

scripts/qemu --headless --timeout 60 --gdb "$port" --args "init=hello test" >"$qlog" 2>&1 &
qemu=$!
# Wait for the gdb stub to listen (at most about 10 s).
wait_listening "$port"

# A second `make debug` on the same port: QEMU cannot start, and says why.
status=0
scripts/qemu --headless --timeout 60 --gdb "$port" --args "init=hello test" >"$qlog.2" 2>&1 || status=$?
[ "$status" -eq 127 ] && grep -q '^coop: QEMU could not start: .*Address already in use' "$qlog.2" &&
    grep -q "^coop: another QEMU .* has port $port" "$qlog.2"
ok $? "a second QEMU on a busy gdb port exits 127, with QEMU's message and a hint (got $status)"
[ "$n" -eq 2 ] && [ "$status" -eq 127 ] || sed 's/^/# | /' "$qlog.2"

timeout 60 gdb -q -nx -batch -x "$gdbinit" -ex 'break kmain' -ex 'continue' -ex 'bt' \
    -ex 'info symbol $pc' -ex 'kill' >"$glog" 2>&1
kill "$qemu" 2>/dev/null
wait "$qemu" 2>/dev/null
check() { grep -Eq "$2" "$glog"; ok $? "$1"; }
check "gdb connected to QEMU's stub" 'coop: connected'
check "the breakpoint in kmain was hit" 'Breakpoint 1, kmain'
check "the backtrace starts in kmain" '^#0 +kmain'
check "the backtrace reaches the boot entry _start" '^#1 .*_start'
grep -q '_start' "$glog" || { sed 's/^/# /' "$glog"; qemu_said "$qlog"; }

# Nothing listens on $free: make gdb must not start gdb (which would retry
# for about 15 s, then find no `current` command), but say what to do.
if listening "$free"; then
    for i in 1 2 3; do ok 0 "# SKIP something listens on port $free"; done
else
    status=0
    out=$(make_ gdb GDBINIT="$BUILD/test-logs/gdbinit-$free" GDBPORT="$free" </dev/null 2>&1) || status=$?
    [ "$status" -ne 0 ]
    ok $? "make gdb with no make debug running fails (exit status $status)"
    printf '%s\n' "$out" | grep -q "coop: nothing listens on port $free: start \`make debug\` in another terminal first"
    ok $? "and says to start make debug in another terminal first"
    ! printf '%s\n' "$out" | grep -qi 'connection\|Remote debugging'
    ok $? "without starting gdb"
    [ "$n" -eq 9 ] && [ "$status" -ne 0 ] || printf '%s\n' "$out" | sed 's/^/# | /'
fi

# gdb reads no more of a gdbinit after a failing command: coop's `current`
# must be defined before `target remote` fails (auto-retry off: at once).
out=$(timeout 60 gdb -q -nx -batch -ex 'set tcp auto-retry off' -x "$BUILD/test-logs/gdbinit-$free" \
    -ex 'help current' 2>&1)
printf '%s\n' "$out" | grep -q "^Print the task at the ready ring's hand"
ok $? "coop's gdb command current exists even when gdb could not connect"
