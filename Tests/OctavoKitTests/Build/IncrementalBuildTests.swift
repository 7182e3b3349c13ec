import Foundation
import Testing

@testable import OctavoKit

/// Concurrent and cached builds must write exactly what a single-threaded clean build
/// writes, byte for byte, whatever was edited since the cache was filled.
@Suite("Concurrent and incremental builds")
struct IncrementalBuildTests {
  static let environment = ["SOURCE_DATE_EPOCH": "1700000000"]

  /// The bytes of a build's two outputs, and how many chapters came from the cache.
  struct Outputs: Equatable, CustomStringConvertible {
    var epub: [UInt8]
    var html: [UInt8]
    var cached: Int

    static func == (a: Outputs, b: Outputs) -> Bool { a.epub == b.epub && a.html == b.html }

    /// Sizes and digests, so a failure does not print megabytes of numbers.
    var description: String {
      func digest(_ bytes: [UInt8]) -> String {
        SHA1.hash(bytes).prefix(6).map { String(format: "%02x", $0) }.joined()
      }
      return
        "EPUB \(epub.count) bytes \(digest(epub)), HTML \(html.count) bytes \(digest(html)), \(cached) cached"
    }
  }

  static func build(
    _ manuscript: URL, into output: URL, styles: URL? = nil, parallel: Bool = true,
    cache: Bool = true, environment: [String: String] = environment,
    memo: ChapterParseMemo? = nil
  ) throws -> Outputs {
    var options = BuildOptions(
      manuscript: manuscript, styles: styles, output: output, environment: environment,
      useCache: cache, parallel: parallel)
    options.memo = memo
    let result = try BookBuilder.build(options)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let html = try #require(result.outputs.first { $0.pathExtension == "html" })
    return Outputs(
      epub: [UInt8](try Data(contentsOf: epub)), html: [UInt8](try Data(contentsOf: html)),
      cached: result.cachedChapters)
  }

