#!/bin/sh
# tests/bench-doc.t: docs/performance.md says what `make bench` prints. It
# runs `make bench`'s script once (about 15 s), and checks:
# - the benchmark's own measure first: a loop of known length must count
#   exactly, under icount;
# - every row of the doc's table is the row bench printed, to the
#   instruction (under icount the numbers are the same on every run, and
#   the doc keeps the latest), and every row bench printed is in the doc;
#   skipped when another compiler, optimisation or QEMU made this build
#   than made the doc's (they count other instructions);
# - every target the doc's table gives is one user/bench.c checks, and the
#   other way round (a doc once described a calibration that did not exist
#   and a target that bench did not print);
# - the figures other docs quote from the table are the table's;
# - the wall-clock run prints its rows (the numbers are not checked: they
#   are the host's time).
# A ponger that missed its end of stream would leave bench waiting for it:
# a deadlock, and the run fails.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD/test-logs"
log="$BUILD/test-logs/bench-doc.log"
echo "1..7"

# The first table of the doc, as "NAME|VALUE|TARGET" lines, commas gone.
doc_rows() {
    sed -n '/^## Latest results/,/^## /p' docs/performance.md | awk -F' [|] ' '
        NF >= 4 && $2 ~ /^[0-9,]+$/ {
            name = $1; sub(/^[|] /, "", name); v = $2; t = $3
            gsub(",", "", v); gsub(",", "", t); print name "|" v "|" t }'
}

status=0
BUILD=$BUILD scripts/bench >"$log" 2>&1 || status=$?

if grep -q '^calibration: 10000 rounds of a 4-instruction loop measure 40000 instructions$' "$log"; then
    echo "ok 1 - bench's calibration loop counts exactly, under icount"
else
    echo "not ok 1 - bench's calibration loop counts exactly, under icount (status $status)"
    sed 's/^/# | /' "$log" | tail -n 10
fi

# bench's rows, as "NAME|VALUE|TARGET": NAME, blanks, VALUE, blanks, TARGET
# ("<= N", ">= N" or "-"), maybe MISSED. A row bench did not finish would
# not be there.
bench=$(sed -n '/^coop benchmarks: guest instructions/,/^initrd:/p' "$log" |
    sed -n 's/^\(.*[^ ]\) \{1,\}\([0-9]\{1,\}\) \{1,\}\([<>]= [0-9]\{1,\}\|-\)\(  MISSED\)\{0,1\}$/\1|\2|\3/p' |
    sed 's/|-$/|/')
doc=$(doc_rows)
count=$(printf '%s\n' "$bench" | grep -c .)
# Only the compiler, flags and QEMU that made the doc's table count the
# same instructions (scripts/bench's last line says which made its own).
made=$(sed -n 's/^made with: //p' "$log")
doc_made=$(tr '\n' ' ' <docs/performance.md | sed -n 's/.*Made with: `\([^`]*\)`.*/\1/p')
if [ "$status" -eq 0 ] && [ -n "$made" ] && [ "$made" != "$doc_made" ]; then
    echo "ok 2 # SKIP the doc's table was made with $doc_made; this build: $made"
elif [ "$status" -eq 0 ] && [ "$count" -ge 20 ] && [ "$bench" = "$doc" ]; then
    echo "ok 2 - docs/performance.md's table is what make bench prints, row by row ($count rows)"
else
    echo "not ok 2 - docs/performance.md's table is what make bench prints, row by row (status $status, $count rows)"
    echo "# update the doc's table from build/test-logs/bench-doc.log (make bench prints the same)"
    diff -u --label docs/performance.md --label "make bench" \
        /dev/fd/3 3<<EOF /dev/fd/4 4<<EOF2 | sed 's/^/# /' | head -n 40
$doc
EOF
$bench
EOF2
fi

# The targets, as "NAME|TARGET" lines: user/bench.c's record() calls with a
# name in one string and a number as their target (<= N), record_at_least's
# (>= N); the doc's table's rows with a target.
src=$(sed -n 's/.*record("\([^"]*\)",.*, \([1-9][0-9]*\));.*/\1|<= \2/p' user/bench.c;
      tr '\n' ' ' <user/bench.c | sed 's/record_at_least(/\n&/g' |
          sed -n 's/^record_at_least("\([^"]*\)",[^;]*, \([0-9][0-9]*\));.*/\1|>= \2/p')
targets=$(printf '%s\n' "$doc" | awk -F'|' '$3 != "" { print $1 "|" $3 }')
missing=$(printf '%s\n' "$src" | while IFS= read -r row; do
    printf '%s\n' "$targets" | grep -qxF -- "$row" || printf '%s\n' "$row"; done)
if [ -z "$missing" ]; then
    echo "ok 3 - every target user/bench.c checks is in docs/performance.md's table"
else
    echo "not ok 3 - every target user/bench.c checks is in docs/performance.md's table"
    printf '%s\n' "$missing" | sed 's/^/# not in the doc: /'
fi
extra=$(printf '%s\n' "$targets" | while IFS= read -r row; do
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

# Where the start-a-program benchmark's programs are in the initrd, as the
# doc says it ("entries 1 and 88 of 186 today").
places=$(sed -n 's/^initrd: \([0-9]*\) entries; aaa_tiny is entry \([0-9]*\), zzz_tiny entry \([0-9]*\)$/entries \2 and \3 of \1 today/p' "$log")
if [ -n "$places" ] && tr '\n' ' ' <docs/performance.md | tr -s ' ' | grep -qF -- "$places"; then
    echo "ok 5 - docs/performance.md says where the initrd's first and last program are ($places)"
else
    echo "not ok 5 - docs/performance.md says where the initrd's first and last program are"
    echo "# bench: $(grep '^initrd:' "$log")"
fi

# The pipeline figure docs/pipelines.md quotes.
pipe=$(printf '%s\n' "$doc" | sed -n 's/^8-stage pipeline (sendrecv): messages per million instructions|\([0-9]*\)|.*/\1/p')
if [ -n "$pipe" ] && grep -q "pipeline moves $pipe words per million instructions" docs/pipelines.md; then
    echo "ok 6 - docs/pipelines.md quotes the table's pipeline figure ($pipe)"
else
    echo "not ok 6 - docs/pipelines.md quotes the table's pipeline figure (${pipe:-none in the table})"
    grep -n "words per million" docs/pipelines.md | sed 's/^/# /'
fi

# The wall-clock run (without icount): every row it has, with a number.
rows=$(sed -n '/^coop benchmarks, wall-clock/,$p' "$log" |
    grep -Ec '^(gettid|channel ping-pong) round trip.* +[0-9]+$')
if [ "$status" -eq 0 ] && [ "$rows" -eq 5 ]; then
    echo "ok 7 - the wall-clock run prints its 5 rows (the numbers are not checked)"
else
    echo "not ok 7 - the wall-clock run prints its 5 rows (status $status, $rows rows)"
    sed 's/^/# | /' "$log" | tail -n 10
fi
