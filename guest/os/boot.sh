# clonelab OS: the entry point the loader runs (from RAM) once the system volume is mounted.
# shellcheck source=SCRIPTDIR/lib.sh
. /os/lib.sh
arg mode normal
MODE=$ARG
use_store
SETUP=none
if [ -f $SYS/system/setup-pending ]; then
  read -r SETUP < $SYS/system/setup-pending
  case "$SETUP" in install|mini-setup) ;; *) SETUP=install ;; esac
fi
# The first line goes out before setup runs: the harness knows the boot reached the OS.
emit "\"t\":\"begin\",\"setup\":\"$SETUP\",\"mode\":\"$MODE\",\"kernel\":\"$R\""
say "clonelab: system volume mounted ($FS on $DEV), setup: $SETUP, mode: $MODE"
# shellcheck source=SCRIPTDIR/setup.sh
[ "$SETUP" != none ] && . /os/setup.sh
now
T_SETUP=$NOW
# shellcheck source=SCRIPTDIR/drivers.sh
. /os/drivers.sh
# shellcheck source=SCRIPTDIR/probe.sh
. /os/probe.sh
# shellcheck source=SCRIPTDIR/generalize.sh
[ "$MODE" = generalize ] && . /os/generalize.sh
emit "\"t\":\"end\""
reg_get computer-name
NAME_NOW=$REGVAL
reg_get machine-sid
say "clonelab: $NAME_NOW $REGVAL: probe report done, powering off"
shutdown_now
