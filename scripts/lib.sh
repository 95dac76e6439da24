# scripts/lib.sh: shell functions and constants shared by scripts/ (sourced
# with `. scripts/lib.sh`, never run). Values the kernel also uses are read
# from its headers here, not written down a second time.

# coop_root: the top of the source tree (the sourcing script is in scripts/).
coop_root=$(cd "$(dirname "$0")/.." && pwd)

# scripts/qemu's exit statuses of its own, beside the kernel's power-off codes
# (kernel/power.h); docs/booting.md has the whole table.
QEMU_TIMEOUT=124  # the time limit ran out (coreutils' timeout says 124)
QEMU_TRIPLE=125   # a triple fault: the CPU reset, and QEMU (-no-reboot) stopped
QEMU_STOPPED=126  # a headless QEMU stopped before coop powered off
QEMU_NO_START=127 # QEMU could not start (as a shell says of a missing command)

# c_define FILE NAME: the value of `#define NAME value` in FILE. Fails, saying
# so, if FILE has no such line.
c_define() {
    value=$(sed -n "s/^#define $2[[:space:]][[:space:]]*\([^[:space:]]*\).*/\1/p" "$1" | head -n 1)
    if [ -z "$value" ]; then
        echo "coop: found no '#define $2' in $1" >&2
        return 1
    fi
    echo "$value"
}

# power_code NAME: a power-off code from kernel/power.h (POWER_PANIC, ...).
power_code() {
    c_define "$coop_root/kernel/power.h" "$1"
}

# shell_quote ARG...: the arguments as one line a shell would read back as
# the same words (for showing a command: make V=1).
shell_quote() {
    line=
    for word in "$@"; do
        case $word in
        '' | *[!A-Za-z0-9_./:=,+@%-]*)
            word="'$(printf '%s' "$word" | sed "s/'/'\\\\''/g")'"
            ;;
        esac
        line="$line${line:+ }$word"
    done
    printf '%s\n' "$line"
}
