import Foundation
import Testing

@testable import OctavoKit

/// A chapter taken from its summary is taken from last build's record of resolving it
/// (``ResolveRecord``) only while nothing that pass reads has changed: after each edit below
/// a rebuild writes what a clean build of the edited book writes, and reports what it reports.
@Suite("Records of resolving chapters")
struct ResolveRecordTests {
  /// Edits that leave the chapter that depends on them as it was.
  enum Edit: String, CaseIterable, Sendable {
    /// The heading chapter 3 links to renamed in chapter 2 (the link falls back).
    case linkedHeadingRenamed
    /// A labelled figure added to chapter 1: with `numbering: book`, the figure chapter 3
    /// refers to becomes Figure 2.
    case labelNumberShifted
    /// The image chapters 2 and 3 show replaced by an SVG (its type and file name change).
    case imageReplaced
    /// The Markdown file chapter 3 links to (not a chapter) deleted (another warning).
    case linkedFileDeleted
    /// An image shown in chapter 1 before the other: the book's images are numbered anew and
    /// chapter 2, taken from its record, shows both.
    case imagesReordered
    /// The id chapter 4 links to moved out of chapter 2's note (with `notes: book-end` the
    /// link no longer leads to the Notes document).
    case idMovedOutOfNote
  }

  static func files(_ edit: Edit?, bookEnd: Bool) -> [String: String] {
    var files: [String: String] = [:]
    files["book.yaml"] = """
      title: Records
      language: en
      numbering: book
      contents: [c1.md, c2.md, c3.md, c4.md]

      """ + (bookEnd ? "notes: book-end\n" : "")
    files["c1.md"] =
      "# One\n\nOpening words.\n\n"
      + (edit == .imagesReordered ? "![The first image](images/pic.png)\n\n" : "")
      + "![Another image](images/other.png)\n"
      + (edit == .labelNumberShifted ? "\n![Another](images/pic.png){#fig:zero}\n" : "")
    let heading = edit == .linkedHeadingRenamed ? "Streams" : "Currents"
    let aside = "<span id=\"aside\">here</span>"
    let moved = edit == .idMovedOutOfNote
    files["c2.md"] = """
      # Two

      ![A picture](images/pic.png){#fig:second}

      Both images: ![the other](images/other.png) and ![the first](images/pic.png).

      Two's "quoted" text -- with [a 'link'](c1.md) and a note.[^a]

      ## \(heading)

      ### "Deep" waters -- below {#sec:deep}

      They run north.\(moved ? " " + aside : "")

      [^a]: An aside.\(moved ? "" : " " + aside)

      """
    files["c3.md"] = """
      # Three

      See [the currents](c2.md#currents), @fig:second, @sec:deep and [the draft](drafts/old.md).

      ![The picture again](images/pic.png)

      """
    files["c4.md"] = "# Four\n\nSee [the aside](c2.md#aside).[^b]\n\n[^b]: Four's note.\n"
    if edit != .linkedFileDeleted { files["drafts/old.md"] = "# Old\n" }
    return files
  }

  /// Writes the book in its state after `edit` (none: before); files already as they should
  /// be are left alone, as an editor leaves them.
  static func write(_ book: TemporaryManuscript, _ edit: Edit?, bookEnd: Bool) throws {
    var files = files(edit, bookEnd: bookEnd).mapValues { Array($0.utf8) }
    let svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1\" height=\"1\"/>\n"
    files["images/pic.png"] = edit == .imageReplaced ? Array(svg.utf8) : tinyPNG
    files["images/other.png"] = tinyPNG
    if files["drafts/old.md"] == nil {
      try? FileManager.default.removeItem(at: book.root.appending(path: "drafts/old.md"))
    }
    try writeChanged(book, files)
  }

  /// Writes `files` into `book`, leaving alone those already as they should be, as an editor
  /// leaves them.
  static func writeChanged(_ book: TemporaryManuscript, _ files: [String: [UInt8]]) throws {
    for (path, bytes) in files {
      let url = book.root.appending(path: path)
      if let data = FileManager.default.contents(atPath: url.path), [UInt8](data) == bytes {
        continue
      }
      try book.write(bytes, to: path)
    }
  }

  /// A book `write` fills, once its files have settled (an image's or a chapter's identity is
  /// recorded only then), and an empty output folder; the caller removes both.
  static func settled(_ write: (TemporaryManuscript) throws -> Void) throws
    -> (book: TemporaryManuscript, output: URL)
  {
    let book = try TemporaryManuscript([:])
    do { try write(book) } catch {
      book.remove()
      throw error
    }
    Thread.sleep(forTimeInterval: Double(FileIdentity.settledAge) + 1.2)
    return (book, IncrementalBuildTests.temporaryFolder())
  }

