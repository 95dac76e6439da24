#!/bin/sh
# tests/harness.t: scripts/boot-test's judgement (--judge LOG STATUS HOW) on
# canned console logs, so that a broken harness cannot pass broken kernels.
cd "$(dirname "$0")/.." || exit 1
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0
echo "1..14"
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