  /// A clean, single-threaded build without the cache: the reference.
  static func reference(_ manuscript: URL, styles: URL? = nil) throws -> Outputs {
    let output = temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    return try build(manuscript, into: output, styles: styles, parallel: false, cache: false)
  }

  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-out-\(UUID().uuidString)")
  }

  /// A book of twelve chapters that refer to each other: links to headings of other
  /// chapters, footnotes, an image, raw HTML with an id and a link, a table and code.
  static let chapterCount = 12

  static func chapter(_ number: Int, heading: String = "Harbour", rawHTML: Bool = true) -> String {
    let next = number % chapterCount + 1
    // A chapter with raw HTML gets one page-break marker only; one without gets one per page.
    let box =
      rawHTML
      ? "<div id=\"box\">Raw HTML linking to <a href=\"c\(next).md#harbour-\(next)\">the next</a>.</div>"
      : "A box."
    return """
      # Chapter \(number)

      Opening words of chapter \(number), with *emphasis*, `code` and a note.[^a]

      ## \(heading) \(number)

      See [the next harbour](c\(next).md#harbour-\(next)) and [the first](c1.md).

      | Port | Ships |
      | --- | ---: |
      | North \(number) | \(number * 3) |

      ![A small picture](images/dot.png "The dot.")

      \(box)

      ```swift
      let chapter = \(number)
      ```

      [^a]: A note in chapter \(number).

      """
  }

  static func manuscript() throws -> TemporaryManuscript {
    var files: [String: String] = [:]
    for number in 1...chapterCount { files["c\(number).md"] = chapter(number) }
    files["book.yaml"] = bookYAML(language: "en")
    return try TemporaryManuscript(files, binary: ["images/dot.png": tinyPNG])
  }

  static func bookYAML(language: String, extra: String = "") -> String {
    let list = (1...chapterCount).map { "c\($0).md" }
    return """
      title: Cache
      language: \(language)
      \(extra)
      contents:
        - c1.md
        - part: One
          chapters: [\(list.dropFirst().prefix(5).joined(separator: ", "))]
        - part: Two
          chapters: [\(list.dropFirst(6).joined(separator: ", "))]

      """
  }

  static var fixtureBooks: [String] {
    ((try? FileManager.default.contentsOfDirectory(
      atPath: TestPaths.fixtures.appending(path: "books").path)) ?? [])
      .filter { !$0.hasPrefix(".") }.sorted()
  }

  @Test(
    "concurrent, cold-cache and warm-cache builds write the bytes of a single-threaded build",
    arguments: ["generated", "golden-book", "sample"] + fixtureBooks)
  func sameBytes(_ name: String) throws {
    var generated: TemporaryManuscript?
    let root: URL
    switch name {
    case "generated":
      generated = try Self.manuscript()
      root = generated!.root
    case "golden-book": root = TestPaths.fixtures.appending(path: "golden-book")
    case "sample": root = TestPaths.sampleManuscript
    default: root = TestPaths.fixtures.appending(path: "books/\(name)")
    }
    defer { generated?.remove() }
    let reference = try Self.reference(root)
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }

    #expect(try Self.build(root, into: output, parallel: true, cache: false) == reference)
    let cold = try Self.build(root, into: output)
    #expect(cold == reference)
    #expect(cold.cached == 0)
    let warm = try Self.build(root, into: output)
    #expect(warm == reference)
    let chapters = try Manuscript.load(at: root, environment: Self.environment).chapters.count
    #expect(warm.cached == chapters)
    let warmSingle = try Self.build(root, into: output, parallel: false)
    #expect(warmSingle == reference)
  }

  /// An edit made between two cached builds, and how many chapters may still come from the
  /// cache after it.
  enum Edit: String, CaseIterable {
    case chapterText, linkedHeading, bookYAML, styles, image
    /// `book.yaml` settings that change every chapter's bytes but not the language.
    case notesBookEnd, notesChapterEnd, pageList, printSettings
    /// With a page list, a longer chapter moves the page numbers of every chapter after it.
    case chapterTextWithPageList
  }

  @Test("after an edit, a cached build writes what a clean build writes", arguments: Edit.allCases)
  func invalidation(_ edit: Edit) throws {
    let book = try Self.manuscript()
    defer { book.remove() }
    let styles = Self.temporaryFolder()
    try FileManager.default.createDirectory(at: styles, withIntermediateDirectories: true)
    try Data("body { margin: 0 }\n".utf8).write(to: styles.appending(path: "epub.css"))
    let output = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: output)
      try? FileManager.default.removeItem(at: styles)
    }
    let n = Self.chapterCount
    if edit == .chapterTextWithPageList {
      try book.write(
        Array(Self.bookYAML(language: "en", extra: "page-list: true").utf8), to: "book.yaml")
      for number in 1...n {
        try book.write(Array(Self.chapter(number, rawHTML: false).utf8), to: "c\(number).md")
      }
    }
    _ = try Self.build(book.root, into: output, styles: styles)

    let stillCached: ClosedRange<Int>
    switch edit {
    case .chapterText:
      try book.write(Array((Self.chapter(5) + "\nA new closing paragraph.\n").utf8), to: "c5.md")
      stillCached = (n - 1)...(n - 1)
    case .linkedHeading:
      // Chapter 4 links to "Harbour 5" in chapter 5 (Markdown and raw HTML): both change.
      try book.write(Array(Self.chapter(5, heading: "Quay").utf8), to: "c5.md")
      stillCached = 0...(n - 2)
    case .bookYAML:
      try book.write(Array(Self.bookYAML(language: "fr").utf8), to: "book.yaml")
      stillCached = 0...0
    case .styles:
      try Data("body { margin: 1em }\n".utf8).write(to: styles.appending(path: "epub.css"))
      try Data("@page { size: A5 }\n".utf8).write(to: styles.appending(path: "print.css"))
      stillCached = n...n
    case .image:
      var png = tinyPNG
      png.insert(
        contentsOf: [0, 0, 0, 0, 0x74, 0x45, 0x58, 0x74, 0x35, 0x7D, 0x4E, 0xF4], at: png.count - 12
      )
      try book.write(png, to: "images/dot.png")
      stillCached = 0...0  // Every chapter shows the image, which the print edition embeds.
    case .notesBookEnd:
      try book.write(
        Array(Self.bookYAML(language: "en", extra: "notes: book-end").utf8), to: "book.yaml")
      stillCached = 0...0
    case .notesChapterEnd:
      try book.write(
        Array(Self.bookYAML(language: "en", extra: "notes: chapter-end").utf8), to: "book.yaml")
      stillCached = 0...0
    case .pageList:
      try book.write(
        Array(Self.bookYAML(language: "en", extra: "page-list: true").utf8), to: "book.yaml")
      stillCached = 0...0
    case .printSettings:
      let print = "print:\n  trim: a5\n  font-size: 11pt\n  crop-marks: true"
      try book.write(Array(Self.bookYAML(language: "en", extra: print).utf8), to: "book.yaml")
      stillCached = 0...0
    case .chapterTextWithPageList:
      let longer = (1...40).map {
        "Paragraph \($0) of new text, long enough to fill more pages than before."
      }
      try book.write(
        Array(
          (Self.chapter(5, rawHTML: false) + "\n" + longer.joined(separator: "\n\n") + "\n").utf8),
        to: "c5.md")
      // c1 to c4 keep their pages; c5 and every chapter after it move.
      stillCached = 4...4
    }
    let incremental = try Self.build(book.root, into: output, styles: styles)
    let reference = try Self.reference(book.root, styles: styles)
    #expect(incremental == reference)
    #expect(
      stillCached.contains(incremental.cached), "\(incremental.cached) chapters from the cache")
  }

  @Test(
    "in a long-running process, chapters kept in memory give the bytes of a clean build",
    arguments: Edit.allCases)
  func parseMemo(_ edit: Edit) throws {
    let book = try Self.manuscript()
    defer { book.remove() }
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let memo = ChapterParseMemo()
    func build() throws -> Outputs { try Self.build(book.root, into: output, memo: memo) }
    #expect(try build() == (try Self.reference(book.root)))
    #expect(memo.lastHits == 0)
    #expect(try build() == (try Self.reference(book.root)))
    #expect(memo.lastHits == Self.chapterCount)
    let n = Self.chapterCount
    var parsedAgain = 0
    switch edit {
    case .chapterText, .chapterTextWithPageList:
      try book.write(Array((Self.chapter(5) + "\nA new closing paragraph.\n").utf8), to: "c5.md")
      parsedAgain = 1
    case .linkedHeading:
      try book.write(Array(Self.chapter(5, heading: "Quay").utf8), to: "c5.md")
      parsedAgain = 1
    case .bookYAML, .notesBookEnd, .notesChapterEnd, .pageList, .printSettings:
      let extra =
        [
          "bookYAML": "", "notesBookEnd": "notes: book-end",
          "notesChapterEnd": "notes: chapter-end",
          "pageList": "page-list: true", "printSettings": "print:\n  trim: a5",
        ][edit.rawValue] ?? ""
      try book.write(
        Array(Self.bookYAML(language: edit == .bookYAML ? "fr" : "en", extra: extra).utf8),
        to: "book.yaml")
    case .styles, .image:
      var png = tinyPNG
      png.insert(
        contentsOf: [0, 0, 0, 0, 0x74, 0x45, 0x58, 0x74, 0x35, 0x7D, 0x4E, 0xF4], at: png.count - 12
      )
      try book.write(png, to: "images/dot.png")
    }
    let parsesBefore = memo.parses
    #expect(try build() == (try Self.reference(book.root)))
    // Only the edited file is parsed again; `book.yaml` and images are read every time.
    #expect(memo.parses - parsesBefore == parsedAgain)
    // A chapter linking to the edited heading is rendered again: the build loads the book a
    // second time, taking that chapter whole from memory and the edited one, parsed in the
    // first load, from its summary.
    #expect(memo.lastHits == n - (edit == .linkedHeading ? 0 : parsedAgain))
  }

  @Test("a file renamed in book.yaml, or one that stops being valid, is not taken from memory")
  func parseMemoRenamedAndBroken() throws {
    let book = try Self.manuscript()
    defer { book.remove() }
    let memo = ChapterParseMemo()
    func load() throws -> Manuscript {
      try Manuscript.load(at: book.root, environment: Self.environment, parallel: true, memo: memo)
    }
    _ = try load()
    // The same text under another name: its own path, id and diagnostics.
    try book.write(Array(Self.chapter(3).utf8), to: "c3-renamed.md")
    try book.write(
      Array(
        Self.bookYAML(language: "en").replacingOccurrences(of: "c3.md", with: "c3-renamed.md").utf8),
      to: "book.yaml")
    let renamed = try load()
    let fresh = try Manuscript.load(at: book.root, environment: Self.environment)
    #expect(renamed.chapters.map(\.path) == fresh.chapters.map(\.path))
    #expect(renamed.chapters.map(\.id) == fresh.chapters.map(\.id))
    #expect(renamed.diagnostics == fresh.diagnostics)
    #expect(memo.lastHits == Self.chapterCount - 1)
    // A chapter that becomes invalid UTF-8 is reported, not taken from memory.
    try book.write([0x23, 0x20, 0xFF, 0xFE, 0x0A], to: "c4.md")
    let broken = try load()
    #expect(broken.diagnostics.contains { $0.code == .notUTF8 && $0.location?.file == "c4.md" })
    #expect(
      broken.diagnostics
        == (try Manuscript.load(at: book.root, environment: Self.environment)).diagnostics)
  }

  /// Chapters whose characters and styles are first used in different places.
  static let glyphChapters = [
    "# One\n\nPlain words, a b c.\n",
    "# Two\n\nCaf\u{E9} \u{2014} **bold**.\n\n*slanted \u{E9}*\n\n```\ncode \u{E9}\n```\n",
    "# Three\n\n`\u{E9}` again, \u{E9}, *slanted* and more.\n\n\u{3042} opens a paragraph.\n\nPlain words, a b c.\n",
  ]

  @Test(
    "the first use of each character and style is found across chapters, concurrently or not",
    arguments: [true, false])
  func glyphUses(_ parallel: Bool) throws {
    var files = [
      "book.yaml":
        "title: Glyphs\nlanguage: en\ntypography: false\ncontents: [c1.md, c2.md, c3.md]\n"
    ]
    for (index, text) in Self.glyphChapters.enumerated() { files["c\(index + 1).md"] = text }
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    let loaded = try Manuscript.load(at: book.root, environment: Self.environment).book
    let uses = GlyphCoverageCheck.uses(in: loaded, parallel: parallel)
    func at(_ file: String, _ line: Int, _ column: Int) -> OctavoKit.SourceLocation {
      OctavoKit.SourceLocation(file: file, line: line, column: column)
    }
    #expect(uses.text["O"] == at("c1.md", 1, 3))
    #expect(uses.text["P"] == at("c1.md", 3, 1))
    #expect(uses.text["a"] == at("c1.md", 3, 3))
    #expect(uses.text["\u{E9}"] == at("c2.md", 3, 4))
    #expect(uses.text["\u{2014}"] == at("c2.md", 3, 6))
    #expect(uses.text["\u{3042}"] == at("c3.md", 5, 1))
    #expect(uses.text[" "] == nil)
    #expect(uses.code["c"] == at("c2.md", 8, 1))
    #expect(uses.code["\u{E9}"] == at("c2.md", 8, 6))
    #expect(uses.code["a"] == nil)
    // Headings are bold: the first bold text is chapter one's title.
    #expect(uses.styles[FontLookup.Style(bold: true, italic: false)] == at("c1.md", 1, 3))
    #expect(uses.styles[FontLookup.Style(bold: false, italic: true)] == at("c2.md", 5, 2))
  }

  @Test(
    "the checks' findings in unchanged chapters come from the cache, with the same diagnostics and bytes"
  )
  func checkCache() throws {
    var files: [String: String] = [:]
    for number in 1...Self.chapterCount { files["c\(number).md"] = Self.chapter(number) }
    // A character no print face has (OCT501) and an image without alt text, in two chapters.
    files["c2.md"]! += "\nA hieroglyph \u{13000} no print face has, and `code \u{13001}` too.\n"
    files["c7.md"]! += "\n![](images/dot.png)\n\n#### A heading that skips a level\n"
    files["book.yaml"] = Self.bookYAML(language: "en")
    let book = try TemporaryManuscript(files, binary: ["images/dot.png": tinyPNG])
    defer { book.remove() }
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    func build() throws -> (Outputs, [Diagnostic]) {
      let result = try BookBuilder.build(
        BuildOptions(
          manuscript: book.root, output: output,
          environment: Self.environment))
      let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
      let html = try #require(result.outputs.first { $0.pathExtension == "html" })
      return (
        Outputs(
          epub: [UInt8](try Data(contentsOf: epub)), html: [UInt8](try Data(contentsOf: html)),
          cached: result.cachedChapters), result.diagnostics
      )
    }
    let reference = try Self.reference(book.root)
    let scratch = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: scratch) }
    let uncached = try BookBuilder.build(
      BuildOptions(
        manuscript: book.root, output: scratch,
        environment: Self.environment, useCache: false)
    ).diagnostics
    #expect(uncached.contains { $0.code == .glyphMissing && $0.location?.file == "c2.md" })
    #expect(uncached.contains { $0.code == .imageWithoutAlt && $0.location?.file == "c7.md" })
    let file = output.appending(path: ".cache/" + CheckCache.fileName)
    let (cold, coldDiagnostics) = try build()
    #expect(cold == reference)
    #expect(coldDiagnostics == uncached)
    // One accessibility scan and one glyph scan per chapter.
    let table = try #require(CheckCache.decodeTable([UInt8](try Data(contentsOf: file))))
    #expect(table.count == 2 * Self.chapterCount)
    let (warm, warmDiagnostics) = try build()
    #expect(warm == reference)
    #expect(warmDiagnostics == uncached)
    // Entries that do not decode are scanned again; a damaged file is ignored as a whole.
    var damaged = table
    for key in damaged.keys { damaged[key] = [1, 2, 3] }
    var writer = RenderCache.ByteWriter()
    writer.bytes = Array("OCTAVO-CHECK-CACHE\n".utf8)
    writer.add(Array(CheckCache.format.utf8))
    writer.add(UInt64(damaged.count))
    for (key, value) in damaged {
      writer.add(Array(key.utf8))
      writer.add(value)
    }
    try Data(writer.bytes).write(to: file)
    let (again, againDiagnostics) = try build()
    #expect(again == reference)
    #expect(againDiagnostics == uncached)
    #expect(CheckCache.decodeTable([UInt8](try Data(contentsOf: file))) == table)
    try Data("OCTAVO-CHECK-CACHE\ntruncated".utf8).write(to: file)
    #expect(try build().1 == uncached)
    // An edited chapter is scanned again: its new problem is found.
    try book.write(Array((files["c5.md"]! + "\nAnother hieroglyph \u{13002}.\n").utf8), to: "c5.md")
    let (_, edited) = try build()
    #expect(edited.contains { $0.code == .glyphMissing && $0.location?.file == "c5.md" })
    let fresh = try BookBuilder.build(
      BuildOptions(
        manuscript: book.root, output: scratch,
        environment: Self.environment, useCache: false)
    ).diagnostics
    #expect(edited == fresh)
  }

  @Test("a corrupt or truncated cache entry is ignored and replaced")
  func corruptEntries() throws {
    let book = try Self.manuscript()
    defer { book.remove() }
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    _ = try Self.build(book.root, into: output)
    let cache = output.appending(path: ".cache")
    let names = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter {
      $0.hasSuffix(".render")
    }.sorted()
    // One entry per chapter, and the print edition's contents section.
    #expect(names.count == Self.chapterCount + 1)
    for (index, name) in names.enumerated() {
      let url = cache.appending(path: name)
      if index % 2 == 0 {
        try Data("not a cache entry".utf8).write(to: url)
      } else {
        let bytes = try Data(contentsOf: url)
        try bytes.prefix(bytes.count / 2).write(to: url)
      }
    }
    let rebuilt = try Self.build(book.root, into: output)
    #expect(rebuilt == (try Self.reference(book.root)))
    #expect(rebuilt.cached == 0)
    #expect(try Self.build(book.root, into: output).cached == Self.chapterCount)
  }

  @Test("entries round-trip; another version's entries and other keys are not read")
  func entryFormat() throws {
    let entry = RenderCache.Entry(
      xhtml: Array("<html/>".utf8), printSection: Array("<section></section>".utf8),
      diagnostics: [
        Diagnostic(
          .warning, .rawHTMLRepaired, "raw HTML: closed <div>",
          at: SourceLocation(file: "c1.md", line: 3, column: 7)),
        Diagnostic(.warning, .rawHTMLRepaired, "no location", at: nil),
      ])
    let bytes = RenderCache.encode(entry, key: "abc")
    #expect(RenderCache.decode(bytes, key: "abc") == entry)
    #expect(RenderCache.decode(bytes, key: "abd") == nil)
    #expect(RenderCache.decode(bytes + [0], key: "abc") == nil)
    var foreign = bytes
    let version = Array(RenderCache.format.utf8)
    let at = try #require(foreign.firstRange(of: version))
    foreign[at.upperBound - 1] = UInt8(ascii: "9")
    #expect(RenderCache.decode(foreign, key: "abc") == nil)
  }

  @Test("the cache can be turned off", arguments: ["option", "environment"])
  func disabled(_ how: String) throws {
    let book = try Self.manuscript()
    defer { book.remove() }
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    var environment = Self.environment
    if how == "environment" { environment["OCTAVO_NO_CACHE"] = "1" }
    let outputs = try Self.build(
      book.root, into: output, cache: how != "option", environment: environment)
    #expect(outputs.cached == 0)
    #expect(!FileManager.default.fileExists(atPath: output.appending(path: ".cache").path))
  }
}
