#!/bin/sh
# tests/harness.t: scripts/boot-test's judgement (--judge LOG STATUS HOW) on
# canned console logs, so that a broken harness cannot pass broken kernels;
# and a QEMU that cannot start (no kernel file, no ISO, no display), which
# scripts/qemu and scripts/boot-test must report as such, never as a pass.
. "$(dirname "$0")/lib.sh"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0
echo "1..22"
# case_ NAME LOG-TEXT STATUS HOW WANT-EXIT GREP: judge, check exit and output
case_() {
    n=$((n + 1))
    printf '%b' "$2" >"$dir/log"
    out=$(scripts/boot-test --judge "$dir/log" "$3" "$4" 2>&1)
    got=$?
    if [ "$got" -eq "$5" ] && printf '%s\n' "$out" | grep -q "$6"; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1 (exit $got)"
        printf '%s\n' "$out" | sed 's/^/# /'
    fi
}
# report NAME LOG-TEXT STATUS HOW UNWANTED WANTED...: what a run prints on
# stderr, where a failure shows the last lines of the console ("  | LINE"):
# no line matches UNWANTED (empty: no check), and each WANTED matches a line.
report() {
    n=$((n + 1))
    name=$1
    printf '%b' "$2" >"$dir/log"
    scripts/boot-test --judge "$dir/log" "$3" "$4" 2>"$dir/err" >/dev/null
    unwanted=$5
    shift 5
    fine=1
    if [ -n "$unwanted" ] && grep -q "$unwanted" "$dir/err"; then fine=0; fi
    for want in "$@"; do
        grep -q "$want" "$dir/err" || fine=0
    done
    if [ "$fine" -eq 1 ]; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name"
        sed 's/^/# /' "$dir/err"
    fi
}
banner='coop 0.1: banner\r\ncoop: starting init: t\r\n'
case_ "a passing program and a clean power-off pass" "${banner}1..2\nok 1 - a\nok 2 - b\n" 0 exit:0 0 '^ok 3 - coop powered off: init exited 0$'
case_ "kernel lines between TAP lines are not passed through" "${banner}1..1\ncoop: noise\nok 1 - a\n" 0 exit:0 0 '^1\.\.2$'
case_ "a program's not ok fails" "${banner}1..2\nok 1 - a\nnot ok 2 - b\n" 1 exit:0 1 '^not ok 2 - b$'
case_ "running fewer tests than planned fails" "${banner}1..3\nok 1 - a\n" 0 exit:0 1 'planned 3 tests but ran 1'
case_ "a panic fails when none was expected" "${banner}1..1\nok 1 - a\npanic: oops\n  #0 0x00101000 in kmain+0x1\n" 111 exit:0 1 'kernel panic'
case_ "a timeout fails and says so" "${banner}1..1\n" 124 exit:0 1 'timed out'
case_ "a triple fault fails and says so" "${banner}" 125 exit:0 1 'triple fault'
case_ "an expected deadlock passes" "${banner}1..1\nok 1 - a\ncoop: deadlock: ...\n" 110 deadlock 0 '^ok 2 - coop powered off: deadlock'
case_ "an expected panic needs function names in the backtrace" "${banner}panic: x\n  #0 0x00101000\n" 111 panic 1 'no function names'
case_ "no kernel banner fails, whatever the status (QEMU did not start)" "qemu-system-i386: -kernel: no such file\n" 0 exit:0 1 'never printed its banner'
case_ "QEMU that could not start fails, with its message" \
    "qemu: could not open kernel file 'x': No such file or directory\ncoop: QEMU could not start: could not open kernel file 'x': No such file or directory\n" \
    127 exit:0 1 "^not ok 1 - QEMU could not start: could not open kernel file 'x'"

# A failure shows the end of the console: the last 25 lines, without their
# CRs, backtrace addresses followed by "(file:line)".
lines=$(i=1; while [ $i -le 30 ]; do printf 'line %d\\r\\n' $i; i=$((i + 1)); done)
report "a timeout shows the last lines of the console, and only those" "${banner}1..1\n${lines}" 124 exit:0 \
    '^  | line 5$' 'last lines of the console' '^  | line 30$'
