import Foundation
import Testing

@testable import OctavoKit

/// A rebuild takes unchanged chapters from their summaries instead of parsing them, and
/// must still write exactly what a clean build writes, whatever was edited.
@Suite("Chapter summaries")
struct ChapterSummaryTests {
  typealias Incremental = IncrementalBuildTests

  /// A build's outputs and how many chapters came from summaries.
  static func build(_ root: URL, into output: URL, styles: URL? = nil) throws -> (
    Incremental.Outputs, summarized: Int, diagnostics: [Diagnostic]
  ) {
    let options = BuildOptions(
      manuscript: root, styles: styles, output: output,
      environment: Incremental.environment)
    let result = try BookBuilder.build(options)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let html = try #require(result.outputs.first { $0.pathExtension == "html" })
    return (
      Incremental.Outputs(
        epub: [UInt8](try Data(contentsOf: epub)), html: [UInt8](try Data(contentsOf: html)),
        cached: result.cachedChapters), result.summarizedChapters, result.diagnostics
    )
  }

  /// The diagnostics of a clean build without the cache.
  static func referenceDiagnostics(_ root: URL) throws -> [Diagnostic] {
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    return try BookBuilder.build(
      BuildOptions(
        manuscript: root, output: output, environment: Incremental.environment, useCache: false)
    ).diagnostics
  }

  /// Edits that change what other chapters or the book-level documents take from a chapter.
  enum Edit: String, CaseIterable {
    /// A paragraph added: nothing any other chapter sees.
    case chapterText
    /// A heading another chapter links to (in Markdown and in raw HTML).
    case linkedHeading
    /// A note's label.
    case noteLabel
    /// A note's label and text, with every note at the end of the book.
    case noteBookEnd
    /// A labelled figure added with `numbering: book`: every later figure's number moves.
    case numberedFigure
    /// A chapter added to, removed from, or moved in `book.yaml`.
    case chapterAdded, chapterRemoved, chapterReordered
    /// `book.yaml`'s language: every chapter's rendering changes.
    case language
  }

  static let n = Incremental.chapterCount

  static func chapter(_ number: Int, figures: Bool, rawHTML: Bool = true, extra: String = "")
    -> String
  {
    var text = Incremental.chapter(number, rawHTML: rawHTML && !figures)
    if figures {
      text +=
        "\n![Dot \(number)](images/dot.png){#fig:dot\(number)}\n\nAs @fig:dot\(number % n + 1) shows.\n"
    }
    return text + extra
  }

  static func yaml(_ list: [String], extra: String = "", language: String = "en") -> String {
    """
    title: Summaries
    language: \(language)
    \(extra)
    contents:
      - \(list[0])
      - part: One
        chapters: [\(list.dropFirst().prefix(5).joined(separator: ", "))]
      - part: Two
        chapters: [\(list.dropFirst(6).joined(separator: ", "))]

    """
  }

  /// The book an edit is made to, and its list of chapters.
  static func book(for edit: Edit) throws -> (TemporaryManuscript, [String]) {
    let figures = edit == .numberedFigure
    // Raw HTML may refer to any chapter's ids: a chapter with raw HTML is rendered again
    // when any heading moves. Without it, only the chapters that link to the heading are.
    let rawHTML = edit != .linkedHeading
    var files: [String: String] = [:]
    for number in 1...Self.n {
      files["c\(number).md"] = Self.chapter(number, figures: figures, rawHTML: rawHTML)
    }
    let list = (1...Self.n).map { "c\($0).md" }
    let extra =
      switch edit {
      case .noteBookEnd: "notes: book-end"
      case .numberedFigure: "numbering: book"
      default: ""
      }
    files["book.yaml"] = Self.yaml(list, extra: extra)
    files["c13.md"] = "# Chapter 13\n\nA chapter added later, with a note.[^z]\n\n[^z]: Late.\n"
    return (try TemporaryManuscript(files, binary: ["images/dot.png": tinyPNG]), list)
  }

