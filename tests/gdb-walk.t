#!/bin/sh
# tests/gdb-walk.t: the gdb sessions the docs walk through, run as written
# (in batch mode, with the generated gdbinit): docs/trap-path.md's
# "Step through it in gdb" (a yield into the kernel and out through iret into
# a new task) and docs/gdb.md's "Across the user/kernel boundary" (ubreak in
# a user function, a stepi into the system call, the kernel handling it,
# tasks, and on into another program, whose symbols gdb then has), and its
# first session (kmain, a step, the IDT) and its table of breakpoints.
. "$(dirname "$0")/lib.sh"
. tests/gdb-lib.sh
echo "1..39"

s_trap_path() {
    gdb_session trap-path "init=countdown test" -ex 'break sys_yield' -ex continue -ex bt -ex current \
        -ex 'p/x $.tf' -ex 'break task_enter' -ex continue -ex 'stepi 5' -ex 'x/i $eip' -ex stepi \
        -ex 'x/3i $eip' -ex bt
}
expect "trap-path.md: the breakpoint in sys_yield is hit" '^Breakpoint 1[.0-9]*, sys_yield'
expect "the backtrace goes through the scheduler loop to _start" '^#[0-9]+ .*sched_mainloop.*'
expect "current says whose system call the kernel handles" \
    '^task 1 \(countdown\), running: in the kernel, for its system call 0 \(yield\) from 0x[0-9a-f]{8} in yield \('
expect "p/x \$.tf after current is its trap frame" '^\$[0-9]+ = \{edi = 0x0, .*trapno = 0x80, '
expect "stepi 5 in task_enter reaches the iret" '<task_enter\+[0-9]+>:[[:space:]]+iret'
expect "after the iret, in countdown's symbols: spawn_entry" '^=> 0x4000[0-9a-f]{4} <spawn_entry>:'
expect "bt there: bar is about to call countdown" '^#0 +spawn_entry \(fn=0x[0-9a-f]+ <countdown>'
verify s_trap_path
n=$((n + 1))
if ! grep -q 'location number not found' "$glog"; then
    echo "ok $n - loading user symbols left sys_yield's several locations alone"
else
    echo "not ok $n - gdb lost track of a breakpoint's location"
fi

src=tests/progs/gdbtasks.c
s_boundary() {
    gdb_session boundary "init=gdbtasks" -ex 'ubreak gdbtasks:yield' -ex continue -ex bt -ex tasks \
        -ex 'x/2i $pc' -ex 'stepi 2' -ex bt -ex current -ex 'break sys_yield' -ex continue -ex bt \
        -ex current -ex 'ubreak countdown:main' -ex continue -ex tasks -ex 'task 2' -ex next \
        -ex 'info symbol 0x40000020' -ex usymbols
}
expect "gdb.md: ubreak gdbtasks:yield stops in gdbtasks's yield(), in its symbols" \
    "^coop: now using gdbtasks's symbols \(task 1\)$"
expect "the stop, at the line of the int \$0x80" '^Breakpoint 1, syscall0 \(nr=0\) at ./user/lib/syscall.h:[0-9]+$'
expect "bt: main called yield()" "^#2 +0x[0-9a-f]+ in main \(\) at $src:[0-9]+$"
expect "tasks: the tasks main spawned have not run yet" '^   6  gdbtasks +1 +1 +ready +0x[0-9a-f]{8} in spawn_entry \('
expect "x/2i: the int \$0x80 is next but one" '^   0x[0-9a-f]+ <yield\+2>:[[:space:]]+int +\$0x80$'
expect "stepi 2 goes into the system call: vector128" '^vector128 \(\) at kernel/trapentry.S:[0-9]+$'
expect "bt in vector128 goes on into the user code it interrupted" \
    "^#3 +0x[0-9a-f]+ in main \(\) at $src:[0-9]+$"
expect "current there: trapping into the kernel" \
    '^task 1 \(gdbtasks\), running: trapping into the kernel from 0x[0-9a-f]{8} in yield \('
