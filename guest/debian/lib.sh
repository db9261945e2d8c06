# shellcheck shell=sh
# clonelab Debian guest: helpers shared by install.sh and firstboot.sh (sourced; POSIX sh).
# Installed as /usr/lib/clonelab/lib.sh. Notes for the probe go to /run/clonelab (this boot only).
RUN=/run/clonelab

log() { echo "clonelab: $*" >&2; } # log TEXT: a line in the journal (the units send stderr there)

note_error() { # note_error STEP TEXT: logs a failed step and keeps it for the probe's begin line
  log "$1 failed: $2"
  mkdir -p "$RUN" && echo "$1: $2" >> "$RUN/setup-errors"
}

valid_hostname() { # valid_hostname NAME: true for one DNS label (letters, digits, inner hyphens; 1-63)
  case $1 in ''|-*|*-|*[!A-Za-z0-9-]*) return 1 ;; esac
  [ ${#1} -le 63 ]
}

set_hostname() { # set_hostname NAME: the static hostname, the running one, and the 127.0.1.1 line Debian's installer writes
  echo "$1" > /etc/hostname
  echo "$1" > /proc/sys/kernel/hostname
  if [ -f /etc/hosts ]; then sed -i '/^127\.0\.1\.1[[:space:]]/d' /etc/hosts; fi
  printf '127.0.1.1\t%s\n' "$1" >> /etc/hosts
}

machine_hostname() { # sets HOST: debian- and the first 8 hex digits of the machine-id, or empty
  HOST=
  _id=
  [ -r /etc/machine-id ] && IFS= read -r _id < /etc/machine-id
  case $_id in ''|*[!0-9a-f]*) return 0 ;; esac
  # shellcheck disable=SC2034 # read by the scripts that source this file
  HOST=debian-$(printf '%.8s' "$_id")
}
