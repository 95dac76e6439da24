#!/bin/sh
# tests/gdb-tasks.t: gdb's coop commands (scripts/coop-gdb.py) against a
# booted coop, in batch mode with the gdbinit `make gdb` uses. The program
# is tests/progs/gdbtasks, whose tasks wait in every way there is while the
# program countdown runs (its header lists them):
# - ubreak stops only in the program named, though every program runs
#   _start at the same address (a plain break there stops in gdbtasks);
# - tasks lists every task with its state, what it waits on and where it
#   is, named by its own program's symbols;
# - task N shows the trap frame and the user backtrace of a task that is
#   not running, through its own page tables;
# - current, current -v, $current, $task(N); ubreak FILE:LINE; usymbols;
# - the symbols follow the task: gdbtasks's in the kernel on its behalf,
#   countdown's once countdown runs; so a plain breakpoint on countdown's
#   own line waits for them, and stops in countdown only;
# - a call the kernel has a task make again is named so (traceagain);
# - a backtrace from inside a function without a frame pointer of its own.
. "$(dirname "$0")/lib.sh"
. tests/gdb-lib.sh
echo "1..37"
src=tests/progs/gdbtasks.c
line() { grep -n -- "$1" "$src" | head -n 1 | cut -d: -f1; }
hex='0x[0-9a-f]{8}'

s_tasks() {
    gdb_session tasks "init=gdbtasks test" -ex 'ubreak countdown:_start' -ex continue -ex current \
        -ex tasks -ex 'task 2' -ex 'task 4' -ex 'task 6' -ex 'task 7' -ex 'p $task(5)->state' \
        -ex 'p $current->tid' -ex 'current -v' -ex 'p/x $.tf.eip' -ex 'tasks -b' \
        -ex 'ubreak countdown:countdown' -ex continue -ex bt -ex current -ex ubreak
}
expect "ubreak finds _start in countdown's symbols" \
    '^Breakpoint 1 at 0x40000000: file user/lib/crt0.S, line [0-9]+\.$'
expect "and says it stops only in countdown" '^  \(ubreak 1: it stops only when countdown runs there\)$'
expect "the first stop is countdown's (gdbtasks ran _start before), with its symbols" \
    "^coop: now using countdown's symbols \(task 7\)$"
expect "current: one line, in user mode, hex address, function and line" \
    '^task 7 \(countdown\), running: in user mode at 0x40000000 in _start \(user/lib/crt0.S:[0-9]+\)$'
expect "tasks: a header" '^  id  program +pid +parent +state +waits +where \(user eip\)$'
expect "tasks: main waits for countdown, in wait()" \
    "^   1  gdbtasks +1 +- +waiting +for task 7 \(countdown\) +$hex in wait \(user/lib/syscall.c:[0-9]+\)$"
expect "tasks: the receiver is blocked on channel 1, in recv()" \
    "^   2  gdbtasks +1 +1 +blocked +on channel 1, to receive +$hex in recv \(user/lib/syscall.c:[0-9]+\)$"
expect "tasks: the sender is blocked on channel 2, in send()" \
    "^   3  gdbtasks +1 +1 +blocked +on channel 2, to send +$hex in send \("
expect "tasks: the sleeper sleeps, with the time left" \
    "^   4  gdbtasks +1 +1 +sleeping +on the timer \([0-9]+ ms left\) +$hex in sleep \("
expect "tasks: the reader waits for console input" \
    "^   5  gdbtasks +1 +1 +blocked +on console input +$hex in read \("
expect "tasks: the quitter has ended, with its status" '^   6  gdbtasks +1 +1 +ended +exited with code 3$'
expect "tasks: countdown is at the ready ring's hand (*), running, in its own symbols" \
    '^\*  7  countdown +2 +1 +running +0x40000000 in _start \(user/lib/crt0.S:[0-9]+\)$'
expect "task 2: who it is and what it waits on" \
    '^task 2 \(gdbtasks\), pid 1 \(parent 1\): blocked on channel 1, to receive$'
expect "task 2: its trap frame, in hex, from the recv system call" \
    '^trap frame \(saved at its last trap: system call 17 \(recv\)\):$'
expect "task 2: every register" "^  eip=$hex eflags=$hex cs=0x001b ss=0x0023$"
expect "task 2: its backtrace, in gdbtasks's symbols, reaches receiver's recv line" \
    "^  #1 $hex in receiver \($src:$(line 'return recv(')\)$"
