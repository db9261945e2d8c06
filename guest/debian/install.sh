#!/bin/sh
# clonelab install for Debian guests: the first boot on the install model, done as an
# administrator's golden-image install does it. Runs once (clonelab-install.service, only while
# /etc/clonelab/install-pending exists). A failed step is logged and kept for the probe; the
# other steps still run, and the script then exits 1 so the unit shows as failed.
# POSIX sh. Installed as /usr/lib/clonelab/install.sh.
set -u
# shellcheck source=SCRIPTDIR/lib.sh
. "${CLONELAB_LIB:-/usr/lib/clonelab/lib.sh}"
PENDING=/etc/clonelab/install-pending
[ -e "$PENDING" ] || exit 0
mkdir -p "$RUN" && : > "$RUN/install-ran"
status=0
# Interface names and the root device must be final before they are written down.
udevadm settle --timeout=30 || log 'udevadm settle timed out; going on'
fail() { note_error "$1" "$2"; status=1; }

# machine-id: PID 1 made one at boot when the image's file was empty; keep it, and commit it when
# it is only mounted over the file. One older than this boot came with the image (a cached build
# every master shares): this machine gets its own, as an installer would make it.
if mountpoint -q /etc/machine-id; then systemd-machine-id-setup --commit || fail machine-id 'commit failed'; fi
id=
[ -r /etc/machine-id ] && IFS= read -r id < /etc/machine-id
btime=$(awk '$1 == "btime" { print $2 }' /proc/stat)
case $id in
  ''|uninitialized|*[!0-9a-f]*) id= ;;
  *) if [ "$(stat -c %Y /etc/machine-id)" -lt "${btime:-0}" ]; then log "machine-id $id came with the image; making a new one"; id=; fi ;;
esac
if [ -z "$id" ]; then
  rm -f /etc/machine-id
  systemd-machine-id-setup || fail machine-id 'could not create one'
fi

# Hostname: the name the lab chose, else one made from the machine-id.
name=
[ -r /etc/clonelab/hostname ] && IFS= read -r name < /etc/clonelab/hostname
if ! valid_hostname "$name"; then
  [ -z "$name" ] || log "hostname '$name' from /etc/clonelab/hostname is not a DNS label; using the machine-id"
  machine_hostname; name=$HOST
fi
if valid_hostname "$name"; then set_hostname "$name"; else fail hostname 'no valid name'; fi

# SSH host keys: this machine's own, not the ones openssh-server's postinst made in the build.
rm -f /etc/ssh/ssh_host_*_key /etc/ssh/ssh_host_*_key.pub
ssh-keygen -A || fail ssh-host-keys 'ssh-keygen -A failed'

# Network: DHCP on the interface name this hardware gives (enp0sN), by name, as an install does.
ifaces=
for n in /sys/class/net/en*; do [ -e "$n/device" ] && ifaces="$ifaces ${n##*/}"; done
if [ -n "$ifaces" ]; then
  mkdir -p /etc/systemd/network
  printf '# Written by clonelab install: the interface(s) the install model gave.\n[Match]\nName=%s\n\n[Network]\nDHCP=yes\n' "${ifaces# }" \
    > /etc/systemd/network/10-clonelab.network
  # --no-block: this unit is ordered before systemd-networkd, so waiting here would deadlock.
  if ! systemctl enable systemd-networkd.service || ! systemctl --no-block start systemd-networkd.service; then
    fail network 'could not enable and start systemd-networkd'
  fi
else
  fail network 'no en* interface with a device'
fi

# Root by UUID: fstab gets a root line when it has none; a different one is reported, not rewritten
# (the lab wrote fstab; the boot loader owns the command line).
uuid=$(findmnt -n -o UUID /)
fstab_root=
[ -r /etc/fstab ] && fstab_root=$(awk '$1 !~ /^#/ && $2 == "/" { print $1; exit }' /etc/fstab)
if [ -z "$uuid" ]; then fail root-uuid 'findmnt gave no UUID for /'
elif [ -z "$fstab_root" ]; then printf 'UUID=%s\t/\text4\terrors=remount-ro\t0\t1\n' "$uuid" >> /etc/fstab
elif [ "$fstab_root" != "UUID=$uuid" ]; then fail fstab "fstab names / as $fstab_root, the root is UUID=$uuid"
fi
case " $(cat /proc/cmdline) " in
  *" root=UUID=$uuid "*) ;;
  *) fail cmdline "the kernel command line does not name root=UUID=$uuid" ;;
esac

# initramfs with MODULES=dep: only what this hardware needs (83 s under TCG). The MODULES=most
# image from the build is kept so generalize can put it back offline.
kver=$(uname -r)
mkdir -p /var/lib/clonelab /etc/initramfs-tools/conf.d
if [ ! -f "/boot/initrd.img-$kver" ]; then fail initramfs "no /boot/initrd.img-$kver to keep"
else
  [ -f "/var/lib/clonelab/initrd.img-$kver.most" ] || cp -p "/boot/initrd.img-$kver" "/var/lib/clonelab/initrd.img-$kver.most"
  printf '# Written by clonelab install: an initramfs for this hardware only.\nMODULES=dep\n' > /etc/initramfs-tools/conf.d/clonelab.conf
  update-initramfs -u -k "$kver" || fail initramfs 'update-initramfs -u failed'
fi

rm -f "$PENDING"
sync
exit $status
