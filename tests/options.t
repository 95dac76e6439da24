#!/bin/sh
# tests/options.t: what the kernel says about its command line on the
# console: the quantum in force when the one asked for is not whole ticks,
# quantum= without sched=preempt, a word with no name before its '=', and a
# command line too long to keep whole (kernel/options.c, kernel/bootinfo.c),
# firsttid= out of range, and task ids run out (kernel/task.c).
. "$(dirname "$0")/lib.sh"
echo "1..10"
# boot NAME ARGS: boot with ARGS (tests/lib.sh).
boot() { boot_console "options-$1" "$2"; }
# expect WHAT PATTERN: ok if coop powered off with 0 and a line matches.
expect() { console_is 0 "$2" "$1"; }

boot quantum "init=hello test sched=preempt hz=100 quantum=1"
expect "the start-up line shows the quantum in force" 'sched=preempt quantum=10ms$'
expect "and says why it is not the one asked for" \
    '^coop: quantum=1ms is not a whole number of timer ticks at 100 Hz: using 10ms$'
boot coop-quantum "init=hello test quantum=5"
expect "quantum= under sched=coop is pointed out" '^coop: quantum= has no effect under sched=coop'
boot nameless "init=hello test =x"
expect "a word with nothing before its '=' is named as it is" \
    "^coop: ignoring '=x': an option needs a name before its '='$"
long=$(printf '%01200d' 0)
boot long "init=hello test pad=$long"
expect "a command line longer than the kernel keeps is reported" \
    '^coop: the command line is [0-9]* characters long; only the first 511 are kept'
expect "and what was before the cut still works" '^coop: starting init: hello$'

# init's argv: its name and at most 31 words after -- (SPAWN_MAX_ARGS, 32).
words=$(i=1; while [ $i -le 31 ]; do printf ' w%d' $i; i=$((i + 1)); done)
boot args31 "init=hello test --$words"
expect "init starts with 31 words after --" '^argv\[31\] = "w31"$'
boot args32 "init=hello test --$words w32"
console_is 102 "^coop: cannot start init 'hello': too many arguments" \
    "with 32, init cannot start, and coop says why (power-off code 102)"

boot firsttid0 "init=hello test firsttid=0"
expect "firsttid=0 is refused: ids start at 1" \
    "^coop: ignoring 'firsttid=0': expected a number from 1 to 2147483647$"
boot tids "init=t_tids test firsttid=2147483600"
expect "when the task ids run out, coop says so" \
    '^coop: all 2147483647 task ids have been given out: no task can start until coop boots again$'
