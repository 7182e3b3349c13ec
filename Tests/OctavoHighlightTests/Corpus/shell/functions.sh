#!/usr/bin/env bash

log() {
  local level=$1; shift
  printf '%s [%s] %s\n' "$(date +%H:%M:%S)" "$level" "$*" >&2
}

require() {
  for cmd in "$@"; do
    if ! command -v "$cmd" > /dev/null; then
      log ERROR "missing command: $cmd"
      return 1
    fi
  done
}

retry() {
  local attempts=$1 delay=2; shift
  until "$@"; do
    attempts=$((attempts - 1))
    if [[ $attempts -le 0 ]]; then
      return 1
    fi
    log WARN "retrying in ${delay}s: $1"
    sleep "$delay"
    delay=$((delay * 2))
  done
}

require curl jq || exit 1
retry 3 curl -fsS "https://example.org/status" | jq -r '.status'
