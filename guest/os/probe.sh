# clonelab OS: the probe agent's identity, volume, descriptor and timing lines (COM2).

upper_hex() { # upper_hex HEX: sets UHEX to HEX with a-f upper-cased
  UHEX=${1//a/A}; UHEX=${UHEX//b/B}; UHEX=${UHEX//c/C}
  UHEX=${UHEX//d/D}; UHEX=${UHEX//e/E}; UHEX=${UHEX//f/F}
}

boot_sector_fields() { # boot_sector_fields DEV SERIAL-OFFSET SERIAL-BYTES LABEL-BYTES: sets SERIAL (hex, little-endian) and LABEL
  # One od for the serial and the label that follows it (FAT: serial, then the 11-byte label).
  _n=$3
  # shellcheck disable=SC2046 # split on purpose: one positional parameter per byte
  set -- $(od -v -An -tx1 -j "$2" -N $(( $3 + $4 )) "/dev/$1")
  SERIAL=
  LABEL=
  _fmt=
  _i=0
  while [ $_i -lt $_n ] && [ $# -gt 0 ]; do SERIAL=$1$SERIAL; shift; _i=$((_i + 1)); done
  while [ $# -gt 0 ]; do
    [ "$1" = 00 ] || _fmt="$_fmt\\x$1" # NUL bytes dropped, as a command substitution drops them
    shift
  done
  if [ -n "$_fmt" ]; then
    # shellcheck disable=SC2059 # the format is the label itself, as \xHH escapes
    printf "$_fmt" > /tmp/label
    IFS= read -r LABEL < /tmp/label
    while [ "${LABEL% }" != "$LABEL" ]; do LABEL=${LABEL% }; done
  fi
  upper_hex "$SERIAL"
  SERIAL=$UHEX
}

reg_get machine-sid
jstr J_SID "$REGVAL"
reg_get computer-name
jstr J_NAME "$REGVAL"
emit "\"t\":\"identity\",\"machineSid\":$J_SID,\"computerName\":$J_NAME"
if [ -f $SYS/system/accounts ]; then
  while read -r name rid sid; do
    jstr J_NAME "$name"
    jstr J_SID "$sid"
    emit "\"t\":\"account\",\"name\":$J_NAME,\"rid\":$rid,\"sid\":$J_SID"
  done < $SYS/system/accounts
fi

case "$FS" in
  ntfs) boot_sector_fields $DEV 72 8 0; serial=$SERIAL; label= ;;
  fat32) boot_sector_fields $DEV 67 4 11; serial=${SERIAL%????}-${SERIAL#????}; label=$LABEL ;;
  *) boot_sector_fields $DEV 39 4 11; serial=${SERIAL%????}-${SERIAL#????}; label=$LABEL ;;
esac
# shellcheck disable=SC2046 # split on purpose: block size, blocks, free blocks
set -- $(stat -f -c '%S %b %f' $SYS)
read -r sectors < /sys/class/block/$DEV/size
jstr J_LABEL "$label"
jstr J_SERIAL "$serial"
emit "\"t\":\"volume\",\"mount\":\"/\",\"device\":\"$DEV\",\"filesystem\":\"$FS\",\"label\":$J_LABEL,\"serial\":$J_SERIAL,\"sizeBytes\":$(( $1 * $2 )),\"freeBytes\":$(( $1 * $3 )),\"deviceBytes\":$(( sectors * 512 ))"

if [ -f $SYS/system/security/descriptors ]; then
  while read -r owner file; do
    case "$owner" in S-*)
      jstr J_PATH "$file"
      jstr J_OWNER "$owner"
      emit "\"t\":\"descriptor\",\"path\":$J_PATH,\"owner\":$J_OWNER" ;;
    esac
  done < $SYS/system/security/descriptors
fi

now
emit "\"t\":\"timing\",\"loaderStart\":$T_LOADER,\"bootDriversLoaded\":$T_DRIVERS,\"volumeMounted\":$T_MOUNTED,\"setupDone\":$T_SETUP,\"driversStarted\":$T_DRIVERS_OS,\"reported\":$NOW"
