import Foundation
import Testing

@testable import OctavoKit

/// A chapter loaded from its record of resolving (``ResolveRecord``) is loaded without its
/// summary's skeleton: the ids pass is replayed from the record (``ResolveRecord/Passes``)
/// and the record's chapter taken only when the book hands the chapter what it handed it
/// when the record was made. After each edit below the book loaded so is the book loaded
/// without records, and a rebuild writes and reports what a clean build does.
@Suite("Replaying the ids pass from records")
struct RecordReplayTests {
  enum Edit: String, CaseIterable, Sendable {
    /// A paragraph with a link and a note appended to chapter 2.
    case paragraphAppended
    /// A heading added to chapter 2 (its anchors change, so every record's context does).
    case headingAdded
    /// The heading chapter 4 links to renamed in chapter 2.
    case linkedHeadingRenamed
    /// A "Notes" heading added to chapter 1: the later chapters' "Notes" headings are handed
    /// other ids (`notes-2`…), and chapter 4's link to chapter 3's follows.
    case collidingHeadingAdded
    /// The id chapter 3 writes on a heading (`{#deep}`) written on an earlier heading in
    /// chapter 1: chapter 3 no longer owns it (an error, reported at chapter 3).
    case explicitIDTaken
    /// A code block in a language Octavo cannot highlight added to chapter 1: the warning
    /// chapter 3's block had moves there.
    case codeLanguageEarlier
  }

  static func files(_ edit: Edit?, bookEnd: Bool) -> [String: String] {
    var files: [String: String] = [:]
    files["book.yaml"] =
      "title: Replays\nlanguage: en\ncontents: [c1.md, c2.md, c3.md, c4.md]\n"
      + (bookEnd ? "notes: book-end\n" : "")
    files["c1.md"] =
      "# One\n\nOpening words.\n"
      + (edit == .collidingHeadingAdded ? "\n## Notes\n\nFirst notes.\n" : "")
      + (edit == .explicitIDTaken ? "\n## Shallow {#deep}\n\nNot so deep.\n" : "")
      + (edit == .codeLanguageEarlier ? "\n```zzlang\nfirst\n```\n" : "")
    let heading = edit == .linkedHeadingRenamed ? "Context" : "Background"
    files["c2.md"] =
      """
      # Two

      ## \(heading)

      Some words with a note.[^a]

      ## Notes

      More words.

      [^a]: An aside <span id="aside">here</span>.

      """
      + (edit == .headingAdded ? "\n## Later thoughts\n\nThey came later.\n" : "")
      + (edit == .paragraphAppended
        ? "\nA new paragraph with [a link](c3.md#notes) and a note.[^e]\n\n[^e]: The new note.\n"
        : "")
    files["c3.md"] = """
      # Three

      ## Notes

      Words.

      ### "Deep" waters {#deep}

      ```zzlang
      code
      ```

      ## Notes

      Again.

      """
    files["c4.md"] = """
      # Four

      See [the background](c2.md#background), [the notes](c3.md#notes),
      [the deep](c3.md#deep) and [the aside](c2.md#aside).[^b] The sum $a+b$ holds.

      ## Notes

      [^b]: Four's note.

      """
    return files
  }

  /// Writes the book after `edit` (none: before); files already as they should be are left
  /// alone.
  static func write(_ book: TemporaryManuscript, _ edit: Edit?, bookEnd: Bool) throws {
    try ResolveRecordTests.writeChanged(
      book, files(edit, bookEnd: bookEnd).mapValues { Array($0.utf8) })
  }

  static func settledBook(bookEnd: Bool) throws -> (book: TemporaryManuscript, output: URL) {
    try ResolveRecordTests.settled { try write($0, nil, bookEnd: bookEnd) }
  }

  /// The book loaded with the summaries and records in `output`'s cache (or without
  /// records), and the cache it was loaded with.
  static func load(_ book: TemporaryManuscript, output: URL, records: Bool) throws
    -> (Manuscript, SummaryCache)
  {
    let cache = SummaryCache(folder: output.appending(path: ".cache"))
    let manuscript = try Manuscript.load(
      at: book.root, environment: IncrementalBuildTests.environment, parallel: true,
      memo: nil, summaries: cache, memoSummaries: false, fullPaths: [],
      resolveRecords: records)
    return (manuscript, cache)
  }

