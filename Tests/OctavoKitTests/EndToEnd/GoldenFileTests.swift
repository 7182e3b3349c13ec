import Foundation
import Testing

@testable import OctavoKit

/// Compares the generated documents of a small fixture book with golden files kept in
/// `Fixtures/golden/`. Run with `OCTAVO_UPDATE_GOLDEN=1` to rewrite them after an intended
/// change, and review the diff.
@Suite("Golden files")
struct GoldenFileTests {
  static let book = TestPaths.fixtures.appending(path: "golden-book")
  static let golden = TestPaths.fixtures.appending(path: "golden")

  static func entries() throws -> [String: [UInt8]] {
    let manuscript = try Manuscript.load(at: book, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    let rendered = RenderedBook(book: manuscript.book)
    let packager = EPUBPackager(rendered: rendered, root: book, stylesheet: Array("/* epub */".utf8))
    var result: [String: [UInt8]] = [:]
    for file in try packager.entries() { result[file.name] = file.bytes }
    let printer = PrintEditionRenderer(rendered: rendered, root: book, stylesheet: "/* print */")
    result["print.html"] = try printer.render()
    return result
  }

  static let documents = [
    "EPUB/package.opf", "EPUB/nav.xhtml", "EPUB/toc.ncx", "META-INF/container.xml",
    "EPUB/text/cover.xhtml", "EPUB/text/titlepage.xhtml", "EPUB/text/preface.xhtml",
    "EPUB/text/part-one.xhtml", "EPUB/text/first.xhtml", "EPUB/text/appendix.xhtml", "print.html",
  ]

  @Test("generated documents match their golden files", arguments: documents)
  func matches(_ name: String) throws {
    let entries = try Self.entries()
    let bytes = try #require(entries[name], "no \(name) in the EPUB")
    let goldenURL = Self.golden.appending(path: name.replacingOccurrences(of: "/", with: "_"))
    if ProcessInfo.processInfo.environment["OCTAVO_UPDATE_GOLDEN"] == "1" {
      try FileManager.default.createDirectory(at: Self.golden, withIntermediateDirectories: true)
      try Data(bytes).write(to: goldenURL)
    }
    let expected = try String(contentsOf: goldenURL, encoding: .utf8)
    let actual = String(decoding: bytes, as: UTF8.self)
    #expect(actual == expected, "\(name) differs from \(goldenURL.lastPathComponent); run with OCTAVO_UPDATE_GOLDEN=1 to review")
  }

  @Test("every XML document of the EPUB is well-formed")
  func wellFormed() throws {
    for (name, bytes) in try Self.entries() where name.hasSuffix(".xhtml") || name.hasSuffix(".opf") || name.hasSuffix(".ncx") || name.hasSuffix(".xml") {
      if case .failure(let error) = MarkupParser.parseXML(bytes) {
        Issue.record("\(name): \(error)")
      }
    }
  }
}