report "a panic shows its message and the symbolized backtrace" \
    "${banner}1..1\nok 1 - a\npanic: oops\r\n  #0 0x00101000 in kmain+0x1\r\n" 111 exit:0 \
    "$(printf '\r')" '^  | panic: oops$' '^  |   #0 0x00101000 in kmain+0x1 (.*:.*)$'
report "a triple fault shows the console" "${banner}" 125 exit:0 '' '^  | coop: starting init: t$'
report "a pass shows nothing" "${banner}1..1\nok 1 - a\n" 0 exit:0 '.'

# A real QEMU that cannot start: scripts/qemu exits with 127 and repeats
# QEMU's message, in every kind of run.
# run_qemu NAME WANT-MESSAGE OPTION...: scripts/qemu OPTION... must say WANT;
# with BUILD an empty folder (no kernel) unless qbuild says otherwise.
qbuild="$dir/empty"
run_qemu() {
    n=$((n + 1))
    name=$1 want=$2
    shift 2
    status=0
    BUILD="$qbuild" timeout 60 scripts/qemu --timeout 30 "$@" </dev/null >"$dir/out" 2>&1 || status=$?
    if [ "$status" -eq 127 ] && grep -q "^coop: QEMU could not start: $want" "$dir/out"; then
        echo "ok $n - $name"
    else
        echo "not ok $n - $name (exit status $status; want 127 and 'coop: QEMU could not start: $want')"
        sed 's/^/# | /' "$dir/out"
    fi
}
mkdir "$dir/empty"
run_qemu "no kernel file, headless (the tests): status 127 and QEMU's message" \
    "could not open kernel file '$dir/empty/coop.elf'" --headless --args "init=hello test"
run_qemu "no kernel file, interactive (make run): the same" \
    "could not open kernel file '$dir/empty/coop.elf'" --args "init=hello"
run_qemu "no ISO file (make run-iso): the same" "-cdrom $dir/none.iso: Could not open" --iso "$dir/none.iso"

n=$((n + 1))
status=0
BUILD="$dir/empty" scripts/boot-test --program hello --timeout 30 >"$dir/out" 2>&1 || status=$?
if [ "$status" -ne 0 ] &&
    grep -q "^not ok 1 - QEMU could not start: could not open kernel file '$dir/empty/coop.elf'" "$dir/out"; then
    echo "ok $n - scripts/boot-test with no kernel file fails, with QEMU's message"
else
    echo "not ok $n - scripts/boot-test with no kernel file fails, with QEMU's message (exit status $status)"
    sed 's/^/# | /' "$dir/out"
fi

# make run-vga where there is no display (DISPLAY unset): QEMU's gtk fails.
n=$((n + 1))
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
    echo "ok $n # SKIP there is a display here: make run-vga would open a window"
elif ! qemu-system-i386 -display help 2>/dev/null | grep -qx gtk; then
    echo "ok $n # SKIP QEMU has no gtk display (qemu-system-gui, which make run-vga installs)"
else
    n=$((n - 1))
    qbuild=$BUILD
    run_qemu "no display (make run-vga): the same" "gtk initialization failed" --vga --args "init=hello"
fi

# The kernel's own statuses still come through: 0 and 3 are init's.
for code in 0 3; do
    n=$((n + 1))
    program=$([ "$code" -eq 0 ] && echo hello || echo t_exitcode)
    status=0
    timeout 60 scripts/qemu --headless --timeout 30 --args "init=$program" >"$dir/out" 2>&1 || status=$?
    if [ "$status" -eq "$code" ]; then
        echo "ok $n - init exiting $code makes scripts/qemu exit $code"
    else
        echo "not ok $n - init exiting $code makes scripts/qemu exit $code (got $status)"
        sed 's/^/# | /' "$dir/out" | tail -n 10
    fi
done
