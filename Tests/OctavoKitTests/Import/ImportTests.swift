import Foundation
import Testing

@testable import OctavoKit

/// `octavo import mdbook` and `octavo import pandoc`: the readers, and the fixture books in
/// each layout imported by the real binary, built, and checked by EPUBCheck.
@Suite("Import", .serialized)
struct ImportTests {
  static let mdbook = TestPaths.fixtures.appending(path: "import/mdbook/lighthouse-guide")
  static let pandoc = TestPaths.fixtures.appending(path: "import/pandoc/field-notes")

  // MARK: - book.toml

  @Test(
    "the TOML subset reads strings of every kind, arrays, booleans and dotted keys",
    arguments: [
      (
        #"title = "A \"quoted\" \u00e9 title""#, "book.title",
        TOMLSubset.Value.string("A \"quoted\" é title")
      ),
      (#"title = 'C:\literal'"#, "book.title", .string(#"C:\literal"#)),
      (
        "description = \"\"\"\nfirst \\\n   second\"\"\"", "book.description",
        .string("first second")
      ),
      ("description = '''\nkept \\ as is\n'''", "book.description", .string("kept \\ as is\n")),
      (
        "authors = [\"A\", 'B',\n  # a comment\n  \"C\",\n]", "book.authors",
        .array([.string("A"), .string("B"), .string("C")])
      ),
      ("multilingual = false # trailing comment", "book.multilingual", .bool(false)),
      ("book.title = \"Dotted\"", "book.book.title", .string("Dotted")),
      ("count = 1_000", "book.count", .integer(1000)),
    ])
  func tomlValues(_ line: String, _ key: String, _ expected: TOMLSubset.Value) {
    let toml = TOMLSubset(
      "[book]\n" + line + "\n", file: "book.toml", wanted: ["book", "book.book"])
    #expect(toml[key] == expected, "\(toml.diagnostics)")
    #expect(toml.diagnostics.isEmpty, "\(toml.diagnostics)")
  }

  @Test(
    "TOML outside the tables read is passed over; problems in them are reported with their line")
  func tomlProblems() {
    let text = """
      title = "top"
      [output.html]
      additional-js = [
          "a.js",
      ]
      theme = { x = 1 }
      [book]
      title = "Kept"
      date = 2024-01-01
      authors = ["unclosed"
      language = "en"
      """
    let toml = TOMLSubset(text, file: "book.toml", wanted: ["book"])
    #expect(toml["title"]?.string == "top")
    #expect(toml["book.title"]?.string == "Kept")
    #expect(toml["book.language"]?.string == "en")
    #expect(toml["output.html.additional-js"] == nil)
    #expect(
      toml.diagnostics.map { "\($0.location!.line) \($0.code.rawValue)" } == [
        "9 OCT601", "10 OCT601",
      ],
      "\(toml.diagnostics)")
  }

  // MARK: - SUMMARY.md

