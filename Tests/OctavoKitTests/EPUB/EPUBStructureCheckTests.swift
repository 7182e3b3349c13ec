import Foundation
import Testing

@testable import OctavoKit

/// The built-in structure check: sound books pass, and each kind of damage is caught.
@Suite("EPUB structure check")
struct EPUBStructureCheckTests {
  /// The entries and the zip of a small real book.
  static func smallBook() throws -> (entries: [EPUBStructureCheck.Entry], archive: [UInt8]) {
    let book = try TemporaryManuscript(
      [
        "book.yaml": "title: Small\nlanguage: en\ncontents: [one.md, two.md]\n",
        "one.md":
          "# One\n\nSee [two](two.md#later) and a note.[^a]\n\n![A dot](dot.png)\n\n[^a]: The note.\n",
        "two.md": "# Two\n\n## Later {#later}\n\nText.\n",
      ], binary: ["dot.png": tinyPNG])
    defer { book.remove() }
    let manuscript = try book.load()
    let rendered = try SerializedBook(book: manuscript.book, root: book.root, formats: [.epub])
    let packager = EPUBPackager(
      serialized: rendered, root: book.root, stylesheet: Array("p { margin: 0 }".utf8))
    let entries = try packager.entries().map {
      EPUBStructureCheck.Entry(name: $0.name, bytes: $0.bytes)
    }
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-check-\(UUID().uuidString).epub")
    defer { try? FileManager.default.removeItem(at: output) }
    try packager.write(to: output)
    return (entries, try [UInt8](Data(contentsOf: output)))
  }

  @Test("Octavo's own books pass: the sample and every fixture book")
  func ownBooksPass() throws {
    let folders =
      [TestPaths.sampleManuscript]
      + (try FileManager.default.contentsOfDirectory(
        at: TestPaths.fixtures.appending(path: "books"), includingPropertiesForKeys: nil
      ).filter(\.hasDirectoryPath))
    for folder in folders {
      let manuscript = try Manuscript.load(
        at: folder, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
      guard !manuscript.diagnostics.hasErrors else { continue }
      let rendered = try SerializedBook(book: manuscript.book, root: folder, formats: [.epub])
      let packager = EPUBPackager(
        serialized: rendered, root: folder,
        stylesheet: BookBuilder.stylesheet("epub.css", in: nil))
      let entries = try packager.entries().map {
        EPUBStructureCheck.Entry(name: $0.name, bytes: $0.bytes)
      }
      #expect(EPUBStructureCheck(entries: entries).problems() == [], "\(folder.lastPathComponent)")
    }
    let small = try Self.smallBook()
    #expect(EPUBStructureCheck(entries: small.entries, archive: small.archive).problems() == [])
  }

  /// A change to a sound book's entries and the problem it must cause.
  struct Damage: CustomTestStringConvertible, Sendable {
    var name: String
    var expected: String
    var apply: @Sendable (inout [EPUBStructureCheck.Entry]) -> Void
    var testDescription: String { name }
  }

  static func edit(
    _ entries: inout [EPUBStructureCheck.Entry], _ suffix: String,
    _ change: (String) -> String
  ) {
    guard let index = entries.firstIndex(where: { $0.name.hasSuffix(suffix) }) else { return }
    entries[index].bytes = Array(change(String(decoding: entries[index].bytes, as: UTF8.self)).utf8)
  }

  static let damages: [Damage] = [
    Damage(name: "an entry name with ..", expected: "leaves the container") { entries in
      entries.append(.init(name: "EPUB/../evil.txt", bytes: [1]))
    },
    Damage(name: "an absolute entry name", expected: "leaves the container") { entries in
      entries.append(.init(name: "/etc/evil", bytes: [1]))
    },
    Damage(name: "two names differing in case", expected: "used twice (case ignored)") { entries in
      entries.append(.init(name: "EPUB/Package.opf", bytes: [1]))
    },
    Damage(name: "a file outside the manifest", expected: "not in the manifest") { entries in
      entries.append(.init(name: "EPUB/stray.css", bytes: [1]))
    },
    Damage(name: "a manifest item without its file", expected: "which is not in the container") {
      entries in
      entries.removeAll { $0.name.hasSuffix("dot.png") }
    },
    Damage(name: "a spine item not in the manifest", expected: "is not in the manifest") {
      entries in
      edit(&entries, "package.opf") {
        $0.replacingOccurrences(of: "<itemref idref=\"nav\"", with: "<itemref idref=\"ghost\"")
      }
    },
    Damage(name: "no navigation document", expected: "0 navigation documents") { entries in
      edit(&entries, "package.opf") { $0.replacingOccurrences(of: "properties=\"nav\"", with: "") }
    },
    Damage(name: "a malformed dcterms:modified", expected: "is not CCYY-MM-DDThh:mm:ssZ") {
      entries in
      edit(&entries, "package.opf") {
        $0.replacing(#/(dcterms:modified">)[^<]*/#) { "\($0.1)yesterday" }
      }
    },
    Damage(name: "a javascript: link", expected: "holds a script URL") { entries in
      edit(&entries, "one.xhtml") {
        $0.replacingOccurrences(
          of: "href=\"two.xhtml#later\"", with: "href=\"javascript:alert(1)\"")
      }
    },
    Damage(name: "an img without alt", expected: "an img has no alt attribute") { entries in
      edit(&entries, "one.xhtml") { $0.replacingOccurrences(of: "alt=\"A dot\"", with: "") }
    },
    Damage(name: "an id used twice", expected: "id 'later' is used twice") { entries in
      edit(&entries, "two.xhtml") {
        $0.replacingOccurrences(of: "<p>Text.</p>", with: "<p id=\"later\">Text.</p>")
      }
    },
    Damage(name: "a link to a missing fragment", expected: "leads to no element with that id") {
      entries in
      edit(&entries, "one.xhtml") {
        $0.replacingOccurrences(of: "two.xhtml#later", with: "two.xhtml#sooner")
      }
    },
    Damage(name: "a link to a missing file", expected: "leads to no file in the container") {
      entries in
      edit(&entries, "one.xhtml") {
        $0.replacingOccurrences(of: "two.xhtml#later", with: "three.xhtml")
      }
    },
    Damage(name: "a content document that is not well-formed", expected: "is not well-formed") {
      entries in
      edit(&entries, "two.xhtml") { $0.replacingOccurrences(of: "</body>", with: "") }
    },
    Damage(name: "mimetype not first", expected: "first entry is not 'mimetype'") { entries in
      entries.swapAt(0, 1)
    },
  ]

  @Test("Each kind of damage is caught", arguments: damages)
  func damageIsCaught(_ damage: Damage) throws {
    var entries = try Self.smallBook().entries
    let before = entries.map(\.bytes)
    damage.apply(&entries)
    #expect(
      entries.map(\.bytes) != before || entries.count != before.count, "the damage changed nothing")
    let problems = EPUBStructureCheck(entries: entries).problems()
    #expect(problems.contains { $0.contains(damage.expected) }, "\(problems)")
  }

  @Test(
    "The container checked apart from the zip (as while the zip is written) finds what the whole check finds",
    arguments: damages)
  func checkedApart(_ damage: Damage) throws {
    let book = try Self.smallBook()
    var entries = book.entries
    damage.apply(&entries)
    let whole = EPUBStructureCheck(entries: entries, archive: book.archive).run()
    let files = entries.map { EPUBPackager.Entry(name: $0.name, bytes: $0.bytes, compress: true) }
    let apart = EPUBPackager.contentCheck(files, known: [:])
    #expect(
      EPUBStructureCheck.zipProblems(book.archive, expected: entries.map(\.name))
        + apart.problems == whole.problems)
    #expect(apart.scans == whole.scans)
    #expect(!whole.problems.isEmpty)
  }

