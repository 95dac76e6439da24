#!/bin/sh
# tests/replay.t: make record and make replay (docs/timetravel.md). A
# preemptive run of a race (tests/progs/lostupdate.c, whose numbers depend on
# where the timer ticks land) is recorded with the trace boot option on and
# replayed twice: each replay prints what the recording printed, byte for
# byte, writes the same trace and ends with the same status. Input typed at
# the console is recorded too: a run of cat fed two lines and Ctrl-D replays
# them, fed nothing. A replay needs nothing of the build the recording came
# from; a panic replays to the same panic; and make replay with no recording
# says to make one.
. "$(dirname "$0")/lib.sh"
dir="$BUILD/test-logs/replay-race"
typed="$BUILD/test-logs/replay-typed"
log="$BUILD/test-logs/replay.log"
echo "1..10"

status=0
scripts/record --headless --timeout 60 --dir "$dir" --args "test init=lostupdate sched=preempt trace" \
    >"$log" 2>&1 || status=$?
[ "$status" -eq 0 ] && grep -q '^lostupdate: task .* lost' "$dir/console.log" && [ -s "$dir/replay.bin" ]
ok $? "a preemptive run of lostupdate is recorded (exit status $status, $(wc -c <"$dir/replay.bin" 2>/dev/null) bytes of log)"
[ "$status" -eq 0 ] || { show "$log"; qemu_said "$log"; }

for i in 1 2; do
    status=0
    scripts/replay --headless --timeout 60 --dir "$dir" >"$log.$i" 2>&1 || status=$?
    [ "$status" -eq 0 ] && cmp -s "$dir/console.log" "$dir/replay-console.log"
    ok $? "replay $i prints what the recording printed, byte for byte, and ends the same (exit status $status)"
    [ "$status" -eq 0 ] || { show "$log.$i"; diff "$dir/console.log" "$dir/replay-console.log" | sed 's/^/# /'; }
    [ "$(head -c 8 "$dir/trace.bin" 2>/dev/null)" = COOPTRC1 ] && cmp -s "$dir/trace.bin" "$dir/replay-trace.bin"
    ok $? "replay $i writes the same trace as the recording ($(wc -c <"$dir/trace.bin" 2>/dev/null) bytes)"
done

# cat, fed two lines and Ctrl-D once it has started (the console's input
# before the kernel's serial driver is ready is lost). 10 bytes in all:
# in a recording, more than the UART's FIFO holds (16) arriving at once
# would lose some (docs/timetravel.md), and a loaded host may hand them
# over at once.
feed() {
    i=0
    while [ $i -lt 200 ] && ! grep -q 'starting init: cat' "$typed/console.log" 2>/dev/null; do
        sleep 0.05
        i=$((i + 1))
    done
    printf 'hi\r'
    sleep 0.2
    printf 'again\r'
    sleep 0.2
    printf '\004'
}
rm -rf "$typed" # feed must not find an old run's console.log
status=0
feed | scripts/record --timeout 60 --dir "$typed" --args "test init=cat" >"$log.typed" 2>&1 || status=$?
[ "$status" -eq 0 ] && [ "$(grep -c '^again' "$typed/console.log")" -eq 2 ]
ok $? "a run of cat records the lines typed at the console (exit status $status)"
[ "$n" -eq 6 ] && [ "$status" -eq 0 ] || { show "$log.typed"; show "$typed/console.log"; }
status=0
scripts/replay --headless --timeout 60 --dir "$typed" >"$log.typed-replay" 2>&1 || status=$?
[ "$status" -eq 0 ] && cmp -s "$typed/console.log" "$typed/replay-console.log"
ok $? "its replay, fed nothing, prints them as the recording did (exit status $status)"
[ "$status" -eq 0 ] || { show "$log.typed-replay"; show "$typed/replay-console.log"; }

status=0
out=$(scripts/replay --headless --dir "$BUILD/test-logs/no-such-recording" 2>&1) || status=$?
[ "$status" -eq 1 ] && printf '%s\n' "$out" | grep -q 'there is no recording in .*make record'
ok $? "make replay with no recording fails, saying to make one (exit status $status)"
printf '%s\n' "$out" | grep -q 'make record' || printf '%s\n' "$out" | sed 's/^/# | /'

# A replay needs nothing of the build the recording came from: here there
# is none (BUILD is an empty folder).
status=0
BUILD="$BUILD/test-logs/replay-nobuild" scripts/replay --headless --timeout 60 --dir "$dir" \
    >"$log.nobuild" 2>&1 || status=$?
[ "$status" -eq 0 ] && cmp -s "$dir/console.log" "$dir/replay-console.log"
ok $? "a recording replays with no build beside it: it keeps its own kernel and programs (exit status $status)"
[ "$status" -eq 0 ] || show "$log.nobuild"

# A run that ends otherwise, here in a kernel panic, replays to that end.
panic=$(sed -n 's/^#define POWER_PANIC[[:space:]]*\([0-9]*\).*/\1/p' kernel/dev/power.h)
status=0
scripts/record --headless --timeout 60 --dir "$dir-panic" --args "test kfault=page" >"$log.panic" 2>&1 || status=$?
replayed=0
scripts/replay --headless --timeout 60 --dir "$dir-panic" >>"$log.panic" 2>&1 || replayed=$?
[ "$status" -eq "$panic" ] && [ "$replayed" -eq "$panic" ] && grep -q 'panic' "$dir-panic/replay-console.log" &&
    cmp -s "$dir-panic/console.log" "$dir-panic/replay-console.log"
ok $? "a recorded kernel panic replays to the same panic and power-off code ($status, then $replayed)"
[ "$replayed" -eq "$panic" ] || show "$log.panic"
