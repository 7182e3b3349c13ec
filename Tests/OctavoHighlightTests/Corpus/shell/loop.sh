#!/usr/bin/env bash
# Builds every sample book and reports the sizes.

declare -a failed=()
total=0

for book in samples/*/; do
  name=$(basename "$book")
  if octavo build "$book" --output "out/$name" > /dev/null 2>&1; then
    size=$(stat -c %s "out/$name/book.epub")
    total=$(( total + size ))
    printf '%-20s %8d bytes\n' "$name" "$size"
  else
    failed+=("$name")
  fi
done

echo "total: $total bytes"
if (( ${#failed[@]} > 0 )); then
  echo "failed: ${failed[*]}" >&2
  exit 1
fi
