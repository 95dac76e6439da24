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
#   space, and the task it resumes is that program's;
# - bt still reaches the user code's outer frames where the fast path has
#   used %ebp: on its slow way, in back_to_scheduler, and after it has
#   moved the ready ring's hand on but not yet left the caller's frame.
. "$(dirname "$0")/lib.sh"
. tests/gdb-lib.sh
echo "1..16"
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

# The server's first call only receives: the fast path leaves it to the
# loop (fastpath_slow, then back_to_scheduler, %ebp the fast path's). The
# client's first call is taken: stop just after the hand moves on.
s_slow() {
    gdb_session fastpath-slow "init=fastpp test" -ex 'break fastpath_slow' -ex continue \
        -ex 'stepi 2' -ex 'x/i $pc' -ex bt -ex 'delete 1' -ex 'break fastpath_hand' -ex continue \
        -ex 'stepi 3' -ex 'printf "hand moved %d\n", sched_ready_ring != &$task(1)->link' -ex bt \
        -ex 'delete 2' -ex continue
}
expect "stepi 2 from fastpath_slow reaches back_to_scheduler" '^=> 0x[0-9a-f]+ <back_to_scheduler>:'
expect "bt in back_to_scheduler, from the slow way, goes on to spawn_entry" \
    '^#[0-9]  0x[0-9a-f]+ in spawn_entry \('
expect "bt with the hand moved on, still on the client's frame, reaches its main" \
    "^#[0-9]  (0x[0-9a-f]+ in )?main \(.*\) at $src:[0-9]+$"
verify s_slow
glog=$qlog # the console's: fastpp's own lines
check "and without the breakpoints fastpp ends well" '^fastpp: every answer right'
