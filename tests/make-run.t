#!/bin/sh
# tests/make-run.t: the options of the targets that start QEMU (make run,
# run-vga, run-iso, debug), as a student types them. V=1 shows QEMU's command
# line (`make V=1 run` and `V=1 make run`).
# QEMUEXTRA= reaches QEMU, last on its command line, in every one.
# ARGS with a quote is refused before QEMU starts (the kernel has no
# quoting), and a command line longer than the kernel keeps is warned
# about, saying exactly what the kernel will lose.
. "$(dirname "$0")/lib.sh"
logs="$BUILD/test-logs/make-run"
mkdir -p "$logs"

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

# QEMUEXTRA="-m 128M": on QEMU's command line (at its end, so that it can
# override), and seen by the kernel, whose banner line "coop: N KiB of free
# memory" then says less than 128 MiB.
extra="-m 128M"
small_memory() { # small_memory LOG: the kernel in LOG had less than 128 MiB
    kib=$(tr -d '\r' <"$1" | sed -n 's/^coop: \([0-9]*\) KiB of free memory.*/\1/p')
    [ -n "$kib" ] && [ "$kib" -lt 131072 ]
}
log="$logs/extra-run.log"
status=0
make_ run V=1 ARGS=init=hello QEMUEXTRA="$extra" </dev/null >"$log" 2>&1 || status=$?
grep -q "^qemu-system-i386 .* -m 128M$" "$log" && [ "$status" -eq 0 ] && small_memory "$log"
ok $? "make run QEMUEXTRA=\"$extra\": last on QEMU's command line, and the kernel had 128 MiB (exit status $status)"
[ "$status" -eq 0 ] || show "$log"
log="$logs/extra-run-iso.log"
status=0
make_ run-iso V=1 ISO="$logs/run-iso.iso" ARGS=init=hello QEMUEXTRA="$extra" </dev/null >"$log" 2>&1 ||
    status=$?
grep -q "^qemu-system-i386 .*-cdrom .* -m 128M$" "$log" && [ "$status" -eq 0 ] && small_memory "$log"
ok $? "make run-iso QEMUEXTRA=\"$extra\": the same (exit status $status)"
[ "$status" -eq 0 ] || show "$log"
# make debug (stopped by the time limit: it waits for gdb) and make run-vga
# (no display here, or a window): the command line is enough. run-vga's
# window is in qemu-system-gui, which nothing else needs: the faked dpkg says
# it is there, for installing it here would be cut short by the time limit
# and leave dpkg half done.
log="$logs/extra-debug.log"
port=$((30000 + ($$ + 7) % 20000))
(
    make_limit=5
    make_ debug V=1 GDBPORT="$port" GDBINIT="$logs/gdbinit" QEMUEXTRA="$extra" </dev/null >"$log" 2>&1
)
grep -q "^qemu-system-i386 .*-gdb tcp:127.0.0.1:$port -m 128M$" "$log"
ok $? "make debug QEMUEXTRA=\"$extra\": last on QEMU's command line"
log="$logs/extra-run-vga.log"
fake_dpkg "$logs/bin" "" qemu-system-gui
(
    make_limit=5
    PATH="$PWD/$logs/bin:$PATH"
    make_ run-vga V=1 QEMUEXTRA="$extra" </dev/null >"$log" 2>&1
)
grep -q "^qemu-system-i386 .*-serial mon:stdio -m 128M$" "$log"
ok $? "make run-vga QEMUEXTRA=\"$extra\": last on QEMU's command line"

# Quotes: refused, and neither QEMU nor GRUB starts.
for target in run iso; do
    log="$logs/quotes-$target.log"
    status=0
    make_ "$target" ISO="$logs/quotes.iso" ARGS='init=hello -- "a b"' </dev/null >"$log" 2>&1 || status=$?
    [ "$status" -ne 0 ] && grep -q '^coop: the kernel command line has no quoting' "$log" &&
        ! grep -q '^coop: booting\|^  ISO' "$log"
    ok $? "make $target ARGS='init=hello -- \"a b\"' is refused before QEMU or GRUB (exit status $status)"
    [ "$status" -ne 0 ] || show "$log"
done

# Too long: 30 words of 20 characters after "init=hello --".
args="init=hello --"
i=10
while [ $i -lt 40 ]; do
    args="$args w$i-xxxxxxxxxxxxxxx"
    i=$((i + 1))
done
log="$logs/long.log"
status=0
make_ run ARGS="$args" </dev/null >"$log" 2>&1 || status=$?
warning=$(tr -d '\r' <"$log" | grep '^coop: warning: the kernel keeps [0-9]* characters of its command line')
[ -n "$warning" ]
ok $? "make run with a command line too long for the kernel warns"
[ "$status" -eq 0 ]
ok $? "and boots all the same (exit status $status)"
# The kernel's last argument is where it cut: its text, then the beginning of
# what the warning says is lost, must make one of the words given.
cut=$(printf '%s\n' "$warning" | sed -n "s/.*it will lose the end: '\\(.*\\)'\$/\\1/p")
last=$(tr -d '\r' <"$log" | sed -n 's/^argv\[[0-9]*\] = "\(.*\)"$/\1/p' | tail -n 1)
whole="$last${cut%% *}"
case " $args " in *" $whole "*) found=0 ;; *) found=1 ;; esac
ok $found "the warning says what the kernel lost: it kept '$last', then cut '${cut%% *}...'"
[ "$found" -eq 0 ] || show "$log" 5
case $cut in *"w39-xxxxxxxxxxxxxxx") found=0 ;; *) found=1 ;; esac
ok $found "all of it, to the last word"
log="$logs/long-iso.log"
scripts/mkiso "$logs/long.iso" "$args" >"$log" 2>&1
grep -q '^coop: warning: the kernel keeps [0-9]* characters of its command line' "$log"
ok $? "scripts/mkiso warns too"

# The limit comes from kernel/bootinfo.h, not from a copy of its number.
grep -q 'CMDLINE_MAX' scripts/lib.sh && ! grep -q '51[12]' scripts/lib.sh scripts/qemu scripts/mkiso
ok $? "scripts/ read CMDLINE_MAX from kernel/bootinfo.h"

echo "1..$n"