  /// Makes `edit`; returns how many chapters may still come from their summaries after it.
  static func apply(_ edit: Edit, to book: TemporaryManuscript, list: inout [String]) throws
    -> Int
  {
    func rewrite(_ number: Int, _ text: String) throws {
      try book.write(Array(text.utf8), to: "c\(number).md")
    }
    switch edit {
    case .chapterText:
      try rewrite(5, Self.chapter(5, figures: false) + "\nA new closing paragraph.\n")
      return Self.n - 1
    case .linkedHeading:
      // Chapter 4 links to "Harbour 5": it is parsed whole again, as is chapter 5.
      try rewrite(5, Incremental.chapter(5, heading: "Quay", rawHTML: false))
      return Self.n - 2
    case .noteLabel, .noteBookEnd:
      let text = Self.chapter(5, figures: false)
        .replacingOccurrences(of: "[^a]", with: "[^renamed]")
        .replacingOccurrences(of: "A note in", with: "A renamed note in")
      try rewrite(5, text)
      return Self.n - 1
    case .numberedFigure:
      // A second figure in chapter 2 moves the numbers of the figures of chapters 3 to 12
      // (and the references to them); chapter 1 keeps its own and refers to chapter 2's
      // first, whose number stays.
      try rewrite(
        2, Self.chapter(2, figures: true, extra: "\n![Another](images/dot.png){#fig:more}\n"))
      return 1
    case .chapterAdded:
      list.append("c13.md")
      try book.write(Array(Self.yaml(list).utf8), to: "book.yaml")
      // Raw HTML may link to any chapter: a new chapter changes what every chapter's raw
      // HTML may refer to, so every chapter is rendered, and parsed, again.
      return 0
    case .chapterRemoved:
      list.remove(at: 6)
      try book.write(Array(Self.yaml(list).utf8), to: "book.yaml")
      return 0
    case .chapterReordered:
      list.swapAt(2, 3)
      try book.write(Array(Self.yaml(list).utf8), to: "book.yaml")
      return 0
    case .language:
      try book.write(Array(Self.yaml(list, language: "fr").utf8), to: "book.yaml")
      return 0
    }
  }

  @Test(
    "after an edit, a build from summaries writes what a clean build writes",
    arguments: Edit.allCases)
  func edits(_ edit: Edit) throws {
    var (book, list) = try Self.book(for: edit)
    defer { book.remove() }
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }

    let first = try Self.build(book.root, into: output)
    #expect(first.summarized == 0)
    // Nothing changed: every chapter from its summary, every rendering from the cache.
    let again = try Self.build(book.root, into: output)
    #expect(again.summarized == list.count)
    #expect(again.0 == first.0)

