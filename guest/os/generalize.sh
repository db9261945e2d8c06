# clonelab OS: generalize (sysprep), on request from the kernel command line. Removes the
# machine identity, the hardware record and the NIC bindings, optionally puts every
# mass-storage driver of the store into the loader, and marks setup pending (mini-setup).
arg massstorage 0
MASS=$ARG
# The SID changer mini-setup runs: setupcl (sysprep's own) rewrites every descriptor naming the
# old machine SID; no-acl-rewrite stands for a third-party SID changer that only makes a new SID.
arg sidchanger setupcl
case "$ARG" in no-acl-rewrite) SIDCHANGER=$ARG ;; *) SIDCHANGER=setupcl ;; esac
# setupcl reads the old SID from the registry (SECURITY\Policy\PolAcDmS); this registry goes
# away here, so the old SID is kept for mini-setup in a file of its own, which it removes.
OLDSID=$SYS/system/security/old-machine-sid
reg_get machine-sid
rm -f $OLDSID
[ "$SIDCHANGER" = setupcl ] && [ -n "$REGVAL" ] && [ -d $SYS/system/security ] && echo "$REGVAL" > $OLDSID
rm -f $REG $SYS/system/accounts
if [ "$MASS" = 1 ]; then
  case "$FS" in ntfs) FSPIECES="fs-fat.img fs-ntfs.img" ;; *) FSPIECES=fs-fat.img ;; esac
  (cd $SYS/boot/pieces && cat base.img $FSPIECES stor-*.img) > $SYS/boot/loader.new \
    && mv $SYS/boot/loader.new $SYS/boot/loader.img
fi
echo mini-setup > $SYS/system/setup-pending
sync
MS=false
[ "$MASS" = 1 ] && MS=true
emit "\"t\":\"generalized\",\"massStorage\":$MS,\"sidChanger\":\"$SIDCHANGER\""
