#!/bin/sh
# tests/gdb-walk.t: the gdb sessions the docs walk through, run as written
# (in batch mode, with the generated gdbinit): docs/trap-path.md's
# "Step through it in gdb" (a yield into the kernel and out through iret into
# a new task) and docs/gdb.md's breakpoint in a user program.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD/test-logs"
echo "1..8"
n=0
# session NAME GDB-ARGS...: boot countdown paused, run gdb with these
# commands after the gdbinit; its output goes to $glog.
session() {
    name=$1
    shift
    port=$((30000 + ($$ + ${#name}) % 20000))
    gdbinit="$BUILD/test-logs/gdbinit-walk-$name"
    sed -e "s|@KERNEL@|$BUILD/coop.elf|g" -e "s|@PORT@|$port|g" scripts/gdbinit.in >"$gdbinit"
    glog="$BUILD/test-logs/gdb-walk-$name.log"
    scripts/qemu --headless --timeout 60 --gdb "$port" --args "init=countdown test" \
        >"$BUILD/test-logs/gdb-walk-$name-qemu.log" 2>&1 &
    qemu=$!
    i=0
    while [ $i -lt 100 ] && ! grep -q ":$(printf '%04X' "$port") " /proc/net/tcp 2>/dev/null; do
        sleep 0.1
        i=$((i + 1))
    done
    timeout 60 gdb -q -nx -batch -x "$gdbinit" "$@" -ex kill >"$glog" 2>&1
    kill "$qemu" 2>/dev/null
    wait "$qemu" 2>/dev/null
}
check() { # check WHAT PATTERN: a line of $glog matches
    n=$((n + 1))
    if grep -Eq -- "$2" "$glog"; then echo "ok $n - $1"; else
        echo "not ok $n - $1"
        sed 's/^/# | /' "$glog" | tail -n 20
    fi
}

session trap-path -ex 'break sys_yield' -ex continue -ex bt -ex current -ex 'p/x $.tf' \
    -ex 'break task_enter' -ex continue -ex 'stepi 5' -ex 'x/i $eip' -ex stepi -ex 'x/3i $eip' \
    -ex 'add-symbol-file build/user/countdown' -ex 'x/3i $eip' -ex bt
check "trap-path.md: the breakpoint in sys_yield is hit" '^Breakpoint 1[.0-9]*, sys_yield'
check "the backtrace goes through the scheduler loop to _start" '^#[0-9]+ .*sched_mainloop.*' 
check "current prints the task record" 'name = "countdown'
check "stepi 5 in task_enter reaches the iret" '<task_enter\+[0-9]+>:[[:space:]]+iret'
check "after the iret, without user symbols: ?? ()" '^0x4000[0-9a-f]{4} in \?\? \(\)'
check "with them, the new task starts in spawn_entry" '<spawn_entry>:'

session user-break -ex 'add-symbol-file build/user/countdown' -ex 'break countdown' -ex continue \
    -ex 'p (char *)name'
check "gdb.md: a breakpoint in countdown's countdown() is hit" '^Breakpoint [0-9]+, countdown \(name='
check "and name says which task it is" '= 0x[0-9a-f]+ "(foo|bar)"'
