#!/bin/sh
# tests/deadlock.t: the kernel's deadlock report names every blocked task and
# what it waits for, in both kinds of wait (a task, any child) and on
# channels (the channel and the direction: "on channel N, to receive", "to
# send"; a poll: "in poll on 1 handles"), and coop powers off with the
# deadlock code (110, kernel/dev/power.h). The programs are the modes of
# tests/boot/t_deadlock.c and tests/boot/t_deadlock_chan.c.
. "$(dirname "$0")/lib.sh"
echo "1..7"
# boot NAME ARGS: boot with ARGS under the harness's `test` option (tests/lib.sh).
boot() { boot_console "deadlock-$1" "test $2"; }
# expect WHAT LINE...: ok if QEMU said deadlock and every LINE is in the log.
expect() {
    n=$((n + 1))
    what=$1
    shift
    missing=
    for line in "$@"; do
        grep -qxF -- "$line" "$log.txt" || missing="$missing
$line"
    done
    if [ "$status" -eq 110 ] && [ -z "$missing" ]; then
        echo "ok $n - $what"
    else
        echo "not ok $n - $what (exit status $status; want 110)"
        [ -z "$missing" ] || printf '# missing line:%s\n' "$missing" | sed '2,$s/^/#   /'
        show "$log.txt"
    fi
}

boot each-other "init=t_deadlock"
expect "two tasks waiting on each other: the report says so" \
    "coop: deadlock: no task can run, and no timer or device can wake one:" \
    "  task 2 (t_deadlock) is waiting for task 3 (t_deadlock)" \
    "  task 3 (t_deadlock) is waiting for task 2 (t_deadlock)"
expect "and it names main, waiting for one of them" \
    "  task 1 (t_deadlock) is waiting for task 2 (t_deadlock)"

boot any "init=t_deadlock -- any"
expect "a task waiting for any child, whose child waits on it: the report says so" \
    "  task 1 (t_deadlock) is waiting for any of its children" \
    "  task 2 (t_deadlock) is waiting for task 1 (t_deadlock)"
boot chan-recv "init=t_deadlock_chan -- recv"
expect "two tasks each receiving what only the other sends: both named, with their channels" \
    "  task 1 (t_deadlock_chan) is waiting for task 2 (t_deadlock_chan)" \
    "  task 2 (t_deadlock_chan) is blocked on channel 2, to receive" \
    "  task 3 (t_deadlock_chan) is blocked on channel 1, to receive"
boot chan-send "init=t_deadlock_chan -- send"
expect "a sender on a full channel whose receiver waits for it" \
    "  task 1 (t_deadlock_chan) is waiting for task 2 (t_deadlock_chan)" \
    "  task 2 (t_deadlock_chan) is blocked on channel 1, to send"
boot chan-poll "init=t_deadlock_chan -- poll"
expect "a poll for ever on a channel nobody sends into" \
    "  task 1 (t_deadlock_chan) is waiting for task 2 (t_deadlock_chan)" \
    "  task 2 (t_deadlock_chan) is blocked in poll on 1 handles"

# Without `test` (a student's `make run`), coop stays halted after the report
# for them to look at; QEMU is stopped by the timeout here.
log="$BUILD/test-logs/deadlock-halt.log"
status=0
scripts/qemu --headless --timeout 5 --args "init=t_deadlock" >"$log" 2>&1 || status=$?
tr -d '\r' <"$log" >"$log.txt"
console_is 124 '^coop: halted' "without 'test', coop halts after the report and says so"
