#!/bin/sh
# tests/make-test.t: `make test T=NAME...` runs just the tests named, each
# exactly as the whole suite does (through prove and scripts/run-test, so a
# booted test gets its file's boot-args and boot-expect), and an unknown name
# is an error. The tests named here write no file another test writes: their
# consoles go to a folder of their own (TEST_LOGS, scripts/boot-test).
. "$(dirname "$0")/lib.sh"
# Were T= ever ignored, the make test below would run the whole suite, this
# test in it: once is enough to fail, twice would never end.
if [ -n "${COOP_MAKE_TEST_NESTED:-}" ]; then
    echo "1..0 # SKIP run by tests/make-test.t itself"
    exit 0
fi
export COOP_MAKE_TEST_NESTED=1
logs="$BUILD/test-logs/make-test"
rm -rf "$logs"
out="$logs.out"
echo "1..6"

status=0
TEST_LOGS=$logs make_ test T="t_exitcode t_hog_preempt test_heap harness" V=1 </dev/null >"$out" 2>&1 ||
    status=$?
[ "$status" -eq 0 ] && grep -q '^Result: PASS' "$out"
ok $? "make test T=\"t_exitcode t_hog_preempt test_heap harness\" passes (exit status $status)"
grep -q '^Files=4,' "$out" &&
    grep -q '^tests/boot/t_exitcode\.c \.\.' "$out" && grep -q '^tests/boot/t_hog_preempt\.c \.\.' "$out" &&
    grep -q '/unit/test_heap \.\.' "$out" && grep -q '^tests/harness\.t \.\.' "$out"
ok $? "prove ran those four and only those"
# t_exitcode says `// boot-expect: exit:3`: passing means the directive was read.
grep -q '^ok [0-9]* - coop powered off: init exited 3$' "$out"
ok $? "t_exitcode passed with its boot-expect directive (init exited 3)"
# t_hog_preempt says `// boot-args: sched=preempt quantum=10`.
tr -d '\r' <"$logs/t_hog_preempt.log" 2>/dev/null | grep -q 'sched=preempt'
ok $? "t_hog_preempt booted with its boot-args (sched=preempt)"
[ "$n" -eq 4 ] && [ "$status" -eq 0 ] || sed 's/^/# /' "$out" | tail -n 40

status=0
make_ test T=no_such_test </dev/null >"$out" 2>&1 || status=$?
[ "$status" -ne 0 ]
ok $? "make test T=no_such_test fails (exit status $status)"
grep -q "no test named 'no_such_test'" "$out" && ! grep -q '^Files=' "$out"
ok $? "saying there is no such test, and running none"
