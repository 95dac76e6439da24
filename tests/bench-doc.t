#!/bin/sh
# tests/bench-doc.t: docs/performance.md says what `make bench` does. The
# benchmark checks its own measure first (a loop of known length must count
# exactly, under icount), and every target the doc's table gives is one
# user/bench.c checks, and the other way round. (A doc once described a
# calibration that did not exist and a target that bench did not print.)
# It also runs the sendrecv ping-pong and the wall-clock run to their ends.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD/test-logs"
log="$BUILD/test-logs/bench-doc.log"
echo "1..6"

status=0
scripts/qemu --headless --icount --timeout 120 --args "init=bench test -- gettid task-bytes sendrecv" \
    >"$log" 2>&1 || status=$?
tr -d '\r' <"$log" >"$log.txt"
if grep -q '^calibration: 10000 rounds of a 4-instruction loop measure 40000 instructions$' "$log.txt"; then
    echo "ok 1 - bench's calibration loop counts exactly, under icount"
else
    echo "not ok 1 - bench's calibration loop counts exactly, under icount (status $status)"
    sed 's/^/# | /' "$log.txt" | tail -n 10
fi
if [ "$status" -eq 0 ] && grep -Eq '^kernel bytes per task +[0-9]+ +<= 256' "$log.txt"; then
    echo "ok 2 - bench prints the bytes-per-task target"
else
    echo "not ok 2 - bench prints the bytes-per-task target (status $status)"
    sed 's/^/# | /' "$log.txt" | tail -n 10
fi

# The targets, as "NAME|TARGET" lines: user/bench.c's record() calls with a
# name in one string and a number as their target (<= N), record_at_least's
# (>= N); docs/performance.md's first table's rows with a target.
src=$(sed -n 's/.*record("\([^"]*\)",.*, \([1-9][0-9]*\));.*/\1|<= \2/p' user/bench.c;
      tr '\n' ' ' <user/bench.c | sed 's/record_at_least(/\n&/g' |
          sed -n 's/^record_at_least("\([^"]*\)",[^;]*, \([0-9][0-9]*\));.*/\1|>= \2/p')
doc=$(sed -n '/^## Latest results/,/^## /p' docs/performance.md | awk -F' [|] ' '
      $3 ~ /^[<>]= [0-9,]+$/ { t = $3; gsub(",", "", t); sub(/^[|] /, "", $1); print $1 "|" t }')
missing=$(printf '%s\n' "$src" | while IFS= read -r row; do
    printf '%s\n' "$doc" | grep -qxF -- "$row" || printf '%s\n' "$row"; done)
if [ -z "$missing" ]; then
    echo "ok 3 - every target user/bench.c checks is in docs/performance.md's table"
else
    echo "not ok 3 - every target user/bench.c checks is in docs/performance.md's table"
    printf '%s\n' "$missing" | sed 's/^/# not in the doc: /'
fi
extra=$(printf '%s\n' "$doc" | while IFS= read -r row; do
    name=${row%|*}
    # Rows whose names bench builds from macros (the spawnv pair) are
    # matched by their target alone.
    printf '%s\n' "$src" | grep -qxF -- "$row" || grep -q "record.*\"${name%%(*}" user/bench.c ||
        printf '%s\n' "$row"; done)
if [ -z "$extra" ]; then
    echo "ok 4 - every target in docs/performance.md's table is one user/bench.c checks"
else
    echo "not ok 4 - every target in docs/performance.md's table is one user/bench.c checks"
    printf '%s\n' "$extra" | sed 's/^/# not in user\/bench.c: /'
fi

# The ping-pongs end with their ponger: a ponger that missed its end of
# stream would leave bench waiting for it (a deadlock, status non-zero).
if [ "$status" -eq 0 ] &&
    grep -Eq '^channel ping-pong round trip, one word, 2 tasks \(sendrecv\) +[0-9]+ +<= 150' "$log.txt"; then
    echo "ok 5 - the sendrecv ping-pong runs to its end and prints its row"
else
    echo "not ok 5 - the sendrecv ping-pong runs to its end and prints its row (status $status)"
    sed 's/^/# | /' "$log.txt" | tail -n 10
fi

# The wall-clock run (without icount): every row it has, with a number.
# The numbers are the host's time and are checked against nothing.
wall_status=0
scripts/qemu --headless --timeout 120 --args "init=bench test -- wallclock" \
    >"$log.wall" 2>&1 || wall_status=$?
rows=$(tr -d '\r' <"$log.wall" | grep -Ec '^(gettid|channel ping-pong) round trip.* +[0-9]+$')
if [ "$wall_status" -eq 0 ] && [ "$rows" -eq 4 ]; then
    echo "ok 6 - the wall-clock run prints its 4 rows (the numbers are not checked)"
else
    echo "not ok 6 - the wall-clock run prints its 4 rows (status $wall_status, $rows rows)"
    tr -d '\r' <"$log.wall" | sed 's/^/# | /' | tail -n 10
fi
