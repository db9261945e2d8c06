# clonelab OS: the probe agent's identity, volume, descriptor and timing lines (COM2).

hexle() { # hexle DEV OFFSET COUNT: little-endian bytes of the boot sector as upper-case hex
  set -- $(od -An -tx1 -j "$2" -N "$3" "/dev/$1")
  out=
  for byte; do out=$byte$out; done
  echo "$out" | tr a-f A-F
}

emit "\"t\":\"identity\",\"machineSid\":$(jstr "$(reg_get machine-sid)"),\"computerName\":$(jstr "$(reg_get computer-name)")"
if [ -f $SYS/system/accounts ]; then
  while read -r name rid sid; do
    emit "\"t\":\"account\",\"name\":$(jstr "$name"),\"rid\":$rid,\"sid\":$(jstr "$sid")"
  done < $SYS/system/accounts
fi

case "$FS" in
  ntfs) serial=$(hexle $DEV 72 8); label= ;;
  fat32) s=$(hexle $DEV 67 4); serial="$(echo $s | cut -c1-4)-$(echo $s | cut -c5-8)"
         label=$(dd if=/dev/$DEV bs=1 skip=71 count=11 2>/dev/null | sed 's/ *$//') ;;
  *) s=$(hexle $DEV 39 4); serial="$(echo $s | cut -c1-4)-$(echo $s | cut -c5-8)"
     label=$(dd if=/dev/$DEV bs=1 skip=43 count=11 2>/dev/null | sed 's/ *$//') ;;
esac
set -- $(stat -f -c '%S %b %f' $SYS)
emit "\"t\":\"volume\",\"mount\":\"/\",\"device\":\"$DEV\",\"filesystem\":\"$FS\",\"label\":$(jstr "$label"),\"serial\":$(jstr "$serial"),\"sizeBytes\":$(( $1 * $2 )),\"freeBytes\":$(( $1 * $3 )),\"deviceBytes\":$(( $(cat /sys/class/block/$DEV/size) * 512 ))"

if [ -f $SYS/system/security/descriptors ]; then
  while read -r owner file; do
    case "$owner" in S-*) emit "\"t\":\"descriptor\",\"path\":$(jstr "$file"),\"owner\":$(jstr "$owner")" ;; esac
  done < $SYS/system/security/descriptors
fi

emit "\"t\":\"timing\",\"loaderStart\":$T_LOADER,\"bootDriversLoaded\":$T_DRIVERS,\"volumeMounted\":$T_MOUNTED,\"setupDone\":$T_SETUP,\"driversStarted\":$T_DRIVERS_OS,\"reported\":$(now)"
