import Foundation
import Testing

@testable import OctavoKit

/// Real EPUB clients open the sample book and find its title, authors, chapters and notes:
/// pandoc (`-f epub`) and Python's EbookLib. `make test` installs both
/// (`.ci/install-deps test`, `.ci/install-validators`); without them these tests show as
/// skipped, unless `OCTAVO_REQUIRE_VALIDATORS=1` requires them (then they fail).
@Suite("Reader clients", .serialized)
struct ReaderClientTests {
  static var pandoc: URL? { OutsideTool.program("pandoc") }

  static var python: URL? {
    let url = TestPaths.packageRoot.appending(path: ".venv/bin/python")
    guard FileManager.default.isExecutableFile(atPath: url.path),
      (try? runProcess(url, ["-c", "import ebooklib"]).status) == 0
    else { return nil }
    return url
  }

  /// Builds the sample book (page list on, as in its book.yaml) with `notes`.
  static func buildSample() throws -> (epub: URL, folder: URL) {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-clients-\(UUID().uuidString)")
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: TestPaths.sampleManuscript, styles: TestPaths.styles, output: folder,
        formats: [.epub],
        environment: ["SOURCE_DATE_EPOCH": "1700000000"]))
    #expect(!result.diagnostics.hasErrors)
    return (try #require(result.outputs.first), folder)
  }

  // pandoc: skipped without it, failed when make test requires it.
  @Test(
    "pandoc reads the title, authors, every chapter and the notes",
    .enabled(if: ReaderClientTests.pandoc != nil || OutsideTool.required))
  func pandocReads() throws {
    try OutsideTool.require(Self.pandoc != nil, "pandoc", install: ".ci/install-deps test")
    let pandoc = Self.pandoc!
    let (epub, folder) = try Self.buildSample()
    defer { try? FileManager.default.removeItem(at: folder) }
    let result = try runProcess(pandoc, ["-f", "epub", "-t", "markdown", "-s", epub.path])
    #expect(result.status == 0, "\(result.stderr)")
    let text = result.stdout
    #expect(text.contains("title:") && text.contains("- Octavo"))
    #expect(text.contains("author: Marguerite Okonkwo-Lindqvist"))
    let book = try Manuscript.load(at: TestPaths.sampleManuscript).book
    for chapter in book.chapters where chapter.type != .dedication {
      #expect(text.contains("# \(chapter.title)"), "pandoc lost the chapter \(chapter.title)")
    }
    // Notes come through as real notes: pandoc gives each reference its own note.
    let references = book.chapters.flatMap(\.footnotes).reduce(0) { $0 + $1.referenceCount }
    #expect(references > 0)
    let definitions = text.split(separator: "\n").filter { $0.hasPrefix("[^") && $0.contains("]:") }
    #expect(definitions.count == references)
  }

  // EbookLib (Python, in .venv): skipped without it, failed when make test requires it.
  @Test(
    "EbookLib reads the title, authors, the contents and the notes",
    .enabled(if: ReaderClientTests.python != nil || OutsideTool.required))
  func ebookLibReads() throws {
    try OutsideTool.require(Self.python != nil, "EbookLib", install: ".ci/install-validators")
    let python = Self.python!
    let (epub, folder) = try Self.buildSample()
    defer { try? FileManager.default.removeItem(at: folder) }
    let script = """
      import json, sys, ebooklib
      from ebooklib import epub
      book = epub.read_epub(sys.argv[1], {"ignore_ncx": True})
      def titles(entries):
          for entry in entries:
              if isinstance(entry, tuple):
                  yield entry[0].title
                  yield from titles(entry[1])
              else:
                  yield entry.title
      documents = list(book.get_items_of_type(ebooklib.ITEM_DOCUMENT))
      print(json.dumps({
          "title": [t[0] for t in book.get_metadata("DC", "title")],
          "creators": [c[0] for c in book.get_metadata("DC", "creator")],
          "toc": list(titles(book.toc)),
          "documents": len(documents),
          "footnotes": sum(d.get_content().decode().count('epub:type="footnote"') for d in documents),
      }))
      """
    let result = try runProcess(python, ["-c", script, epub.path])
    #expect(result.status == 0, "\(result.stderr)")
    let object =
      try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any] ?? [:]
    #expect((object["title"] as? [String])?.first == "Octavo")
    #expect(object["creators"] as? [String] == ["Marguerite Okonkwo-Lindqvist"])
    let book = try Manuscript.load(at: TestPaths.sampleManuscript).book
    let toc = object["toc"] as? [String] ?? []
    for chapter in book.chapters {
      #expect(toc.contains(chapter.title), "EbookLib misses \(chapter.title)")
    }
    #expect(object["footnotes"] as? Int == book.chapters.reduce(0) { $0 + $1.footnotes.count })
  }
}
