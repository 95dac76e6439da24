#!/bin/sh
# tests/trace.t: the scheduler's recorder and its timeline (docs/tracing.md).
# A known program's recording has exactly the events expected, in order
# (tests/expected/trace-NAME.events: scripts/trace2timeline --events, which
# leaves out interrupts and idling, whose times depend on everything before
# them); two timer wake-ups in one tick are both there; a call made again
# is named so; sendrecv_fast's calls are all recorded (the fast path is
# off under the recorder); kill(-job) records one end per task it ends, none for the
# job; a spin on uptime() takes a few records, not thousands (in the JSON, a
# slice inside its run); user/fetch.c's three ways of waiting look and
# compare as docs/tracing.md says; the JSON is valid and has a row per task;
# the SVG is well-formed XML with a row per task and a tooltip saying what a
# task waited on; two runs under -icount record the same bytes; a full
# buffer is reported; a record of no task, or a second end, is warned of and
# left out; `make trace` boots under -icount with the debug console caught
# (TRACE_ICOUNT=0: without), and says where the files went; a run that never
# powers off says there is no recording.
# After changing what a program does on purpose, regenerate its events with
#   scripts/trace --headless --out build/t --args "test init=NAME ..." &&
#     scripts/trace2timeline --events build/t.bin >tests/expected/trace-NAME.events
. "$(dirname "$0")/lib.sh"
logs="$BUILD/test-logs/trace"
mkdir -p "$logs"
echo "1..20"

# trace NAME ARGS: record a headless run of ARGS into $logs/NAME.{bin,json,svg};
# its console and scripts/trace's words in $logs/NAME.log, its status in $status.
trace() {
    status=0
    scripts/trace --headless --timeout 60 --out "$logs/$1" --args "test $2" >"$logs/$1.log" 2>&1 ||
        status=$?
}
# events NAME EXPECTED WHAT: the recording's events are EXPECTED's, in order.
events() {
    scripts/trace2timeline --events "$logs/$1.bin" >"$logs/$1.events" 2>&1 &&
        diff -u "$2" "$logs/$1.events" >"$logs/$1.diff"
    ok $? "$3"
    sed 's/^/# /' "$logs/$1.diff" 2>/dev/null | head -n 30
}

# countdown: two tasks that take turns, then one waits for the other.
trace countdown "init=countdown -- 2"
[ "$status" -eq 0 ] && [ -s "$logs/countdown.json" ] && [ -s "$logs/countdown.svg" ] &&
    grep -q "^  SVG    $logs/countdown.svg" "$logs/countdown.log"
ok $? "scripts/trace records countdown and says where the JSON and SVG went (exit status $status)"
[ "$status" -eq 0 ] || show "$logs/countdown.log"
events countdown tests/expected/trace-countdown.events \
    "countdown's recording has exactly the events of tests/expected/trace-countdown.events"

python3 -m json.tool "$logs/countdown.json" >/dev/null 2>"$logs/json-tool.err"
ok $? "the JSON is valid (python3 -m json.tool)"
sed 's/^/# /' "$logs/json-tool.err"

# The rows (tid) and their names; on each row, slices one after the other;
# the times numbers; a "waiting" slice that says what task 1 waited on.
python3 - "$logs/countdown.json" >"$logs/json-check.err" 2>&1 <<'EOF'
import json, sys
trace = json.load(open(sys.argv[1]))
events = trace["traceEvents"]
names = {e["tid"]: e["args"]["name"] for e in events if e["ph"] == "M" and e["name"] == "thread_name"}
want = ["CPU (idle, interrupts)", "1 countdown", "2 countdown"]
assert sorted(names.values()) == sorted(want), "rows: %s" % sorted(names.values())
for e in events:
    assert e["ph"] in "XiM", "phase %r" % e["ph"]
    if e["ph"] != "M":
        assert e["tid"] in names, "an event on a row with no name: %s" % e
        assert isinstance(e["ts"], (int, float)) and e["ts"] >= 0, e
    if e["ph"] == "X":
        assert isinstance(e["dur"], (int, float)) and e["dur"] >= 0, e
for tid in names:
    row = sorted((e["ts"], e["ts"] + e["dur"]) for e in events if e["ph"] == "X" and e["tid"] == tid)
    for (s1, e1), (s2, e2) in zip(row, row[1:]):
        assert e1 <= s2, "slices overlap on row %s: %s and %s" % (names[tid], (s1, e1), (s2, e2))
waits = [e for e in events if e["ph"] == "X" and e["name"] == "waiting"]
assert [names[e["tid"]] for e in waits] == ["1 countdown"], waits
assert waits[0]["args"]["waits"] == "for task 2 (countdown)", waits[0]
calls = {e["name"] for e in events if e["ph"] == "i" and e["cat"] == "syscall"}
assert calls == {"write", "spawn", "gettid", "yield", "wait", "exit"}, calls
assert trace["otherData"]["lost"] == 0
EOF
ok $? "the JSON has a row per task and one for the CPU, slices in order, what task 1 waited on"
sed 's/^/# /' "$logs/json-check.err"

