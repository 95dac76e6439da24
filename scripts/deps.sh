#!/bin/sh
# scripts/deps.sh GROUP...: make sure the Debian packages coop needs are
# installed, installing the missing ones (as root, or with sudo when it needs
# no password), or saying exactly what to install. Groups:
#   build   make, binutils, tar, and a compiler for i386: an i686 cross gcc
#           (found as the Makefile finds one), or else gcc with gcc-multilib
#   run     QEMU
#   vga     QEMU's window (`make run-vga`)
#   iso     GRUB's i386-pc files, grub-mkrescue, xorriso, mtools
#   gdb     gdb
#   replay  QEMU, and qemu-img for the snapshot a recording starts from
#           (`make record`, `make replay`)
#   unit    gcc (for the host), cmocka, prove (perl), coreutils' timeout
#   format  clang-format
#   trace   python3 (scripts/trace2timeline: `make trace`, `make timelines`)
# Fast when nothing is missing: it only asks dpkg.
set -eu
BUILD=${BUILD:-build}

missing=
need() { # need PACKAGE: remember it if dpkg does not have it installed
    case " $missing " in *" $1 "*) return ;; esac
    if ! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $1"
    fi
}

# toolprefix: the cross-compiler prefix the Makefile will use (its "toolchain"
# section): TOOLPREFIX if it is set and not empty, else the first of these
# whose gcc is installed, else none (Debian's gcc with -m32).
toolprefix() {
    if [ -n "${TOOLPREFIX:-}" ]; then
        echo "$TOOLPREFIX"
        return
    fi
    for p in i686-linux-gnu- i686-elf- i386-elf-; do
        if command -v "${p}gcc" >/dev/null 2>&1; then
            echo "$p"
            return
        fi
    done
}

for group in "$@"; do
    case $group in
    build)
        # binutils: the Makefile runs the host's ar even with a cross compiler.
        need make; need binutils; need tar
        prefix=$(toolprefix)
        if [ -z "$prefix" ]; then
            # Debian's gcc needs the multilib files to build and link with -m32.
            need gcc; need gcc-multilib
        elif command -v "${prefix}gcc" >/dev/null 2>&1; then
            : # a cross compiler builds for i386 as it is
        elif [ "$prefix" = i686-linux-gnu- ]; then
            need gcc-i686-linux-gnu
        else
            echo "coop: TOOLPREFIX=$prefix, but there is no ${prefix}gcc on the PATH." >&2
            echo "Install that cross compiler, or leave TOOLPREFIX unset to use Debian's gcc." >&2
            exit 1
        fi
        ;;
    run) need qemu-system-x86 ;;
    # Installed without its recommendations, QEMU has no window: -display gtk
    # needs this package, and without it run-vga quietly becomes a VNC server.
    vga) need qemu-system-x86; need qemu-system-gui ;;
    iso) need grub-common; need grub-pc-bin; need xorriso; need mtools ;;
    gdb) need gdb ;;
    # qemu-img is in qemu-utils, not in qemu-system-x86.
    replay) need qemu-system-x86; need qemu-utils ;;
    # gcc: the unit tests are built for the host (HOSTCC), cross compiler or not.
    unit) need gcc; need libcmocka-dev; need perl; need coreutils ;;
    format) need clang-format ;;
    trace) need python3 ;;
    *) echo "scripts/deps.sh: unknown group '$group'" >&2; exit 2 ;;
    esac
done

[ -n "$missing" ] || exit 0
missing=${missing# }

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "coop: this does not look like Debian (no dpkg). coop needs: $missing" >&2
    exit 1
fi

# The commands to give, exactly, when we cannot run them ourselves. On a fresh
# system apt's package lists are empty, hence the update first.
how() {
    echo "Run, as root:" >&2
    echo "    apt-get update && apt-get install -y $missing" >&2
    echo "or, with sudo:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y $missing" >&2
}

if [ "$(id -u)" -eq 0 ]; then
    sudo=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=sudo
else
    echo "coop needs these Debian packages: $missing" >&2
    how
    exit 1
fi

echo "coop: installing the Debian packages it needs: $missing"
mkdir -p "$BUILD"
log="$BUILD/apt.log"
# An install stopped half-way (a Ctrl-C, a time limit) leaves dpkg
# "interrupted", and apt-get refuses every install after it until
# `dpkg --configure -a` has finished that one: finish it first (when nothing
# was interrupted, it does nothing).
# shellcheck disable=SC2086 # the package list is meant to split
if ! { $sudo env DEBIAN_FRONTEND=noninteractive dpkg --configure -a &&
    $sudo apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >"$log" 2>&1; then
    tail -n 20 "$log" >&2
    echo "coop: installing failed (the end of $log is above)." >&2
    how
    exit 1
fi
