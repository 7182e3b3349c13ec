#!/usr/bin/env bash
# Backs up the manuscript folder into a dated tarball.
set -euo pipefail

SOURCE="${1:-Manuscript}"
DEST="${BACKUP_DIR:-$HOME/backups}"
STAMP=$(date +%Y-%m-%d)
KEEP=7

if [ ! -d "$SOURCE" ]; then
  echo "error: no folder $SOURCE" >&2
  exit 1
fi

mkdir -p "$DEST"
archive="$DEST/manuscript-$STAMP.tar.gz"
tar -czf "$archive" -C "$(dirname "$SOURCE")" "$(basename "$SOURCE")"
echo "wrote $archive ($(du -h "$archive" | cut -f1))"

# Keep only the newest $KEEP archives.
count=0
for file in $(ls -1t "$DEST"/manuscript-*.tar.gz); do
  count=$((count + 1))
  if [ "$count" -gt "$KEEP" ]; then
    rm -f -- "$file"
  fi
done
