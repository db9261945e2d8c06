#!/bin/sh
# clonelab probe for Debian guests: reports this boot as JSON lines ("v":1, one object per line)
# on the agent channel (COM2), copies them to stdout (the journal), and exits; the unit powers off.
# POSIX sh (dash is Debian's /bin/sh; the script also runs under bash). Usage: probe.sh [CHANNEL]
# Guest state is untrusted on the way out too: every string is cut and escaped (jstr), every list
# is bounded, so no line can grow past a few KiB.
set -u
CHANNEL=${1:-/dev/ttyS1}
NET_WAIT=${CLONELAB_NET_WAIT:-20} # seconds to wait for DHCP on each NIC that has a link

exec 3> "$CHANNEL" || exit 1
emit() { # emit JSON-BODY: one probe line on the channel and on stdout
  printf '{"v":1,%s}\n' "$1" >&3
  printf '{"v":1,%s}\n' "$1"
}

jstr() { # jstr NAME VALUE [MAX]: sets NAME to VALUE as a JSON string (cut to MAX bytes, default 256; bytes outside printable ASCII become ?), or null when empty
  _max=${3:-256}
  if [ -z "$2" ]; then eval "$1=null"; return; fi
  case $2 in
    *[!A-Za-z0-9._:/@+=,-]*) _js=$(printf '%s' "$2" | head -c "$_max" | LC_ALL=C tr -c ' -~' '?' | sed 's/[\\"]/\\&/g') ;;
    *) if [ ${#2} -le "$_max" ]; then _js=$2; else _js=$(printf '%s' "$2" | head -c "$_max"); fi ;;
  esac
  eval "$1=\\\"\$_js\\\""
}

jlist_add() { # jlist_add NAME VALUE: appends VALUE (a JSON value) to the JSON array body in NAME
  eval "_jl=\$$1"
  if [ -z "$_jl" ]; then eval "$1=\$2"; else eval "$1=\"\$_jl,\$2\""; fi
}

now() { read -r NOW _ < /proc/uptime; } # sets NOW: seconds since boot
link_name() { # link_name PATH: sets LINK to the last component of the symlink's target, or empty
  LINK=
  if cd -P "$1" 2>/dev/null; then LINK=${PWD##*/}; fi
  cd /
}
is_hex() { case $1 in ''|*[!0-9a-f]*) return 1 ;; esac; return 0; }

now; T_START=$NOW

# --- begin: which setup ran on this boot -----------------------------------------------------
if [ -e /run/clonelab/install-ran ]; then setup=install
elif [ -e /run/systemd/first-boot ]; then setup=first-boot # systemd 252 writes it when machine-id was missing or "uninitialized"
else setup=none; fi
errors=
if [ -f /run/clonelab/setup-errors ]; then
  _n=0
  while IFS= read -r line && [ $_n -lt 8 ]; do jstr J "$line" 200; jlist_add errors "$J"; _n=$((_n + 1)); done < /run/clonelab/setup-errors
fi
steps=
if [ -f /run/clonelab/firstboot-ran ]; then
  for step in $(head -c 256 /run/clonelab/firstboot-ran); do jstr J "$step" 32; jlist_add steps "$J"; done
fi
jstr J_KERNEL "$(uname -r)" 64
emit "\"t\":\"begin\",\"setup\":\"$setup\",\"setupErrors\":[$errors],\"firstBootSteps\":[$steps],\"kernel\":$J_KERNEL"

# --- identity ---------------------------------------------------------------------------------
id=
if [ -r /etc/machine-id ]; then IFS= read -r id < /etc/machine-id || true; fi
if [ ${#id} -eq 32 ] && is_hex "$id"; then J_ID="\"$id\""; else J_ID=null; fi
name=
read -r name < /proc/sys/kernel/hostname || true
jstr J_NAME "$name" 64
static=
if [ -r /etc/hostname ]; then IFS= read -r static < /etc/hostname || true; fi
jstr J_STATIC "$static" 64
keys=
_n=0
for pub in /etc/ssh/ssh_host_*_key.pub; do
  [ -f "$pub" ] || continue
  [ $_n -lt 8 ] || break
  # "256 SHA256:base64 comment (ED25519)": the second field is the fingerprint
  fp=$(ssh-keygen -lf "$pub" 2>/dev/null | head -c 1024) || fp=
  set -- $fp
  case ${2:-} in SHA256:*) jstr J "$2" 64; jlist_add keys "$J"; _n=$((_n + 1)) ;; esac
done
emit "\"t\":\"identity\",\"machineId\":$J_ID,\"hostname\":$J_NAME,\"staticHostname\":$J_STATIC,\"sshHostKeys\":[$keys]"

# --- PCI functions ----------------------------------------------------------------------------
_n=0
for d in /sys/bus/pci/devices/0000:*; do
  [ -e "$d/vendor" ] || continue
  [ $_n -lt 64 ] || break
  _n=$((_n + 1))
  slot=${d##*/0000:}
  read -r vendor < "$d/vendor"; read -r device < "$d/device"; read -r class < "$d/class"
  class=${class#0x}
  link_name "$d/driver"; jstr J_DRV "$LINK" 64
  fn=
  for v in "$d"/virtio*; do [ -e "$v/driver" ] && { link_name "$v/driver"; fn=$LINK; break; }; done
  jstr J_FN "$fn" 64
  jstr J_SLOT "$slot" 16
  emit "\"t\":\"device\",\"slot\":$J_SLOT,\"vendor\":\"${vendor#0x}\",\"device\":\"${device#0x}\",\"class\":\"${class%??}\",\"boundDriver\":$J_DRV,\"functionDriver\":$J_FN"
done

# --- NICs: the interfaces with a PCI parent, after a bounded wait for DHCP ----------------------
nics=
for n in /sys/class/net/*; do
  [ -e "$n/device" ] || continue
  cd -P "$n/device" 2>/dev/null || continue
  p=$PWD; cd /
  case ${p##*/} in virtio*) p=${p%/*} ;; esac # virtio: the interface hangs under virtioN below the PCI function
  case ${p##*/} in 0000:*) nics="$nics ${n##*/}=${p##*/0000:}" ;; esac
done
has_address() { [ -n "$(ip -4 -o addr show dev "$1" scope global 2>/dev/null | head -c 512)" ]; }
has_carrier() { _c=0; read -r _c < "/sys/class/net/$1/carrier" 2>/dev/null; [ "$_c" = 1 ]; }
now; deadline=$(( ${NOW%.*} + NET_WAIT ))
while :; do
  waiting=
  for pair in $nics; do
    ifc=${pair%%=*}
    if has_carrier "$ifc" && ! has_address "$ifc"; then waiting=1; fi
  done
  now
  if [ -z "$waiting" ] || [ "${NOW%.*}" -ge "$deadline" ]; then break; fi
  sleep 0.5
done
T_NET=$NOW
for pair in $nics; do
  ifc=${pair%%=*}
  mac=; state=
  read -r mac < "/sys/class/net/$ifc/address" || true
  read -r state < "/sys/class/net/$ifc/operstate" || true
  perm=$(ip -o link show dev "$ifc" 2>/dev/null | head -c 1024) # "permaddr X" only when the MAC was changed
  case $perm in *" permaddr "*) perm=${perm##* permaddr }; perm=${perm%% *} ;; *) perm=$mac ;; esac
  if has_carrier "$ifc" && [ "$state" = up ]; then up=true; else up=false; fi
  if has_address "$ifc"; then address=true; else address=false; fi
  jstr J_IF "$ifc" 15; jstr J_SLOT "${pair#*=}" 16; jstr J_MAC "$mac" 17; jstr J_HW "$perm" 17; jstr J_STATE "$state" 16
  # shellcheck disable=SC2153 # J_IF is set by jstr (by name)
  emit "\"t\":\"nic\",\"slot\":$J_SLOT,\"interface\":$J_IF,\"hardwareMac\":$J_HW,\"mac\":$J_MAC,\"operstate\":$J_STATE,\"up\":$up,\"address\":$address"
done

# --- root filesystem: what is mounted, what fstab and the kernel command line name -------------
src=; uuid=
# shellcheck disable=SC2046 # split on purpose: SOURCE and UUID (raw output escapes blanks)
set -- $(findmnt -n -r -o SOURCE,UUID / 2>/dev/null | head -c 512)
src=${1:-}; uuid=${2:-}
if [ -z "$src" ]; then
  while read -r dev mnt _rest; do [ "$mnt" = / ] && src=$dev; done < /proc/mounts
fi
present=
_n=0
for l in /dev/disk/by-uuid/*; do
  [ -e "$l" ] || continue
  [ $_n -lt 32 ] || break
  jstr J "${l##*/}" 64; jlist_add present "$J"; _n=$((_n + 1))
  if [ -z "$uuid" ] && [ "$(readlink -f "$l")" = "$src" ]; then uuid=${l##*/}; fi
done
fstab=; fstab_root=
_n=0
if [ -r /etc/fstab ]; then
  while read -r spec mnt _rest; do
    case $spec in '#'*|'') continue ;; esac
    [ "$mnt" = / ] && fstab_root=$spec
    case $spec in UUID=*) [ $_n -lt 32 ] && { jstr J "${spec#UUID=}" 64; jlist_add fstab "$J"; _n=$((_n + 1)); } ;; esac
  done < /etc/fstab
