#!/bin/sh
# tests/deps.t: a plain `make` on a machine without the 32-bit toolchain
# stops before the first compile and says what to install (as
# scripts/deps.sh does for `make run` and `make test`), instead of failing
# at the first link with "undefined reference to __udivdi3". The machine is
# faked: a dpkg-query on the PATH that has no gcc-multilib, an `id` that
# says we are not root, and no sudo.
# An install stopped half-way (a Ctrl-C, a test's time limit) leaves dpkg
# "interrupted", and apt-get then refuses every install until
# `dpkg --configure -a` has finished it: scripts/deps.sh finishes it first.
. "$(dirname "$0")/lib.sh"
logs="$BUILD/test-logs/deps"
rm -rf "$logs"
mkdir -p "$logs/bin"

fake_dpkg "$logs/bin" gcc-multilib ""
printf '#!/bin/sh\necho 1000\n' >"$logs/bin/id"
printf '#!/bin/sh\nexit 1\n' >"$logs/bin/sudo"
chmod +x "$logs/bin/"*

# A build directory of its own, so that nothing is built yet.
log="$logs/make.log"
status=0
(
    PATH="$PWD/$logs/bin:$PATH"
    export PATH
    BUILD="$logs/build" make_ -j2 >"$log" 2>&1
) || status=$?
[ "$status" -ne 0 ] && grep -q "^coop needs these Debian packages: gcc-multilib" "$log" &&
    grep -q "apt-get install -y gcc-multilib" "$log"
ok $? "make without gcc-multilib says what to install (exit status $status)"
[ "$n" -eq 1 ] || show "$log"
! grep -q "undefined reference\|^  CC\|^  AS" "$log"
ok $? "and stops before compiling anything"
[ "$n" -eq 2 ] || show "$log"

# As root, with an install of before left half done: deps.sh finishes it
# (dpkg --configure -a) before it installs. apt-get and dpkg are faked too:
# they note what they were asked in calls.log.
root="$logs/root"
calls="$logs/calls.log"
fake_dpkg "$root" qemu-system-gui ""
printf '#!/bin/sh\necho 0\n' >"$root/id"
for tool in apt-get dpkg; do
    printf '#!/bin/sh\necho "%s $*" >>"%s"\n' "$tool" "$PWD/$calls" >"$root/$tool"
done
printf '#!/bin/sh\n[ "$1" = install ] || exit 0\ngrep -q "^dpkg --configure -a" "%s" || { echo "E: dpkg was interrupted"; exit 100; }\n' "$PWD/$calls" >>"$root/apt-get"
chmod +x "$root/"*
rm -f "$calls"
log="$logs/interrupted.log"
status=0
PATH="$PWD/$root:$PATH" BUILD="$logs/build" scripts/deps.sh vga >"$log" 2>&1 || status=$?
[ "$status" -eq 0 ] && grep -q "^dpkg --configure -a" "$calls" &&
    grep -q "^apt-get install .*qemu-system-gui" "$calls"
ok $? "an install left half done is finished before the next one (exit status $status)"
[ "$status" -eq 0 ] || { show "$log"; show "$calls"; }

echo "1..$n"