# The SVG: XML; a row label per task and the CPU's; a tooltip saying what
# task 1 waited on; the system calls named as lib/syscalls.h names them.
python3 - "$logs/countdown.svg" >"$logs/svg-check.err" 2>&1 <<'EOF'
import re, sys
import xml.etree.ElementTree as ET
svg = ET.parse(sys.argv[1]).getroot()
ns = "{http://www.w3.org/2000/svg}"
assert svg.tag == ns + "svg", svg.tag
labels = [t.text for t in svg.iter(ns + "text") if t.get("class") == "row"]
assert labels == ["CPU", "1 countdown", "2 countdown"], labels
titles = [t.text for t in svg.iter(ns + "title")]
assert any(t.startswith("task 1 countdown: waiting: for task 2 (countdown)\n") for t in titles), \
    "no tooltip for task 1's wait"
table = open("lib/syscalls.h").read()
names = dict((int(n), name) for n, name in re.findall(r"X\((\d+), (\w+)\)", table))
for nr in (0, 1, 2, 4, 5, 8):  # yield gettid spawn exit wait write
    want = "%s (system call %d)" % (names[nr], nr)
    assert any(want in t for t in titles), "no tick for " + want
texts = " ".join(t.text or "" for t in svg.iter(ns + "text"))
for word in ("running", "ready", "sleeping", "waiting", "blocked", "0 µs", "10 µs"):
    assert word in texts, "the legend or the axis lacks " + word
EOF
ok $? "the SVG is well-formed XML, a row per task, what task 1 waited on in a tooltip, the calls named"
sed 's/^/# /' "$logs/svg-check.err"

# Under -icount a run is the same, record for record, time for time.
cp "$logs/countdown.bin" "$logs/countdown-first.bin"
trace countdown "init=countdown -- 2"
cmp -s "$logs/countdown-first.bin" "$logs/countdown.bin"
ok $? "two runs of countdown under -icount record the same bytes, times and all"

# Two sleepers woken by the timer tick that ends a spinning task's slice:
# both wake-ups recorded, there, in the order the kernel woke them.
trace tracewake "init=tracewake sched=preempt quantum=1"
events tracewake tests/expected/trace-tracewake.events \
    "two sleepers woken by one tick that preempts: both wake-ups recorded at once (tracewake)"

# A woken poll and a sendrecv whose send half waited are made again, with
# SYSCALL_AGAIN in eax: the recording names them so, after their first time;
# and a negative number is no call (-ENOSYS), as without the recorder.
trace traceagain "init=traceagain"
events traceagain tests/expected/trace-traceagain.events \
    "a call made again is recorded as \"poll (made again)\", \"sendrecv (made again)\" (traceagain)"

# kill(-job), of a job from outside it and of the caller's own job: one end
# for each task the kill ends (the caller too), none for the job's number,
# which is no task id; and the converter reads the recording (scripts/trace
# writes the JSON and the SVG; --events says nothing on stderr). The check
# reads the records itself, so that it says what is wrong even where the
# converter fails.
# sendrecv_fast's calls, which its fast path would take past the loop: with
# the recorder on they go through the loop, and each is recorded.
trace fastpp "init=fastpp"
events fastpp tests/expected/trace-fastpp.events \
    "every sendrecv_fast is recorded, with its stop and wake-up: the recorder turns the fast path off (fastpp)"

trace tracekilljob "init=tracekilljob"
python3 - "$logs/tracekilljob.bin" >"$logs/tracekilljob-ends.err" 2>&1 <<'EOF'
import struct, sys
RUN, SPAWN, END, KILLED = 1, 7, 8, 1 << 8  # kernel/trace.h, lib/status.h
data = open(sys.argv[1], "rb").read()
magic, count, lost, size = struct.unpack_from("<8sIII", data)
assert magic == b"COOPTRC1" and lost == 0, (magic, lost)
records = [struct.unpack_from("<QIiii", data, 20 + i * size)[1:] for i in range(count)]
seen = {tid for event, tid, a, b in records if event in (RUN, SPAWN)}
ends = [(tid, a) for event, tid, a, b in records if event == END]
assert all(tid > 0 for tid, a in ends), "an end for no task: %s" % ends
tids = [tid for tid, a in ends]
assert sorted(tids) == sorted(seen), "one end per task: tasks %s, ends %s" % (sorted(seen), ends)
killed = sorted(tid for tid, a in ends if a == KILLED)
assert killed == [2, 3, 4, 5], "the tasks killed: %s" % ends
EOF
[ "$status" -eq 0 ] && [ -s "$logs/tracekilljob.json" ] && [ -s "$logs/tracekilljob.svg" ] &&
    [ ! -s "$logs/tracekilljob-ends.err" ] &&
    scripts/trace2timeline --events "$logs/tracekilljob.bin" >"$logs/tracekilljob.events" \
        2>"$logs/tracekilljob.err" && [ ! -s "$logs/tracekilljob.err" ]
