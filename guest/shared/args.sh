# clonelab: the kernel command line, for the loader and for the OS scripts (sourced, busybox sh).
# One file, packed twice: into the loader's base piece as /lib/args.sh (sourced by /init) and
# onto the system volume as system/os/args.sh (sourced by lib.sh), because the loader and the OS
# scripts come from different places at boot (the loader image, the volume).
# Under TCG every fork costs ~6 ms: builtins only (read, parameter expansion).
read -r CMDLINE < /proc/cmdline
arg() { # arg NAME DEFAULT: sets ARG to the value of clonelab.NAME= on the kernel command line
  ARG=$2
  for word in $CMDLINE; do
    case "$word" in "clonelab.$1="*) ARG=${word#*=}; return ;; esac
  done
}
