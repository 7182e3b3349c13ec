#!/usr/bin/env python3
import collections
import re
import sys

WORD = re.compile(r"[A-Za-z']+")


def words(lines):
    for line in lines:
        for match in WORD.finditer(line):
            yield match.group(0).lower()


def main(argv=None):
    argv = argv or sys.argv[1:]
    top = int(argv[0]) if argv else 10
    counts = collections.Counter(words(sys.stdin))
    width = max((len(w) for w, _ in counts.most_common(top)), default=0)
    for word, count in counts.most_common(top):
        print(f"{word:<{width}} {count:>6}")
    return 0 if counts else 1


if __name__ == '__main__':
    sys.exit(main())
