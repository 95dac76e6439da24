#!/bin/sh
# tests/kfault.t: a deliberate kernel fault (kfault=page, assert, divide)
# panics with the fault's name, a backtrace with function names that
# scripts/symbolize turns into file:line, and a failing exit status.
. "$(dirname "$0")/lib.sh"
echo "1..12"
for fault in page assert divide; do
    case $fault in
    page) words='page fault (#PF) in the kernel' ;;
    assert) words='assertion failed: ' ;;
    divide) words='divide error (#DE) in the kernel' ;;
    esac
    log="$BUILD/test-logs/kfault-$fault.log"
    status=0
    scripts/qemu --headless --timeout 60 --args "init=hello test kfault=$fault" >"$log" 2>&1 || status=$?
    [ "$status" -eq 111 ]; ok $? "kfault=$fault: QEMU exits with the panic status (111; got $status)"
    qemu_said "$log"
    tr -d '\r' <"$log" | grep -q "^panic: $words"; ok $? "kfault=$fault: the panic names the fault"
    tr -d '\r' <"$log" | grep -Eq '#[0-9]+ 0x[0-9a-f]{8} in kmain'; ok $? "kfault=$fault: the backtrace names kmain"
    tr -d '\r' <"$log" | scripts/symbolize | grep -Eq 'in _start\+0x[0-9a-f]+ \(boot/multiboot.S:[0-9]+\)'
    ok $? "kfault=$fault: scripts/symbolize gives the boot entry's file:line"
done