  @Test("SUMMARY.md: title, prefix chapters, parts, nested and draft chapters, suffix chapters")
  func summary() {
    let summary = MdBookSummary(
      """
      # Summary

      [Preface](preface.md)
      <!-- a comment -->

      - [One](one.md)
          - [One, part two](one/two.md)
      * [Draft]()

      # Second Part

      1. [Three](<three four.md>)

      ---

      [Notes](notes.md#top)
      this line is not a link
      """, file: "src/SUMMARY.md")
    #expect(summary.title == "Summary")
    #expect(summary.sections.map(\.partTitle) == [nil, nil, "Second Part", nil])
    #expect(
      summary.sections.map { $0.items.map { $0.path ?? "-" } }
        == [["preface.md"], ["one.md", "one/two.md", "-"], ["three four.md"], ["notes.md"]])
    #expect(
      summary.diagnostics.map { "\($0.location!.line):\($0.location!.column) \($0.code.rawValue)" }
        == ["17:1 OCT602"])
  }

  // MARK: - End to end

  /// A hash of every file under `folder`, to see that an import changed nothing there.
  static func snapshot(_ folder: URL) throws -> [String: [UInt8]] {
    var files: [String: [UInt8]] = [:]
    let enumerator = FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil)
    while let url = enumerator?.nextObject() as? URL {
      var isDirectory: ObjCBool = false
      FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory)
      if !isDirectory.boolValue {
        files[url.path] = SHA1.hash([UInt8](try Data(contentsOf: url)))
      }
    }
    return files
  }

  /// The heading texts of Markdown files, outside fenced code, without attributes.
  static func headings(_ markdown: String) -> [String] {
    var inFence = false
    var result: [String] = []
    var previous = ""
    for line in markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
      let trimmed = line.trimmingCharacters(in: .whitespaces)
      if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") { inFence.toggle() }
      if !inFence {
        if let match = line.firstMatch(of: /^#{1,6}\s+(.*?)\s*(\{[^}]*\})?\s*$/) {
          result.append(String(match.1))
        } else if !trimmed.isEmpty, trimmed.allSatisfy({ $0 == "=" }), !previous.isEmpty {
          result.append(previous)
        }
      }
      previous = trimmed
    }
    return result
  }

  /// Imports `source` with the real binary into a new folder, builds it, checks the EPUB
  /// with EPUBCheck; returns the loaded manuscript and the import's output.
  static func importAndBuild(_ kind: String, _ source: URL) throws
    -> (
      manuscript: Manuscript, epub: URL, folder: URL,
      imported: (status: Int32, stdout: String, stderr: String)
    )
  {
    try Validators.require()
    let work = FileManager.default.temporaryDirectory.appending(
      path: "octavo-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    let before = try snapshot(source)
    let imported = try runProcess(
      TestPaths.octavo, ["import", kind, source.path, "book"], in: work)
    #expect(imported.status == 0, "\(imported.stderr)")
    #expect(try snapshot(source) == before, "the source was changed")
    let book = work.appending(path: "book")
    // Built from inside the new book, as the author would.
    let built = try runProcess(TestPaths.octavo, ["build"], in: book)
    #expect(built.status == 0, "\(built.stderr)")
    let manuscript = try Manuscript.load(at: book)
    let epub = try #require(
      try FileManager.default.contentsOfDirectory(
        at: book.appending(path: "Output"), includingPropertiesForKeys: nil
      )
      .first { $0.pathExtension == "epub" })
    let report = try Validators.epubcheck(epub)
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(report.messages.joined(separator: "\n"))")
    return (manuscript, epub, work, imported)
  }

  // EPUBCheck (java): skipped without it, failed when make test requires it.
  @Test(
    "an mdBook imports into a manuscript that builds with EPUBCheck 0/0/0, every chapter, heading and image kept",
    .enabled(if: Validators.enabled))
  func mdbookEndToEnd() throws {
    let (manuscript, epub, work, imported) = try Self.importAndBuild("mdbook", Self.mdbook)
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(
      imported.stdout.hasPrefix("imported 9 chapters in 2 parts and 3 other files into book\n"),
      "\(imported.stdout)")
    #expect(
      imported.stderr.contains(
        "src/SUMMARY.md:13:1: warning: draft chapter 'Weather Signals' has no file yet"))
    #expect(manuscript.check().filter { $0.severity != .note }.isEmpty, "\(manuscript.check())")

    let book = manuscript.book
    #expect(book.metadata.title == "The Lighthouse Keeper's Guide")
    #expect(book.metadata.authors.map(\.name) == ["Agnes Thorvaldsen", "Tobias Ferreira-Hale"])
    #expect(book.metadata.description == "A guide to keeping a light, written as an mdBook.")
    #expect(book.parts.map(\.title) == ["Part One: The Light", "Part Two: The Keeper"])
    #expect(
      book.parts.map { $0.chapters.map(\.path) } == [
        ["part-one/lamp.md", "part-one/wicks.md", "part-one/lens.md"],
        ["part-two/round.md", "part-two/the logbook.md"],
      ])
    let order = [
      "foreword.md", "intro.md", "part-one/lamp.md", "part-one/wicks.md", "part-one/lens.md",
      "part-two/round.md", "part-two/the logbook.md", "glossary.md", "afterword.md",
    ]
    #expect(book.chapters.map(\.path) == order)
    // Every heading of every chapter, in order.
    for chapter in book.chapters {
      let source = try String(
        contentsOf: Self.mdbook.appending(path: "src").appending(path: chapter.path),
        encoding: .utf8)
      // Octavo's typography curls the apostrophes.
      #expect(
        chapter.headings.map(\.plainText)
          == Self.headings(source).map { $0.replacingOccurrences(of: "'", with: "\u{2019}") },
        "\(chapter.path)")
    }
    // Every image, in the book and in the EPUB.
    #expect(
      Set(book.images.map(\.path)) == [
        "images/lamp.svg", "images/log page.svg", "images/tower.png",
      ])
    let archive = try ZipArchiveReader(epub)
    #expect(archive.names.filter { $0.hasPrefix("EPUB/images/") }.count == 3, "\(archive.names)")
    let yaml = try String(contentsOf: work.appending(path: "book/book.yaml"), encoding: .utf8)
    #expect(
      yaml.contains("# Draft chapters in the source, with no file yet:\n#   - Weather Signals\n"))
    // Markdown that SUMMARY.md leaves out is not copied, nor is the theme.
    #expect(
      !FileManager.default.fileExists(
        atPath: work.appending(path: "book/notes-not-in-summary.md").path))
  }

  // EPUBCheck (java): skipped without it, failed when make test requires it.
  @Test(
    "a pandoc file imports into a chapter per level-1 heading, with notes, links and images kept",
    .enabled(if: Validators.enabled))
  func pandocEndToEnd() throws {
    let source = Self.pandoc.appending(path: "field-notes.md")
    let (manuscript, epub, work, imported) = try Self.importAndBuild("pandoc", source)
    defer { try? FileManager.default.removeItem(at: work) }
    #expect(
      imported.stdout.hasPrefix("imported 5 chapters and 2 other files into book\n"),
      "\(imported.stdout)")
    #expect(
      imported.stderr.contains(
        "field-notes.md:12:1: warning: metadata key 'keywords' has no place in book.yaml; it is left out [OCT607]"
      ),
      "\(imported.stderr)")
    // No broken links, no undefined or unused notes, no duplicate ids.
    #expect(manuscript.check().isEmpty, "\(manuscript.check())")

    let book = manuscript.book
    #expect(book.metadata.title == "Field Notes from the Coast")
    #expect(book.metadata.subtitle == "A Year of Walking")
    #expect(
      book.metadata.authors.map(\.name) == ["Marguerite Okonkwo-Lindqvist", "Tobias Ferreira-Hale"])
    #expect(book.metadata.language == "en-GB")
    #expect(
      book.chapters.map(\.title) == [
        "Field Notes from the Coast", "Winter", "Spring comes", "Summer", "Autumn",
      ])
    let text = try String(contentsOf: source, encoding: .utf8)
    #expect(book.chapters.flatMap { $0.headings.map(\.plainText) } == Self.headings(text))
    #expect(book.chapters.map(\.footnotes.count) == [0, 2, 0, 1, 1])
    #expect(Set(book.images.map(\.path)) == ["images/frost.png", "images/gull.svg"])
    let archive = try ZipArchiveReader(epub)
    #expect(archive.names.filter { $0.hasPrefix("EPUB/images/") }.count == 2)
    let winter = try String(contentsOf: work.appending(path: "book/winter.md"), encoding: .utf8)
    #expect(winter.contains("See [spring](spring-comes.md) for the thaw."))
    #expect(winter.contains("![Frost on the dune grass](images/frost.png)\n"))
  }

  @Test("what an import cannot carry over is reported where it is in the source")
  func importDiagnostics() throws {
    let mdbook = try TemporaryManuscript([
      "book.toml": "[book]\ntitle = \"T\"\n",
      "src/SUMMARY.md": "- [One](one.md)\n- [Gone](gone.md)\n",
      "src/one.md": "# One\n\n```rust\n{{#include ../code/main.rs:2:4}}\n```\n",
    ])
    defer { mdbook.remove() }
    let book = try MdBookImporter.read(mdbook.root)
    #expect(
      book.diagnostics.map {
        "\($0.location!.file):\($0.location!.line):\($0.location!.column) \($0.code.rawValue)"
      }
        == ["src/SUMMARY.md:2:1 OCT604", "src/one.md:4:1 OCT605"], "\(book.diagnostics)")
    #expect(book.metadata.language == nil && book.bookYAML.contains("language: \"en\"\n"))

    let pandoc = try TemporaryManuscript(
      [
        "text/book.md":
          "---\ntitle: T\nheader-includes: x\n---\n# A\n\n![outside](../pic.png)\n![inside](pic.png)\n"
      ], binary: ["pic.png": tinyPNG, "text/pic.png": tinyPNG])
    defer { pandoc.remove() }
    let imported = try PandocImporter.read(pandoc.root.appending(path: "text/book.md"))
    #expect(
      imported.diagnostics.map { "\($0.location!.line) \($0.code.rawValue)" } == [
        "3 OCT607", "1 OCT606",
      ],
      "\(imported.diagnostics)")
    #expect(imported.keptFiles == ["pic.png"])
  }

  @Test("import refuses a destination that holds anything, and a folder that is no mdBook")
  func refusals() throws {
    let work = FileManager.default.temporaryDirectory.appending(
      path: "octavo-import-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: work.appending(path: "taken"), withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: work) }
    try Data("x".utf8).write(to: work.appending(path: "taken/keep.txt"))
    let taken = try runProcess(
      TestPaths.octavo, ["import", "mdbook", Self.mdbook.path, "taken"], in: work)
    #expect(taken.status == 1)
    #expect(taken.stderr.contains("octavo: error: the folder is not empty: "))
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: work.appending(path: "taken").path) == [
        "keep.txt"
      ])
    let notMdBook = try runProcess(
      TestPaths.octavo, ["import", "mdbook", TestPaths.sampleManuscript.path, "out"], in: work)
    #expect(notMdBook.status == 66)
    #expect(
      notMdBook.stderr.contains("no book.toml: this is not an mdBook book"), "\(notMdBook.stderr)")
    let defaultName = try runProcess(
      TestPaths.octavo, ["import", "pandoc", "field-notes.md"], in: work)
    #expect(defaultName.status == 66)
  }
}
