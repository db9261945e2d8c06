# clonelab OS: normal driver start (every boot). No detection: the registry's drivers are
# loaded for the registry's slots, and every PCI function is reported with its status:
# started, problem 10 (driver failed to start), 24 (recorded device not present at its slot),
# 28 (present device with no driver installed).

device_line() { # device_line SLOT ID CLASS RECORDED BOUND FUNCTION STATUS PROBLEM
  [ "$7" = problem ] && say "clonelab: device $1 ($2, recorded driver ${4:-none}): problem $8"
  emit "\"t\":\"device\",\"slot\":\"$1\",\"vendor\":\"${2%%:*}\",\"device\":\"${2##*:}\",\"class\":\"$3\",\"recordedDriver\":$(jstr "$4"),\"boundDriver\":$(jstr "$5"),\"functionDriver\":$(jstr "$6"),\"status\":\"$7\",\"problem\":${8:-null}"
}

nic_line() { # nic_line SLOT IFACE HWMAC RECORDED OVERRIDE
  mac=
  up=false
  if [ -n "$2" ]; then
    [ "$5" != - ] && [ -n "$5" ] && ip link set dev "$2" address "$5" 2>/dev/null
    ip link set dev "$2" up 2>/dev/null
    mac=$(cat /sys/class/net/$2/address)
    [ $(( $(cat /sys/class/net/$2/flags) & 1 )) -eq 1 ] && up=true
  fi
  rec=$4
  [ "$rec" = - ] && rec=
  ovr=$5
  [ "$ovr" = - ] && ovr=
  emit "\"t\":\"nic\",\"slot\":\"$1\",\"interface\":$(jstr "$2"),\"hardwareMac\":$(jstr "$3"),\"recordedMac\":$(jstr "$rec"),\"overrideMac\":$(jstr "$ovr"),\"mac\":$(jstr "$mac"),\"up\":$up"
}

RECORDED=" "
if [ -f "$REG" ]; then
  # Load every recorded service first (in the recorded order), then judge.
  while read -r kind slot id cls svc; do
    [ "$kind" = device ] || continue
    p=/sys/bus/pci/devices/0000:$slot
    [ -e $p ] && [ "$(pci_id $p)" = "$id" ] && [ "$svc" != - ] && load_service "$svc"
  done < "$REG"
  while read -r kind slot id cls svc; do
    [ "$kind" = device ] || continue
    p=/sys/bus/pci/devices/0000:$slot
    rec=$svc
    [ "$rec" = - ] && rec=
    if [ ! -e $p ] || [ "$(pci_id $p)" != "$id" ]; then
      device_line "$slot" "$id" "$cls" "$rec" "" "" problem 24
      continue
    fi
    RECORDED="$RECORDED$slot "
    bound=$(pci_driver $p)
    fn=$(function_driver $p)
    if [ -z "$rec" ]; then
      device_line "$slot" "$id" "$cls" "" "$bound" "$fn" problem 28
    elif [ -z "$bound" ] || { [ "${rec#*+}" != "$rec" ] && [ -z "$fn" ]; }; then
      device_line "$slot" "$id" "$cls" "$rec" "$bound" "$fn" problem 10
    else
      device_line "$slot" "$id" "$cls" "$rec" "$bound" "$fn" started
    fi
  done < "$REG"
fi

for p in /sys/bus/pci/devices/*; do
  slot=$(pci_slot $p)
  case "$RECORDED" in *" $slot "*) continue ;; esac
  cls=$(pci_class $p)
  bound=$(pci_driver $p)
  if ! is_judged_class "$cls"; then
    device_line "$slot" "$(pci_id $p)" "$cls" "" "$bound" "" system
  elif [ -n "$bound" ]; then
    device_line "$slot" "$(pci_id $p)" "$cls" "" "$bound" "$(function_driver $p)" started
  else
    device_line "$slot" "$(pci_id $p)" "$cls" "" "" "" problem 28
  fi
done

# NICs: the recorded binding (slot + MAC + override) against what the hardware says.
NICS=" "
if [ -f "$REG" ]; then
  while read -r kind slot mac override; do
    [ "$kind" = nic ] || continue
    NICS="$NICS$slot "
    p=/sys/bus/pci/devices/0000:$slot
    iface=
    hw=
    [ -e $p ] && iface=$(nic_iface $p)
    [ -n "$iface" ] && hw=$(cat /sys/class/net/$iface/address)
    nic_line "$slot" "$iface" "$hw" "$mac" "$override"
  done < "$REG"
fi
for p in /sys/bus/pci/devices/*; do
  case "$(pci_class $p)" in 02*) ;; *) continue ;; esac
  slot=$(pci_slot $p)
  case "$NICS" in *" $slot "*) continue ;; esac
  iface=$(nic_iface $p)
  hw=
  [ -n "$iface" ] && hw=$(cat /sys/class/net/$iface/address)
  nic_line "$slot" "$iface" "$hw" - -
done
T_DRIVERS_OS=$(now)
