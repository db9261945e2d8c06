#!/bin/sh
# clonelab first boot for Debian guests (mini-setup): what generalize leaves for the next boot.
# Runs before ssh.service and systemd-networkd (clonelab-firstboot.service), only when host keys
# or the hostname are missing. POSIX sh. Installed as /usr/lib/clonelab/firstboot.sh.
set -u
# shellcheck source=SCRIPTDIR/lib.sh
. "${CLONELAB_LIB:-/usr/lib/clonelab/lib.sh}"
[ -e /etc/clonelab/install-pending ] && exit 0 # the install does all of this itself
steps=
status=0

missing=
for type in rsa ecdsa ed25519; do [ -s "/etc/ssh/ssh_host_${type}_key" ] || missing=1; done
if [ -n "$missing" ] && command -v ssh-keygen > /dev/null; then
  if ssh-keygen -A; then steps="$steps ssh-host-keys"; else note_error ssh-host-keys 'ssh-keygen -A failed'; status=1; fi
fi

name=
[ -r /etc/hostname ] && IFS= read -r name < /etc/hostname
if [ -z "$name" ]; then
  # The machine-id is this boot's new one: PID 1 made it before any unit ran.
  machine_hostname
  if [ -n "$HOST" ]; then set_hostname "$HOST"; steps="$steps hostname"; else note_error hostname 'no machine-id to name the host after'; status=1; fi
fi

mkdir -p "$RUN" && echo "${steps# }" > "$RUN/firstboot-ran"
exit $status
