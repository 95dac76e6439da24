#!/bin/sh
# scripts/deps.sh GROUP...: make sure the Debian packages coop needs are
# installed, installing the missing ones (as root, or with sudo when it needs
# no password), or saying exactly what to install. Groups:
#   build  gcc with 32-bit support, make, binutils, tar
#   run    QEMU
#   iso    GRUB's i386-pc files, grub-mkrescue, xorriso, mtools
#   gdb    gdb
#   unit   cmocka, prove (perl), coreutils' timeout
# Fast when nothing is missing: it only asks dpkg.
set -eu

missing=
need() { # need PACKAGE: remember it if dpkg does not have it installed
    case " $missing " in *" $1 "*) return ;; esac
    if ! dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; then
        missing="$missing $1"
    fi
}

for group in "$@"; do
    case $group in
    build)
        need make; need binutils; need tar; need gcc
        # An i686 cross compiler needs no multilib; Debian's gcc needs it for -m32.
        command -v i686-linux-gnu-gcc >/dev/null 2>&1 || need gcc-multilib
        ;;
    run) need qemu-system-x86 ;;
    iso) need grub-common; need grub-pc-bin; need xorriso; need mtools ;;
    gdb) need gdb ;;
    unit) need libcmocka-dev; need perl; need coreutils ;;
    *) echo "scripts/deps.sh: unknown group '$group'" >&2; exit 2 ;;
    esac
done

[ -n "$missing" ] || exit 0
missing=${missing# }

if ! command -v dpkg-query >/dev/null 2>&1; then
    echo "coop: this does not look like Debian (no dpkg). coop needs: $missing" >&2
    exit 1
fi

if [ "$(id -u)" -eq 0 ]; then
    sudo=
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo=sudo
else
    echo "coop needs these Debian packages: $missing" >&2
    echo "Install them with: sudo apt-get install $missing" >&2
    exit 1
fi

echo "coop: installing the Debian packages it needs: $missing"
# shellcheck disable=SC2086 # the package list is meant to split
if ! { $sudo apt-get update -qq &&
    $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing; } >/tmp/coop-apt.log 2>&1; then
    tail -n 20 /tmp/coop-apt.log >&2
    echo "coop: installing failed (log above). Try: sudo apt-get install $missing" >&2
    exit 1
fi