    let summarized = try Self.apply(edit, to: book, list: &list)
    let rebuilt = try Self.build(book.root, into: output)
    let reference = try Incremental.reference(book.root)
    #expect(rebuilt.0 == reference)
    #expect(rebuilt.diagnostics == (try Self.referenceDiagnostics(book.root)))
    #expect(rebuilt.summarized == summarized)
    // And the build after that, from the summaries this one kept.
    let settled = try Self.build(book.root, into: output)
    #expect(settled.0 == reference)
    #expect(settled.summarized == list.count)
  }

  @Test(
    "after an edit, the live preview's rebuild from summaries serves what a fresh preview serves",
    arguments: Edit.allCases)
  func preview(_ edit: Edit) throws {
    var (book, list) = try Self.book(for: edit)
    defer { book.remove() }
    let memo = ChapterParseMemo()
    func site(_ generation: Int, memo: ChapterParseMemo?) -> PreviewSite {
      PreviewSite(
        manuscript: book.root, styles: nil, generation: generation,
        environment: Incremental.environment, memo: memo)
    }
    func served(_ site: PreviewSite) -> [[UInt8]] {
      [PreviewSite.epubPath, PreviewSite.printPath].map { site.resource(at: $0)?.bytes ?? [] }
    }
    _ = site(1, memo: memo)
    // Nothing changed: every chapter from its summary and its document from memory.
    let again = site(2, memo: memo)
    #expect(memo.lastHits == list.count)
    #expect(again.rendered?.cacheHits == list.count)
    #expect(again.summarizedChapters == list.count)
    #expect(served(again) == served(site(2, memo: nil)))

    // When a summarized chapter's document is missing, the preview loads the book a second
    // time; the chapter edited and parsed in the first load is then a summary too, its
    // document the one rendered in the first.
    let retried: Set<Edit> = [.linkedHeading, .numberedFigure, .chapterAdded]
    let summarized = try Self.apply(edit, to: book, list: &list) + (retried.contains(edit) ? 1 : 0)
    let rebuilt = site(3, memo: memo)
    let fresh = site(3, memo: nil)
    #expect(rebuilt.failure == nil)
    #expect(served(rebuilt) == served(fresh))
    #expect(rebuilt.diagnostics == fresh.diagnostics)
    #expect(rebuilt.rendered?.cacheHits == summarized)
    #expect(rebuilt.summarizedChapters == summarized)
    #expect(rebuilt.book?.wordCount == fresh.book?.wordCount)
  }

  @Test("a chapter without raw HTML keeps its summary when chapters are added or moved")
  func structureWithoutRawHTML() throws {
    var files: [String: String] = [:]
    for number in 1...Self.n {
      files["c\(number).md"] = Incremental.chapter(number, rawHTML: false)
    }
    var list = (1...Self.n).map { "c\($0).md" }
    files["book.yaml"] = Self.yaml(list)
    files["c13.md"] = "# Chapter 13\n\nLater.\n"
    let book = try TemporaryManuscript(files, binary: ["images/dot.png": tinyPNG])
    defer { book.remove() }
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    _ = try Self.build(book.root, into: output)
    list.append("c13.md")
    list.swapAt(8, 9)
    try book.write(Array(Self.yaml(list).utf8), to: "book.yaml")
    let rebuilt = try Self.build(book.root, into: output)
    #expect(rebuilt.0 == (try Incremental.reference(book.root)))
    // The twelve chapters come from their summaries; only the new one is parsed.
    #expect(rebuilt.summarized == Self.n)
  }

  @Test("a summary file that does not decode is ignored and replaced", arguments: [0, 1, 2])
  func corruptFile(_ damage: Int) throws {
    let book = try Incremental.manuscript()
    defer { book.remove() }
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let reference = try Self.build(book.root, into: output).0
    let file = output.appending(path: ".cache/" + SummaryCache.fileName)
    var bytes = [UInt8](try Data(contentsOf: file))
    switch damage {
    case 0: bytes.removeLast(bytes.count / 3)  // truncated
    case 1: bytes[bytes.count / 2] ^= 0xFF  // a flipped byte inside an entry
    default: bytes = Array("OCTAVO-SUMMARY-CACHE\nanother version".utf8)
    }
    try Data(bytes).write(to: file)
    let rebuilt = try Self.build(book.root, into: output)
    #expect(rebuilt.0 == reference)
    #expect(rebuilt.summarized < Self.n)
    let settled = try Self.build(book.root, into: output)
    #expect(settled.0 == reference)
    #expect(settled.summarized == Self.n)
  }

  @Test("a build that fails writes no summaries")
  func failedBuild() throws {
    let book = try Incremental.manuscript()
    defer { book.remove() }
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    try book.write(Array("# Broken\n\n![gone](images/missing.png)\n".utf8), to: "c3.md")
    let result = try BookBuilder.build(
      BuildOptions(manuscript: book.root, output: output, environment: Incremental.environment))
    #expect(result.diagnostics.hasErrors)
    #expect(!FileManager.default.fileExists(atPath: output.appending(path: ".cache").path))
  }

  @Test(
    "a parsed chapter is written and read back as it was",
    arguments: ["sample", "technical", "mathematics", "tag-soup", "golden-book"])
  func roundTrip(_ name: String) throws {
    let root =
      switch name {
      case "sample": TestPaths.sampleManuscript
      case "golden-book": TestPaths.fixtures.appending(path: "golden-book")
      default: TestPaths.fixtures.appending(path: "books/\(name)")
      }
    let chapters = try Manuscript.load(at: root, environment: Incremental.environment).chapters
    #expect(!chapters.isEmpty)
    for (index, chapter) in chapters.enumerated() {
      for skeleton in [chapter, ChapterSummary.skeleton(of: chapter, keepsNotes: false)] {
        let summary = ChapterSummary(
          skeleton: skeleton, explicitID: "x",
          diagnostics: [
            Diagnostic(.warning, .titleGuessed, "a <warning>", at: chapter.location)
          ], wordCount: chapter.wordCount, mayHoldMath: index % 2 == 0)
        let bytes = summary.encoded()
        let decoded = try #require(ChapterSummary.decode(bytes))
        #expect(decoded.encoded() == bytes)
        #expect(decoded.diagnostics == summary.diagnostics)
        #expect(decoded.mayHoldMath == summary.mayHoldMath)
        let head = try #require(ChapterSummary.decodeHead(bytes, path: chapter.path))
        #expect(head.mayHoldMath == summary.mayHoldMath)
        #expect(head.wordCount == summary.wordCount)
        #expect(decoded.skeleton.headings.map(\.id) == chapter.headings.map(\.id))
        #expect(decoded.skeleton.footnotes.count == chapter.footnotes.count)
        // Any byte cut off makes the entry one that does not decode.
        #expect(ChapterSummary.decode(Array(bytes.dropLast())) == nil)
      }
    }
  }
}
