#!/usr/bin/env bash
# CI's packaging check (run as root on a disposable Debian 12 machine): builds the .deb, lints it,
# checks the unit, installs it, runs the installed binaries with the Swift toolchain hidden, then
# removes and purges it and checks that nothing is left. Any failed step fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."

fail() { echo "check-deb: $*" >&2; exit 1; }
step() { echo "--- $*"; }

[ "$(id -u)" = 0 ] || fail "must run as root (dpkg -i, unshare -m)"
if dpkg -s ironlb >/dev/null 2>&1; then fail "ironlb is already installed here; purge it first"; fi

# What already matches before the install (a test run may have left /run/ironlb behind) is not
# blamed on the package; /var/cache/man holds man-db's formatted pages, which man-db expires.
leftovers() { find /etc /usr /lib /var /run \( -path /var/cache/apt -o -path /var/cache/man \) -prune -o -name '*ironlb*' -print 2>/dev/null | sort || true; }
before=$(leftovers)

step "build the package"
deb=$(packaging/build-deb.sh | tail -n 1)
[ -f "$deb" ] || fail "no package at $deb"
echo "$deb: $(stat -c %s "$deb") bytes"
dpkg-deb --info "$deb" | sed -n '/Package:/,$p'

step "lintian"
lintian --fail-on error,warning --display-info "$deb"

step "install"
DEBIAN_FRONTEND=noninteractive dpkg -i "$deb"
for path in /usr/sbin/ironlbd /usr/bin/ironlbctl /lib/systemd/system/ironlb.service /etc/ironlb/ironlb.yaml \
            /usr/share/man/man8/ironlbd.8.gz /usr/share/man/man8/ironlbctl.8.gz /usr/share/man/man5/ironlb.yaml.5.gz \
            /usr/share/bash-completion/completions/ironlbctl /usr/share/zsh/vendor-completions/_ironlbctl \
            /usr/share/fish/vendor_completions.d/ironlbctl.fish /usr/share/doc/ironlb/copyright; do
  [ -e "$path" ] || fail "$path is not installed"
done
getent passwd ironlb >/dev/null || fail "the ironlb system user was not created"
[ "$(stat -c '%a %U:%G' /etc/ironlb/ironlb.yaml)" = "640 root:ironlb" ] || fail "/etc/ironlb/ironlb.yaml has mode $(stat -c '%a %U:%G' /etc/ironlb/ironlb.yaml)"
if ldd /usr/sbin/ironlbd | grep -E 'not found|libswift|libFoundation|/opt/swift'; then fail "ironlbd needs the Swift toolchain's libraries"; fi

step "the unit"
verify=$(systemd-analyze verify /lib/systemd/system/ironlb.service 2>&1 || true)
[ -z "$verify" ] || fail "systemd-analyze verify printed: $verify"
exposure=$(systemd-analyze security --offline=true /lib/systemd/system/ironlb.service 2>&1 | sed -n 's/.*Overall exposure level for ironlb.service: \([0-9.]*\).*/\1/p')
echo "systemd-analyze security: $exposure"
awk -v e="$exposure" 'BEGIN { exit !(e != "" && e <= 2.5) }' || fail "exposure level '$exposure' is above 2.5"

step "run the installed binaries with the Swift toolchain hidden"
unshare -m sh -euc '
  mount -t tmpfs none /opt/swift
  [ -z "$(ls -A /opt/swift)" ]
  /usr/sbin/ironlbd --version
  /usr/bin/ironlbctl --version
  runuser -u ironlb -- /usr/sbin/ironlbd validate --config /etc/ironlb/ironlb.yaml
  runuser -u ironlb -- /usr/bin/ironlbctl validate /etc/ironlb/ironlb.yaml
  # The daemon itself, as its user, for two seconds; SIGTERM must stop it cleanly (exit 0).
  # /run/ironlb is what the unit'"'"'s RuntimeDirectory= would create.
  install -d -o ironlb -g ironlb -m 0750 /run/ironlb
  runuser -u ironlb -- timeout --preserve-status -s TERM 2 /usr/sbin/ironlbd --config /etc/ironlb/ironlb.yaml --log-target stderr
'

step "upgrade in place: the administrator's edit and mode of the conffile survive"
echo "# edited by check-deb" >> /etc/ironlb/ironlb.yaml
chmod 0600 /etc/ironlb/ironlb.yaml
DEBIAN_FRONTEND=noninteractive dpkg -i --force-confold "$deb"
grep -q "^# edited by check-deb" /etc/ironlb/ironlb.yaml || fail "the upgrade replaced the edited conffile"
[ "$(stat -c %a /etc/ironlb/ironlb.yaml)" = 600 ] || fail "the upgrade changed the conffile's mode"
getent passwd ironlb >/dev/null || fail "the upgrade lost the ironlb user"

step "remove: the conffile stays, everything else goes"
DEBIAN_FRONTEND=noninteractive dpkg -r ironlb
[ -e /etc/ironlb/ironlb.yaml ] || fail "remove deleted the conffile"
for path in /usr/sbin/ironlbd /usr/bin/ironlbctl /lib/systemd/system/ironlb.service; do
  [ ! -e "$path" ] || fail "$path is still there after remove"
done

step "purge: nothing is left"
DEBIAN_FRONTEND=noninteractive dpkg -P ironlb
! getent passwd ironlb >/dev/null || fail "the ironlb user is still there after purge"
! getent group ironlb >/dev/null || fail "the ironlb group is still there after purge"
left=$(comm -13 <(echo "$before") <(leftovers) | sed '/^$/d')
[ -z "$left" ] || fail "left after purge: $left"
echo "check-deb: ok"
