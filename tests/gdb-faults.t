#!/bin/sh
# tests/gdb-faults.t: faults, named. A user fault's message names the
# function and source line of every frame it prints, from the program's
# table in the initrd (build/user/crash.sym): checked against addr2line on
# the program's ELF, and against scripts/coop-gdb.py reading the same table.
# A kernel panic under panic=halt: gdb's bt goes through the trap into the
# instruction that faulted, and panicframe shows the trap frame; an
# interrupt while the kernel idles, too, unwinds into sched_idle.
# A Ctrl-C taken just after QEMU enters virtual-8086 mode ends the task
# once (tests/progs/v86hog): the serial port's interrupt is held back at the
# PIC until the task is at its iret, as if the byte had come in during it.
. "$(dirname "$0")/lib.sh"
. tests/gdb-lib.sh
echo "1..14"
log="$BUILD/test-logs/gdb-faults-crash.log"
hex='0x[0-9a-f]{8}'

scripts/qemu --headless --timeout 60 --args "test init=crash" 2>&1 | tr -d '\r' >"$log"
# Every "at eip ADDR in FUNC (FILE:LINE)" and "  #N ADDR in FUNC (FILE:LINE)".
sed -n -E "s/^coop: task [0-9]+ \(crash\) faulted: .* at eip ($hex) in ([a-z_]+) \(([^)]+)\).*/\1 \2 \3/p;
    s/^  #[0-9]+ ($hex) in ([a-z_]+) \(([^)]+)\)$/\1 \2 \3/p" "$log" >"$log.where"
glog=$log
check "four faults, each named with its function and line" \
    '^coop: task 6 \(crash\) faulted: invalid opcode \(#UD\) at eip 0x[0-9a-f]{8} in undefined_instruction \(user/crash.c:[0-9]+\)$'
check "and a backtrace under it: the crasher, then spawn_entry" \
    "^  #1 $hex in spawn_entry \(user/lib/syscall.c:[0-9]+\)$"
n=$((n + 1))
if [ "$(wc -l <"$log.where")" -ge 8 ]; then echo "ok $n - $(wc -l <"$log.where") places named"; else
    echo "not ok $n - only $(wc -l <"$log.where") places named"
    sed 's/^/# | /' "$log"
fi

# addr2line's answer for each address: FUNC and FILE:LINE.
top=$(pwd)
bad=0
while read -r addr func place; do
    want=$(addr2line -f -e "$BUILD/user/crash" "$addr" | sed "s|^$top/||" | paste -sd' ')
    [ "$want" = "$func $place" ] || {
        echo "# $addr: the kernel says $func $place, addr2line $want"
        bad=$((bad + 1))
    }
done <"$log.where"
n=$((n + 1))
if [ "$bad" -eq 0 ]; then echo "ok $n - each agrees with addr2line"; else echo "not ok $n - $bad differ from addr2line"; fi

# coop-gdb.py, on the same table, without any target.
bad=0
args=
while read -r addr func place; do args="$args -ex 'python print(where(\"crash\", $addr))'"; done <"$log.where"
eval "gdb -q -nx -batch -ex 'file $BUILD/coop.elf' -x scripts/coop-gdb.py $args" >"$log.gdb" 2>&1
paste -d' ' "$log.where" "$log.gdb" | while read -r addr func place gaddr in gfunc gplace; do
    [ "$addr $func ($place)" = "$gaddr $gfunc $gplace" ] || echo "# $addr: kernel $func $place, gdb $gaddr $gfunc $gplace"
done >"$log.diff"
n=$((n + 1))
if [ ! -s "$log.diff" ] && [ -s "$log.gdb" ]; then echo "ok $n - and with scripts/coop-gdb.py's lookup"; else
    echo "not ok $n - scripts/coop-gdb.py's lookup differs"
    cat "$log.diff" "$log.gdb" | sed 's/^/# /'
fi

# A kernel panic: a write through NULL in kmain (kernel/main.c, kfault_maybe).
null=$(grep -n '\*null = 1;' kernel/main.c | cut -d: -f1)
s_panic() {
    gdb_session panic "panic=halt kfault=page" -ex 'break power_halt' -ex continue -ex bt \
        -ex panicframe
}
expect "bt goes through trap_common" '^#[0-9]+ +0x[0-9a-f]+ in trap_common \(\) at kernel/trapentry.S'
expect "... into the instruction that faulted" "^#[0-9]+ +0x[0-9a-f]+ in kfault_maybe \(\) at kernel/main.c:$null$"
expect "... and on to _start" '^#[0-9]+ +0x[0-9a-f]+ in _start \(\) at boot/multiboot.S'
expect "panicframe: the trap frame, the exception and its error code" \
    "^trap frame at $hex: page fault \(#PF\), error code 0x2, in the kernel$"
expect "panicframe: every register" "^  esi=$hex edi=$hex ebp=$hex eip=$hex$"
expect "panicframe: the backtrace from the faulting instruction" \
    "^#0  $hex in kfault_maybe \(\) at kernel/main.c:$null$"
verify s_panic

# An interrupt while the kernel idles (spawnwait's tasks all wait or sleep).
s_idle() {
    gdb_session idle "init=spawnwait test" -ex 'break trap_kernel' -ex continue -ex bt
}
expect "an interrupt in the idle loop unwinds into sched_idle" \
    '^#[0-9]+ +(0x[0-9a-f]+ in )?sched_idle \(\) at kernel/sched.c'
verify s_idle

# Ctrl-C in the trap that leaves virtual-8086 mode (tests/progs/v86.h,
# kernel/trap.c: trap_user). The console reads a named pipe. At the hog's
# first iret, COM1's interrupt (IRQ 4) is masked at the PIC (its mask
# register, port 0x21, was 0xe8) and a Ctrl-C typed; at the next, it is
# unmasked, and the timer's (IRQ 0, first in line) masked; a single step
# (which takes no interrupt) goes through the iret, and the interrupt is
# taken in virtual-8086 mode. The input ends the task's job, init's; the
# trap must not end the task a second time.
irq_com1=$((32 + 4))
killed=$(sed -n 's/^#define POWER_INIT_KILLED *\([0-9]*\).*/\1/p' kernel/dev/power.h)
s_v86() {
    input="$BUILD/test-logs/gdb-v86.in"
    rm -f "$input"
    mkfifo "$input"
    exec 7<>"$input" # held open, so that QEMU never reads an end of file
    console_input=$input qemu_start v86 "test init=v86hog -- fg"
    timeout 90 gdb -q -nx -batch -x "$gdbinit" -ex 'ubreak v86hog:v86_iret' -ex continue \
        -ex 'monitor o /b 0x21 0xf8' -ex "shell printf '\\003' >$input" -ex continue \
        -ex 'monitor o /b 0x21 0xe9' -ex stepi -ex 'break trap_user' -ex continue \
        -ex 'printf "trap %d, VM %x\n", task->tf.trapno, task->tf.eflags & 0x20000' \
        -ex 'monitor o /b 0x21 0xe8' -ex delete -ex 'break panic_at' -ex 'break power_off' \
        -ex continue -ex kill >"$glog" 2>&1
    qemu_stop
    exec 7>&-
}
expect "Ctrl-C comes in the trap that leaves virtual-8086 mode" "^trap $irq_com1, VM 20000$"
expect "it ends the task's job, init, once: coop powers off for that, with no panic" \
    "^Breakpoint [0-9]+, power_off \(code=$killed\)"
verify s_v86
