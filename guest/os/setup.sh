# clonelab OS: setup (first boot, or first boot after generalize). Plug-and-play detection
# runs here and only here: every PCI function is matched against the driver store's index,
# recorded with its slot and service, NICs are bound to slot + MAC, a new machine identity
# is made, and the loader is rebuilt with this hardware's boot-start drivers.
PENDING=$SETUP
arg prefer ''
PREFER=" ${ARG//,/ } "
arg pinmac ''
PINNED=" ${ARG//,/ } "

choose_driver() { # choose_driver MODALIAS-FILE: sets CHOSEN to the store's driver for a function (preferred ones first)
  CHOSEN=
  [ -f "$1" ] || return 0
  read -r ma < "$1"
  # Only lines naming this device id, or any device (d*), can match: grep picks them in one
  # exec instead of 800 byte-by-byte reads and glob matches in the shell per device.
  dev=${ma#*:}
  dev=${dev#*d}
  dev=${dev%"${dev#????????}"}
  grep -E -e "d$dev" -e '(v[0-9A-F]{8}|v[*])d[*]' $STORE/index > /tmp/candidates
  first=
  while read -r kw pattern module; do
    [ "$kw" = alias ] || continue
    # shellcheck disable=SC2254 # the alias is a glob on purpose (modules.alias: pci:v00008086d0000100Esv*sd*...)
    case "$ma" in
      $pattern)
        case "$PREFER" in *" $module "*) CHOSEN=$module; return 0 ;; esac
        [ -z "$first" ] && first=$module ;;
    esac
  done < /tmp/candidates
  CHOSEN=$first
}

pinned_mac() { # pinned_mac SLOT: the network-address override asked for this slot, or -
  for pair in $PINNED; do
    [ "${pair%%@*}" = "$1" ] && { echo "${pair#*@}"; return; }
  done
  echo -
}

# Randomness for the new identity: the 128-bit seed the harness put on the command line (like
# the RNG seed QEMU gives a bzImage kernel; a PVH boot gets none), else /dev/urandom, whose first
# read waits for jitter entropy before the kernel's RNG is ready (~0.9 s under TCG).
arg seed ''
SEED=$ARG
case "$SEED" in *[!0-9a-f]*) SEED= ;; esac
[ ${#SEED} -eq 32 ] || SEED=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
rand32() { # rand32 N: sets R32 to the Nth 32-bit word (0-3) of the seed, in decimal
  R32=$(( 0x${SEED:$(( $1 * 8 )):8} ))
}

NEW=$SYS/system/registry.new
DEVICES=/tmp/devices
BOOTSTART=
: > $DEVICES
for p in /sys/bus/pci/devices/*; do
  pci_class $p
  cls=$CLS
  is_judged_class "$cls" || continue
  pci_slot $p
  slot=$SLOT
  choose_driver $p/modalias
  svc=$CHOSEN
  if [ -n "$svc" ]; then
    modprobe "$svc" 2>/dev/null
    # virtio: the PCI driver is virtio_pci, the function driver matches virtio:dNvN.
    for v in "$p"/virtio*; do
      choose_driver $v/modalias
      fn=$CHOSEN
      [ -n "$fn" ] && { modprobe "$fn" 2>/dev/null; svc="$svc+$fn"; }
    done
  fi
  pci_id $p
  echo "device $slot $ID $cls ${svc:--}" >> $DEVICES
  case "$cls" in
    01*) [ -n "$svc" ] && BOOTSTART="$BOOTSTART ${svc##*+}" ;;
    02*)
      nic_iface $p
      mac=-
      [ -n "$IFACE" ] && read -r mac < /sys/class/net/$IFACE/address
      echo "nic $slot $mac $(pinned_mac $slot)" >> $DEVICES ;;
  esac
done

rand32 0; a=$R32; rand32 1; b=$R32; rand32 2; c=$R32
SID=S-1-5-21-$a-$b-$c
NAME=${SEED:24:8}
NAME=CL-$(echo "$NAME" | tr a-f A-F)
{
  echo "# clonelab registry 1: the install-time record (written by setup, removed by generalize)"
  echo "setup-kind $PENDING"
  echo "machine-sid $SID"
  echo "computer-name $NAME"
  echo "boot-start${BOOTSTART:- -}"
  cat $DEVICES
} > $NEW
mv $NEW $REG

{
  echo "Administrator 500 $SID-500"
  echo "User 1000 $SID-1000"
} > $SYS/system/accounts.new
mv $SYS/system/accounts.new $SYS/system/accounts

# Profiles and their security descriptors are made once, at install. Mini-setup after a
# generalize with setupcl rewrites every owner naming the old machine SID to the new SID, same
# RID (as setupcl does to ACLs); owners naming any other machine are left as they are.
DESC=$SYS/system/security/descriptors
OLDSID=$SYS/system/security/old-machine-sid
if [ "$PENDING" = mini-setup ] && [ -f $OLDSID ]; then
  OLD=
  read -r OLD < $OLDSID
  if [ -n "$OLD" ] && [ -f $DESC ]; then
    while read -r owner file; do
      case "$owner" in
        '') continue ;;
        "$OLD") owner=$SID ;;
        "$OLD"-*) owner=$SID-${owner#"$OLD"-} ;;
      esac
      echo "$owner $file"
    done < $DESC > $DESC.new
    mv $DESC.new $DESC
  fi
  rm -f $OLDSID
fi
if [ ! -f $DESC ]; then
  mkdir -p $SYS/users/Administrator $SYS/users/User/Documents $SYS/system/security
  echo "Administrator's profile on $NAME" > $SYS/users/Administrator/profile.txt
  echo "User's profile on $NAME" > $SYS/users/User/profile.txt
  echo "a document of User" > $SYS/users/User/Documents/notes.txt
  {
    echo "# clonelab security descriptors: owner SID, then path (a stand-in for NTFS ACLs)"
    echo "S-1-5-18 system/registry"
    echo "S-1-5-18 system/accounts"
    echo "$SID-500 users/Administrator/profile.txt"
    echo "$SID-1000 users/User/profile.txt"
    echo "$SID-1000 users/User/Documents/notes.txt"
  } > $DESC.new
  mv $DESC.new $DESC
fi

# Rebuild the loader: concatenated initramfs pieces (the kernel unpacks each cpio in turn).
# FAT is always a boot-start filesystem (its piece is small), NTFS only when installed on NTFS:
# an NTFS master's image applied onto a FAT volume still boots (a file clone is filesystem-neutral).
case "$FS" in ntfs) FSPIECES="fs-fat fs-ntfs" ;; *) FSPIECES=fs-fat ;; esac
PIECES="$SYS/boot/pieces/base.img"
for f in $FSPIECES; do PIECES="$PIECES $SYS/boot/pieces/$f.img"; done
for m in $BOOTSTART; do
  [ -f $SYS/boot/pieces/stor-$m.img ] && PIECES="$PIECES $SYS/boot/pieces/stor-$m.img"
done
cat $PIECES > $SYS/boot/loader.new && mv $SYS/boot/loader.new $SYS/boot/loader.img
rm -f $SYS/system/setup-pending
sync
