#!/bin/bash
# Prints the environment Octavo sees, one setting per line.
export LC_ALL=C.UTF-8
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 0)}

case "$(uname -s)" in
  Linux*)  platform=linux ;;
  Darwin*) platform=macos ;;
  *)       platform=unknown ;;
esac

echo "platform: $platform"
echo "swift: $(swift --version 2>/dev/null | head -n 1)"
echo "epoch: $SOURCE_DATE_EPOCH"

if [[ -n "${CI:-}" && "$platform" == "linux" ]]; then
  echo "running in CI"
elif [ -f .venv/bin/activate ]; then
  . .venv/bin/activate
  echo "venv: $VIRTUAL_ENV"
fi

while read -r key value; do
  echo "$key = $value"
done < <(env | grep '^OCTAVO_' | tr '=' ' ')
