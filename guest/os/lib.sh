# clonelab OS: helpers shared by the OS scripts (sourced, busybox sh).
REG=$SYS/system/registry
STORE=$SYS/system/drivers

arg() { # arg NAME DEFAULT: value of clonelab.NAME= on the kernel command line
  for word in $(cat /proc/cmdline); do
    case "$word" in "clonelab.$1="*) echo "${word#*=}"; return ;; esac
  done
  echo "$2"
}

say() { # say TEXT: a status line on the serial console and on the display
  echo "$1" > /dev/console
  echo "$1" > /dev/tty1 2>/dev/null
}

now() { read -r up _ < /proc/uptime; echo "$up"; }

emit() { # emit JSON-BODY: one probe line on the agent channel (COM2)
  echo "{\"v\":1,$1}" > "$AGENT"
}

jstr() { # jstr VALUE: a JSON string, or null for an empty value (quotes and backslashes dropped)
  if [ -z "$1" ]; then echo null; return; fi
  _js=${1//\"/}
  echo "\"${_js//\\/}\""
}

reg_get() { # reg_get KEY: the value of a one-word registry entry
  [ -f "$REG" ] && sed -n "s/^$1 //p" "$REG" | head -n 1
}

pci_slot() { echo "${1##*/0000:}"; }                      # /sys/.../0000:00:02.0 -> 00:02.0
pci_id() { read -r v < $1/vendor; read -r d < $1/device; echo "${v#0x}:${d#0x}"; }
pci_class() { read -r c < $1/class; c=${c#0x}; echo "${c%??}"; }   # 0x020000 -> 0200

pci_driver() { # the PCI-level driver bound to a function, or nothing
  [ -e $1/driver ] && { d=$(readlink $1/driver); echo "${d##*/}"; }
}

function_driver() { # for virtio: the driver of the function under virtioN
  for v in $1/virtio*; do
    [ -e $v/driver ] && { d=$(readlink $v/driver); echo "${d##*/}"; return; }
  done
}

is_judged_class() { # mass storage, network and display functions are the model's devices
  case "$1" in 01*|02*|03*) return 0 ;; esac
  return 1
}

nic_iface() { # the network interface of a PCI function (virtio: under virtioN)
  for n in $1/net/* $1/virtio*/net/*; do
    [ -e "$n" ] && { echo "${n##*/}"; return; }
  done
}

use_store() { # from now on modprobe loads from the driver store on the system volume
  if [ ! -L /lib/modules/$R ]; then
    mv /lib/modules/$R /lib/modules/$R.loader
    ln -s $STORE /lib/modules/$R
  fi
}

load_service() { # load_service a+b: modprobe each module of a recorded service
  for m in $(echo "$1" | tr '+' ' '); do
    modprobe "$m" 2>/dev/null
  done
}

shutdown_now() {
  cd /
  sync
  umount $SYS 2>/dev/null || umount -l $SYS
  # ntfs-3g writes its cache back when it exits: wait for it before cutting the power.
  i=0
  while pidof ntfs-3g >/dev/null && [ $i -lt 100 ]; do usleep 50000; i=$((i + 1)); done
  sync
  poweroff -f
}