ok $? "kill(-job): one end recorded per task it ends, none for the job; the timeline drawn (exit status $status)"
sed 's/^/# /' "$logs/tracekilljob-ends.err" "$logs/tracekilljob.err" 2>/dev/null | tail -n 15
[ "$status" -eq 0 ] || show "$logs/tracekilljob.log"
events tracekilljob tests/expected/trace-tracekilljob.events \
    "kill(-job)'s recording has exactly the events of tests/expected/trace-tracekilljob.events"

# hog spins on uptime() for its whole slice: the calls are counted, in
# records of their own a timer tick apart, not one record a call.
trace hog "init=hog sched=preempt"
summary=$(sed -n 's/^coop: traced: //p' "$logs/hog.log")
records=$(echo "$summary" | sed -n 's/.* \([0-9]*\) records, none lost,.*/\1/p')
scripts/trace2timeline --events "$logs/hog.bin" >"$logs/hog.events"
# In the JSON, each spin is a slice inside one of the task's running slices.
python3 - "$logs/hog.json" >"$logs/hog-json.err" 2>&1 <<'EOF'
import json, sys
events = json.load(open(sys.argv[1]))["traceEvents"]
spins = [e for e in events if e["ph"] == "X" and e["cat"] == "spin"]
assert spins, "no spin slices"
for s in spins:
    runs = [e for e in events if e["ph"] == "X" and e["name"] == "running" and e["tid"] == s["tid"]
            and e["ts"] <= s["ts"] and s["ts"] + s["dur"] <= e["ts"] + e["dur"] + 1e-9]
    assert len(runs) == 1, "a spin outside a running slice: %s" % s
EOF
[ "$status" -eq 0 ] && [ -n "$records" ] && [ "$records" -lt 200 ] &&
    grep -q "^syscall 3 uptime x[0-9][0-9][0-9]" "$logs/hog.events" && [ ! -s "$logs/hog-json.err" ]
ok $? "hog's spin on uptime() is counted, and in the JSON a slice inside its run: $summary"
sed 's/^/# /' "$logs/hog-json.err"

# user/fetch.c, the three ways of scripts/timelines (docs/tracing.md): the
# coroutines sleep, are never preempted, and leave the CPU idle while all
# wait; the threads spin (uptime x N) and are preempted, never asleep, and
# the CPU never idles; and, time under -icount being instructions,
# coroutines < threads < sequential.
for way in sequential threads coroutines; do
    case $way in threads) policy="sched=preempt quantum=2" ;; *) policy= ;; esac
    trace "fetch-$way" "init=fetch $policy -- $way"
    scripts/trace2timeline --events --all "$logs/fetch-$way.bin" >"$logs/fetch-$way.events"
done
total() { sed -n 's/^coop: traced: .*, \([0-9.]*\) ms from the first to the last;.*/\1/p' "$logs/fetch-$1.log"; }
count() { grep -c "$2" "$logs/fetch-$1.events"; }
seq_ms=$(total sequential) thr_ms=$(total threads) co_ms=$(total coroutines)
python3 -c 'import sys; a, b, c = map(float, sys.argv[1:]); sys.exit(not c < b < a)' \
    "${seq_ms:-0}" "${thr_ms:-0}" "${co_ms:-0}" &&
    [ "$(count sequential '^spawn')" -eq 0 ] &&
    [ "$(count coroutines '^stop [2-9] sleeping')" -eq 12 ] &&
    [ "$(count coroutines '^stop [2-9] ready')" -eq 0 ] && [ "$(count coroutines '^idle$')" -gt 0 ] &&
    [ "$(count threads '^stop [2-9] sleeping')" -eq 0 ] && [ "$(count threads '^stop [2-9] ready')" -gt 12 ] &&
    [ "$(count threads '^syscall [2-9] uptime x')" -gt 0 ] && [ "$(count threads '^idle$')" -eq 0 ]
ok $? "fetch: coroutines ($co_ms ms) sleep and the CPU idles, threads ($thr_ms ms) spin and are preempted, sequential ($seq_ms ms) is slowest"

