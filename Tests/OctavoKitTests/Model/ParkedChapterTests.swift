import Foundation
import Testing

@testable import OctavoKit

/// A large chapter waits as bytes from the moment it is parsed (``Chapter/park()``): it reads
/// back as it was, answers the book-wide passes' questions without reading back, and a book
/// loaded with its chapters parked is the book loaded without.
@Suite("Chapters parked as bytes")
struct ParkedChapterTests {
  static let environment = ["SOURCE_DATE_EPOCH": "1700000000"]

  /// Loads `folder` as a build does, parking its chapters as `parking` says.
  static func load(_ folder: URL, parking: Bool?, environment: [String: String] = environment)
    throws -> Manuscript
  {
    try Manuscript.load(
      at: folder, environment: environment, parallel: true, memo: nil, summaries: nil,
      memoSummaries: false, fullPaths: [], parking: parking)
  }

  /// Everything the model codec writes of `chapter` (its text read back when parked), and
  /// what it does not: whether it may hold raw HTML, its key walk.
  static func written(_ chapter: Chapter) -> [UInt8] {
    let chapter = chapter.unparked
    var writer = ModelWriter()
    writer.file = chapter.path
    writer.chapter(chapter)
    writer.bool(chapter.mayHoldRawHTML)
    writer.keyWalk(chapter.keyWalk)
    return writer.bytes
  }

