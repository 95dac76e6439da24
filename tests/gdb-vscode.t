#!/bin/sh
# tests/gdb-vscode.t: the editor's side. .vscode/'s files are JSON, and
# launch.json names what exists: the kernel's ELF, the gdbinit `make gdb`
# uses (with coop's commands, on the port `make debug` listens on), and a
# task in tasks.json that runs `make debug` and waits for QEMU's "waiting
# for gdb". gdb driven as VS Code drives it (the MI interpreter, the
# launch's setup command, a breakpoint set in an editor on a user
# program's line) stops there. `make compile_commands.json` gives clangd
# every C file's flags. JSON is read with gdb's own Python, which coop's gdb
# commands need anyway.
. "$(dirname "$0")/lib.sh"
. tests/gdb-lib.sh
echo "1..13"
log="$BUILD/test-logs/gdb-vscode.log"
py="$BUILD/test-logs/gdb-vscode.py"

# py_check SCRIPT: run Python SCRIPT in gdb; it prints "ok" or what is wrong.
py_check() {
    printf '%s\n' "import json, os, re, sys" "$1" >"$py"
    gdb -q -nx -batch -x "$py" 2>&1
}
ok_if() { # ok_if WHAT OUTPUT: "ok" if OUTPUT is "ok", else its lines as comments
    n=$((n + 1))
    if [ "$2" = ok ]; then echo "ok $n - $1"; else
        echo "not ok $n - $1"
        printf '%s\n' "$2" | sed 's/^/# /'
    fi
}

ok_if ".vscode/*.json parse as JSON" "$(py_check '
bad = []
for f in sorted(os.listdir(".vscode")):
    try:
        json.load(open(os.path.join(".vscode", f)))
    except Exception as e:
        bad.append("%s: %s" % (f, e))
print("\n".join(bad) or "ok")')"

# The launch configuration, its file names with ${workspaceFolder} put in:
# it names the default build, build/.
launch='
def expand(s):
    return s.replace("${workspaceFolder}", os.getcwd())
conf = json.load(open(".vscode/launch.json"))["configurations"][0]
tasks = json.load(open(".vscode/tasks.json"))["tasks"]
setup = [expand(c["text"]) for c in conf["customLaunchSetupCommands"]]'
if [ "$BUILD" != build ]; then
    for what in "the program" "the gdbinit" "coop's commands" "the port" "the task"; do
        n=$((n + 1))
        echo "ok $n - launch.json: $what # SKIP launch.json names build/, and BUILD is $BUILD"
    done
    skip_launch=1
fi
[ -n "${skip_launch:-}" ] || {
ok_if "launch.json: the program is the kernel's ELF, and it exists" "$(py_check "$launch
p = expand(conf['program'])
print('ok' if p == os.path.abspath('$BUILD/coop.elf') and os.path.isfile(p) else 'program: ' + p)")"
ok_if "launch.json: its setup sources the gdbinit make gdb uses, which exists" "$(py_check "$launch
want = 'source ' + os.path.abspath('$BUILD/gdbinit')
print('ok' if setup == [want] and os.path.isfile(want[7:]) else 'setup: %s' % setup)")"
grep -qx "source $(pwd)/scripts/coop-gdb.py" "$BUILD/gdbinit" && [ -f scripts/coop-gdb.py ]
ok_if "that gdbinit loads coop's commands, from scripts/coop-gdb.py" "$([ $? = 0 ] && echo ok || echo no)"
make_port=$(make_ -s --eval 'print-gdbport: ; @echo $(GDBPORT)' print-gdbport 2>&1)
grep -qx "target remote localhost:$make_port" "$BUILD/gdbinit"
ok_if "and connects to the port make debug listens on ($make_port)" "$([ $? = 0 ] && echo ok || echo no)"
ok_if "launch.json: its preLaunchTask runs make debug in the background" "$(py_check "$launch
t = [t for t in tasks if t['label'] == conf['preLaunchTask']]
print('ok' if t and t[0]['command'] == 'make debug' and t[0]['isBackground'] else 'tasks: %s' % t)")"
}

# gdb as VS Code drives it: MI, the setup command, an editor's breakpoint.
s_mi() {
    qemu_start mi "init=gdbtasks test"
    printf '%s\n' "-interpreter-exec console \"source $(pwd)/$gdbinit\"" \
        "-break-insert -f $(pwd)/user/countdown.c:25" '-exec-continue' \
        '-interpreter-exec console "current"' '-gdb-exit' | timeout 90 gdb -nx --interpreter=mi2 >"$glog" 2>&1
    qemu_stop
}
expect "MI: the editor's breakpoint on countdown's line waits, pending" \
    '^\^done,bkpt=\{number="1",.*addr="<PENDING>"'
expect "MI: it stops there, in countdown" \
    '^\*stopped,reason="breakpoint-hit",.*func="countdown",.*file="user/countdown.c".*line="25"'
expect "MI: coop's commands work there" '^~"task 7 \(countdown\), running: in user mode at '
verify s_mi
pattern=$(py_check "$launch
t = [t for t in tasks if t['label'] == conf['preLaunchTask']][0]
print(t['problemMatcher']['background']['endsPattern'])")
grep -Eq -- "$pattern" "$qlog"
ok_if "tasks.json: make debug's task ends when QEMU says it waits for gdb" "$([ $? = 0 ] && echo ok || echo "no line of $qlog matches $pattern")"

# The compilation database.
make_ compile_commands.json >"$log" 2>&1
ok_if "make compile_commands.json" "$([ $? = 0 ] && echo ok || sed 's/^/| /' "$log")"
ok_if "it has every C file, each as the Makefile compiles it" "$(py_check '
db = json.load(open("compile_commands.json"))
files = sorted(e["file"] for e in db)
want = sorted(os.path.join(d, f) for d in ("kernel", "kernel/dev", "lib", "user", "user/lib",
               "tests/boot", "tests/progs", "tests/unit") for f in os.listdir(d) if f.endswith(".c"))
want.append("tests/elf/craft.c")
sched = [e for e in db if e["file"] == "kernel/sched.c"][0]["arguments"]
wrong = [f for f in files if not os.path.isfile(f)]
if files != sorted(want): print("files: %s" % sorted(set(files) ^ set(want)))
elif wrong: print("missing: %s" % wrong)
elif "-m32" not in sched or "-ffreestanding" not in sched: print("kernel/sched.c: %s" % sched)
else: print("ok")')"
if command -v clangd >/dev/null 2>&1; then
    clangd --check=kernel/sched.c >"$log" 2>&1
    ok_if "clangd reads kernel/sched.c without an error" "$(grep -q 'All checks completed, 0 errors' "$log" &&
        echo ok || grep '^E\[' "$log")"
else
    n=$((n + 1))
    echo "ok $n - # SKIP clangd is not installed"
fi