expect "the kernel handles it: sys_yield, in the scheduler loop" '^#2 +sched_loop \(traced=.*\) at kernel/sched.c'
expect "current: the kernel handles gdbtasks's yield" \
    '^task 1 \(gdbtasks\), running: in the kernel, for its system call 0 \(yield\) from'
expect "on into countdown: its symbols are gdb's now" "^coop: now using countdown's symbols \(task 7\)$"
expect "ubreak countdown:main is hit" '^Breakpoint 3, main \(argc=2, argv=0x[0-9a-f]+\) at user/countdown.c:[0-9]+$'
expect "tasks: who waits on what" '^   2  gdbtasks +1 +1 +blocked +on channel 1, to receive'
expect "task 2: the receiver's backtrace" "^  #1 0x[0-9a-f]{8} in receiver \($src:[0-9]+\)$"
expect "next steps in countdown's main" '^[0-9]+[[:space:]]+rounds = atoi\(argv\[1\]\);$'
expect "info symbol: 0x40000020 is countdown's countdown() now" \
    '^countdown in section .text of .*/user/countdown$'
expect "usymbols: countdown's, following the running task" \
    "^user symbols: countdown's \(.*/user/countdown\); they follow the running task$"
verify s_boundary
n=$((n + 1))
if ! grep -q 'location number not found' "$glog"; then
    echo "ok $n - and no breakpoint lost track of its locations"
else
    echo "not ok $n - gdb lost track of a breakpoint's location"
fi

# gdb.md's first session: kmain, a step, the IDT and GDT.
s_first() {
    gdb_session first "init=hello test" -ex 'break kmain' -ex continue -ex bt -ex next \
        -ex 'advance pic_init' -ex 'info registers' -ex 'p boot_info.cmdline' -ex 'p/x idt[0x80]' \
        -ex 'p/x idt[14]' -ex 'info symbol (idt[0x80].off_hi << 16) | idt[0x80].off_lo' -ex 'p/x gdt' \
        -ex 'p tss'
}
expect "gdb.md: break kmain, bt to _start" '^#1 +0x[0-9a-f]+ in _start \(\) at boot/multiboot.S'
expect "advance pic_init" '^pic_init \(\) at kernel/dev/pic.c:[0-9]+$'
expect "info registers" '^eip +0x[0-9a-f]+ +0x[0-9a-f]+ <pic_init'
expect "the command line" '^\$[0-9]+ = "[^"]*init=hello test"'
expect "the system-call gate: type_attr 0xee" '^\$[0-9]+ = \{off_lo = 0x[0-9a-f]+, .*type_attr = 0xee'
expect "the gate leads to vector128" '^vector128 in section .text'
expect "the GDT and the TSS print" '^\$[0-9]+ = \{.*esp0 = '
verify s_first

# gdb.md's table of handy breakpoints, and coop's commands in expressions.
s_table() {
    gdb_session table "init=countdown test" -ex 'break syscall_dispatch' -ex continue -ex current \
        -ex 'p $.tf.eax' -ex delete -ex 'break trap_user' -ex continue -ex 'p task->tf.trapno' \
        -ex delete -ex 'break sched_tick' -ex continue -ex 'p running' -ex 'p *$current' \
        -ex 'p $task(1)->tf' -ex 'help tasks'
}
expect "gdb.md: in syscall_dispatch, current, then p \$.tf.eax: the call's number (write)" \
    '^\$[0-9]+ = 8$'
expect "in trap_user, p task->tf.trapno: an IRQ's vector" '^\$[0-9]+ = (3[2-9]|4[0-7])$'
expect "in sched_tick, running" '^\$[0-9]+ = \(struct task \*\) 0x[0-9a-f]+ <table'
expect "p *\$current: the record" '^\$[0-9]+ = \{tf = \{edi = .*name = "countdown'
expect "p \$task(1)->tf: a trap frame" '^\$[0-9]+ = \{edi = [0-9]+, .*trapno = '
expect "help tasks" '^List every task: id, program, process, parent, state'
verify s_table