# A full buffer: the header's count of lost records (made up here, in a copy
# of countdown's) is reported on stderr, in the SVG and in the JSON.
python3 -c '
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
struct.pack_into("<I", data, 12, 5)
open(sys.argv[2], "wb").write(data)' "$logs/countdown.bin" "$logs/lost.bin"
scripts/trace2timeline --summary --svg "$logs/lost.svg" --json "$logs/lost.json" "$logs/lost.bin" \
    >"$logs/lost.out" 2>"$logs/lost.err"
grep -q "5 lost (the buffer was full)" "$logs/lost.out" &&
    grep -q "buffer was full: 5 records were lost" "$logs/lost.err" &&
    grep -q "5 later records were lost" "$logs/lost.svg" &&
    grep -q '"lost":5' "$logs/lost.json"
ok $? "a recording whose buffer overflowed says so: on stderr, in the summary, the SVG, the JSON"

# Records the converter cannot draw (made up here, at the end of a copy of
# countdown's): an end of no task (a negative id, as kill(-job) once
# recorded) and a second end of task 2. Each is a warning, not a traceback;
# the rest is drawn.
python3 -c '
import struct, sys
data = bytearray(open(sys.argv[1], "rb").read())
count, size = struct.unpack_from("<I", data, 8)[0], struct.unpack_from("<I", data, 16)[0]
last = struct.unpack_from("<Q", data, 20 + (count - 1) * size)[0]
for tid in (-2, 2):
    data += struct.pack("<QIiii", last + 1, 8, tid, 1 << 8, 0).ljust(size, b"\0")
struct.pack_into("<I", data, 8, count + 2)
open(sys.argv[2], "wb").write(data)' "$logs/countdown.bin" "$logs/bogus.bin"
status=0
scripts/trace2timeline --events --svg "$logs/bogus.svg" --json "$logs/bogus.json" "$logs/bogus.bin" \
    >"$logs/bogus.events" 2>"$logs/bogus.err" || status=$?
[ "$status" -eq 0 ] && ! grep -q Traceback "$logs/bogus.err" &&
    grep -q "end of task -2, which is no task id, left out" "$logs/bogus.err" &&
    grep -q "task 2 ends a second time (killed)" "$logs/bogus.err" &&
    ! grep -q "^end -2" "$logs/bogus.events" && [ -s "$logs/bogus.svg" ] && [ -s "$logs/bogus.json" ]
bogus=$?
ok $bogus "an end of no task, or a second end, is left out with a warning, and the rest drawn (exit status $status)"
[ "$bogus" -eq 0 ] || sed 's/^/# /' "$logs/bogus.err" | head -n 15

printf 'not a recording' >"$logs/junk.bin"
status=0
scripts/trace2timeline --svg "$logs/junk.svg" "$logs/junk.bin" 2>"$logs/junk.err" || status=$?
[ "$status" -eq 1 ] && grep -q "is no coop recording" "$logs/junk.err"
ok $? "a file that is no recording is refused, saying so (exit status $status)"

# make trace, as a student types it: -icount, the debug console caught,
# `trace` on the kernel command line; TRACE_ICOUNT=0: no -icount.
for icount in 1 0; do
    log="$logs/make-trace-$icount.log"
    status=0
    (
        unset TRACE_ICOUNT TRACE_OUT
        make_ trace V=1 ARGS="init=spawnwait" TRACE_ICOUNT=$icount TRACE_OUT="$logs/make-$icount" \
            </dev/null >"$log" 2>&1
    ) || status=$?
    line=$(grep "^qemu-system-i386 " "$log")
    case $icount in
    1) case $line in *" -icount shift=0,sleep=off"*) has=0 ;; *) has=1 ;; esac ;;
    0) case $line in *" -icount "*) has=1 ;; *) has=0 ;; esac ;;
    esac
    [ "$status" -eq 0 ] && [ "$has" -eq 0 ] &&
        echo "$line" | grep -q -- "-append 'trace init=spawnwait' .*-debugcon file:$logs/make-$icount.bin" &&
        grep -q "^  JSON   $logs/make-$icount.json" "$log" && [ -s "$logs/make-$icount.svg" ]
    ok $? "make trace TRACE_ICOUNT=$icount: $([ "$icount" = 1 ] && echo with || echo without) -icount, the debug console caught, the files written (exit status $status)"
    [ "$status" -eq 0 ] || show "$log"
done
grep -q "wall-clock time" "$logs/make-0.svg"
ok $? "without -icount the timeline's times are wall-clock time, measured against the timer"

# A run that never powers off (cat, waiting for console input, until the time
# limit): no recording, and scripts/trace says why.
status=0
scripts/trace --headless --timeout 3 --out "$logs/cat" --args "test init=cat" >"$logs/cat.log" 2>&1 ||
    status=$?
[ "$status" -eq 124 ] && grep -q "^coop: no recording in $logs/cat.bin: coop did not power off" "$logs/cat.log"
ok $? "a run stopped before coop powers off: no recording, and it says so (exit status $status)"
