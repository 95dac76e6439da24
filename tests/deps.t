#!/bin/sh
# tests/deps.t: a plain `make` on a machine without the 32-bit toolchain
# stops before the first compile and says what to install (as
# scripts/deps.sh does for `make run` and `make test`), instead of failing
# at the first link with "undefined reference to __udivdi3". The machine is
# faked: a dpkg-query on the PATH that has no gcc-multilib, an `id` that
# says we are not root, and no sudo.
. "$(dirname "$0")/lib.sh"
logs="$BUILD/test-logs/deps"
rm -rf "$logs"
mkdir -p "$logs/bin"

real_dpkg=$(command -v dpkg-query)
cat >"$logs/bin/dpkg-query" <<EOF
#!/bin/sh
# gcc-multilib is not installed; everything else is asked of the real dpkg.
for a; do [ "\$a" = gcc-multilib ] && exit 1; done
exec "$real_dpkg" "\$@"
EOF
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

echo "1..$n"
