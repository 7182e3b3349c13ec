import Foundation
import Testing

@testable import OctavoKit

@Suite("Loading book.yaml and chapters")
struct LoaderTests {
  static func load(
    _ yaml: String, _ chapters: [String: String] = ["one.md": "# One\n\nText.\n"],
    environment: [String: String] = ["SOURCE_DATE_EPOCH": "1700000000"]
  ) throws -> Manuscript {
    var files = chapters
    files["book.yaml"] = yaml
    let book = try TemporaryManuscript(files)
    defer { book.remove() }
    return try book.load(environment: environment)
  }

  @Test("reads every metadata field")
  func metadata() throws {
    let manuscript = try Self.load(
      """
      title: "A Title"
      subtitle: Sub
      author:
        - name: Jane Roe
          file-as: "Roe, Jane"
        - name: Ed Itor
          role: editor
        - Plain Name
      language: fr-CA
      identifier: "ISBN 978-3-16-148410-0"
      date: 2024-02-29
      publisher: P
      rights: R
      description: D
      subjects: [a, b]
      series: { name: S, position: 3 }
      toc-depth: 4
      contents: [one.md]
      """)
    #expect(manuscript.diagnostics.isEmpty)
    let metadata = manuscript.book.metadata
    #expect(metadata.title == "A Title")
    #expect(metadata.subtitle == "Sub")
    #expect(
      metadata.contributors == [
        Contributor(name: "Jane Roe", role: .author, fileAs: "Roe, Jane"),
        Contributor(name: "Ed Itor", role: .editor), Contributor(name: "Plain Name"),
      ])
    #expect(metadata.language == "fr-CA")
    #expect(metadata.identifier == "urn:isbn:9783161484100")
    #expect(metadata.date == "2024-02-29")
    #expect(metadata.subjects == ["a", "b"])
    #expect(metadata.series == Series(name: "S", position: 3))
    #expect(metadata.tocDepth == 4)
    #expect(metadata.modified == Date(timeIntervalSince1970: 1_700_000_000))
  }

  @Test("a missing identifier becomes a stable UUID v5 of title and authors")
  func derivedIdentifier() throws {
    let yaml = "title: Same\nauthor: Someone\nlanguage: en\ncontents: [one.md]\n"
    let first = try Self.load(yaml).book.metadata
    let second = try Self.load(yaml).book.metadata
    #expect(first.identifier == second.identifier)
    #expect(first.isIdentifierDerived)
    let uuid = String(first.identifier.dropFirst("urn:uuid:".count))
    #expect(UUID(uuidString: uuid) != nil)
    #expect(uuid[uuid.index(uuid.startIndex, offsetBy: 14)] == "5")
    let other = try Self.load("title: Other\nauthor: Someone\nlanguage: en\ncontents: [one.md]\n")
      .book.metadata
    #expect(other.identifier != first.identifier)
  }

  @Test("SHA-1 matches the FIPS 180 test vectors")
  func sha1() {
    func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }
    #expect(hex(SHA1.hash(Array("abc".utf8))) == "a9993e364706816aba3e25717850c26c9cd0d89d")
    let twoBlocks = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
    #expect(hex(SHA1.hash(Array(twoBlocks.utf8))) == "84983e441c3bd26ebaae4aa1f95129e5e54670f1")
    #expect(
      hex(SHA1.hash([UInt8](repeating: 0x61, count: 1_000_000)))
        == "34aa973cd4c4daa4f61eeb2bdbad27316534016f")
  }

  /// Lengths around the block and padding boundaries (55, 56, 63, 64, 65, 119, 120 bytes),
  /// with digests from Python's hashlib.
  @Test(
    "SHA-1 is right at every padding boundary",
    arguments: [
      (0, "da39a3ee5e6b4b0d3255bfef95601890afd80709"),
      (55, "8829dc293fb52f1477aa7323310a5bcf949ce4f8"),
      (56, "3c440665799f6f245108a068a11e59507d4f9e2c"),
      (63, "5e2cdca8ef9552e40ad2228153e778e586eebc50"),
      (64, "24d0ab86ac7542b26241687c97b79ae2cc22ac90"),
      (65, "f71ba60012ec8015b3d5ba56798c4ff43aeb8beb"),
      (119, "ea44537c014a6f0d332e845ed7f9331ae45440c5"),
      (120, "939b2cbff515552d0bc4cfa0c332a57f9fce7736"),
      (1000, "576418509284cbe426fa53fa4aa8da5fee1ab095"),
    ])
  func sha1Boundaries(length: Int, expected: String) {
    let bytes = (0..<length).map { UInt8(($0 * 7 + 3) % 251) }
    #expect(SHA1.hash(bytes).map { String(format: "%02x", $0) }.joined() == expected)
  }

  @Test("SHA-1 of a string reads its UTF-8 bytes in place, with the same digest")
  func sha1OfString() {
    let text = "Ünïcödé — «text»"
    let digest = SHA1.hash(utf8: text).map { String(format: "%02x", $0) }.joined()
    #expect(digest == "ef3658d07580c7d05b1d0eec5da17e8e609dce5e")
    #expect(SHA1.hash(utf8: text) == SHA1.hash(Array(text.utf8)))
  }

  struct BadMetadata: CustomTestStringConvertible, Sendable {
    let yaml: String
    let expected: String
    var testDescription: String { expected }
  }

  @Test(
    "reports metadata problems at their position",
    arguments: [
      BadMetadata(
        yaml: "title: [unclosed\nlanguage: en\ncontents: [one.md]\n",
        expected: "book.yaml:1:8: error: invalid YAML"),  // where the unclosed [ opens
      BadMetadata(
        yaml: "- just\n- a list\n", expected: "book.yaml:1:1: error: book.yaml must be a mapping"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\ntitel: x\ncontents: [one.md]\n",
        expected: "book.yaml:3:1: warning: unknown key 'titel'; did you mean 'title'?"),
      BadMetadata(
        yaml: "language: en\ncontents: [one.md]\n",
        expected: "book.yaml:1:1: error: book.yaml has no title"),
      BadMetadata(
        yaml: "title: T\nlanguage: english!\ncontents: [one.md]\n",
        expected: "book.yaml:2:11: error: 'english!' is not a BCP 47 language tag"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\ndate: 2023-02-29\ncontents: [one.md]\n",
        expected: "book.yaml:3:7: error: '2023-02-29' is not a date"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\nidentifier: 978-3-16-148410-1\ncontents: [one.md]\n",
        expected: "book.yaml:3:13: error: '978-3-16-148410-1' is not a urn:uuid or a valid ISBN"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\ncontents: []\n",
        expected: "book.yaml:3:11: error: contents lists no chapters"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\ncontents: [one.md, one.md]\n",
        expected: "book.yaml:3:20: error: 'one.md' is listed twice"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\ncontents: [../outside.md]\n",
        expected: "book.yaml:3:12: error: '../outside.md' is outside the manuscript folder"),
      BadMetadata(
        yaml: "title: T\nlanguage: en\ncover: nope.png\ncontents: [one.md]\n",
        expected: "error: image 'nope.png' does not exist"),
    ])
  func badMetadata(_ bad: BadMetadata) throws {
    let lines = try Self.load(bad.yaml).diagnostics.map(\.description)
    #expect(lines.contains { $0.contains(bad.expected) }, "\(lines)")
  }

  @Test(
    "dates and timestamps as blogs write them are read",
    arguments: [
      ("2016-11-09 10:52:00 +0000", "2016-11-09"), ("2024-02-29", "2024-02-29"),
      ("2024-02", "2024-02"),
      ("2024", "2024"), ("2016-11-09T10:52:00Z", "2016-11-09"),
    ])
  func dates(_ written: String, _ expected: String) throws {
    let metadata = try Self.load(
      "title: T\nlanguage: en\ndate: \(written)\nmodified: 2016-11-09 10:52:00 +0530\ncontents: [one.md]\n",
      environment: [:]
    ).book.metadata
    #expect(metadata.date == expected)
    #expect(metadata.modified == Date(timeIntervalSince1970: 1_478_668_920))
  }

  @Test("front matter written for other tools loads quietly")
  func foreignFrontMatter() throws {
    let manuscript = try Self.load(
      "title: T\nlanguage: en\ncontents: [a.md, b.md]\n",
      [
        "a.md":
          "---\nlayout: post\ntags: [x]\ndate: 2016-11-09 10:52:00 +0000\ntype: post\ntitel: Typo\n---\n# A\n",
        "b.md": "+++\ntitle = \"Hugo\"\n+++\n# B\n",
      ])
    #expect(
      manuscript.diagnostics.map(\.description) == [
        "a.md:5:7: warning: unknown chapter type 'post'; using chapter (the types are \(ChapterType.allCases.map(\.rawValue).joined(separator: ", "))) [OCT205]",
        "a.md:6:1: warning: unknown front matter key 'titel'; did you mean 'title'? [OCT103]",
        "b.md:1:1: warning: TOML front matter (+++) is not read; write YAML between --- lines [OCT205]",
      ])
    #expect(manuscript.chapters[0].type == .chapter)
  }

  @Test("a missing language is a warning, and the book is English")
  func missingLanguage() throws {
    let manuscript = try Self.load("title: T\ncontents: [one.md]\n")
    #expect(manuscript.book.metadata.language == "en")
    #expect(
      manuscript.diagnostics.map(\.description)
        == [
          "book.yaml:1:1: warning: book.yaml has no language; assuming en (set a BCP 47 tag such as en or fr) [OCT105]"
        ])
  }

  @Test("a chapter's title comes from front matter, else its first heading, else its file name")
  func titles() throws {
    let manuscript = try Self.load(
      "title: T\nlanguage: en\ncontents: [a.md, b.md, 03-the_long-road.md, d.md]\n",
      [
        "a.md": "---\ntitle: From Front Matter\n---\n# Heading\n",
        "b.md": "Intro.\n\n## From *Heading*\n",
        "03-the_long-road.md": "Just text.\n",
        "d.md":
          "<p align=\"center\"><img src=\"x.png\" alt=\"\"></p>\n<h1 align=\"center\">Raw   Name</h1>\n\n## Install\n",
      ])
    #expect(
      manuscript.chapters.map(\.title) == [
        "From Front Matter", "From Heading", "The long road", "Raw Name",
      ])
    #expect(manuscript.chapters.map(\.id) == ["a", "b", "c03-the-long-road", "d"])
    #expect(manuscript.chapters[3].isTitleFromRawHTML)
    // The raw heading gets the id its text's slug names, and no title is added above it.
    let rendered = try SerializedBook(
      book: manuscript.book, root: manuscript.root, formats: [], keepsTrees: true)
    let document = try #require(rendered.documents.first { $0.id == "d" }?.tree)
    let headings = XMLNode.element(document.section).element.map { section -> [String] in
      var found: [String] = []
      section.forEachElement {
        if $0.name.hasPrefix("h") && $0.name.count == 2 {
          found.append("\($0.name)#\($0[attribute: "id"] ?? "")")
        }
      }
      return found
    }
    #expect(headings == ["h1#raw-name", "h2#install"])
  }

  @Test("front matter sets type and id, and positions count its lines")
  func frontMatter() throws {
    let manuscript = try Self.load(
      "title: T\nlanguage: en\ncontents: [a.md]\n",
      [
        "a.md": "---\ntype: appendix\nid: My Appendix\ntitel: x\n---\n# A\n\n[bad](missing.md)\n"
      ])
    let chapter = try #require(manuscript.chapters.first)
    #expect(chapter.type == .appendix)
    #expect(chapter.type.matter == .back)
    #expect(chapter.id == "my-appendix")
    let lines = manuscript.diagnostics.map(\.description)
    #expect(
      lines.contains(
        "a.md:4:1: warning: unknown front matter key 'titel'; did you mean 'title'? [OCT103]"))
    #expect(
      lines.contains {
        $0.hasPrefix("a.md:8:1: warning: link to 'missing.md', which does not exist")
      })
  }

  @Test("a BOM and CRLF line endings are accepted")
  func bomAndCRLF() throws {
    let manuscript = try Self.load(
      "\u{FEFF}title: T\r\nlanguage: en\r\ncontents: [a.md]\r\n",
      [
        "a.md": "\u{FEFF}---\r\ntitle: Windows\r\n---\r\n# Head\r\n\r\nLine one\r\nline two.\r\n"
      ])
    #expect(manuscript.diagnostics.isEmpty)
    let chapter = try #require(manuscript.chapters.first)
    #expect(chapter.title == "Windows")
    guard case .paragraph(let inlines) = chapter.blocks.last?.kind else {
      Issue.record("no paragraph")
      return
    }
    #expect(Inline.plainText(inlines) == "Line one line two.")
    #expect(chapter.blocks.last?.range.start == SourceLocation(file: "a.md", line: 6, column: 1))
  }

  @Test("a file that is not UTF-8 is reported at its first bad byte")
  func notUTF8() throws {
    let book = try TemporaryManuscript(
      ["book.yaml": "title: T\nlanguage: en\ncontents: [a.md]\n"],
      binary: ["a.md": Array("# Fine\n\nCaf".utf8) + [0xE9] + Array(" au lait\n".utf8)])
    defer { book.remove() }
    let lines = try book.load().diagnostics.map(\.description)
    #expect(lines == ["a.md:3:4: error: the file is not valid UTF-8 [OCT201]"])
  }

  @Test("a chapter file not listed in contents is a warning")
  func unlisted() throws {
    let lines = try Self.load(
      "title: T\nlanguage: en\ncontents: [one.md]\n",
      ["one.md": "# One\n", "notes/draft.md": "# Draft\n"]
    ).diagnostics.map(\.description)
    #expect(
      lines == [
        "notes/draft.md:1:1: warning: 'notes/draft.md' is not listed in book.yaml contents [OCT113]"
      ])
  }

  @Test("a symbolic link that leaves the manuscript folder is refused")
  func symlinkOutside() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md, secret.md]\n",
      "one.md": "# One\n",
    ])
    defer { book.remove() }
    try FileManager.default.createSymbolicLink(
      atPath: book.root.appending(path: "secret.md").path,
      withDestinationPath: "/etc/hostname")
    let lines = try book.load().diagnostics.map(\.description)
    #expect(
      lines.contains("book.yaml:3:20: error: 'secret.md' is outside the manuscript folder [OCT112]")
    )
  }

  @Test("modified comes from SOURCE_DATE_EPOCH, else book.yaml, else the newest file")
  func modified() throws {
    let yaml = "title: T\nlanguage: en\nmodified: 2020-01-02T03:04:05Z\ncontents: [one.md]\n"
    #expect(
      try Self.load(yaml).book.metadata.modified == Date(timeIntervalSince1970: 1_700_000_000))
    #expect(
      try Self.load(yaml, environment: [:]).book.metadata.modified
        == Date(timeIntervalSince1970: 1_577_934_245))
    let newest = try Self.load("title: T\nlanguage: en\ncontents: [one.md]\n", environment: [:])
      .book.metadata.modified
    #expect(abs(newest.timeIntervalSinceNow) < 600)
  }
}