  @Test(
    "The zip's first header follows OCF",
    arguments: [
      ("compressed mimetype", 8, UInt8(8), "compressed"),
      ("extra field", 28, UInt8(4), "extra field"),
      ("other first name", 30, UInt8(ascii: "M"), "not 'mimetype'"),
      ("not a zip", 0, UInt8(0), "local file header"),
    ])
  func ocfHeader(name: String, offset: Int, value: UInt8, expected: String) throws {
    let book = try Self.smallBook()
    #expect(EPUBStructureCheck.zipProblems(book.archive, expected: book.entries.map(\.name)) == [])
    var archive = book.archive
    archive[offset] = value
    let problems = EPUBStructureCheck.zipProblems(archive, expected: book.entries.map(\.name))
    #expect(problems.contains { $0.contains(expected) }, "\(problems)")
  }

  @Test("A failed check writes nothing and leaves the last good book")
  func failureWritesNothing() throws {
    // The only way to make Octavo write a bad EPUB is a bug; simulate one by checking a
    // damaged container through the same path a build takes.
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-keep-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let destination = output.appending(path: "book.epub")
    try Data("last good book".utf8).write(to: destination)
    #expect(throws: OctavoError.self) {
      try AtomicFile.write(to: destination) { temporary in
        try Data("PK\u{3}\u{4}".utf8).write(to: temporary)
        let problems = EPUBStructureCheck(
          entries: [], archive: try [UInt8](Data(contentsOf: temporary))
        ).problems()
        if !problems.isEmpty {
          throw OctavoError(.invalidEPUB, detail: problems.joined(separator: "; "))
        }
      }
    }
    #expect(try String(contentsOf: destination, encoding: .utf8) == "last good book")
    #expect(try FileManager.default.contentsOfDirectory(atPath: output.path) == ["book.epub"])
  }

  @Test(
    "hrefs are percent-decoded as Foundation decodes them, text without a % as it is",
    arguments: [
      ("plain", "plain"), ("a%20b", "a b"), ("%E2%80%94", "\u{2014}"), ("bad%zz", nil),
      ("50%", nil), ("", ""), ("caf\u{E9}", "caf\u{E9}"),
    ] as [(String, String?)])
  func percentDecoding(_ text: String, _ expected: String?) {
    #expect(EPUBStructureCheck.percentDecoded(text) == expected)
    #expect(EPUBStructureCheck.percentDecoded(text) == text.removingPercentEncoding)
  }
}
