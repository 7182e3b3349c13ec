import Foundation
import Testing

@testable import OctavoKit

/// A rebuild takes over what packaging the EPUB worked out for the chapter documents that did
/// not change (``PackageCache``): their deflated zip entries, copied from the EPUB the last
/// build wrote, and the structure check's findings in them. The EPUB must be the bytes a
/// clean build writes, and nothing may be taken over for a document that changed or from a
/// file that is not the one the cache describes.
@Suite("EPUB packaging reused by rebuilds")
struct PackageReuseTests {
  static func temporaryFolder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-reuse-\(UUID().uuidString)")
  }

  /// Bytes that deflate well, and bytes that do not (a fixed pseudo-random sequence).
  static func sampleEntries() -> [(name: String, bytes: [UInt8], compress: Bool)] {
    var state: UInt32 = 12_345
    let noise = (0..<50_000).map { _ -> UInt8 in
      state = state &* 1_103_515_245 &+ 12_345
      return UInt8(truncatingIfNeeded: state >> 16)
    }
    let text = Array(
      String(repeating: "<p>A paragraph of the chapter, then another.</p>\n", count: 2_000).utf8)
    return [
      ("mimetype", Array("application/epub+zip".utf8), false),
      ("EPUB/text/chapter.xhtml", text, true),
      ("EPUB/text/noise-é.xhtml", noise, true),
      ("EPUB/text/empty.xhtml", [], true),
      ("EPUB/images/noise.png", noise, false),
    ]
  }

  @Test("an entry copied deflated from an earlier zip is the bytes of one deflated afresh")
  func copiedEntryBytes() throws {
    let folder = Self.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let entries = Self.sampleEntries()
    let earlier = Date(timeIntervalSince1970: 1_700_000_000)
    let later = Date(timeIntervalSince1970: 1_800_000_000)
    func fresh(_ name: String, at date: Date) throws -> [UInt8] {
      let path = folder.appending(path: name).path
      let zip = try ZipWriter(path: path)
      for entry in entries {
        try zip.add(entry.name, entry.bytes, compress: entry.compress, modified: date)
      }
      try zip.close()
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    let first = try fresh("first.zip", at: earlier)
    let second = try fresh("second.zip", at: later)
    let differ = first != second
    #expect(differ)  // The time is in every header.

    // Every deflated entry copied from the first zip, with the later time; the stored ones
    // written afresh.
    let previous = try #require(ZipWriter.Previous(path: folder.appending(path: "first.zip").path))
    let copyPath = folder.appending(path: "copy.zip").path
    let zip = try ZipWriter(path: copyPath)
    for entry in entries {
      let found = try #require(previous.entry(named: entry.name))
      #expect(found.size == UInt64(entry.bytes.count))
      #expect(found.isDeflated == entry.compress)
      if entry.compress {
        try zip.copy(entry.name, from: previous, index: found.index, modified: later)
      } else {
        try zip.add(entry.name, entry.bytes, compress: false, modified: later)
      }
    }
    try zip.close()
    let copy = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copyPath)))
    let same = copy == second
    #expect(same, "the copy differs from the fresh zip: \(copy.count) and \(second.count) bytes")
    #expect(previous.entry(named: "EPUB/text/absent.xhtml") == nil)
    #expect(ZipWriter.Previous(path: folder.appending(path: "none.zip").path) == nil)
  }

  static func build(_ root: URL, into output: URL) throws -> BuildResult {
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: root, output: output, environment: IncrementalBuildTests.environment))
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    return result
  }

  /// The outputs' bytes (shown as sizes and digests when a comparison fails).
  static func bytes(_ result: BuildResult) throws -> IncrementalBuildTests.Outputs {
    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let html = try #require(result.outputs.first { $0.pathExtension == "html" })
    return IncrementalBuildTests.Outputs(
      epub: [UInt8](try Data(contentsOf: epub)), html: [UInt8](try Data(contentsOf: html)),
      cached: result.cachedChapters)
  }

  /// The reference: a clean build without any cache, single-threaded.
  static func reference(_ root: URL) throws -> IncrementalBuildTests.Outputs {
    try IncrementalBuildTests.reference(root)
  }

  @Test(
    "a rebuild copies the unchanged chapters' entries, deflates the edited one, and writes a clean build's bytes"
  )
  func copiesUnchanged() throws {
    let book = try IncrementalBuildTests.manuscript()
    defer { book.remove() }
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let n = IncrementalBuildTests.chapterCount
    let first = try Self.build(book.root, into: output)
    #expect(first.copiedEntries == 0)

    // The same book again: every chapter's entry is copied, and so are the entries made in
    // memory (container, package document, navigation, NCX, style sheet, title page), whose
    // keys are digests of their bytes.
    let again = try Self.build(book.root, into: output)
    let made = again.copiedEntries - n
    #expect(made >= 6)
    #expect(try Self.bytes(again) == Self.bytes(first))

    // One chapter edited: its entry is deflated again, the others copied.
    try book.write(
      Array((IncrementalBuildTests.chapter(5) + "\nA new closing paragraph.\n").utf8),
      to: "c5.md")
    let edited = try Self.build(book.root, into: output)
    #expect(edited.copiedEntries == n - 1 + made)
    #expect(try Self.bytes(edited) == Self.reference(book.root))

    // Edited back: chapter 5's entry is the one of the first build, but the EPUB on disk
    // holds the edited text under that name, so it is deflated again.
    try book.write(Array(IncrementalBuildTests.chapter(5).utf8), to: "c5.md")
    let back = try Self.build(book.root, into: output)
    #expect(back.copiedEntries == n - 1 + made)
    #expect(try Self.bytes(back) == Self.bytes(first))

    // A chapter retitled: the navigation, NCX and package document change and are written
    // afresh; the bytes are a clean build's.
    try book.write(
      Array(
        IncrementalBuildTests.chapter(7).replacingOccurrences(
          of: "# Chapter 7", with: "# Chapter Seven"
        ).utf8),
      to: "c7.md")
    let retitled = try Self.build(book.root, into: output)
    #expect(retitled.copiedEntries < n - 1 + made)
    #expect(try Self.bytes(retitled) == Self.reference(book.root))
    let leftovers = try FileManager.default.contentsOfDirectory(atPath: output.path)
      .filter { $0.hasPrefix(".") && $0 != ".cache" }
    #expect(leftovers == [])
  }

  @Test(
    "nothing is copied from an EPUB that is not the one the cache describes",
    arguments: ["replaced", "removed", "truncated"])
  func foreignArchive(_ change: String) throws {
    let book = try IncrementalBuildTests.manuscript()
    defer { book.remove() }
    let output = Self.temporaryFolder()
    let elsewhere = Self.temporaryFolder()
    defer {
      try? FileManager.default.removeItem(at: output)
      try? FileManager.default.removeItem(at: elsewhere)
    }
    let n = IncrementalBuildTests.chapterCount
    let first = try Self.build(book.root, into: output)
    let epub = try #require(first.outputs.first { $0.pathExtension == "epub" })
    // Every chapter but the first with a word changed for one of the same length, built
    // elsewhere: an EPUB with the same names and sizes, other bytes.
    for number in 2...n {
      let text = IncrementalBuildTests.chapter(number)
        .replacingOccurrences(of: "Opening words", with: "Closing words")
      try book.write(Array(text.utf8), to: "c\(number).md")
    }
    let other = try Self.build(book.root, into: elsewhere)
    let otherEPUB = try #require(other.outputs.first { $0.pathExtension == "epub" })
    for number in 2...n {
      try book.write(Array(IncrementalBuildTests.chapter(number).utf8), to: "c\(number).md")
    }
    switch change {
    case "replaced":
      // The other EPUB in place of the one the cache describes, whose keys still match the
      // book's documents.
      try Data(contentsOf: otherEPUB).write(to: epub)
    case "removed":
      try FileManager.default.removeItem(at: epub)
    default:
      let handle = try FileHandle(forWritingTo: epub)
      try handle.truncate(atOffset: 1_000)
      try handle.close()
    }
    let rebuilt = try Self.build(book.root, into: output)
    #expect(rebuilt.copiedEntries == 0)
    #expect(try Self.bytes(rebuilt) == Self.reference(book.root))
  }

  @Test(
    "a known scan stands for its document: its problems are reported, its ids and links checked")
  func knownScans() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let fresh = EPUBStructureCheck(entries: small.entries).run()
    #expect(fresh.problems == [])
    let one = "EPUB/text/one.xhtml"
    let two = "EPUB/text/two.xhtml"
    let scanOfOne = try #require(fresh.scans[one])
    let scanOfTwo = try #require(fresh.scans[two])
    #expect(scanOfOne.links.contains("two.xhtml#later"))
    #expect(scanOfTwo.ids.contains("later"))

    // Known scans give what scanning the bytes gives.
    let known = EPUBStructureCheck(entries: small.entries, knownScans: fresh.scans).run()
    #expect(known.problems == [])
    #expect(known.scans == fresh.scans)

    // A problem found in a document earlier is reported again.
    var damaged = scanOfOne
    damaged.problems = ["\(one): an img has no alt attribute"]
    #expect(
      EPUBStructureCheck(entries: small.entries, knownScans: [one: damaged]).problems()
        == ["\(one): an img has no alt attribute"])

    // The ids of a known scan are what links into the document are checked against.
    var withoutLater = scanOfTwo
    withoutLater.ids.remove("later")
    #expect(
      EPUBStructureCheck(entries: small.entries, knownScans: [two: withoutLater]).problems()
        == [
          "EPUB/nav.xhtml: 'text/two.xhtml#later' leads to no element with that id",
          "\(one): 'two.xhtml#later' leads to no element with that id",
        ])
  }

  @Test("findings decoded ahead are those decoded when the packager asks for them")
  func decodedAhead() throws {
    let book = try IncrementalBuildTests.manuscript()
    defer { book.remove() }
    let output = Self.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try Self.build(book.root, into: output)
    let folder = output.appending(path: ".cache")
    let destination = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let table = try #require(
      CacheTableFile.read(
        folder.appending(path: PackageCache.fileName),
        magic: Array("OCTAVO-PACKAGE-CACHE\n".utf8), format: PackageCache.format))
    let keys = table.keys.filter { $0.hasPrefix("doc ") }.map { String($0.dropFirst(4)) }
    #expect(keys.count >= IncrementalBuildTests.chapterCount)
    let asked = PackageCache(folder: folder).reuse(for: destination, keys: keys)
    let ahead = PackageCache(folder: folder)
    ahead.decodeAhead(parallel: true)
    let reuse = ahead.reuse(for: destination, keys: keys)
    #expect(reuse.documents.count == keys.count)
    #expect(reuse.documents == asked.documents)
    #expect(reuse.previous?.keys == asked.previous?.keys)
  }

  @Test("the cached findings of a document decode to what was stored")
  func factsRoundTrip() throws {
    let small = try EPUBStructureCheckTests.smallBook()
    let scans = EPUBStructureCheck(entries: small.entries).run().scans
    #expect(!scans.isEmpty)
    for (name, scan) in scans {
      for holdsMath in [false, true] {
        var facts = EPUBPackager.DocumentFacts(holdsMath: holdsMath, scan: scan)
        facts.scan.problems.append("\(name): a planted problem")
        #expect(PackageCache.decodeFacts(PackageCache.encode(facts)) == facts)
        #expect(PackageCache.decodeFacts(Array(PackageCache.encode(facts).dropLast())) == nil)
      }
    }
  }

  @Test("the script-URL test answers as trimming and lowercasing would")
  func scriptURLs() {
    let cases: [(String, Bool)] = [
      ("chapter.xhtml#a", false), ("#note-1", false), ("https://example.org", false),
      ("javascript:alert(1)", true), (" JavaScript:x", true), ("\n\tvbscript:x", true),
      ("VBScript:x", true), ("java", false), ("jump.xhtml", false), ("\u{3000}javascript:x", true),
      ("", false), ("view.xhtml", false),
    ]
    for (value, expected) in cases {
      let slow = value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
      #expect((slow.hasPrefix("javascript:") || slow.hasPrefix("vbscript:")) == expected)
      #expect(EPUBStructureCheck.isScriptURL(value) == expected, "\(value)")
    }
  }

  @Test("links resolve as segment by segment, with and without the quick path")
  func resolveLinks() {
    let bases = ["EPUB/text/one.xhtml", "EPUB/nav.xhtml", "package.opf", "EPUB//x.xhtml", "/a/b"]
    let hrefs = [
      "two.xhtml", "two.xhtml#later", "../images/a%20b.png", "./two.xhtml", ".hidden",
      "a/./b.xhtml", "a//b.xhtml", "/abs.xhtml", "#note", "", "https://example.org/x",
      "sub/.x", "../../../out", "100%.xhtml", "a%2Fb.xhtml",
    ]
    for base in bases {
      for href in hrefs {
        #expect(
          Self.slowResolve(href, from: base).map { "\($0.path) \($0.fragment ?? "-")" }
            == EPUBStructureCheck.resolve(href, from: base).map {
              "\($0.path) \($0.fragment ?? "-")"
            }, "\(href) from \(base)")
      }
    }
  }

  /// `resolve` as it was before its quick path: every segment walked.
  static func slowResolve(_ href: String, from base: String) -> (path: String, fragment: String?)? {
    var reference = href
    var fragment: String?
    if let hash = reference.firstIndex(of: "#") {
      fragment = EPUBStructureCheck.percentDecoded(
        String(reference[reference.index(after: hash)...]))
      reference = String(reference[..<hash])
    }
    if let colon = reference.firstIndex(of: ":"), !reference[..<colon].contains("/") {
      return nil
    }
    if reference.isEmpty { return (base, fragment) }
    guard let decoded = EPUBStructureCheck.percentDecoded(reference) else { return nil }
    return EPUBStructureCheck.walkSegments(decoded, from: base).map { ($0, fragment) }
  }

  @Test("an image shown by several chapters is read once and reported at each use")
  func sharedImage() throws {
    let svg = """
      <svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">\
      <script>alert(1)</script><rect width="10" height="10"/></svg>
      """
    let book = try TemporaryManuscript(
      [
        "book.yaml": "title: Shared\nlanguage: en\ncontents: [a.md, b.md, c.md]\n",
        "a.md": "# A\n\n![A box](box.svg)\n",
        "b.md": "# B\n\n![The box again](box.svg)\n\n![A dot](dot.png)\n",
        "c.md": "# C\n\n![Missing](gone.png)\n\n![Missing again](gone.png)\n",
      ], binary: ["box.svg": Array(svg.utf8), "dot.png": tinyPNG])
    defer { book.remove() }
    let manuscript = try book.load()
    let warnings = manuscript.diagnostics.filter { $0.code == .unsafeSVG }
    #expect(warnings.map { $0.location?.file } == ["a.md", "b.md"])
    let missing = manuscript.diagnostics.filter { $0.code == .missingImage }
    #expect(missing.map { $0.location?.file } == ["c.md", "c.md"])
    #expect(manuscript.book.images.map(\.fileName) == ["box.svg", "dot.png", "missing-gone.svg"])
    let box = try #require(manuscript.book.images.first)
    let replacement = String(decoding: try #require(box.replacement), as: UTF8.self)
    #expect(!replacement.contains("script"))
  }
}
