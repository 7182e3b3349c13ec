#!/usr/bin/env python3
"""Octavo's benchmark: generated manuscripts of a given size, built by the release binary,
by pandoc (EPUB and standalone HTML) and by the C floor (cmark-gfm per chapter to HTML, then
zip -r of that HTML). Prints wall and CPU seconds, peak memory and words per second, medians
of repeated runs, with ratios to the C floor.

A benchmark, not a test: nothing here fails on a slow machine.

    python3 Benchmarks/bench.py                      # 250k, 1M, 4M words, 3 runs each
    python3 Benchmarks/bench.py --quick              # 100k and 400k words, 1 run
    python3 Benchmarks/bench.py --sizes 1000000 --runs 5
    python3 Benchmarks/bench.py --generate 1000000 /tmp/book   # only write a manuscript
    python3 Benchmarks/bench.py --notes 100000       # a book of 100,000 footnotes
"""

import argparse
import os
import queue
import re
import shutil
import statistics
import struct
import subprocess
import sys
import threading
import time
import zlib

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OCTAVO = os.path.join(REPO, ".build", "release", "octavo")
STYLES = os.path.join(REPO, "Styles")

# --------------------------------------------------------------------------------------
# The generator: deterministic (one linear congruential generator, fixed word lists).

WORDS = """
the of and a to in is was that he it for with as his on be at by had not are but from or
have an they which one you were her all she there would their we him been has when who will
more no if out so said what up its about into than them can only other new some could time
these two may then do first any my now such like our over man me even most made after also
did many before must through back years where much your way well down should because each
just those people how too little state good very make world still own see men work long get
here between both life being under never day same another know while last might us great old
year off come since against go came right used take three harbour lantern ledger quay salt
tide rope chart compass keel mast sail anchor gull pier beacon storm fog shoal reef current
ferry cargo barrel crate net oar hull deck cabin galley bell lamp wick oil slate chalk ink
paper binding folio quire spine margin gutter leading kerning serif glyph proof galley press
plate type case forme chase quoin platen tympan frisket sheet signature colophon imprint
river valley orchard meadow hedge barn mill wheel stone bridge ford lane village market
square church tower clock window door hearth kettle bread cheese apple pear plum honey wax
""".split()

# Code blocks in several languages, taken in turn (so the random draws, and with them the
# rest of the book, do not depend on the language); each block is 3 to 8 lines of its list.
CODE_SAMPLES = [
    ("swift", [
        "let chapters = manuscript.chapters.filter { $0.isListed }",
        "for chapter in chapters { print(chapter.title) }",
        "func wordCount(_ text: String) -> Int {",
        "    text.split(whereSeparator: \\.isWhitespace).count",
        "}",
        "struct Ledger { var entries: [Entry] = [] }",
        "if let cover = book.cover { try package.add(cover) }",
        "guard !errors.isEmpty else { return }  // nothing to report",
    ]),
    ("python", [
        "def word_count(text: str) -> int:",
        "    return len(text.split())  # words, not characters",
        "chapters = [c for c in book.chapters if c.listed]",
        "for number, chapter in enumerate(chapters, start=1):",
        "    print(f\"{number:3d} {chapter.title!r}\")",
        "ledger = {\"entries\": [], \"total\": 0.0}",
        "if not errors: raise SystemExit(0)",
        "@dataclass(frozen=True) class Entry: amount: float = 1e-3",
    ]),
    ("javascript", [
        "const chapters = book.chapters.filter((c) => c.listed);",
        "for (const chapter of chapters) console.log(chapter.title);",
        "function wordCount(text) {",
        "  return text.split(/\\s+/).length; // words",
        "}",
        "export default { entries: [], total: 0x10 };",
        "if (book.cover) await pack.add(book.cover);",
        "const label = `Chapter ${n}: ${title}`;",
    ]),
    ("rust", [
        "let chapters: Vec<&Chapter> = book.chapters.iter().filter(|c| c.listed).collect();",
        "for chapter in &chapters { println!(\"{}\", chapter.title); }",
        "fn word_count(text: &str) -> usize {",
        "    text.split_whitespace().count() // words",
        "}",
        "#[derive(Debug, Default)] struct Ledger { entries: Vec<Entry> }",
        "if let Some(cover) = &book.cover { package.add(cover)?; }",
        "const LIMIT: u32 = 1_000;",
    ]),
    ("sql", [
        "SELECT c.title, COUNT(*) AS notes",
        "FROM chapters AS c JOIN notes AS n ON n.chapter_id = c.id",
        "WHERE c.listed = TRUE AND n.kind <> 'margin'",
        "GROUP BY c.title",
        "ORDER BY notes DESC -- busiest first",
        "LIMIT 10;",
        "UPDATE ledger SET total = total + 1.5 WHERE id = 42;",
        "INSERT INTO entries (amount, label) VALUES (3, 'quay');",
    ]),
    ("yaml", [
        "title: \"A Ledger of Tides\"",
        "language: en",
        "toc-depth: 2   # chapters and sections",
        "contents:",
        "  - chapter-0001.md",
        "  - part: \"Part Two\"",
        "print: { trim: 6x9in, font-size: 11pt }",
        "draft: false",
    ]),
    ("sh", [
        "for f in Manuscript/*.md; do",
        "  wc -w \"$f\" | awk '{ print $1 }'",
        "done",
        "octavo build Manuscript --output \"${OUT:-Output}\" --pdf",
        "export SOURCE_DATE_EPOCH=$(git log -1 --format=%ct)",
        "if [ -z \"$BOOK\" ]; then echo 'no book' >&2; exit 1; fi",
        "ls Output | grep -c epub",
        "make test  # every check",
    ]),
    ("c", [
        "#include <stdio.h>",
        "static int word_count(const char *text) {",
        "    int n = 0, in_word = 0;",
        "    for (; *text; text++) { if (*text == ' ') in_word = 0; else if (!in_word) { in_word = 1; n++; } }",
        "    return n; /* words */",
        "}",
        "printf(\"%d words\\n\", word_count(\"salt and tide\"));",
        "struct ledger { double total; size_t entries; };",
    ]),
]


