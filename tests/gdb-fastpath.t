#!/bin/sh
# tests/gdb-fastpath.t: sendrecv's fast path (kernel/fastpath.S), seen from
# gdb with the commands docs/trap-path.md uses, on tests/progs/fastpp (a
# client and a server taking turns in sendrecv_fast):
# - the client's call takes the fast path: a breakpoint on fastpath_resume
#   stops there, with the server as the task at the ready ring's hand,
#   running, and the client blocked on the replies' channel, to receive,
#   as the loop would have left them;
# - the server gets a fresh time slice, and its next trap lands in its own
#   frame (tss.esp0 just past it);
# - bt goes from the fast path into the server's user code;
# - with the server in another program, the fast path loads its address
#   space, and the task it resumes is that program's.
. "$(dirname "$0")/lib.sh"
. tests/gdb-lib.sh
echo "1..13"
src=tests/progs/fastpp.c

# The session docs/trap-path.md walks through ("The fast path"), as written,
# with a few looks more (the printfs, and the time slice set by hand, to see
# the fast path clear it).
s_fastpath() {
    gdb_session fastpath "init=fastpp test" -ex 'break fastpath_resume' -ex continue -ex current \
        -ex tasks -ex bt -ex 'set var sched_slice_ticks = 5' -ex 'stepi 3' \
        -ex 'printf "slice %u\n", sched_slice_ticks' -ex 'p/x tss.esp0 - (unsigned)$current' \
        -ex 'p $task(1)->blocked.kind' -ex 'delete 1' -ex 'break fastpath_other_space' -ex continue \
        -ex current -ex 'stepi 4' -ex 'printf "space %d\n", vm_current_pgdir == $current->proc->pgdir' \
        -ex tasks -ex continue -ex current -ex 'delete 2' -ex continue
}
expect "a breakpoint on fastpath_resume stops in kernel/fastpath.S" \
    '^Breakpoint 1, fastpath_resume \(\) at kernel/fastpath.S:[0-9]+$'
expect "current: the server, running, being resumed by the fast path in server_task" \
    "^task 2 \(fastpp\), running: being resumed by sendrecv's fast path at 0x4[0-9a-f]{7} in server_task "
expect "tasks: the client is blocked on the replies' channel, to receive" \
    '^   1  fastpp +1 +- +blocked +on channel 2, to receive '
expect "tasks: the server is at the ready ring's hand" '^\*  2  fastpp +1 +1 +running '
expect "bt: from the fast path into the server's serve()" "^#2  serve \(.*\) at $src:[0-9]+$"
expect "the server has a fresh time slice (5 ticks, set by hand, are gone)" '^slice 0$'
expect "its next trap lands just past its trap frame, in its record" '^\$[0-9]+ = 0x3c$'
expect "the client is parked in sendrecv's receive half" '^\$[0-9]+ = WAIT_CHAN_RECVW$'
expect "with the server another program, the fast path loads its address space" \
    "^task 3 \(fastpp\), running: in sendrecv's fast path \(kernel/fastpath.S\), from 0x4[0-9a-f]{7} in main "
expect "the address space loaded is the server program's" '^space 1$'
expect "tasks: the server is task 3, of program 2, running" '^\*  3  fastpp +2 +1 +running '
expect "the next stop is the switch back, to the client" \
    "^task 1 \(fastpp\), running: in sendrecv's fast path \(kernel/fastpath.S\), from 0x4[0-9a-f]{7} in round_trips "
verify s_fastpath
glog=$qlog # the console's: fastpp's own lines
check "and without the breakpoints fastpp ends well" '^fastpp: every answer right'
