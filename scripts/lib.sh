# scripts/lib.sh: shell functions and constants shared by scripts/ (sourced
# with `. scripts/lib.sh`, never run). Values the kernel also uses are read
# from its headers here, not written down a second time.

# coop_root: the top of the source tree (the sourcing script is in scripts/).
coop_root=$(cd "$(dirname "$0")/.." && pwd)

# scripts/qemu's exit statuses of its own, beside the kernel's power-off codes
# (kernel/dev/power.h); docs/booting.md has the whole table.
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

# power_code NAME: a power-off code from kernel/dev/power.h (POWER_PANIC, ...).
power_code() {
    c_define "$coop_root/kernel/dev/power.h" "$1"
}

# listening PORT: true if a TCP socket listens on PORT (state 0A, LISTEN, in
# the kernel's tables; its ports are in hexadecimal); status 2 if there are
# no tables to read (then gdb, or QEMU, finds out).
listening() {
    tables=
    for table in /proc/net/tcp /proc/net/tcp6; do
        [ ! -r "$table" ] || tables="$tables $table"
    done
    [ -n "$tables" ] || return 2
    # shellcheck disable=SC2086 # two file names, without blanks
    awk -v port=":$(printf '%04X' "$1")" \
        'FNR > 1 && $4 == "0A" && substr($2, length($2) - 4) == port { found = 1 }
         END { exit !found }' $tables
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

# cmdline_check ARGS PREFIX: check a kernel command line before QEMU or GRUB
# gets it; the kernel is handed PREFIX and then ARGS (QEMU puts the kernel's
# path and a blank in front, GRUB nothing). Fails, saying why, if ARGS has a
# quote or a backslash: the kernel splits its command line at blanks and knows
# no quoting (lib/cmdline.c), so '"a b"' would reach init as two words, quotes
# and all (and GRUB would add backslashes of its own). Warns, saying what
# will be cut, if the line is longer than the kernel keeps (CMDLINE_MAX - 1
# characters, kernel/bootinfo.h).
cmdline_check() {
    case $1 in
    *[\"\'\\]*)
        printf '%s\n' "coop: the kernel command line has no quoting: it is split at blanks, and a quote or backslash would reach the kernel or init as it is. Take them out of: $1" >&2
        return 1
        ;;
    esac
    keep=$(($(c_define "$coop_root/kernel/bootinfo.h" CMDLINE_MAX) - 1)) # less its NUL
    line="$2$1"
    # Bytes, as the kernel counts them (cut -b, wc -c), whatever the locale.
    length=$(printf '%s' "$line" | wc -c)
    if [ "$length" -gt "$keep" ]; then
        printf '%s\n' "coop: warning: the kernel keeps $keep characters of its command line (CMDLINE_MAX in kernel/bootinfo.h), and this one${2:+ ('$2' and then ARGS)} has $length; it will lose the end: '$(printf '%s' "$line" | cut -b "$((keep + 1))-")'" >&2
    fi
}
