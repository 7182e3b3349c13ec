import Foundation
import Testing

@testable import OctavoKit

/// A large book's chapters wait to be rendered as bytes (``EncodedChapter``): read back, each
/// renders as the chapter it was written from, and a build gives the same bytes and the same
/// cache keys either way.
@Suite("Chapters waiting as bytes")
struct EncodedChapterTests {
  /// The sample and every fixture book, loaded.
  static var books: [(name: String, book: Book)] {
    var folders = [("Manuscript", TestPaths.sampleManuscript)]
    let root = TestPaths.fixtures.appending(path: "books")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
    for name in names.sorted() where !name.hasPrefix(".") {
      folders.append((name, root.appending(path: name)))
    }
    folders.append(("golden-book", TestPaths.fixtures.appending(path: "golden-book")))
    return folders.compactMap { name, folder in
      (try? Manuscript.load(at: folder, environment: ["SOURCE_DATE_EPOCH": "1700000000"]))
        .map { (name, $0.book) }
    }
  }

  @Test("every chapter without formulas reads back as it renders")
  func roundTrip() throws {
    let books = Self.books
    #expect(books.count >= 14)
    var encoded = 0
    var withMath = 0
    for (name, book) in books {
      let renderer = XHTMLRenderer(book: book)
      for chapter in book.chapters {
        guard let bytes = EncodedChapter(chapter) else {
          #expect(chapter.containsMath, "\(name) \(chapter.path) was not written out")
          withMath += 1
          continue
        }
        encoded += 1
        let decoded = try bytes.decoded()
        #expect(bytes.path == chapter.path)
        #expect(decoded.keyWalk == chapter.keyWalk, "\(name) \(chapter.path)")
        #expect(decoded.mayHoldRawHTML == chapter.mayHoldRawHTML, "\(name) \(chapter.path)")
        #expect(decoded.outline.count == chapter.outline.count, "\(name) \(chapter.path)")
        let original = renderer.render(chapter)
        let again = renderer.render(decoded)
        #expect(original.root == again.root, "\(name) \(chapter.path) renders differently")
        #expect(
          original.diagnostics.map(\.description) == again.diagnostics.map(\.description),
          "\(name) \(chapter.path)")
      }
    }
    // The sample's formulas and the mathematics fixture's keep their models.
    #expect(encoded > 40 && withMath >= 2, "\(encoded) written out, \(withMath) with formulas")
  }

  @Test("bytes cut short or changed are an error, not a chapter")
  func malformed() throws {
    let manuscript = try TemporaryManuscript.load(
      chapters: ["a.md": "# A\n\nText with a note.[^x]\n\n[^x]: The note.\n"], order: ["a.md"])
    let chapter = try #require(manuscript.book.chapters.first)
    let bytes = try #require(EncodedChapter(chapter))
    #expect(try bytes.decoded().footnotes.count == 1)
    let cut = EncodedChapter(path: bytes.path, bytes: Array(bytes.bytes.dropLast(3)))
    #expect(throws: OctavoError.self) { try cut.decoded() }
    let longer = EncodedChapter(path: bytes.path, bytes: bytes.bytes + [0])
    #expect(throws: OctavoError.self) { try longer.decoded() }
  }

  @Test("books wait as bytes when they and one of their chapters hold many blocks and notes")
  func threshold() {
    let block = Block(.thematicBreak, range: SourceRange(SourceLocation(file: "a.md")))
    func book(_ counts: [Int]) -> Book {
      Book(
        metadata: BookMetadata(title: "T"),
        contents: counts.enumerated().map { index, count in
          .chapter(
            Chapter(
              id: "c\(index)", path: "c\(index).md", title: "C",
              blocks: Array(repeating: block, count: count)))
        })
    }
    let limit = EncodedChapter.blockThreshold
    let large = EncodedChapter.chapterThreshold
    #expect(!EncodedChapter.waits(book([100, 200])))
    #expect(!EncodedChapter.waits(book([limit / 2, limit / 2])))
    #expect(EncodedChapter.waits(book([limit / 2, limit / 2 + 1])))
    // Many chapters of ordinary size: the book is large, none of its chapters is.
    let ordinary = Array(repeating: large, count: limit / large + 1)
    #expect(!EncodedChapter.waits(book(ordinary)))
    #expect(EncodedChapter.waits(book(ordinary + [large + 1])))
  }

  /// Notes in each of their three places, raw HTML, links between chapters and a note
  /// referred to only from inside another note.
  static func notesBook(_ placement: String) -> [String: String] {
    [
      "book.yaml": """
      title: Notes Everywhere
      language: en
      notes: \(placement)
      contents: [one.md, two.md]

      """,
      "one.md": """
      # One {#first}

      A claim.[^a] Another, <span id="raw">in raw HTML</span>, and [a link](two.md#second).

      [^a]: Its note, which leans on another.[^b]
      [^b]: The other note, with [a way back](#first).

      """,
      "two.md": """
      # Two {#second}

      | Cell | Note |
      | --- | --- |
      | x | y[^c] |

      Back to [the raw span](one.md#raw).

      [^c]: A note in a table.

      """,
    ]
  }

  /// A build of `root` into a new folder (added to `folders`) with its chapters waiting as
  /// `waits` says, without errors, and the options it was made with.
  static func build(_ root: URL, waits: Bool, folders: inout [URL]) throws
    -> (BuildResult, BuildOptions)
  {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-encoded-\(UUID().uuidString)")
    folders.append(output)
    var options = BuildOptions(
      manuscript: root, output: output, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    options.chaptersWaitEncoded = waits
    let result = try BookBuilder.build(options)
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return (result, options)
  }

  /// The bytes of each output of `result`.
  static func bytes(of result: BuildResult) throws -> [[UInt8]] {
    try result.outputs.map { [UInt8](try Data(contentsOf: $0)) }
  }

  @Test(
    "a build gives the same bytes and cache keys with chapters waiting as bytes",
    arguments: ["footnotes", "chapter-end", "book-end"])
  func sameBuild(_ placement: String) throws {
    let manuscript = try TemporaryManuscript(Self.notesBook(placement))
    defer { manuscript.remove() }
    var outputs: [[[UInt8]]] = []
    var folders: [URL] = []
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    for waits in [false, true] {
      let (result, built) = try Self.build(manuscript.root, waits: waits, folders: &folders)
      var options = built
      #expect(result.outputs.count == 2)
      outputs.append(try Self.bytes(of: result))
      if waits {
        // The book kept is the outline the EPUB and print edition need (and the words).
        #expect(result.book.wordCount > 20)
        // A rebuild (its chapters waiting as models) finds every chapter under its key.
        options.chaptersWaitEncoded = false
        let again = try BookBuilder.build(options)
        #expect(again.cachedChapters == 2)
        #expect(
          try again.outputs.map { [UInt8](try Data(contentsOf: $0)) } == outputs.last,
          "the rebuild's outputs differ")
      }
    }
    #expect(outputs[0] == outputs[1], "the outputs differ when chapters wait as bytes")
  }

  @Test(
    "a chapter large enough to render alone, its print section on two threads, gives the same bytes"
  )
  func aloneBuild() throws {
    let count = 4_000
    let text = (1...count).map { "Paragraph \($0), with [a link](two.md) and a note.[^\($0)]" }
    let notes = (1...count).map { "[^\($0)]: Note \($0), *set* in the notes." }
    let manuscript = try TemporaryManuscript([
      "book.yaml": "title: Alone\nlanguage: en\ncontents: [one.md, two.md]\n",
      "one.md": "# One\n\n" + text.joined(separator: "\n\n") + "\n\n"
        + notes.joined(separator: "\n\n")
        + "\n",
      "two.md": "# Two\n\nA short chapter.[^x]\n\n[^x]: Its note.\n",
    ])
    defer { manuscript.remove() }
    // The large chapter's bytes are more than half the render gate: it renders alone.
    let loaded = try ParkedChapterTests.load(manuscript.root, parking: true)
    let large = try #require(EncodedChapter(loaded.book.chapters[0]))
    #expect(large.bytes.count > SerializedBook.renderGateLimit / 2)
    var outputs: [[[UInt8]]] = []
    var folders: [URL] = []
    defer { for folder in folders { try? FileManager.default.removeItem(at: folder) } }
    for waits in [false, true] {
      let (result, built) = try Self.build(manuscript.root, waits: waits, folders: &folders)
      var options = built
      outputs.append(try Self.bytes(of: result))
      // A rebuild finds both chapters' cache entries whole, and gives the same bytes, with
      // the large chapter taken from its record parked or not.
      for parking in [nil, false] {
        options.chaptersWaitEncoded = parking
        let again = try BookBuilder.build(options)
        #expect(again.cachedChapters == 2)
        #expect(try again.outputs.map { [UInt8](try Data(contentsOf: $0)) } == outputs.last)
      }
    }
    #expect(outputs.count == 2 && outputs[0].count == 2)
    #expect(outputs[0] == outputs[1], "the outputs differ when the large chapter renders alone")
    // The short chapter edited: its rebuild, the large chapter parked from its record and
    // found in the cache by its key, gives a clean build's bytes.
    try manuscript.write(
      Array("# Two\n\nA longer short chapter.[^x]\n\n[^x]: Its note.\n".utf8), to: "two.md")
    var rebuilt: [[[UInt8]]] = []
    for useCache in [true, false] {
      var options = BuildOptions(
        manuscript: manuscript.root, output: folders[1],
        environment: ["SOURCE_DATE_EPOCH": "1700000000"], useCache: useCache)
      options.chaptersWaitEncoded = nil
      let result = try BookBuilder.build(options)
      if useCache { #expect(result.cachedChapters == 1 && result.reusedResolves == 1) }
      rebuilt.append(try Self.bytes(of: result))
    }
    #expect(rebuilt[0] == rebuilt[1], "the rebuild differs from a clean build")
  }

  /// The weight under way, the most seen at once and the runs finished.
  final class Tally: @unchecked Sendable {
    let lock = NSLock()
    var underWay = 0
    var most = 0
    var runs = 0
  }

  @Test("the gate lets no more weight through at once than its limit, unless alone")
  func gate() {
    for (weight, limit, alone) in [(3, 4, true), (2, 4, false), (10, 4, true), (1, 8, false)] {
      let gate = MemoryGate(limit: limit)
      let tally = Tally()
      DispatchQueue.concurrentPerform(iterations: 16) { _ in
        gate.run(weight: weight) {
          tally.lock.withLock {
            tally.underWay += weight
            tally.most = max(tally.most, tally.underWay)
          }
          usleep(2_000)
          tally.lock.withLock {
            tally.underWay -= weight
            tally.runs += 1
          }
        }
      }
      #expect(tally.runs == 16)
      #expect(
        alone ? tally.most == weight : tally.most <= limit,
        "weight \(weight), limit \(limit): \(tally.most)")
    }
  }
}
