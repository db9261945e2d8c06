# clonelab OS: the entry point the loader runs (from RAM) once the system volume is mounted.
. /os/lib.sh
MODE=$(arg mode normal)
use_store
SETUP=none
[ -f $SYS/system/setup-pending ] && . /os/setup.sh
T_SETUP=$(now)
emit "\"t\":\"begin\",\"setup\":\"$SETUP\",\"mode\":\"$MODE\",\"kernel\":\"$R\""
. /os/drivers.sh
. /os/probe.sh
[ "$MODE" = generalize ] && . /os/generalize.sh
emit "\"t\":\"end\""
echo "clonelab: probe report done, powering off" > /dev/console
shutdown_now
