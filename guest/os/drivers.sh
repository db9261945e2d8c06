# clonelab OS: normal driver start (every boot). No detection: the registry's drivers are
# loaded for the registry's slots, and every PCI function is reported with its status:
# started, problem 10 (driver failed to start), 24 (recorded device not present at its slot),
# 28 (present device with no driver installed).

device_line() { # device_line SLOT ID CLASS RECORDED BOUND FUNCTION STATUS PROBLEM
  [ "$7" = problem ] && say "clonelab: device $1 ($2, recorded driver ${4:-none}): problem $8"
  jstr J_REC "$4"
  jstr J_BOUND "$5"
  jstr J_FN "$6"
  emit "\"t\":\"device\",\"slot\":\"$1\",\"vendor\":\"${2%%:*}\",\"device\":\"${2##*:}\",\"class\":\"$3\",\"recordedDriver\":$J_REC,\"boundDriver\":$J_BOUND,\"functionDriver\":$J_FN,\"status\":\"$7\",\"problem\":${8:-null}"
}

nic_line() { # nic_line SLOT IFACE HWMAC RECORDED OVERRIDE
  mac=
  up=false
  if [ -n "$2" ]; then
    [ "$5" != - ] && [ -n "$5" ] && ip link set dev "$2" address "$5" 2>/dev/null
    ip link set dev "$2" up 2>/dev/null
    read -r mac < /sys/class/net/$2/address
    read -r flags < /sys/class/net/$2/flags
    [ $(( flags & 1 )) -eq 1 ] && up=true
  fi
  rec=$4
  [ "$rec" = - ] && rec=
  ovr=$5
  [ "$ovr" = - ] && ovr=
  jstr J_IF "$2"
  jstr J_HW "$3"
  jstr J_REC "$rec"
  jstr J_OVR "$ovr"
  jstr J_MAC "$mac"
  emit "\"t\":\"nic\",\"slot\":\"$1\",\"interface\":$J_IF,\"hardwareMac\":$J_HW,\"recordedMac\":$J_REC,\"overrideMac\":$J_OVR,\"mac\":$J_MAC,\"up\":$up"
}

RECORDED=" "
if [ -f "$REG" ]; then
  # Load every recorded service first (in the recorded order), then judge.
  while read -r kind slot id cls svc; do
    [ "$kind" = device ] || continue
    p=/sys/bus/pci/devices/0000:$slot
    [ -e $p ] || continue
    pci_id $p
    [ "$ID" = "$id" ] && [ "$svc" != - ] && load_service "$svc"
  done < "$REG"
  while read -r kind slot id cls svc; do
    [ "$kind" = device ] || continue
    p=/sys/bus/pci/devices/0000:$slot
    rec=$svc
    [ "$rec" = - ] && rec=
    if [ ! -e $p ] || { pci_id $p; [ "$ID" != "$id" ]; }; then
      device_line "$slot" "$id" "$cls" "$rec" "" "" problem 24
      continue
    fi
    RECORDED="$RECORDED$slot "
    pci_driver $p
    function_driver $p
    if [ -z "$rec" ]; then
      device_line "$slot" "$id" "$cls" "" "$DRV" "$FN" problem 28
    elif [ -z "$DRV" ] || { [ "${rec#*+}" != "$rec" ] && [ -z "$FN" ]; }; then
      device_line "$slot" "$id" "$cls" "$rec" "$DRV" "$FN" problem 10
    else
      device_line "$slot" "$id" "$cls" "$rec" "$DRV" "$FN" started
    fi
  done < "$REG"
fi

for p in /sys/bus/pci/devices/*; do
  pci_slot $p
  case "$RECORDED" in *" $SLOT "*) continue ;; esac
  pci_class $p
  pci_id $p
  pci_driver $p
  if ! is_judged_class "$CLS"; then
    device_line "$SLOT" "$ID" "$CLS" "" "$DRV" "" system
  elif [ -n "$DRV" ]; then
    function_driver $p
    device_line "$SLOT" "$ID" "$CLS" "" "$DRV" "$FN" started
  else
    device_line "$SLOT" "$ID" "$CLS" "" "" "" problem 28
  fi
done

# NICs: the recorded binding (slot + MAC + override) against what the hardware says.
NICS=" "
if [ -f "$REG" ]; then
  while read -r kind slot mac override; do
    [ "$kind" = nic ] || continue
    NICS="$NICS$slot "
    p=/sys/bus/pci/devices/0000:$slot
    IFACE=
    hw=
    [ -e $p ] && nic_iface $p
    [ -n "$IFACE" ] && read -r hw < /sys/class/net/$IFACE/address
    nic_line "$slot" "$IFACE" "$hw" "$mac" "$override"
  done < "$REG"
fi
for p in /sys/bus/pci/devices/*; do
  pci_class $p
  case "$CLS" in 02*) ;; *) continue ;; esac
  pci_slot $p
  case "$NICS" in *" $SLOT "*) continue ;; esac
  nic_iface $p
  hw=
  [ -n "$IFACE" ] && read -r hw < /sys/class/net/$IFACE/address
  nic_line "$SLOT" "$IFACE" "$hw" - -
done
now
T_DRIVERS_OS=$NOW
