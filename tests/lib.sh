# tests/lib.sh: what the scripted tests share. A test sources it first thing
# (`. "$(dirname "$0")/lib.sh"`); then it runs at the top of the tree, with
# BUILD set. prove runs only tests/*.t, so this file is no test itself.
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
mkdir -p "$BUILD/test-logs"

# make_ ARG...: make, as a student would type it, for this tree and BUILD,
# stopped after $make_limit seconds (default 120). Nothing of the make that
# runs the tests comes along: its MAKEFLAGS carry its command line's
# variables (T=, ARGS=, V=, ...), which it also exports.
make_() {
    (
        unset MAKEFLAGS MFLAGS MAKELEVEL T ARGS QEMUEXTRA GDBPORT V ISO GDBINIT
        timeout "${make_limit:-120}" make --no-print-directory BUILD="$BUILD" "$@"
    )
}

# fake_dpkg DIR MISSING PRESENT: a dpkg-query in DIR (put DIR first on the
# PATH) that says the packages in MISSING (space-separated) are not
# installed and those in PRESENT are, and asks the real dpkg-query of any
# other: a machine faked for scripts/deps.sh, with nothing installed for real.
fake_dpkg() {
    mkdir -p "$1"
    cat >"$1/dpkg-query" <<EOF
#!/bin/sh
for a; do
    case " $2 " in *" \$a "*) exit 1 ;; esac
    case " $3 " in *" \$a "*) printf 'install ok installed'; exit 0 ;; esac
done
exec $(command -v dpkg-query) "\$@"
EOF
    chmod +x "$1/dpkg-query"
}

# qemu_said LOG...: scripts/qemu's "coop: QEMU could not start: ..." line in
# the logs, as a TAP comment, if there is one: after a failure, why nothing
# booted.
qemu_said() {
    grep -h '^coop: QEMU could not start' "$@" 2>/dev/null | sed 's/^/# /' || true
}

# ok STATUS NAME: one TAP line, numbered on from $n: "ok" if STATUS is 0.
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

# show FILE [LINES]: the last LINES (15) lines of FILE, without CRs, as TAP
# comments: what a failed test shows of a log.
show() { tr -d '\r' 2>/dev/null <"$1" | sed 's/^/# | /' | tail -n "${2:-15}"; }

# console_is STATUS PATTERN NAME: one TAP line: ok if QEMU's decoded status
# ($status, boot_console) is STATUS and a line of the console ($log.txt)
# matches PATTERN (grep); if not, the console's end.
console_is() {
    n=$((n + 1))
    if [ "$status" -eq "$1" ] && grep -q -- "$2" "$log.txt"; then
        echo "ok $n - $3"
    else
        echo "not ok $n - $3 (exit status $status; want $1)"
        show "$log.txt"
    fi
}

# listening PORT: true if something on this machine listens on TCP port PORT
# (/proc/net/tcp and tcp6 list the ports in hex; state 0A is LISTEN).
listening() { grep -q ":$(printf '%04X' "$1") [0-9A-F:]* 0A " /proc/net/tcp /proc/net/tcp6 2>/dev/null; }

# wait_listening PORT: wait until something listens on PORT (a QEMU's gdb
# stub, say), at most about 10 s.
wait_listening() {
    _tries=0
    while [ $_tries -lt 100 ] && ! listening "$1"; do
        sleep 0.1
        _tries=$((_tries + 1))
    done
}

# boot_console NAME ARGS: boot coop headless with kernel command line ARGS
# (a time limit of 60 s); the console goes to $log
# ($BUILD/test-logs/NAME.log), without its CRs to $log.txt, and QEMU's
# decoded status (docs/booting.md) to $status.
boot_console() {
    log="$BUILD/test-logs/$1.log"
    status=0
    scripts/qemu --headless --timeout 60 --args "$2" >"$log" 2>&1 || status=$?
    tr -d '\r' <"$log" >"$log.txt"
}
