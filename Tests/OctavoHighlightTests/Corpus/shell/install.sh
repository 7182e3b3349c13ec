#!/bin/sh
# Installs the octavo binary into a prefix.
PREFIX=${PREFIX:-/usr/local}
BIN="$PREFIX/bin"

usage() {
  cat <<EOF
usage: $0 [-p prefix] [-n]
  -p  install below prefix (default $PREFIX)
  -n  dry run
EOF
}

DRY=0
while getopts "p:nh" opt; do
  case "$opt" in
    p) PREFIX=$OPTARG; BIN="$PREFIX/bin" ;;
    n) DRY=1 ;;
    h) usage; exit 0 ;;
    *) usage >&2; exit 2 ;;
  esac
done

run() {
  if [ "$DRY" -eq 1 ]; then echo "+ $*"; else "$@"; fi
}

run mkdir -p "$BIN"
run install -m 0755 .build/release/octavo "$BIN/octavo"
echo 'done'
