#!/bin/sh
# tests/gdb.t: gdb, in batch mode with the generated gdbinit, attaches to a
# paused QEMU, stops at a breakpoint in the kernel's main and prints a
# backtrace that reaches the boot entry.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD/test-logs"
port=$((30000 + $$ % 20000))
gdbinit="$BUILD/test-logs/gdbinit-$port"
sed -e "s|@KERNEL@|$BUILD/coop.elf|g" -e "s|@PORT@|$port|g" scripts/gdbinit.in >"$gdbinit"
qlog="$BUILD/test-logs/gdb-qemu.log"
glog="$BUILD/test-logs/gdb.log"
echo "1..4"
scripts/qemu --headless --timeout 60 --gdb "$port" --args "init=hello test" >"$qlog" 2>&1 &
qemu=$!
# Wait for the gdb stub to listen (at most about 10 s).
i=0
while [ $i -lt 100 ] && ! grep -q ":$(printf '%04X' "$port") " /proc/net/tcp /proc/net/tcp6 2>/dev/null; do
    sleep 0.1
    i=$((i + 1))
done
timeout 60 gdb -q -nx -batch -x "$gdbinit" -ex 'break kmain' -ex 'continue' -ex 'bt' \
    -ex 'info symbol $pc' -ex 'kill' >"$glog" 2>&1
kill "$qemu" 2>/dev/null
wait "$qemu" 2>/dev/null
n=0
check() { n=$((n + 1)); if grep -Eq "$2" "$glog"; then echo "ok $n - $1"; else echo "not ok $n - $1"; fi; }
check "gdb connected to QEMU's stub" 'coop: connected'
check "the breakpoint in kmain was hit" 'Breakpoint 1, kmain'
check "the backtrace starts in kmain" '^#0 +kmain'
check "the backtrace reaches the boot entry _start" '^#1 .*_start'
[ "$n" -eq 4 ] && grep -q '_start' "$glog" || sed 's/^/# /' "$glog"