class Random:
    """A small LCG, so every Python version writes the same book."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFF

    def next(self):
        self.state = (self.state * 25214903917 + 11) & 0xFFFFFFFFFFFF
        return self.state >> 17

    def below(self, n):
        return self.next() % n

    def chance(self, per_thousand):
        return self.below(1000) < per_thousand


def heading_text(chapter, section):
    word = WORDS[(chapter * 131 + section * 17) % len(WORDS)]
    return f"Section {chapter} {section} {word}"


def slug(text):
    out = []
    for ch in text.lower():
        if ch.isalnum():
            out.append(ch)
        elif ch == " " or ch == "-":
            out.append("-")
    return "".join(out)


def png(width, height, seed):
    """A small real PNG: an RGB gradient."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)
        for x in range(width):
            rows += bytes(((x * 7 + seed * 40) % 256, (y * 5 + seed * 90) % 256, (x + y + seed) % 256))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(rows), 9))
            + chunk(b"IEND", b""))


def svg(seed):
    return (f'<svg xmlns="http://www.w3.org/2000/svg" width="240" height="120" viewBox="0 0 240 120">'
            f'<rect width="240" height="120" fill="#f4efe6"/>'
            f'<circle cx="{40 + seed * 20}" cy="60" r="30" fill="#7a4b2a"/>'
            f'<text x="120" y="66" font-family="serif" font-size="16">Figure {seed}</text></svg>\n')