fi
cmdline_root=
for arg in $(head -c 4096 /proc/cmdline); do case $arg in root=*) cmdline_root=${arg#root=} ;; esac; done
jstr J_SRC "$src" 128; jstr J_UUID "$uuid" 64; jstr J_FR "$fstab_root" 128; jstr J_CR "$cmdline_root" 128
emit "\"t\":\"root\",\"device\":$J_SRC,\"uuid\":$J_UUID,\"fstabRoot\":$J_FR,\"cmdlineRoot\":$J_CR,\"fstabUuids\":[$fstab],\"presentUuids\":[$present]"

# --- failed units -----------------------------------------------------------------------------
failed=
_n=0
for unit in $(systemctl --failed --plain --no-legend --no-pager 2>/dev/null | head -c 16384 | while read -r a b _rest; do
  case $a in *.*) echo "$a" ;; *) echo "$b" ;; esac # a failed unit may carry a leading bullet (● or *)
done); do
  [ $_n -lt 32 ] || break
  jstr J "$unit" 128; jlist_add failed "$J"; _n=$((_n + 1))
done
emit "\"t\":\"units\",\"failed\":[$failed]"

# --- timing: seconds since boot (the DHCP wait ends at networkWaitEnded) --------------------
mu=$(systemctl show -p ActiveEnterTimestampMonotonic --value multi-user.target 2>/dev/null | head -c 32)
case $mu in ''|*[!0-9]*|0) J_MU=null ;; *) _c=$(( (mu / 10000) % 100 )); [ $_c -ge 10 ] || _c=0$_c; J_MU=$((mu / 1000000)).$_c ;; esac
now
emit "\"t\":\"timing\",\"multiUser\":$J_MU,\"probeStarted\":$T_START,\"networkWaitEnded\":$T_NET,\"reported\":$NOW"
emit "\"t\":\"end\""
exec 3>&-
