#!/bin/sh
# tests/deadlock-chan.t: the kernel's deadlock report for tasks stuck on
# channels (tests/boot/t_deadlock_chan.c's three modes) names the channel
# and the direction ("on channel N, to receive", "to send") and a poll
# ("in poll on 1 handles"), and coop powers off with the deadlock code (110).
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD/test-logs"
TIMEOUT=60
DEADLOCK=110
echo "1..3"
n=0
# boot MODE: boot the program in MODE under `test`; console in $log.
boot() {
    log="$BUILD/test-logs/deadlock-chan-$1.log"
    status=0
    scripts/qemu --headless --timeout $TIMEOUT --args "test init=t_deadlock_chan -- $1" \
        >"$log" 2>&1 || status=$?
    tr -d '\r' <"$log" >"$log.txt"
}
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
    if [ "$status" -eq $DEADLOCK ] && [ -z "$missing" ]; then
        echo "ok $n - $what"
    else
        echo "not ok $n - $what (exit status $status; want $DEADLOCK)"
        [ -z "$missing" ] || printf '# missing line:%s\n' "$missing" | sed '2,$s/^/#   /'
        sed 's/^/# | /' "$log.txt" | tail -n 15
    fi
}

boot recv
expect "two tasks each receiving what only the other sends: both named, with their channels" \
    "coop: deadlock: no task can run, and no timer or device can wake one:" \
    "  task 1 (t_deadlock_chan) is waiting for task 2 (t_deadlock_chan)" \
    "  task 2 (t_deadlock_chan) is blocked on channel 2, to receive" \
    "  task 3 (t_deadlock_chan) is blocked on channel 1, to receive"
boot send
expect "a sender on a full channel whose receiver waits for it" \
    "  task 1 (t_deadlock_chan) is waiting for task 2 (t_deadlock_chan)" \
    "  task 2 (t_deadlock_chan) is blocked on channel 1, to send"
boot poll
expect "a poll for ever on a channel nobody sends into" \
    "  task 1 (t_deadlock_chan) is waiting for task 2 (t_deadlock_chan)" \
    "  task 2 (t_deadlock_chan) is blocked in poll on 1 handles"
