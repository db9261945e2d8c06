# clonelab OS: generalize (sysprep), on request from the kernel command line. Removes the
# machine identity, the hardware record and the NIC bindings, optionally puts every
# mass-storage driver of the store into the loader, and marks setup pending (mini-setup).
arg massstorage 0
MASS=$ARG
rm -f $REG $SYS/system/accounts
if [ "$MASS" = 1 ]; then
  case "$FS" in ntfs) FSPIECES="fs-fat.img fs-ntfs.img" ;; *) FSPIECES=fs-fat.img ;; esac
  (cd $SYS/boot/pieces && cat base.img $FSPIECES stor-*.img) > $SYS/boot/loader.new \
    && mv $SYS/boot/loader.new $SYS/boot/loader.img
fi
echo mini-setup > $SYS/system/setup-pending
sync
emit "\"t\":\"generalized\",\"massStorage\":$([ "$MASS" = 1 ] && echo true || echo false)"