class ChapterWriter:
    def __init__(self, number, chapters, sections, words, rng):
        self.number = number
        self.chapters = chapters
        self.sections = sections
        self.target = words
        self.rng = rng
        self.words = 0
        self.notes = []
        self.out = []
        self.code_blocks = 0

    def word(self):
        return WORDS[self.rng.below(len(WORDS))]

    def phrase(self, count):
        self.words += count
        return " ".join(self.word() for _ in range(count))

    def sentence(self):
        length = 6 + self.rng.below(16)
        parts = []
        remaining = length
        while remaining > 0:
            n = min(remaining, 1 + self.rng.below(6))
            remaining -= n
            text = self.phrase(n)
            roll = self.rng.below(1000)
            if roll < 50:
                text = f"*{text}*"
            elif roll < 75:
                text = f"**{text}**"
            elif roll < 90:
                text = f"`{text.split()[0]}`" + (" " + " ".join(text.split()[1:]) if n > 1 else "")
            elif roll < 100:
                text = self.link(text)
            elif roll < 104:
                text = f"[{text}](https://example.org/{self.word()}/{self.rng.below(1000)})"
            elif roll < 106:
                text = f"~~{text}~~"
            parts.append(text)
        text = " ".join(parts)
        text = text[0].upper() + text[1:] if text[0].isalpha() else text
        if self.rng.chance(40):
            label = f"n{len(self.notes) + 1}"
            self.notes.append((label, self.phrase(8 + self.rng.below(20)).capitalize() + "."))
            return text + f".[^{label}]"
        return text + "."

    def link(self, text):
        other = 1 + self.rng.below(self.chapters)
        section = 1 + self.rng.below(self.sections[other - 1])
        target = f"chapter-{other:04d}.md" if other != self.number else ""
        return f"[{text}]({target}#{slug(heading_text(other, section))})"

    def paragraph(self, lines_of=5):
        sentences = [self.sentence() for _ in range(2 + self.rng.below(lines_of))]
        # Wrap at about 80 columns, as authors' editors do.
        words, line, lines = " ".join(sentences).split(" "), "", []
        for w in words:
            if len(line) + len(w) + 1 > 80 and line:
                lines.append(line)
                line = w
            else:
                line = f"{line} {w}" if line else w
        lines.append(line)
        return "\n".join(lines)

    def block(self):
        roll = self.rng.below(1000)
        if roll < 40:
            items = [f"- {self.phrase(3 + self.rng.below(10))}" for _ in range(3 + self.rng.below(4))]
            return "\n".join(items)
        if roll < 60:
            items = [f"{i + 1}. {self.phrase(4 + self.rng.below(8))}" for i in range(3 + self.rng.below(3))]
            return "\n".join(items)
        if roll < 68:
            items = [f"- [{'x' if self.rng.chance(500) else ' '}] {self.phrase(3 + self.rng.below(5))}"
                     for _ in range(3)]
            return "\n".join(items)
        if roll < 82:
            return "> " + self.paragraph(3).replace("\n", "\n> ")
        if roll < 92:
            language, lines = CODE_SAMPLES[(self.number + self.code_blocks) % len(CODE_SAMPLES)]
            self.code_blocks += 1
            code = [lines[self.rng.below(len(lines))] for _ in range(3 + self.rng.below(6))]
            self.words += sum(len(c.split()) for c in code)
            return f"```{language}\n" + "\n".join(code) + "\n```"
        if roll < 100:
            header = "| " + " | ".join(self.phrase(1).capitalize() for _ in range(3)) + " |"
            rows = ["| " + " | ".join(self.phrase(1 + self.rng.below(3)) for _ in range(3)) + " |"
                    for _ in range(3 + self.rng.below(5))]
            return "\n".join([header, "| --- | :---: | ---: |"] + rows)
        if roll < 106:
            n = 1 + self.rng.below(6)
            kind = "svg" if n % 3 == 0 else "png"
            alt = self.phrase(4).capitalize()
            return f'![{alt}](images/figure-{n}.{kind} "{alt}, figure {n}.")'
        if roll < 108:
            return "---"
        return self.paragraph()

    def write(self):
        title = " ".join(w.capitalize() for w in self.phrase(3).split())
        self.out.append(f"# Chapter {self.number}: {title}")
        per_section = max(self.target // self.sections[self.number - 1], 50)
        for section in range(1, self.sections[self.number - 1] + 1):
            self.out.append(f"## {heading_text(self.number, section)}")
            self.words += 4
            stop = self.words + per_section
            sub = 0
            while self.words < stop:
                self.out.append(self.block())
                if self.rng.chance(30):
                    sub += 1
                    self.out.append(f"### {self.phrase(3).capitalize()} {sub}")
        for label, text in self.notes:
            self.out.append(f"[^{label}]: {text}")
        return "\n\n".join(self.out) + "\n"


def generate(words, folder, seed=1):
    """Writes a manuscript of about `words` words into `folder`; returns the word count."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(os.path.join(folder, "images"))
    chapters = max(2, round(words / 10_000))
    per_chapter = words // chapters
    rng = Random(seed * 7919 + words)
    sections = [max(2, per_chapter // 800 + rng.below(3)) for _ in range(chapters)]
    total = 0
    for number in range(1, chapters + 1):
        writer = ChapterWriter(number, chapters, sections, per_chapter, Random(seed * 1_000_003 + number))
        text = writer.write()
        total += writer.words
        with open(os.path.join(folder, f"chapter-{number:04d}.md"), "w", encoding="utf-8") as f:
            f.write(text)
    for n in range(1, 7):
        if n % 3 == 0:
            with open(os.path.join(folder, "images", f"figure-{n}.svg"), "w") as f:
                f.write(svg(n))
        else:
            with open(os.path.join(folder, "images", f"figure-{n}.png"), "wb") as f:
                f.write(png(120, 80, n))
    with open(os.path.join(folder, "images", "cover.png"), "wb") as f:
        f.write(png(300, 450, 9))
    lines = [
        f'title: "A Generated Book of {words:,} Words"',
        'author: "Octavo Benchmark"',
        "language: en",
        "date: 2026-11-29",
        'modified: "2026-11-29T00:00:00Z"',
        'publisher: "Octavo Press"',
        "cover: images/cover.png",
        "contents:",
    ]
    per_part = 10
    for start in range(1, chapters + 1, per_part):
        lines.append(f'  - part: "Part {(start - 1) // per_part + 1}"')
        lines.append("    chapters:")
        for number in range(start, min(start + per_part, chapters + 1)):
            lines.append(f"      - chapter-{number:04d}.md")
    with open(os.path.join(folder, "book.yaml"), "w") as f:
        f.write("\n".join(lines) + "\n")
    return total


def chapter_files(folder):
    return sorted(f for f in os.listdir(folder) if f.endswith(".md"))


def manuscript_bytes(folder):
    return sum(os.path.getsize(os.path.join(folder, f)) for f in chapter_files(folder))


# --------------------------------------------------------------------------------------
# Measuring.

class Sample:
    def __init__(self, wall, cpu, peak_kib):
        self.wall, self.cpu, self.peak = wall, cpu, peak_kib


def measure(argv, cwd=None, env=None, prepare=None):
    """Runs argv once; wall time, user+system CPU (children included) and peak RSS."""
    if prepare:
        prepare()
    start = time.monotonic()
    process = subprocess.Popen(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        error = process.stderr.read().decode(errors="replace")[-2000:]
        raise RuntimeError(f"{' '.join(argv[:3])}… failed ({process.returncode}):\n{error}")
    process.stderr.close()
    return Sample(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss)


def median_of(runs, argv, **kwargs):
    samples = [measure(argv, **kwargs) for _ in range(runs)]
    return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                  statistics.median(s.peak for s in samples))


def process_cpu(pid):
    """User + system CPU seconds of a running process so far (from /proc)."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def process_peak_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    return 0


REBUILT = re.compile(r"rebuilt \(generation (\d+)\) in ([0-9.]+) s")


def serve_rebuilds(folder, middle, original, runs, env):
    """`octavo serve -v` on the book: after its first build, the middle chapter is edited
    `runs` times, each time waiting for the rebuild it prints. Wall: the rebuild time serve
    prints (from seeing the change to the new site); CPU: the process's CPU time over the
    rebuild (the 200 ms polling included)."""
    argv = [OCTAVO, "serve", folder, "--styles", STYLES, "--port", "0", "-v"]
    process = subprocess.Popen(argv, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = queue.Queue()

    def read():
        for line in process.stdout:
            lines.put(line)
        lines.put(None)

    threading.Thread(target=read, daemon=True).start()

    def wait_for(pattern, timeout=600):
        deadline = time.monotonic() + timeout
        while True:
            try:
                line = lines.get(timeout=max(0.1, deadline - time.monotonic()))
            except queue.Empty:
                line = None
            if line is None or time.monotonic() > deadline:
                raise RuntimeError(f"octavo serve: no '{pattern.pattern}' (exit {process.poll()})")
            match = pattern.search(line)
            if match:
                return match

    samples = []
    try:
        wait_for(re.compile(r"^serving "))
        for run in range(runs):
            cpu = process_cpu(process.pid)
            with open(middle, "w", encoding="utf-8") as f:
                f.write(original + f"\nA paragraph added while serving, edit number {run + 1}.\n")
            match = wait_for(REBUILT)
            samples.append(Sample(float(match.group(2)), process_cpu(process.pid) - cpu,
                                  process_peak_kib(process.pid)))
    finally:
        process.terminate()
        process.wait()
        with open(middle, "w", encoding="utf-8") as f:
            f.write(original)
    return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                  statistics.median(s.peak for s in samples))


def floor_script(folder, work):
    html = os.path.join(work, "floor-html")
    archive = os.path.join(work, "floor.zip")
    return ["sh", "-c",
            f'rm -rf "{html}" "{archive}" && mkdir -p "{html}" && cd "{folder}" && '
            f'for f in *.md; do cmark-gfm --unsafe -e footnotes -e table -e strikethrough -e autolink '
            f'-e tasklist "$f" > "{html}/${{f%.md}}.html" || exit 1; done && '
            f'cd "{html}" && zip -qr "{archive}" .']


def folder_of(words, work):
    return os.path.join(work, f"book-{words}")


def code_share(folder):
    """The number of fenced code blocks in the manuscript and the bytes of their code."""
    blocks, size = 0, 0
    for name in chapter_files(folder):
        with open(os.path.join(folder, name), encoding="utf-8") as f:
            text = f.read()
        for match in re.finditer(r"^```[a-z]+\n(.*?)^```$", text, re.M | re.S):
            blocks += 1
            size += len(match.group(1).encode())
    return blocks, size


def run_size(words, args, work):
    folder = folder_of(words, work)
    counted = generate(words, folder)
    size = manuscript_bytes(folder)
    chapters = chapter_files(folder)
    out = os.path.join(work, f"out-{words}")
    env = dict(os.environ)
    env.pop("OCTAVO_NO_CACHE", None)
    octavo = [OCTAVO, "build", folder, "--styles", STYLES, "--output", out]
    rows = []

    def clean():
        shutil.rmtree(out, ignore_errors=True)

    full = median_of(args.runs, octavo, env=env, prepare=clean)
    rows.append(("octavo build (clean)", full))

    # What highlighting the code costs: clean builds with and without `highlight: false`,
    # taken in turn so a change in the machine's load falls on both alike.
    book_yaml = os.path.join(folder, "book.yaml")
    with open(book_yaml, encoding="utf-8") as f:
        metadata = f.read()
    highlighted, plain = [], []
    for _ in range(max(args.runs, 3)):
        for samples, text in ((highlighted, metadata), (plain, metadata + "highlight: false\n")):
            def prepare(text=text):
                clean()
                with open(book_yaml, "w", encoding="utf-8") as f:
                    f.write(text)
            samples.append(measure(octavo, env=env, prepare=prepare))
    with open(book_yaml, "w", encoding="utf-8") as f:
        f.write(metadata)

    def median_sample(samples):
        return Sample(statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples),
                      statistics.median(s.peak for s in samples))
    rows.append(("octavo build (clean), highlighted", median_sample(highlighted)))
    rows.append(("octavo build (clean), code plain", median_sample(plain)))

    # One chapter of many edited: a warm cache, then a change in the middle chapter.
    middle = os.path.join(folder, chapters[len(chapters) // 2])
    with open(middle, encoding="utf-8") as f:
        original = f.read()
    measure(octavo, env=env)
    edits = measure_edits(octavo, env, middle, original, args.runs)
    rows.append(("octavo rebuild, 1 chapter edited", Sample(
        statistics.median(s.wall for s in edits), statistics.median(s.cpu for s in edits),
        statistics.median(s.peak for s in edits))))
    if not args.no_serve:
        rows.append(("octavo serve, 1 chapter edited", serve_rebuilds(folder, middle, original, args.runs, env)))

    floor = None
    if shutil.which("cmark-gfm") and shutil.which("zip"):
        floor = median_of(args.runs, floor_script(folder, work))
        rows.append(("C floor: cmark-gfm + zip -r", floor))
    if shutil.which("pandoc") and not args.no_pandoc and words <= args.pandoc_max_words:
        runs = args.pandoc_runs or args.runs
        base = ["pandoc", "-f", "gfm+footnotes", "--metadata", f"title=Generated {words}"]
        rows.append(("pandoc EPUB", median_of(runs, base + ["-o", os.path.join(work, "pandoc.epub")] + chapters,
                                               cwd=folder)))
        rows.append(("pandoc standalone HTML", median_of(
            runs, base + ["-s", "-o", os.path.join(work, "pandoc.html")] + chapters, cwd=folder)))
    return counted, size, len(chapters), rows, full, floor


FORMULAS = [
    r"x_{k+1} = \frac{x_k + a / x_k}{2}",
    r"\sum_{i=1}^{n} i^2 = \frac{n(n+1)(2n+1)}{6}",
    r"\int_0^1 t^{k} \, dt = \frac{1}{k+1}",
    r"\left( \frac{a}{b} \right)^{2} \le \sqrt{c^2 + d^2}",
    r"\begin{pmatrix} a & b \\ c & d \end{pmatrix} \mathbf{v} = \lambda \mathbf{v}",
    r"\lim_{n \to \infty} \left(1 + \frac{1}{n}\right)^{n} = e",
    r"\alpha \beta \ne \gamma_{\delta}",
    r"f'(x) = \lim_{h \to 0} \frac{f(x+h) - f(x)}{h}",
]


# Short inline formulas, as running text in a mathematics book mostly holds (a symbol, a
# subscript, a small fraction), each numbered so every one is different.
SHORT_FORMULAS = [
    r"x_{%d}", r"f(x_{%d})", r"\alpha_{%d}", r"a^2 + b^2 = c_{%d}^2", r"n \ge %d", r"\sqrt{%d}",
    r"\frac{1}{%d}", r"e^{i \theta_{%d}}",
]


def math_books(words, work):
    """Writes the same book three times: with a formula in every paragraph, with a short one
    in every paragraph, and without them."""
    plain = os.path.join(work, f"math-plain-{words}")
    formulas = os.path.join(work, f"math-formulas-{words}")
    short = os.path.join(work, f"math-short-{words}")
    generate(words, plain)
    count = 0
    for folder, formula_for in [
        # Every formula is a different one (its own subscript), as in a real book, so
        # converting each distinct formula once does not flatter the figure.
        (formulas, lambda n: FORMULAS[n % len(FORMULAS)] + f" + r_{{{n}}}"),
        (short, lambda n: SHORT_FORMULAS[n % len(SHORT_FORMULAS)] % n),
    ]:
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(plain, folder)
        count = 0
        for name in chapter_files(folder):
            path = os.path.join(folder, name)
            with open(path, encoding="utf-8") as f:
                blocks = f.read().split("\n\n")
            for index, block in enumerate(blocks):
                if block[:1].isalpha() and not block.startswith("[^"):
                    blocks[index] = block + f" We have ${formula_for(count)}$."
                    count += 1
            with open(path, "w", encoding="utf-8") as f:
                f.write("\n\n".join(blocks))
    return plain, formulas, short, count


def measure_edits(octavo, env, middle, original, runs):
    """Rebuilds after appending a paragraph to `middle`, once per run; restores its text."""
    edits = []
    for run in range(runs):
        def edit(run=run):
            with open(middle, "w", encoding="utf-8") as f:
                f.write(original + f"\nAn added paragraph, edit number {run + 1}.\n")
        edits.append(measure(octavo, env=env, prepare=edit))
    with open(middle, "w", encoding="utf-8") as f:
        f.write(original)
    return edits


def notes_book(notes, folder, chapters=10):
    """Writes a book of `notes` footnotes: `chapters` chapters of short paragraphs, each with
    one note. Returns the word count."""
    if os.path.exists(folder):
        shutil.rmtree(folder)
    os.makedirs(folder)
    rng = Random(notes)
    words = 0
    per_chapter = max(1, notes // chapters)
    for number in range(1, chapters + 1):
        out = [f"# Chapter {number}"]
        definitions = []
        for index in range(1, per_chapter + 1):
            text = " ".join(WORDS[rng.below(len(WORDS))] for _ in range(8)).capitalize()
            note = " ".join(WORDS[rng.below(len(WORDS))] for _ in range(4)).capitalize()
            out.append(f"{text}.[^n{index}]")
            definitions.append(f"[^n{index}]: {note}.")
            words += 12
        with open(os.path.join(folder, f"chapter-{number:02d}.md"), "w", encoding="utf-8") as f:
            f.write("\n\n".join(out + definitions) + "\n")
    with open(os.path.join(folder, "book.yaml"), "w") as f:
        f.write(f'title: "A Book of {notes:,} Notes"\nauthor: "Octavo Benchmark"\nlanguage: en\n'
                'modified: "2026-11-29T00:00:00Z"\ncontents:\n'
                + "".join(f"  - chapter-{n:02d}.md\n" for n in range(1, chapters + 1)))
    return words


def run_notes(notes, args, work):
    """Clean builds of a book of `notes` footnotes against the memory budget (5 × the
    manuscript's bytes + 40 MiB), then a rebuild after editing one chapter."""
    folder = os.path.join(work, f"notes-{notes}")
    words = notes_book(notes, folder)
    size = manuscript_bytes(folder)
    out = os.path.join(work, "notes-out")
    octavo = [OCTAVO, "build", folder, "--styles", STYLES, "--output", out]
    env = dict(os.environ)
    env.pop("OCTAVO_NO_CACHE", None)
    clean = median_of(args.runs, octavo, env=env, prepare=lambda: shutil.rmtree(out, ignore_errors=True))
    middle = os.path.join(folder, chapter_files(folder)[len(chapter_files(folder)) // 2])
    with open(middle, encoding="utf-8") as f:
        original = f.read()
    edits = measure_edits(octavo, env, middle, original, args.runs)
    budget = 5 * size / 1_048_576 + 40
    print(f"notes: {notes:,} notes, {words:,} words, {size / 1_048_576:.1f} MiB of Markdown,"
          f" budget {budget:.0f} MiB, median of {args.runs} run(s)")
    for name, samples in [("clean build", [clean]), ("rebuild, 1 chapter edited", edits)]:
        wall = statistics.median(s.wall for s in samples)
        cpu = statistics.median(s.cpu for s in samples)
        peak = statistics.median(s.peak for s in samples) / 1024
        print(f"  {name:28} wall {wall:6.2f} s, CPU {cpu:6.2f} s, peak {peak:5.0f} MiB"
              f" ({peak / budget:4.2f} × the budget)")


def run_math(words, args, work):
    plain, formulas, short, count = math_books(words, work)
    print(f"\nformulas: {words:,} words, {count:,} paragraphs with a formula each, clean builds,"
          f" median of {args.runs} run(s)")
    env = dict(os.environ)
    samples = {}
    for name, folder in [("without formulas", plain), ("with a formula per paragraph", formulas),
                         ("with a short one per paragraph", short)]:
        out = os.path.join(work, "math-out")
        octavo = [OCTAVO, "build", folder, "--styles", STYLES, "--output", out, "--no-cache"]
        samples[name] = median_of(args.runs, octavo, env=env,
                                  prepare=lambda: shutil.rmtree(out, ignore_errors=True))
        s = samples[name]
        print(f"  {name:34} wall {s.wall:6.2f} s, CPU {s.cpu:6.2f} s, peak {s.peak / 1024:5.0f} MiB")
    a, b = samples["without formulas"], samples["with a formula per paragraph"]
    c = samples["with a short one per paragraph"]
    print(f"  ratio (target at most 1.10):      wall {b.wall / a.wall:5.2f}×, CPU {b.cpu / a.cpu:5.2f}×")
    print(f"  ratio with short formulas:        wall {c.wall / a.wall:5.2f}×, CPU {c.cpu / a.cpu:5.2f}×")


def main():
    global OCTAVO
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="250000,1000000,4000000", help="word counts, comma-separated")
    parser.add_argument("--runs", type=int, default=3, help="runs per measurement (median reported)")
    parser.add_argument("--quick", action="store_true", help="100k and 400k words, one run, pandoc once")
    parser.add_argument("--no-pandoc", action="store_true", help="skip pandoc")
    parser.add_argument("--no-serve", action="store_true", help="skip the rebuild in octavo serve")
    parser.add_argument("--pandoc-runs", type=int, default=0, help="runs for pandoc (default: --runs)")
    parser.add_argument("--pandoc-max-words", type=int, default=10**9, help="skip pandoc above this size")
    parser.add_argument("--work", default=os.path.join(REPO, ".build", "bench"), help="scratch folder")
    parser.add_argument("--octavo", default=OCTAVO, help="the octavo binary (default: the release build)")
    parser.add_argument("--math", type=int, default=0, metavar="WORDS",
                        help="only the formula row: a book of WORDS words with and without a formula per paragraph")
    parser.add_argument("--notes", type=int, default=0, metavar="N",
                        help="only the notes row: a book of N footnotes (10 chapters), clean and rebuilt")
    parser.add_argument("--generate", nargs=2, metavar=("WORDS", "FOLDER"), help="only write a manuscript")
    args = parser.parse_args()

    if args.generate:
        count = generate(int(args.generate[0]), args.generate[1])
        print(f"wrote {args.generate[1]}: {count:,} words, {manuscript_bytes(args.generate[1]):,} bytes")
        return
    OCTAVO = os.path.abspath(args.octavo)
    if args.quick:
        args.sizes, args.runs = "100000,400000", 1
    if not os.access(OCTAVO, os.X_OK):
        sys.exit(f"no release binary at {OCTAVO}; run `make book` (or `swift build -c release --static-swift-stdlib --product octavo`)")
    os.makedirs(args.work, exist_ok=True)

    if args.math:
        run_math(args.math, args, args.work)
        return
    if args.notes:
        run_notes(args.notes, args, args.work)
        return
    with open("/proc/loadavg") as f:
        load = " ".join(f.read().split()[:3])
    print(f"Octavo benchmark: {os.cpu_count()} cores, load average {load}, medians of {args.runs} run(s)")
    summary = []
    for words in [int(s) for s in args.sizes.split(",")]:
        counted, size, chapters, rows, full, floor = run_size(words, args, args.work)
        print(f"\n{counted:,} words, {chapters} chapters, {size / 1_048_576:.1f} MiB of Markdown")
        print(f"  {'':34} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9} {'words/s':>11} {'wall/floor':>10}"
              f" {'CPU/floor':>9} {'peak/size':>9}")
        for name, s in rows:
            ratio = f"{s.wall / floor.wall:10.2f}" if floor else f"{'-':>10}"
            cpu_ratio = f"{s.cpu / floor.cpu:9.2f}" if floor else f"{'-':>9}"
            print(f"  {name:34} {s.wall:8.2f} {s.cpu:8.2f} {s.peak / 1024:9.0f} {counted / s.wall:11,.0f} {ratio}"
                  f" {cpu_ratio} {s.peak * 1024 / size:9.1f}")
        plain = next(s for name, s in rows if name.endswith("code plain"))
        lit = next(s for name, s in rows if name.endswith("highlighted"))
        blocks, code_bytes = code_share(folder_of(words, args.work))
        print(f"  highlighting {blocks:,} code blocks ({100 * code_bytes / size:.1f} % of the Markdown's bytes)"
              f" costs {100 * (lit.wall / plain.wall - 1):+.1f} % wall, {100 * (lit.cpu / plain.cpu - 1):+.1f} % CPU"
              f" (target: at most +5 % wall)")
        served = next((s for name, s in rows if name.startswith("octavo serve")), None)
        rebuild = next(s for name, s in rows if name.startswith("octavo rebuild"))
        summary.append((counted, full, rebuild, floor, size, served))
    if summary:
        base = summary[0][1].wall / summary[0][0]
        base_cpu = summary[0][1].cpu / summary[0][0]
        print("\nscaling (octavo clean build, time per word relative to the smallest size; rebuild of one"
              " chapter relative to the full build):")
        for counted, full, rebuild, floor, size, served in summary:
            per_word, cpu_per_word = full.wall / counted, full.cpu / counted
            print(f"  {counted:>11,} words: wall {per_word * 1e6:6.3f} µs/word ({per_word / base:5.2f}×),"
                  f" CPU {cpu_per_word * 1e6:6.3f} µs/word ({cpu_per_word / base_cpu:5.2f}×);"
                  f" rebuild {100 * rebuild.wall / full.wall:5.1f}% of the wall time,"
                  f" {100 * rebuild.cpu / full.cpu:5.1f}% of the CPU time")
            if served:
                print(f"  {'':>11}        rebuild in octavo serve {100 * served.wall / full.wall:5.1f}% of the clean"
                      f" build's wall time, {100 * served.cpu / full.cpu:5.1f}% of its CPU time")
    with open("/proc/loadavg") as f:
        print(f"\nload average at the end: {' '.join(f.read().split()[:3])}")


if __name__ == "__main__":
    main()
