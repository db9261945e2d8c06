# clonelab OS: helpers shared by the OS scripts (sourced, busybox sh).
#
# Speed: under TCG every fork costs ~6 ms and every fork+exec ~12 ms (measured: 100 `$(echo)`
# 0.66 s, 100 `$(cat file)` 1.3 s, 100 `read -r x < file` 0.03 s). So the helpers set variables
# instead of printing into `$(...)`, read files with the `read` builtin, take names from sysfs
# with `cd -P` and parameter expansion, and the probe channel stays open on one descriptor.
REG=$SYS/system/registry
STORE=$SYS/system/drivers
# shellcheck source=SCRIPTDIR/../shared/args.sh
. /os/args.sh

say() { # say TEXT: a status line on the serial console and on the display
  echo "$1" > /dev/console
  echo "$1" > /dev/tty1 2>/dev/null
}

now() { read -r NOW _ < /proc/uptime; } # sets NOW: seconds since boot

# The probe channel (COM2) is opened once: opening a serial port starts the UART (port I/O,
# slow under TCG) and its last close waits for the transmitter to drain. close_agent drains it.
exec 3> "$AGENT"
emit() { # emit JSON-BODY: one probe line on the agent channel (COM2)
  echo "{\"v\":1,$1}" >&3
}
close_agent() { exec 3>&-; }

jstr() { # jstr NAME VALUE: sets NAME to VALUE as a JSON string, or null for an empty value (quotes and backslashes dropped)
  if [ -z "$2" ]; then eval "$1=null"; return; fi
  _js=${2//\"/}
  _js="\"${_js//\\/}\""
  eval "$1=\$_js"
}

reg_get() { # reg_get KEY: sets REGVAL to the value of a one-word registry entry (the first one), or empty
  REGVAL=
  [ -f "$REG" ] || return 0
  while read -r _key _value; do
    [ "$_key" = "$1" ] && { REGVAL=$_value; return 0; }
  done < "$REG"
}

# PCI functions are sysfs paths /sys/bus/pci/devices/0000:BB:DD.F; each helper sets one variable.
pci_slot() { SLOT=${1##*/0000:}; }                                    # -> 00:02.0
pci_id() { read -r _v < $1/vendor; read -r _d < $1/device; ID=${_v#0x}:${_d#0x}; }  # -> 8086:100e
pci_class() { read -r _c < $1/class; _c=${_c#0x}; CLS=${_c%??}; }     # 0x020000 -> 0200

link_name() { # link_name PATH: sets LINK to the last component of the symlink's target, or empty
  LINK=
  cd -P "$1" 2>/dev/null && LINK=${PWD##*/}
  cd /
}

pci_driver() { # sets DRV to the PCI-level driver bound to a function, or empty
  DRV=
  [ -e $1/driver ] && { link_name $1/driver; DRV=$LINK; }
}

function_driver() { # sets FN: for virtio, the driver of the function under virtioN
  FN=
  for _v in "$1"/virtio*; do
    [ -e $_v/driver ] && { link_name $_v/driver; FN=$LINK; return; }
  done
}

is_judged_class() { # mass storage, network and display functions are the model's devices
  case "$1" in 01*|02*|03*) return 0 ;; esac
  return 1
}

nic_iface() { # sets IFACE: the network interface of a PCI function (virtio: under virtioN), or empty
  IFACE=
  for _n in "$1"/net/* "$1"/virtio*/net/*; do
    [ -e "$_n" ] && { IFACE=${_n##*/}; return; }
  done
}

use_store() { # from now on modprobe loads from the driver store on the system volume
  if [ ! -L /lib/modules/$R ]; then
    mv /lib/modules/$R /lib/modules/$R.loader
    ln -s $STORE /lib/modules/$R
  fi
}

load_service() { # load_service a+b: modprobe each module of a recorded service
  for m in ${1//+/ }; do
    modprobe "$m" 2>/dev/null
  done
}

shutdown_now() {
  close_agent
  cd /
  sync
  umount $SYS 2>/dev/null || umount -l $SYS
  # ntfs-3g writes its cache back when it exits: wait for it before cutting the power.
  i=0
  while pidof ntfs-3g >/dev/null && [ $i -lt 100 ]; do usleep 50000; i=$((i + 1)); done
  sync
  poweroff -f
}
