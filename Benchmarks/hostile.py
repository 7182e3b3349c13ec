#!/usr/bin/env python3
"""Octavo's scaling benchmark for books that repeat themselves: chapters that all repeat the
same headings (a cookbook's "Notes", a field guide's "Habitat") and images that share one
file name in different folders. Making ids and file names unique must cost the same per name
however many came before, so the time should grow in proportion to the book.

Prints, for each size, the wall and CPU seconds of `octavo build` and the time per chapter
(or per image), so a quadratic step shows as a per-item time that grows with the size.
A benchmark, not a test: nothing here fails on a slow machine.

    python3 Benchmarks/hostile.py                    # 250/500/1000/2000 chapters, 1000/4000 images
    python3 Benchmarks/hostile.py --chapters 250,500 --images 1000 --headings 100
    python3 Benchmarks/hostile.py --octavo .build/debug/octavo
"""

import argparse
import os
import resource
import shutil
import struct
import subprocess
import sys
import time
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OCTAVO = os.path.join(REPO, ".build", "release", "octavo")


def png(width=1, height=1):
    """A valid one-pixel PNG, written here (no image library)."""
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    raw = b"".join(b"\x00" + b"\x80\x40\x20" * width for _ in range(height))
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")


def write_book(folder, chapters, files):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    with open(os.path.join(folder, "book.yaml"), "w") as out:
        out.write("title: Repeats\nlanguage: en\ncontents:\n")
        for name in chapters:
            out.write(f"  - {name}\n")
    for path, data in files.items():
        full = os.path.join(folder, path)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "wb") as out:
            out.write(data if isinstance(data, bytes) else data.encode())


def repeated_headings(folder, chapters, headings):
    """`chapters` chapters, each with `headings` sections all titled "Notes"."""
    body = "".join("## Notes\n\nA line of text under the heading.\n\n" for _ in range(headings))
    names = [f"c{index:05d}.md" for index in range(chapters)]
    write_book(folder, names, {name: f"# Recipe {index}\n\n{body}" for index, name in enumerate(names)})


def same_named_images(folder, images, per_chapter=100):
    """`images` different images, each `img/<n>/figure.png`, used from chapters of 100."""
    files = {}
    names = []
    picture = png()
    for start in range(0, images, per_chapter):
        name = f"c{start // per_chapter:05d}.md"
        names.append(name)
        lines = [f"# Plates {start}\n"]
        for index in range(start, min(images, start + per_chapter)):
            lines.append(f"![Plate {index}](img/{index}/figure.png)\n")
            files[f"img/{index}/figure.png"] = picture
        files[name] = "\n".join(lines)
    write_book(folder, names, files)


def build(octavo, folder, output):
    shutil.rmtree(output, ignore_errors=True)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.monotonic()
    result = subprocess.run([octavo, "build", folder, "--output", output, "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            env=dict(os.environ, OCTAVO_NO_CACHE="1", SOURCE_DATE_EPOCH="1700000000"))
    wall = time.monotonic() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    if result.returncode != 0:
        sys.stderr.write(result.stderr.decode(errors="replace")[-2000:])
        return None, cpu
    return wall, cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--chapters", default="250,500,1000,2000", help="chapter counts, comma-separated")
    parser.add_argument("--headings", type=int, default=300, help="repeated headings per chapter")
    parser.add_argument("--images", default="1000,4000", help="image counts, comma-separated")
    parser.add_argument("--octavo", default=OCTAVO, help="the octavo binary (default: the release build)")
    parser.add_argument("--work", default=os.path.join(REPO, ".build", "bench-hostile"), help="scratch folder")
    args = parser.parse_args()
    if not os.access(args.octavo, os.X_OK):
        sys.exit(f"no octavo binary at {args.octavo}; run `swift build -c release` first")
    book, output = os.path.join(args.work, "Manuscript"), os.path.join(args.work, "Output")
    print(f"{'case':<40} {'wall s':>8} {'cpu s':>8} {'ms/item':>8}")
    for count in [int(x) for x in args.chapters.split(",") if x]:
        repeated_headings(book, count, args.headings)
        wall, cpu = build(args.octavo, book, output)
        label = f"{count} chapters x {args.headings} '## Notes'"
        print(f"{label:<40} {wall if wall is not None else float('nan'):8.2f} {cpu:8.2f} "
              f"{1000 * (wall or 0) / count:8.2f}", flush=True)
    for count in [int(x) for x in args.images.split(",") if x]:
        same_named_images(book, count)
        wall, cpu = build(args.octavo, book, output)
        label = f"{count} images named figure.png"
        print(f"{label:<40} {wall if wall is not None else float('nan'):8.2f} {cpu:8.2f} "
              f"{1000 * (wall or 0) / count:8.2f}", flush=True)
    shutil.rmtree(args.work, ignore_errors=True)


if __name__ == "__main__":
    main()