  /// What a build wrote and reported, and how many chapters it took from their records.
  struct Build {
    var outputs: IncrementalBuildTests.Outputs
    var diagnostics: [String]
    var reused: Int
  }

  static func build(_ book: TemporaryManuscript, into output: URL?, parallel: Bool = true) throws
    -> Build
  {
    let folder = output ?? IncrementalBuildTests.temporaryFolder()
    defer { if output == nil { try? FileManager.default.removeItem(at: folder) } }
    let options = BuildOptions(
      manuscript: book.root, output: folder, environment: IncrementalBuildTests.environment,
      useCache: output != nil, parallel: output == nil ? false : parallel)
    let result = try BookBuilder.build(options)
    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let html = try #require(result.outputs.first { $0.pathExtension == "html" })
    return Build(
      outputs: IncrementalBuildTests.Outputs(
        epub: [UInt8](try Data(contentsOf: epub)), html: [UInt8](try Data(contentsOf: html)),
        cached: result.cachedChapters),
      diagnostics: result.diagnostics.map(\.description), reused: result.reusedResolves)
  }

  /// The test book (notes at the book's end when `bookEnd`) once its files have settled (an
  /// image's identity is recorded only then), and an empty output folder; the caller removes
  /// both.
  static func settledBook(bookEnd: Bool) throws -> (book: TemporaryManuscript, output: URL) {
    try settled { try write($0, nil, bookEnd: bookEnd) }
  }

  @Test(
    "a rebuild after an edit another chapter depends on writes and reports what a clean build does",
    arguments: Edit.allCases, [false, true])
  func rebuildAfterEdit(_ edit: Edit, bookEnd: Bool) throws {
    let (book, output) = try Self.settledBook(bookEnd: bookEnd)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    // The first build parses every chapter; the second takes them from their summaries and
    // records resolving them; the third takes every one from its record.
    _ = try Self.build(book, into: output)
    #expect(try Self.build(book, into: output).reused == 0)
    let before = try Self.build(book, into: output)
    #expect(before.reused == 4)
    let beforeClean = try Self.build(book, into: nil)
    #expect(before.outputs == beforeClean.outputs)
    #expect(before.diagnostics == beforeClean.diagnostics)

    try Self.write(book, edit, bookEnd: bookEnd)
    let rebuilt = try Self.build(book, into: output)
    let clean = try Self.build(book, into: nil)
    #expect(rebuilt.outputs == clean.outputs, "\(edit) made")
    #expect(rebuilt.diagnostics == clean.diagnostics, "\(edit) made")
    // The edit matters to the outputs or the report (so a stale record would be caught).
    #expect(clean.outputs != beforeClean.outputs || clean.diagnostics != beforeClean.diagnostics)

    try Self.write(book, nil, bookEnd: bookEnd)
    let undone = try Self.build(book, into: output)
    #expect(undone.outputs == beforeClean.outputs, "\(edit) undone")
    #expect(undone.diagnostics == beforeClean.diagnostics, "\(edit) undone")
  }

