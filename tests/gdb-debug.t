#!/bin/sh
# tests/gdb-debug.t: the debug build, `make debug OPT=-Og`. Built in a
# folder of its own (the other tests use $BUILD at the same time): gdb shows
# the scheduler's `task` and the handlers' arguments there, which -O2 leaves
# <optimized out>; going back to the default OPT rebuilds everything; and
# make bench refuses OPT=-Og before building anything.
. "$(dirname "$0")/lib.sh"
dbg="$BUILD/test-og"
log="$BUILD/test-logs/gdb-debug.log"
glog="$BUILD/test-logs/gdb-debug-gdb.log"
echo "1..6"

make_limit=300 make_ -j2 BUILD="$dbg" OPT=-Og all >"$log" 2>&1
ok $? "make OPT=-Og builds (in $dbg)"
[ "$n" -eq 1 ] && [ -f "$dbg/coop.elf" ] || sed 's/^/# | /' "$log" | tail -n 20

# gdb in the debug build: the argument of sys_yield, and the loop's own
# `task` two frames up.
port=$((30000 + ($$ + 7) % 20000))
gdbinit="$BUILD/test-logs/gdbinit-debug"
sed -e "s|@KERNEL@|$dbg/coop.elf|g" -e "s|@PORT@|$port|g" -e "s|@SCRIPTS@|scripts|g" \
    scripts/gdbinit.in >"$gdbinit"
BUILD="$dbg" scripts/qemu --headless --timeout 60 --gdb "$port" --args "init=countdown test" \
    >"$BUILD/test-logs/gdb-debug-qemu.log" 2>&1 &
qemu=$!
wait_listening "$port"
timeout 60 gdb -q -nx -batch -x "$gdbinit" -ex 'break sys_yield' -ex continue -ex 'info args' \
    -ex 'up 2' -ex 'info locals' -ex kill >"$glog" 2>&1
kill "$qemu" 2>/dev/null
wait "$qemu" 2>/dev/null
grep -Eq '^task = 0x[0-9a-f]+ <table' "$glog" && [ "$(grep -c '^task = 0x' "$glog")" -ge 2 ]
ok $? "gdb shows sys_yield's task and the scheduler loop's task"
! grep -q '^task = <optimized out>' "$glog"
ok $? "neither is <optimized out>"
[ "$n" -eq 3 ] && grep -q '^task = 0x' "$glog" || sed 's/^/# | /' "$glog" | tail -n 20

# Back to the default: every object is made again (the flags stamp).
out=$(make_ BUILD="$dbg" -n all 2>&1)
printf '%s\n' "$out" | grep -q -- '-O2 .*-c -o [^ ]*/obj/kernel/sched.o kernel/sched.c'
ok $? "make without OPT afterwards rebuilds the kernel with -O2"

status=0
out=$(make_ BUILD="$BUILD/test-og-bench" bench OPT=-Og 2>&1) || status=$?
[ "$status" -ne 0 ] && printf '%s\n' "$out" | grep -q 'coop: make bench measures the -O2 build'
ok $? "make bench OPT=-Og refuses, saying why (status $status)"
[ ! -e "$BUILD/test-og-bench/coop.elf" ]
ok $? "and builds nothing"
[ "$n" -eq 6 ] && [ "$status" -ne 0 ] || printf '%s\n' "$out" | sed 's/^/# | /'
rm -rf "$BUILD/test-og-bench"
