import Foundation
import Testing

@testable import OctavoKit

/// A rebuild from the cache after an edit writes the bytes a clean build of the edited book
/// writes, edit after edit: what the rebuild takes over from the last build (summaries,
/// renderings, checks, zip entries) must follow every change that reaches it.
@Suite("Rebuilds after edits")
struct RebuildEditTests {
  /// The edits, each made and then undone, with a rebuild after each step.
  enum Edit: String, CaseIterable, Sendable {
    /// A paragraph of one chapter rewritten.
    case paragraph
    /// A heading added that two other chapters already link to (their links resolve now).
    case linkedHeadingAdded
    /// A heading removed that two other chapters link to (their links fall back).
    case linkedHeadingRemoved
    /// A chapter file renamed in `book.yaml` (and on disk), a link to it updated.
    case chapterRenamed
    /// A second note added to one chapter (its calls and the notes list change).
    case noteAdded
    /// The explicit id two other chapters link to renamed (their links fall back).
    case explicitIDRenamed
    /// Two chapters of the part swapped in `book.yaml`.
    case chaptersReordered
    /// The book's subtitle added to `book.yaml` (every chapter's key changes).
    case metadataEdited
    /// The notes moved to the book's end in `book.yaml`.
    case notesAtBookEnd
  }

  static let chapterCount = 6

  /// Chapter `number` of the book. Chapters 1 and 5 link to `#currents` in chapter 3, which
  /// has that heading when `currents` is true; chapter 6 links to chapter 4 by `fourth`.
  static func chapter(
    _ number: Int, currents: Bool = true, fourth: String = "c4.md", paragraph: String = "",
    currentsID: String = "currents"
  ) -> String {
    // The next chapter's landing (chapter 4's is left out: its file is renamed).
    let next = number == 3 ? 5 : number % chapterCount + 1
    var text = """
      # Chapter \(number)

      Opening words of chapter \(number), with *emphasis* and a note.[^n]

      ## Landing \(number)

      Back to [the first chapter](c1.md), on to [landing \(next)](c\(next).md#landing-\(next)).

      """
    if number == 1 || number == 5 {
      text += "\nThe [currents](c3.md#currents) are explained in chapter 3.\n"
    }
    if number == 3 && currents {
      text += "\n## Currents {#\(currentsID)}\n\nThey run north in spring.\n"
    }
    if number == 6 { text += "\nSee [the fourth chapter](\(fourth)).\n" }
    if !paragraph.isEmpty { text += "\n\(paragraph)\n" }
    text += "\n[^n]: A note of chapter \(number).\n"
    return text
  }

  static func bookYAML(fourth: String = "c4.md", edit: Edit? = nil) -> String {
    let middle =
      edit == .chaptersReordered
      ? "c5.md, c3.md, \(fourth), c2.md" : "c2.md, c3.md, \(fourth), c5.md"
    var text = """
      title: Rebuilds
      language: en
      contents:
        - c1.md
        - part: The Middle
          chapters: [\(middle)]
        - c6.md

      """
    if edit == .metadataEdited { text += "subtitle: Edited Since\n" }
    if edit == .notesAtBookEnd { text += "notes: book-end\n" }
    return text
  }

  /// Writes the book in its state for `edit`, `done` or not.
  static func write(_ book: TemporaryManuscript, _ edit: Edit, done: Bool) throws {
    let fourth = edit == .chapterRenamed && done ? "c4-renamed.md" : "c4.md"
    let currents =
      switch edit {
      case .linkedHeadingAdded: done
      case .linkedHeadingRemoved: !done
      default: true
      }
    for number in 1...chapterCount where number != 4 {
      var paragraph =
        edit == .paragraph && number == 2 && done ? "A paragraph written since the last build." : ""
      if edit == .noteAdded && number == 2 && done {
        paragraph = "A second note.[^m]\n\n[^m]: The second note of chapter 2."
      }
      let currentsID = edit == .explicitIDRenamed && done ? "streams" : "currents"
      try book.write(
        Array(
          chapter(
            number, currents: currents, fourth: fourth, paragraph: paragraph,
            currentsID: currentsID
          ).utf8),
        to: "c\(number).md")
    }
    try? FileManager.default.removeItem(
      at: book.root.appending(path: fourth == "c4.md" ? "c4-renamed.md" : "c4.md"))
    try book.write(Array(chapter(4).utf8), to: fourth)
    try book.write(
      Array(bookYAML(fourth: fourth, edit: done ? edit : nil).utf8), to: "book.yaml")
  }

  @Test(
    "a rebuild after an edit, and after it is undone, writes what a clean build writes",
    arguments: Edit.allCases, [true, false])
  func rebuildAfterEdit(_ edit: Edit, parallel: Bool) throws {
    let book = try TemporaryManuscript([:])
    defer { book.remove() }
    try Self.write(book, edit, done: false)
    let output = IncrementalBuildTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let first = try IncrementalBuildTests.build(book.root, into: output, parallel: parallel)
    #expect(first == (try IncrementalBuildTests.reference(book.root)))
    // A second build takes every chapter from its summary and records resolving it
    // (``ResolveRecord``): the rebuilds after the edit have records to take or refuse.
    #expect(
      try IncrementalBuildTests.build(book.root, into: output, parallel: parallel) == first)
    for done in [true, false] {
      try Self.write(book, edit, done: done)
      let rebuilt = try IncrementalBuildTests.build(book.root, into: output, parallel: parallel)
      let clean = try IncrementalBuildTests.reference(book.root)
      #expect(rebuilt == clean, "\(edit), \(done ? "made" : "undone")")
      // Most chapters come from the cache: the rebuild is one (not after an edit of the
      // metadata, which every chapter's rendering depends on, nor after it is undone: the
      // entries of the first build were pruned by the second).
      if ![.metadataEdited, .notesAtBookEnd].contains(edit) {
        #expect(
          rebuilt.cached >= Self.chapterCount - 3, "\(rebuilt.cached) chapters from the cache")
      }
    }
  }

  @Test(
    "an EPUB that cannot be put in place leaves the print edition as it was",
    arguments: [true, false])
  func printEditionWaitsForTheEPUB(parallel: Bool) throws {
    let book = try TemporaryManuscript([:])
    defer { book.remove() }
    try Self.write(book, .paragraph, done: false)
    let output = IncrementalBuildTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let first = try IncrementalBuildTests.build(book.root, into: output, parallel: parallel)
    let epub = output.appending(path: "rebuilds.epub")
    let html = output.appending(path: "rebuilds.html")
    #expect(try Data(contentsOf: html) == Data(first.html))
    // A folder where the EPUB goes: the rename of the new EPUB over it fails.
    try FileManager.default.removeItem(at: epub)
    try FileManager.default.createDirectory(
      at: epub.appending(path: "in-the-way"), withIntermediateDirectories: true)
    try Self.write(book, .paragraph, done: true)
    var options = BuildOptions(
      manuscript: book.root, output: output, environment: IncrementalBuildTests.environment,
      parallel: parallel)
    options.useCache = true
    #expect(throws: OctavoError.self) { try BookBuilder.build(options) }
    #expect(try Data(contentsOf: html) == Data(first.html))
    let left = try FileManager.default.contentsOfDirectory(atPath: output.path)
    #expect(left.filter { $0.hasSuffix(".tmp") }.isEmpty, "\(left)")
    // With the way clear, the next build writes both, as a clean build does.
    try FileManager.default.removeItem(at: epub)
    let rebuilt = try IncrementalBuildTests.build(book.root, into: output, parallel: parallel)
    #expect(rebuilt == (try IncrementalBuildTests.reference(book.root)))
  }
}