  @Test("the chapter that links to a renamed heading is resolved again, not taken from its record")
  func staleRecordIsNotTaken() throws {
    let (book, output) = try Self.settledBook(bookEnd: false)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    for _ in 0..<2 { _ = try Self.build(book, into: output) }
    let before = try Self.build(book, into: output)
    #expect(before.reused == 4)
    // Only chapter 2 changes; chapter 3's text is the same, its link is not.
    try Self.write(book, .linkedHeadingRenamed, bookEnd: false)
    let rebuilt = try Self.build(book, into: output)
    #expect(rebuilt.reused < 3)
    #expect(rebuilt.outputs != before.outputs)
    #expect(rebuilt.outputs == (try Self.build(book, into: nil)).outputs)
    #expect(
      rebuilt.diagnostics.contains { $0.contains("no heading or id 'currents' in c2.md") },
      "\(rebuilt.diagnostics)")
  }

  /// Every chapter of `manuscript` written out, with what was reported and the book's images.
  static func written(_ manuscript: Manuscript) -> [String] {
    manuscript.book.chapters.map { chapter in
      var writer = ModelWriter()
      writer.chapter(chapter)
      return SHA1.hash(writer.bytes).map { String($0, radix: 16) }.joined()
    } + manuscript.diagnostics.map(\.description)
      + manuscript.book.images.map { "\($0.path) \($0.fileName) \($0.mediaType)" }
  }

  @Test(
    "after an edit, the book loaded with the records is the book loaded without them",
    arguments: Edit.allCases, [false, true])
  func recordsGiveTheResolvedBook(_ edit: Edit, bookEnd: Bool) throws {
    let (book, output) = try Self.settledBook(bookEnd: bookEnd)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    for _ in 0..<2 { _ = try Self.build(book, into: output) }
    try Self.write(book, edit, bookEnd: bookEnd)
    func load(records: Bool) throws -> Manuscript {
      try Manuscript.load(
        at: book.root, environment: IncrementalBuildTests.environment, parallel: true,
        memo: nil, summaries: SummaryCache(folder: output.appending(path: ".cache")),
        memoSummaries: false, fullPaths: [], resolveRecords: records)
    }
    let unchanged = try load(records: true)
    let resolved = try load(records: false)
    #expect(unchanged.summarized.count >= 3)
    #expect(resolved.reusedResolves == 0)
    #expect(Self.written(unchanged) == Self.written(resolved), "\(edit)")
    // A walk kept for the render-cache key is the walk of the chapter's final model.
    let walks = unchanged.book.chapters.compactMap { chapter in
      chapter.keyWalk.map { ($0, RenderCache.keyWalk(of: chapter)) }
    }
    #expect(
      walks.count >= 2, "\(unchanged.book.chapters.map { "\($0.path) \($0.keyWalk != nil)" })")
    for (kept, walked) in walks { #expect(kept == walked, "\(edit)") }
  }

  @Test(
    "in the preview, records kept in memory give the book loaded without them",
    arguments: Edit.allCases, [false, true])
  func memoRecordsGiveTheResolvedBook(_ edit: Edit, bookEnd: Bool) throws {
    let (book, output) = try Self.settledBook(bookEnd: bookEnd)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    // Two memos see the same loads, one keeping records and one not.
    let kept = ChapterParseMemo()
    let plain = ChapterParseMemo()
    func load(_ memo: ChapterParseMemo) throws -> Manuscript {
      try Manuscript.load(
        at: book.root, environment: IncrementalBuildTests.environment, parallel: true,
        memo: memo, summaries: nil, memoSummaries: true, fullPaths: [],
        resolveRecords: memo === kept)
    }
    // Parsed, then taken from the summaries (the records made), then from the records.
    for _ in 0..<2 {
      _ = try load(kept)
      _ = try load(plain)
    }
    let settled = try load(kept)
    #expect(settled.summarized.count == 4)
    #expect(settled.reusedResolves == 4)
    #expect(Self.written(settled) == Self.written(try load(plain)))
    try Self.write(book, edit, bookEnd: bookEnd)
    let edited = try load(kept)
    let resolved = try load(plain)
    #expect(resolved.reusedResolves == 0)
    #expect(Self.written(edited) == Self.written(resolved), "\(edit)")
  }

  @Test("a record survives its round trip through bytes, and is refused for another input")
  func recordRoundTrip() throws {
    var chapter = Chapter(id: "two", path: "c2.md", title: "Two")
    chapter.anchors = ["currents": "currents"]
    chapter.sourceDigest = Array(repeating: 7, count: 20)
    let record = ResolveRecord(
      answers: [
        .init(path: "images/pic.png", isImage: true, resolution: 0, identity: [1, 2, 3]),
        .init(path: "drafts/old.md", isImage: false, resolution: 2, identity: []),
      ],
      diagnostics: [
        Diagnostic(.warning, .brokenAnchor, "no heading", at: SourceLocation(file: "c2.md"))
      ],
      images: [
        ImageResource(
          path: "images/pic.svg", mediaType: "image/svg+xml", fileName: "pic.svg",
          replacement: [1, 2])
      ],
      chapter: chapter,
      walk: RenderCache.KeyWalk(digest: [1, 2, 3], images: [2, 0], hasRawHTML: true),
      imageNumbers: [3])
    let input = Array(repeating: UInt8(9), count: 20)
    let bytes = record.encoded(input: input)
    let decoded = try #require(ResolveRecord.decode(bytes, input: input))
    #expect(decoded.answers == record.answers)
    #expect(decoded.diagnostics.map(\.description) == record.diagnostics.map(\.description))
    #expect(decoded.images.map(\.replacement) == [[1, 2]])
    #expect(decoded.chapter.anchors == chapter.anchors)
    #expect(decoded.walk == record.walk)
    #expect(decoded.imageNumbers == [3])
    #expect(ResolveRecord.decode(bytes, input: Array(repeating: 8, count: 20)) == nil)
    #expect(ResolveRecord.decode(Array(bytes.dropLast()), input: input) == nil)
  }
}
