import Foundation

/// SplitMix64: a tiny, fast, seeded pseudo-random generator, so a generated case is
/// reproduced from its seed alone on any machine.
struct SplitMix64: RandomNumberGenerator {
  private var state: UInt64

  init(seed: UInt64) { state = seed }

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}

/// A generated manuscript: its files, and the errors the generator made on purpose.
struct GeneratedBook {
  /// book.yaml and the chapters (path → bytes; bytes so a chapter may be invalid UTF-8).
  var files: [String: [UInt8]] = [:]
  /// The chapter files, in order.
  var chapters: [String] = []
  /// Error codes the generator caused on purpose; any other error is a failure.
  var intendedErrors: Set<String> = []
}

/// Generates Markdown chapters that mix every construct Octavo reads, with raw HTML (broken
/// and hostile) and odd Unicode, from a seed.
struct MarkdownGenerator {
  var random: SplitMix64
  let chapterCount: Int
  private var explicitIDs: [(chapter: Int, id: String)] = []
  private var idCounter = 0

  init(seed: UInt64, chapterCount: Int) {
    random = SplitMix64(seed: seed)
    self.chapterCount = chapterCount
  }

  // MARK: - Random helpers

  mutating func int(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
  mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
  mutating func pick<T>(_ items: [T]) -> T { items[int(0...items.count - 1)] }

  // MARK: - Book

  static let words = [
    "the", "book", "chapter", "river", "light", "a", "of", "and", "night", "garden", "paper",
    "Octavo", "north", "winter", "quiet", "letters", "index", "margin", "ink", "reader",
  ]

  /// Odd text: combining marks, right-to-left runs and overrides, emoji sequences, C0
  /// controls, noncharacters, very long words, characters XML must escape. (No `<!--`: at
  /// the start of a line it opens an HTML block that swallows the rest of the chapter, and
  /// with it any duplicate id the generator wrote on purpose.)
  static let oddPieces: [String] = [
    "e\u{301}\u{302}\u{303}", "a\u{0338}\u{20DD}", "\u{05E9}\u{05DC}\u{05D5}\u{05DD}",
    "\u{0645}\u{0631}\u{062D}\u{0628}\u{0627}", "\u{202E}reversed\u{202C}", "\u{200F}\u{200E}",
    "👩‍👩‍👧‍👦", "🏳️‍🌈", "👍🏽", "\u{0000}", "\u{0001}\u{0002}\u{0008}", "\u{000B}\u{000C}",
    "\u{001B}[31m", "\u{001F}", "\u{FFFE}", "\u{FFFF}", "\u{FEFF}", "\u{2028}\u{2029}",
    "\u{00AD}", "\u{200B}", "&", "<", ">", "\"", "'", "&amp;", "&#0;", "&#xD800;", "&bogus;",
    "]]>", "-->", "\\", "`", "*", "_", "~~", "|", "#", "{#", "[", "]", "^",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "Ω≈ç√∫", "ﬁ", "İı", "ß", "\u{1F600}",
  ]

  mutating func longWord() -> String {
    String(repeating: pick(["x", "é", "字", "🙂", "ab"]), count: int(300...3000))
  }

  mutating func word() -> String {
    switch int(0...99) {
    case 0..<70: return pick(Self.words)
    case 70..<97: return pick(Self.oddPieces)
    default: return longWord()
    }
  }

  mutating func text(_ count: ClosedRange<Int> = 2...12) -> String {
    (0..<int(count)).map { _ in word() }.joined(separator: " ")
  }

  /// Plain words only, for places where Markdown syntax would change the construct.
  mutating func plain(_ count: ClosedRange<Int> = 1...4) -> String {
    (0..<int(count)).map { _ in pick(Self.words) }.joined(separator: " ")
  }

  mutating func makeBook() -> GeneratedBook {
    var book = GeneratedBook()
    book.chapters = (1...chapterCount).map { String(format: "ch%02d.md", $0) }
    // Explicit ids, decided up front so links can target them.
    explicitIDs = []
    for chapter in 0..<chapterCount {
      for _ in 0..<int(0...3) {
        idCounter += 1
        explicitIDs.append((chapter, "id-\(idCounter)"))
      }
    }
    var yaml =
      "title: \"Generated \(int(1...9999))\"\nlanguage: \(pick(["en", "fr", "ar", "he", "ja", "pt-BR"]))\n"
    if chance(30) {
      yaml +=
        "author: [\"Zoë Ærøskøbing\", {name: \"\u{05E9}\u{05DC}\u{05D5}\u{05DD}\", role: translator}]\n"
    }
    if chance(20) { yaml += "cover: images/tiny.png\n" }
    yaml += "contents:\n"
    var index = 0
    while index < book.chapters.count {
      if chance(15), index + 2 <= book.chapters.count {
        yaml += "  - part: \"Part \(index) \(pick(["", "é", "&", "<x>"]))\"\n    chapters:\n"
        for file in book.chapters[index..<index + 2] { yaml += "      - \(file)\n" }
        index += 2
      } else {
        yaml += "  - \(book.chapters[index])\n"
        index += 1
      }
    }
    book.files["book.yaml"] = Array(yaml.utf8)
    book.files["images/tiny.png"] = tinyPNG

    // About one book in twenty gets an error on purpose; the others must build.
    let breakUTF8 = chance(5) ? int(0...chapterCount - 1) : -1
    duplicateWanted = chance(5)
    for (number, file) in book.chapters.enumerated() {
      var markdown = chapter(number, book: &book)
      if chance(10) { markdown = markdown.replacingOccurrences(of: "\n", with: "\r\n") }
      var bytes = Array(markdown.utf8)
      if chance(5) { bytes = [0xEF, 0xBB, 0xBF] + bytes }
      // Invalid UTF-8 only through bytes, and only on purpose.
      if breakUTF8 == number {
        bytes.insert(pick([0xFF, 0xC0, 0xED, 0x80]), at: int(0...bytes.count))
        book.intendedErrors.insert("OCT201")
      }
      book.files[file] = bytes
    }
    return book
  }

  // MARK: - Chapter

  mutating func chapter(_ number: Int, book: inout GeneratedBook) -> String {
    var parts: [String] = []
    if chance(25) {
      let type = pick(["chapter", "appendix", "preface", "epilogue", "dedication"])
      parts.append(
        "---\ntitle: \"\(plain()) \(pick(["é", "&", "<b>", "\\\\"]))\"\ntype: \(type)\n---")
    }
    parts.append("# \(text(1...5))\(idSuffix(chapter: number))")
    for _ in 0..<int(3...14) {
      parts.append(block(depth: 0, chapter: number, book: &book))
    }
    // Footnote definitions, some never used (a warning), some used.
    for label in footnoteLabels(for: number) where chance(80) {
      parts.append("[^\(label)]: \(inline(chapter: number, book: &book))")
    }
    return parts.joined(separator: "\n\n") + (chance(90) ? "\n" : "")
  }

  mutating func idSuffix(chapter: Int) -> String {
    let mine = explicitIDs.filter { $0.chapter == chapter }.map(\.id)
    if let id = mine.first, chance(50) {
      explicitIDs.removeAll { $0.id == id && $0.chapter == chapter }
      usedIDs.append((chapter, id))
      return " {#\(id)}"
    }
    return ""
  }

  private var usedIDs: [(chapter: Int, id: String)] = []
  private var duplicateWanted = false

  func footnoteLabels(for chapter: Int) -> [String] {
    ["n\(chapter)a", "n\(chapter)b", "note-\(chapter)"]
  }

  mutating func block(depth: Int, chapter: Int, book: inout GeneratedBook) -> String {
    let kinds = depth > 3 ? 6 : 16
    switch int(0...kinds) {
    case 0, 1, 2:
      return inline(chapter: chapter, book: &book)
    case 3:
      let level = int(1...6)
      var suffix = idSuffix(chapter: chapter)
      // A duplicate explicit id, on purpose.
      if suffix.isEmpty, duplicateWanted, chance(20), let used = usedIDs.first {
        duplicateWanted = false
        suffix = " {#\(used.id)}"
        book.intendedErrors.insert("OCT302")
      }
      return String(repeating: "#", count: level) + " " + text(1...6) + suffix
    case 4:
      let fence = pick(["```", "~~~", "````"])
      return
        "\(fence)\(pick(["", "swift", "html", "x y z", "{.py}"]))\n\(text())\n<script>alert(1)</script>\n\u{0000}]]>\n\(fence)"
    case 5:
      return pick(["---", "***", "___"])
    case 6:
      return rawHTML()
    case 7:
      return table(chapter: chapter, book: &book)
    case 8:
      return list(depth: depth, chapter: chapter, book: &book, ordered: chance(50))
    case 9:
      return taskList(chapter: chapter, book: &book)
    case 10:
      let inner = block(depth: depth + 1, chapter: chapter, book: &book)
      return inner.split(separator: "\n", omittingEmptySubsequences: false)
        .map { "> " + $0 }.joined(separator: "\n")
    case 11:
      let kind = pick(["NOTE", "TIP", "IMPORTANT", "WARNING", "CAUTION", "note", "BOGUS"])
      return "> [!\(kind)]\n> \(inline(chapter: chapter, book: &book))"
    case 12:
      return "    indented code \(text(1...3))\n    <b>not html</b>"
    case 13:
      return "![\(plain())](images/tiny.png \"\(plain())\")"
    case 14:
      return String(repeating: ">", count: int(5...60)) + " " + text(1...3)
    case 15:
      return String(repeating: "*", count: int(1...50)) + text(1...3)
        + String(repeating: "_", count: int(1...50))
    default:
      return "Term\n: \(text(1...4))\n\n\(text())  \n\(text())\\\n\(text())"
    }
  }

  mutating func inline(chapter: Int, book: inout GeneratedBook) -> String {
    var pieces: [String] = []
    for _ in 0..<int(1...8) {
      switch int(0...19) {
      case 0, 1, 2, 3: pieces.append(text())
      case 4:
        pieces.append("*\(plain())* _\(plain())_ **\(plain())** __\(plain())__ ~~\(plain())~~")
      case 5: pieces.append("`\(text(1...3))` ``a ` b``")
      case 6:
        pieces.append(
          "[\(plain())](https://example.com/\(plain(1...1))?q=\(pick(["a&b", "é", "%zz", "<>"])) \"t\")"
        )
      case 7:
        // A link to another chapter, maybe to one of its explicit ids or a missing anchor.
        let target = int(0...chapterCount - 1)
        let file = String(format: "ch%02d.md", target + 1)
        let ids = (explicitIDs + usedIDs).filter { $0.chapter == target }.map(\.id)
        let fragment =
          chance(50) ? "" : "#" + (ids.isEmpty || chance(30) ? "no-such-\(int(1...9))" : pick(ids))
        pieces.append("[\(plain())](\(file)\(fragment))")
      case 8: pieces.append("[\(plain())](#\(pick(["top", "section", "id-\(int(1...50))"])))")
      case 9:
        let label = pick(footnoteLabels(for: chapter) + ["undefined-\(int(1...3))"])
        pieces.append("\(plain(1...1))[^\(label)]")
      case 10: pieces.append("![\(chance(80) ? plain() : "")](images/tiny.png)")
      case 11: pieces.append("![\(plain())](https://example.com/\(int(1...9)).png)")
      case 12:
        pieces.append("<https://example.com/\(plain(1...1))> www.example.org user@example.com")
      case 13: pieces.append(pick(Self.inlineHTML))
      case 14:
        pieces.append(
          "[\(plain())](\(pick(["javascript:alert(1)", "JaVaScRiPt:x", "file:///etc/passwd", "data:text/html,<script>", "vbscript:x", "../outside.md", "LICENSE", "ch99.md", " <a b> "])))"
        )
      case 15: pieces.append("\\*not emphasis\\* \\<b> &copy; &#x1F600; &#1114112; &#65534;")
      case 16: pieces.append(longWord())
      case 17: pieces.append("[ref][\(plain(1...1))] [\(plain(1...1))][]")
      case 18: pieces.append("$x^2$ H~2~O ==mark== ++ins++ :smile:")
      default: pieces.append(pick(Self.oddPieces) + pick(Self.oddPieces))
      }
    }
    return pieces.joined(separator: " ")
  }

  static let inlineHTML = [
    "<b>bold</b>", "<i>unclosed", "</span>", "<br>", "<kbd>Ctrl</kbd>", "<sup>2</sup>",
    "<span onclick=\"x()\">click</span>", "<a href=\"javascript:alert(1)\">js</a>",
    "<img src=\"images/tiny.png\">", "<img src=\"x\" onerror=\"alert(1)\">",
    "<img src=\"../../etc/passwd\" alt=\"p\">", "<a href=\"ch01.md#nowhere\">in</a>",
    "<abbr title=\"&quot;\">a</abbr>", "<!-- comment -->", "<?php echo 1; ?>",
    "<![CDATA[ x ]]>", "<x:y z:w=\"1\">ns</x:y>", "<a name=\"old\">anchor</a>",
    "<font color=red>old</font>",
  ]

  mutating func rawHTML() -> String {
    pick([
      "<div class=\"box\">\n<p>Safe <em>raw</em> HTML.</p>\n</div>",
      "<div><p>unclosed <b>tags\n<span>everywhere",
      "<script>alert('x')</script>",
      "<iframe src=\"https://evil.example/\"></iframe>",
      "<form action=\"/x\"><input name=q><button>go</button></form>",
      "<p onclick=\"steal()\" onmouseover='x'>handlers</p>",
      "<a href=\"javascript:alert(1)\">js link</a>",
      "<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n<p>&e;</p>",
      "<svg><!DOCTYPE svg [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><text>&x;</text></svg>",
      "<table><td>cell<tr><th>head</table>",
      "<details><summary>More</summary>\n\nHidden *markdown*.\n\n</details>",
      "<math><mi>x</mi><mo>=</mo><mn>1</mn></math>",
      "<svg width=\"10\" height=\"10\"><circle r=\"4\" onload=\"x()\"/><foreignObject><script>1</script></foreignObject></svg>",
      "<object data=\"x.swf\"></object><embed src=\"x\"><applet></applet>",
      "<style>body { display: none }</style>",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
      "<base href=\"https://evil.example/\"><link rel=stylesheet href=\"x.css\">",
      "<h2 id=\"raw-id\">Raw heading</h2>",
      "<p id=\"dup\">a</p><p id=\"dup\">b</p><p id=\"1bad id\">c</p>",
      "<img src=\"images/tiny.png\" alt=\"tiny\" width=\"1\"><img src=\"missing.png\" alt=\"m\">",
      "<picture><source srcset=\"a.webp\"><img src=\"images/tiny.png\" alt=\"p\"></picture>",
      "<video src=\"v.mp4\" controls></video><audio src=\"a.mp3\"></audio>",
      "<ul><li>one<li>two</ul><ol start=\"x\"><li>three</ol>",
      "<p>" + String(repeating: "<div>", count: 300) + "deep"
        + String(repeating: "</div>", count: 10),
      "<center><marquee>old</marquee></center>",
      "<textarea><b>raw</b></textarea><plaintext>",
      "</div></div></section></body></html>",
      "<div xmlns=\"http://evil\" xml:lang=\"x\" xmlns:epub=\"bad\">ns</div>",
    ])
  }

  mutating func table(chapter: Int, book: inout GeneratedBook) -> String {
    let columns = int(1...5)
    var lines = ["| " + (0..<columns).map { _ in plain(1...2) }.joined(separator: " | ") + " |"]
    lines.append(
      "|"
        + (0..<columns).map { _ in pick(["---", ":---", "---:", ":---:"]) }.joined(separator: "|")
        + "|")
    for _ in 0..<int(0...5) {
      // Rows with too few or too many cells, pipes escaped in code, inline content.
      let cells = (0..<int(max(1, columns - 1)...columns + 1)).map { _ in
        chance(70)
          ? plain(1...3)
          : inline(chapter: chapter, book: &book).replacingOccurrences(of: "\n", with: " ")
      }
      lines.append("| " + cells.joined(separator: " | ") + " |")
    }
    return lines.joined(separator: "\n")
  }

  mutating func list(depth: Int, chapter: Int, book: inout GeneratedBook, ordered: Bool) -> String {
    var lines: [String] = []
    let indent = String(repeating: " ", count: depth * (ordered ? 3 : 2))
    for number in 1...int(1...4) {
      let marker = ordered ? "\(number)." : pick(["-", "*", "+"])
      lines.append(
        indent + marker + " "
          + inline(chapter: chapter, book: &book).replacingOccurrences(of: "\n", with: " "))
      if depth < 6, chance(30) {
        lines.append(list(depth: depth + 1, chapter: chapter, book: &book, ordered: chance(50)))
      }
    }
    return lines.joined(separator: "\n")
  }

  mutating func taskList(chapter: Int, book: inout GeneratedBook) -> String {
    (0..<int(1...4)).map { _ in
      "- [\(pick([" ", "x", "X"]))] "
        + inline(chapter: chapter, book: &book).replacingOccurrences(of: "\n", with: " ")
    }.joined(separator: "\n")
  }
}
