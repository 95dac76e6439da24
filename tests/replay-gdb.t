#!/bin/sh
# tests/replay-gdb.t: gdb going backwards in a replay (make replay GDB=1,
# docs/timetravel.md). A preemptive run of tests/progs/lostupdate.c is
# recorded, then replayed paused with QEMU's gdb stub, and batch gdb, with
# the gdbinit make gdb uses: stops in the kernel's system-call entry
# (vector128) just after an `int $0x80`, steps one instruction back across
# the trap and finds itself in user space, on that `int $0x80`, then steps
# forwards into the kernel again; then, stopped in main after its first
# wait() has returned, asks who woke it: reverse-continue to the last
# sched_ready() for main's task, where the task whose system call the kernel
# was handling (the TSS's kernel stack is the end of its trap frame) must be
# the one that the console says ended first.
. "$(dirname "$0")/lib.sh"
port=$((30000 + ($$ + 7919) % 20000))
dir="$BUILD/test-logs/replay-gdb"
gdbinit="$BUILD/test-logs/gdbinit-replay-$port"
qlog="$BUILD/test-logs/replay-gdb-qemu.log"
glog="$BUILD/test-logs/replay-gdb.log"
echo "1..6"

status=0
scripts/record --headless --timeout 60 --dir "$dir" --args "test init=lostupdate sched=preempt" \
    >"$qlog" 2>&1 || status=$?
first=$(sed -n 's/^lostupdate: task \([0-9]*\) ended first.*/\1/p' "$dir/console.log" 2>/dev/null)
[ "$status" -eq 0 ] && [ -n "$first" ]
ok $? "a preemptive run of lostupdate is recorded (exit status $status; task ${first:-?} ended first)"
[ "$status" -eq 0 ] || { sed 's/^/# | /' "$qlog"; qemu_said "$qlog"; }

# make gdb's gdbinit, for this port and the recorded kernel.
sed -e "s|@KERNEL@|$dir/coop.elf|g" -e "s|@PORT@|$port|g" scripts/gdbinit.in >"$gdbinit"
scripts/replay --headless --timeout 60 --dir "$dir" --gdb "$port" >>"$qlog" 2>&1 &
qemu=$!
wait_listening "$port"

# After the first wait() in main (the line that calls the second).
line=$(grep -n 'int second = wait' tests/progs/lostupdate.c | cut -d: -f1)
timeout 60 gdb -q -nx -batch -x "$gdbinit" -ex "add-symbol-file $dir/user/lostupdate" \
    -ex 'break vector128' -ex 'continue' -ex 'reverse-stepi' \
    -ex 'printf "back at %#x: %#x %#x\n", $pc, *(unsigned char *)$pc, *(unsigned char *)($pc + 1)' \
    -ex 'stepi' -ex 'printf "forwards at %#x\n", $pc' -ex 'printf "vector128 at %#x\n", &vector128' \
    -ex 'delete' -ex "break lostupdate.c:$line" -ex 'continue' \
    -ex 'break sched_ready if task->tid == 1' -ex 'reverse-continue' \
    -ex 'printf "woken by task %d\n", ((struct task *)((struct trapframe *)tss.esp0 - 1))->tid' \
    -ex 'kill' >"$glog" 2>&1
kill "$qemu" 2>/dev/null
wait "$qemu" 2>/dev/null

grep -q 'Breakpoint 1, vector128' "$glog"
ok $? "the replay stops in the kernel's system-call entry, vector128"
back=$(sed -n 's/^back at \(0x[0-9a-f]*\): 0xcd 0x80$/\1/p' "$glog")
[ -n "$back" ] && [ $((back)) -ge $((0x40000000)) ] && [ $((back)) -lt $((0x80000000)) ]
ok $? "reverse-stepi goes back across the trap, to the int \$0x80 in user space (${back:-not there})"
vector=$(sed -n 's/^vector128 at \(0x[0-9a-f]*\)$/\1/p' "$glog")
[ -n "$vector" ] && grep -q "^forwards at $vector\$" "$glog"
ok $? "stepi from there goes forwards into vector128 again"
grep -q 'Breakpoint 3\.1, sched_ready (task=' "$glog"
ok $? "reverse-continue finds the last sched_ready() for main's task, before main went on"
grep -q "^woken by task ${first:-none}\$" "$glog"
ok $? "the waker gdb finds is the task that ended first (task ${first:-?}: $(sed -n 's/^woken by //p' "$glog"))"
grep -q "^woken by task ${first:-none}\$" "$glog" || { sed 's/^/# /' "$glog"; qemu_said "$qlog"; }
