# tests/gdb-lib.sh: what the gdb tests share, sourced after tests/lib.sh.
#
# gdb_session NAME BOOT-ARGS GDB-ARG...: boot coop with the kernel command
# line BOOT-ARGS, paused under QEMU's gdb stub, and run gdb in batch mode on
# it: the gdbinit `make gdb` uses (made from scripts/gdbinit.in for a port
# of this session's own), then GDB-ARGS (-ex COMMAND ...), then kill. gdb's
# output is in $glog, QEMU's in $qlog. The tests run at the same time, so
# the port comes from the test's process id and the session's name, and
# another is tried when QEMU finds it taken.
#
# qemu_start NAME BOOT-ARGS, then qemu_stop: the same, with gdb run in
# between by the caller. With console_input=FILE (a named pipe, say), the
# console reads FILE, as if typed (under gdb, `shell printf ... >FILE`).
#
# expect WHAT PATTERN: a line of $glog must match the extended regular
# expression PATTERN. verify SESSION-FUNCTION: check every expectation since
# the last verify, as TAP ("ok N - WHAT"), after running the session the
# function runs (a function that calls gdb_session). If some fail, the
# session runs once more and they are checked again: QEMU 7's gdb stub now
# and then reports a single step done without having run the instruction
# (docs/gdb.md says more), and a test must not fail for that alone. A
# second failure is printed with the end of $glog.
#
# check WHAT PATTERN: the same at once, for a log that is no session's
# ($glog set by hand).
n=0
expectations=

# qemu_start NAME BOOT-ARGS: the first half of gdb_session: QEMU paused on a
# port of its own ($port, $qemu), and $gdbinit made for it. qemu_stop: the
# end of it.
qemu_start() {
    name=$1 boot=$2
    hash=$(printf '%s' "$name" | cksum | cut -d' ' -f1)
    gdbinit="$BUILD/test-logs/gdbinit-$name"
    glog="$BUILD/test-logs/gdb-$name.log"
    qlog="$BUILD/test-logs/gdb-$name-qemu.log"
    for try in 1 2 3; do
        port=$((30000 + ($$ * 31 + hash + try * 977) % 20000))
        sed -e "s|@KERNEL@|$BUILD/coop.elf|g" -e "s|@PORT@|$port|g" -e "s|@SCRIPTS@|$(pwd)/scripts|g" \
            scripts/gdbinit.in >"$gdbinit"
        if [ -n "${console_input:-}" ]; then
            scripts/qemu --timeout 90 --gdb "$port" --args "$boot" <"$console_input" >"$qlog" 2>&1 &
        else
            scripts/qemu --headless --timeout 90 --gdb "$port" --args "$boot" >"$qlog" 2>&1 &
        fi
        qemu=$!
        i=0
        while [ $i -lt 100 ] && kill -0 "$qemu" 2>/dev/null && ! listening "$port"; do
            sleep 0.1
            i=$((i + 1))
        done
        kill -0 "$qemu" 2>/dev/null && return
        wait "$qemu" 2>/dev/null # it could not start (the port is taken?): another
    done
}

qemu_stop() {
    kill "$qemu" 2>/dev/null
    wait "$qemu" 2>/dev/null
}

gdb_session() {
    qemu_start "$1" "$2"
    shift 2
    timeout 90 gdb -q -nx -batch -x "$gdbinit" "$@" -ex kill >"$glog" 2>&1
    qemu_stop
}

# The expectations, one a line: WHAT, a tab, PATTERN.
tab=$(printf '\t')
expect() {
    expectations="$expectations$1$tab$2
"
}

# all_met: true if every expectation matches a line of $glog.
all_met() {
    printf '%s' "$expectations" | {
        while IFS=$tab read -r what pattern; do
            [ -z "$what" ] || grep -Eq -- "$pattern" "$glog" || exit 1
        done
    }
}

verify() {
    "$1"
    all_met || "$1"
    while IFS=$tab read -r what pattern; do
        [ -n "$what" ] || continue
        n=$((n + 1))
        if grep -Eq -- "$pattern" "$glog"; then
            echo "ok $n - $what"
        else
            echo "not ok $n - $what"
            echo "#   no line of $glog matches: $pattern"
            sed 's/^/# | /' "$glog" | tail -n 30
            qemu_said "$qlog"
        fi
    done <<EOF
$expectations
EOF
    expectations=
}

check() {
    expect "$1" "$2"
    verify true
}
