#!/bin/sh
# tests/make-run.t: the options of the targets that start QEMU (make run,
# run-vga, run-iso, debug), as a student types them. V=1 shows QEMU's command
# line (`make V=1 run` and `V=1 make run`).
. "$(dirname "$0")/lib.sh"
logs="$BUILD/test-logs/make-run"
mkdir -p "$logs"
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }
show() { tr -d '\r' <"$1" | sed 's/^/# | /' | tail -n "${2:-15}"; }

# V=1 on make's command line, then in the environment, then not at all.
log="$logs/run-v.log"
make_ run V=1 ARGS=init=hello </dev/null >"$log" 2>&1
grep -q "^qemu-system-i386 .*-kernel $BUILD/coop.elf .*-append init=hello " "$log"
ok $? "make V=1 run shows QEMU's command line"
[ "$n" -eq 1 ] || show "$log"
log="$logs/run-env.log"
(
    unset MAKEFLAGS MFLAGS MAKELEVEL
    V=1 timeout 120 make --no-print-directory BUILD="$BUILD" run ARGS=init=hello </dev/null >"$log" 2>&1
)
grep -q "^qemu-system-i386 .*-append init=hello " "$log"
ok $? "V=1 make run shows it too"
log="$logs/run.log"
make_ run ARGS=init=hello </dev/null >"$log" 2>&1
grep -q "^coop: booting" "$log" && ! grep -q "qemu-system-i386" "$log"
ok $? "make run without V=1 does not"

echo "1..$n"
