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

# qemu_said LOG...: scripts/qemu's "coop: QEMU could not start: ..." line in
# the logs, as a TAP comment, if there is one: after a failure, why nothing
# booted.
qemu_said() {
    grep -h '^coop: QEMU could not start' "$@" 2>/dev/null | sed 's/^/# /' || true
}