  @Test("a parked chapter reads back as it was and answers without reading back")
  func roundTrip() throws {
    var parkedCount = 0
    for (name, book) in EncodedChapterTests.books {
      for chapter in book.chapters where !chapter.containsMath {
        var parked = chapter
        parked.park()
        parkedCount += 1
        #expect(parked.isParked && !chapter.isParked)
        #expect(parked.blockCount == chapter.blocks.count + chapter.footnotes.count)
        #expect(parked.hasLabels == chapter.hasLabels, "\(name) \(chapter.path)")
        #expect(parked.rawHTMLNames == chapter.rawHTMLNames, "\(name) \(chapter.path)")
        #expect(
          parked.explicitHeadingIDs.map(\.id) == chapter.explicitHeadingIDs.map(\.id)
            && parked.explicitHeadingIDs.map(\.location)
              == chapter.explicitHeadingIDs.map(\.location),
          "\(name) \(chapter.path)")
        #expect(
          Self.written(parked.outlineOnly(keepingNotes: false))
            == Self.written(chapter.outlineOnly(keepingNotes: false)), "\(name) \(chapter.path)")
        // Written out for rendering as it is, without reading it back first.
        #expect(EncodedChapter(parked)?.bytes == EncodedChapter(chapter)?.bytes)
        let back = parked.unparked
        #expect(!back.isParked)
        #expect(Self.written(back) == Self.written(chapter), "\(name) \(chapter.path)")
        #expect(back.mayHoldRawHTML == chapter.mayHoldRawHTML)
        // Changed while read back, it is parked again with the change.
        var changed = parked
        changed.whileUnparked {
          $0.blocks.append(Block(.thematicBreak, range: SourceRange(.init(file: $0.path))))
        }
        #expect(changed.isParked)
        #expect(changed.blockCount == parked.blockCount + 1)
        #expect(changed.unparked.blocks.count == chapter.blocks.count + 1)
      }
    }
    #expect(parkedCount > 40)
  }

  /// The sample, every fixture book and every broken manuscript.
  static var folders: [URL] {
    var folders = [TestPaths.sampleManuscript, TestPaths.fixtures.appending(path: "golden-book")]
    for corpus in ["books", "broken"] {
      let root = TestPaths.fixtures.appending(path: corpus)
      let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
      for name in names.sorted() where !name.hasPrefix(".") {
        let folder = root.appending(path: name)
        if FileManager.default.fileExists(atPath: folder.appending(path: "book.yaml").path) {
          folders.append(folder)
        }
      }
    }
    return folders
  }

  @Test("a book loaded with every chapter parked is the book loaded without, problems and all")
  func sameBook() throws {
    var parkedBooks = 0
    var compared = 0
    for folder in Self.folders {
      let environment = BrokenManuscriptTests.environment(for: folder)
      let whole = try Self.load(folder, parking: false, environment: environment)
      let parked = try Self.load(folder, parking: true, environment: environment)
      let name = folder.lastPathComponent
      #expect(!whole.book.chapters.contains { $0.isParked })
      if parked.book.chapters.contains(where: \.isParked) { parkedBooks += 1 }
      #expect(
        parked.diagnostics.map(\.description) == whole.diagnostics.map(\.description), "\(name)")
      #expect(parked.book.chapters.map(\.id) == whole.book.chapters.map(\.id), "\(name)")
      #expect(parked.book.images.map(\.path) == whole.book.images.map(\.path), "\(name)")
      for (one, other) in zip(parked.book.chapters, whole.book.chapters) {
        #expect(Self.written(one) == Self.written(other), "\(name) \(one.path)")
        compared += 1
      }
    }
    #expect(parkedBooks >= 90 && compared > 150, "\(parkedBooks) books, \(compared) chapters")
  }

  @Test("a build with every chapter parked reports what a build without does")
  func sameBuild() throws {
    var failed = 0
    for folder in Self.folders {
      var diagnostics: [[String]] = []
      var outputs: [Int] = []
      for parking in [false, true] {
        let output = FileManager.default.temporaryDirectory
          .appending(path: "octavo-parked-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: output) }
        var options = BuildOptions(
          manuscript: folder, output: output,
          environment: BrokenManuscriptTests.environment(for: folder), useCache: false)
        options.chaptersWaitEncoded = parking
        let result = try? BookBuilder.build(options)
        diagnostics.append(result?.diagnostics.map(\.description) ?? ["threw"])
        outputs.append(result?.outputs.count ?? -1)
        // The book a build returns is never parked.
        #expect(result?.book.chapters.contains { $0.isParked } != true)
      }
      let name = folder.lastPathComponent
      #expect(diagnostics[0] == diagnostics[1], "\(name)")
      #expect(outputs[0] == outputs[1], "\(name)")
      if outputs[0] <= 0 { failed += 1 }
    }
    // Most broken manuscripts stop the build; every fixture book builds.
    #expect(failed > 50, "\(failed) builds stopped")
  }

  @Test("only chapters of many blocks and notes are parked, never one with formulas")
  func whichChapters() throws {
    let large = (1...5_001).map { "Line \($0)." }.joined(separator: "\n\n")
    let notes = (1...2_600).map { "Text.[^\($0)]\n\n[^\($0)]: Note." }.joined(separator: "\n\n")
    let chapters = [
      "large.md": "# Large\n\n" + large + "\n",
      "notes.md": "# Notes\n\n" + notes + "\n",
      "small.md": "# Small\n\nA paragraph.\n",
      "formula.md": "# Formula\n\n$x$\n\n" + large + "\n",
    ]
    let order = ["large.md", "notes.md", "small.md", "formula.md"]
    func parked(_ yaml: String, parking: Bool?) throws -> [String] {
      var files = chapters
      files["book.yaml"] =
        "title: T\nlanguage: en\n\(yaml)contents: [\(order.joined(separator: ", "))]\n"
      let book = try TemporaryManuscript(files)
      defer { book.remove() }
      return try Self.load(book.root, parking: parking).book.chapters.filter(\.isParked).map(\.path)
    }
    let byThreshold = try parked("", parking: nil)
    let every = try parked("", parking: true)
    let none = try parked("", parking: false)
    #expect(byThreshold == ["large.md", "notes.md"])
    #expect(every == ["large.md", "notes.md", "small.md"])
    #expect(none.isEmpty)
    // Notes gathered at the book's end and a page list read every chapter's text.
    let bookEnd = try parked("notes: book-end\n", parking: true)
    let pageList = try parked("page-list: true\n", parking: true)
    #expect(bookEnd.isEmpty && pageList.isEmpty)
    // What a caller of the library loads is whole.
    var files = chapters
    files["book.yaml"] = "title: T\nlanguage: en\ncontents: [\(order.joined(separator: ", "))]\n"
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    let loaded = try book.load()
    #expect(!loaded.book.chapters.contains { $0.isParked })
  }
}