  @Test("a chapter taken from its record is loaded without decoding its summary")
  func hitDecodesNoSummary() throws {
    let (book, output) = try Self.settledBook(bookEnd: false)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    // The first build parses; the second takes the summaries and makes the records.
    for _ in 0..<2 { _ = try ResolveRecordTests.build(book, into: output) }
    let (manuscript, cache) = try Self.load(book, output: output, records: true)
    #expect(manuscript.reusedResolves == 4)
    #expect(cache.summariesDecoded == 0)
    let (resolved, plain) = try Self.load(book, output: output, records: false)
    #expect(plain.summariesDecoded == 4)
    #expect(ResolveRecordTests.written(manuscript) == ResolveRecordTests.written(resolved))
    // Chapter 4's formula is typeset although its chapter came from a record.
    #expect(manuscript.book.hasMath == true)
    // And a build from them is the clean build.
    let rebuilt = try ResolveRecordTests.build(book, into: output)
    #expect(rebuilt.reused == 4)
    let clean = try ResolveRecordTests.build(book, into: nil)
    #expect(rebuilt.outputs == clean.outputs)
    #expect(rebuilt.diagnostics == clean.diagnostics)
  }

  @Test(
    "after an edit, the book loaded from records is the book loaded without them",
    arguments: Edit.allCases, [false, true])
  func replayGivesTheBook(_ edit: Edit, bookEnd: Bool) throws {
    let (book, output) = try Self.settledBook(bookEnd: bookEnd)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    for _ in 0..<2 { _ = try ResolveRecordTests.build(book, into: output) }
    try Self.write(book, edit, bookEnd: bookEnd)
    let (replayed, _) = try Self.load(book, output: output, records: true)
    let (resolved, _) = try Self.load(book, output: output, records: false)
    #expect(replayed.undecoded.isEmpty)
    #expect(replayed.summarized.count >= 3)
    #expect(
      ResolveRecordTests.written(replayed) == ResolveRecordTests.written(resolved), "\(edit)")
    let clean = try Manuscript.load(
      at: book.root, environment: IncrementalBuildTests.environment, parallel: false)
    #expect(replayed.diagnostics.map(\.description) == clean.diagnostics.map(\.description))
    #expect(replayed.book.chapters.map(\.anchors) == clean.book.chapters.map(\.anchors))
    #expect(replayed.book.chapters.map(\.id) == clean.book.chapters.map(\.id))
  }

  @Test(
    "a rebuild after an edit writes and reports what a clean build does",
    arguments: Edit.allCases.filter { $0 != .explicitIDTaken }, [false, true])
  func rebuildAfterEdit(_ edit: Edit, bookEnd: Bool) throws {
    let (book, output) = try Self.settledBook(bookEnd: bookEnd)
    defer {
      book.remove()
      try? FileManager.default.removeItem(at: output)
    }
    for _ in 0..<2 { _ = try ResolveRecordTests.build(book, into: output) }
    let before = try ResolveRecordTests.build(book, into: output)
    #expect(before.reused == 4)
    try Self.write(book, edit, bookEnd: bookEnd)
    let rebuilt = try ResolveRecordTests.build(book, into: output)
    let clean = try ResolveRecordTests.build(book, into: nil)
    #expect(rebuilt.outputs == clean.outputs, "\(edit)")
    #expect(rebuilt.diagnostics == clean.diagnostics, "\(edit)")
    #expect(clean.outputs != before.outputs || clean.diagnostics != before.diagnostics)
    // The build after, from the records this one made.
    let again = try ResolveRecordTests.build(book, into: output)
    #expect(again.outputs == clean.outputs, "\(edit) again")
    #expect(again.diagnostics == clean.diagnostics, "\(edit) again")
    try Self.write(book, nil, bookEnd: bookEnd)
    let undone = try ResolveRecordTests.build(book, into: output)
    #expect(undone.outputs == before.outputs, "\(edit) undone")
    #expect(undone.diagnostics == before.diagnostics, "\(edit) undone")
  }

  @Test("a record's passes survive their round trip through bytes")
  func passesRoundTrip() throws {
    var chapter = Chapter(id: "two", path: "c2.md", title: "Two")
    chapter.sourceDigest = Array(repeating: 7, count: 20)
    let at = SourceLocation(file: "c2.md", line: 3, column: 1)
    let passes = ResolveRecord.Passes(
      explicitIDs: [.init(id: "deep", location: at, owned: true)],
      bases: ["two", "notes"], ids: ["two", "notes-2"],
      diagnostics: [Diagnostic(.warning, .headingLevelSkip, "skip", at: at)],
      idsInNotes: ["aside"], codeLanguages: [("zzlang", at)])
    let record = ResolveRecord(
      answers: [], diagnostics: [], images: [], chapter: chapter, walk: nil,
      context: [1, 2, 3], passes: passes)
    let decoded = try #require(ResolveRecord.decode(record.encoded(input: [9]), input: nil))
    #expect(decoded.context == [1, 2, 3])
    let kept = try #require(decoded.passes)
    #expect(kept.explicitIDs == passes.explicitIDs)
    #expect(kept.bases == passes.bases)
    #expect(kept.ids == passes.ids)
    #expect(kept.diagnostics.map(\.description) == passes.diagnostics.map(\.description))
    #expect(kept.idsInNotes == ["aside"])
    #expect(kept.codeLanguages.map(\.name) == ["zzlang"])
    #expect(kept.codeLanguages.map(\.location) == [at])
  }
}