expect "task 2: ... and spawn_entry, where every spawned task starts" \
    "^  #2 $hex in spawn_entry \(user/lib/syscall.c:[0-9]+\)$"
expect "task 4: the sleeper's backtrace" "^  #1 $hex in sleeper \($src:$(line '    sleep(SLEEP_MS)')\)$"
expect "task 6: an ended task has no registers worth showing" '^  it has ended:'
expect "task 7: the running task's registers are the CPU's" \
    "^registers \(the CPU's: it is running in user mode now\):$"
expect "\$task(N) is a task's record" '^\$[0-9]+ = TASK_BLOCKED$'
expect "\$current points at the current task" '^\$[0-9]+ = 7$'
expect "current -v prints the whole record" 'stack_slot = 0, name = "countdown'
expect "and puts it in the value history (p/x \$.tf.eip)" '^\$[0-9]+ = 0x40000000$'
expect "tasks -b: a backtrace under each task" "^      #1 $hex in receiver \("
expect "ubreak countdown:countdown stops in countdown()" '^Breakpoint 2, countdown \(name='
expect "bt there is countdown's own, through main" '^#1 +0x[0-9a-f]+ in main \(argc=2'
expect "ubreak lists the ubreaks and their hits" \
    '^1 +countdown:_start, 0x40000000 in _start at user/lib/crt0.S:[0-9]+, hit 1 time$'
verify s_tasks

# The control: a plain breakpoint at the same address stops in gdbtasks.
s_plain() {
    gdb_session plain "init=gdbtasks test" -ex 'break *0x40000000' -ex continue -ex current
}
expect "a plain break at 0x40000000 stops in gdbtasks first: the address is shared" \
    '^task 1 \(gdbtasks\), running: in user mode at 0x40000000 in _start'
verify s_plain

# FILE:LINE, and the kernel handling a task's system call.
spawnv=$(line 'int child = spawnv(')
s_fileline() {
    gdb_session fileline "init=gdbtasks test" -ex "ubreak gdbtasks:$src:$spawnv" -ex continue \
        -ex 'break sys_wait' -ex continue -ex current -ex usymbols
}
expect "ubreak PROGRAM:FILE:LINE stops there" "^Breakpoint 1, main \(\) at $src:$spawnv$"
expect "in the kernel on a task's behalf, current says for which system call" \
    "^task 1 \(gdbtasks\), running: in the kernel, for its system call 5 \(wait\) from $hex in wait \(user/lib/syscall.c:[0-9]+\)$"
expect "usymbols: gdbtasks's symbols, following the running task" \
    "^user symbols: gdbtasks's \(.*/user/gdbtasks\); they follow the running task$"
verify s_fileline

# An ordinary breakpoint on a line only countdown has waits, pending, for
# countdown's symbols, and so stops only in countdown.
s_pending() {
    gdb_session pending "init=gdbtasks test" -ex 'break user/countdown.c:25' -ex continue -ex current
}
expect "break on another program's line: pending" '^Breakpoint 1 \(user/countdown.c:25\) pending\.$'
expect "it stops there once countdown's symbols are gdb's" \
    '^Breakpoint 1, countdown \(name=.*\) at user/countdown.c:25$'
expect "in countdown's task" '^task 7 \(countdown\), running: in user mode at 0x[0-9a-f]{8} in countdown \('
verify s_pending

# A woken poll is made again, with SYSCALL_AGAIN in its eax (lib/syscalls.h):
# current names the call and says so.
s_again() {
    gdb_session again "init=traceagain test" -ex 'break sys_poll_again' -ex continue -ex current
}
expect "a call made again: current names it, with its own number, and says so" \
    "^task 2 \(traceagain\), running: in the kernel, for its system call 18 \(poll, made again\) from $hex in poll \(user/lib/syscall.c:[0-9]+\)$"
verify s_again

# A function that does not start with push %ebp (main realigns its stack
# first), stopped inside: what %esp points at is no return address, and the
# backtrace goes from main straight to _start. (It once showed a stack
# address as the last function of the program, 1 GiB on: __udivmoddi4+...)
s_frameless() {
    gdb_session frameless "init=gdbtasks test" -ex 'ubreak countdown:main' -ex continue -ex next \
        -ex 'task 7'
}
expect "task N of a task stopped in main: main's caller is _start" \
    "^  #1 $hex in _start \(user/lib/crt0.S:[0-9]+\)$"
verify s_frameless
