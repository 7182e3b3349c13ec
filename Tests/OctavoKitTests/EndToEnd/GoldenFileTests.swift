import Foundation
import Testing

@testable import OctavoKit

/// Compares the files a real build writes for a small fixture book (``BookBuilder/build(_:)``,
/// the EPUB read back entry by entry, and the print edition) with golden files kept in
/// `Fixtures/golden/`. Run with `OCTAVO_UPDATE_GOLDEN=1` to rewrite them after an intended
/// change, and review the diff.
@Suite("Golden files")
struct GoldenFileTests {
  static let book = TestPaths.fixtures.appending(path: "golden-book")
  static let golden = TestPaths.fixtures.appending(path: "golden")

  /// The build's files, made once for the suite: each EPUB entry by its name, and `print.html`.
  static let built = Result { try build() }

  static func entries() throws -> [String: [UInt8]] { try built.get() }

  /// Builds the fixture book as `octavo build` does (no cache, a fixed date, one-line style
  /// sheets so the golden files hold the markup only) and reads back what it wrote.
  static func build() throws -> [String: [UInt8]] {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-golden-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let styles = folder.appending(path: "Styles")
    try FileManager.default.createDirectory(at: styles, withIntermediateDirectories: true)
    try Data("/* epub */".utf8).write(to: styles.appending(path: "epub.css"))
    try Data("/* print */".utf8).write(to: styles.appending(path: "print.css"))
    let result = try BookBuilder.build(
      BuildOptions(
        manuscript: book, styles: styles, output: folder.appending(path: "Output"),
        environment: ["SOURCE_DATE_EPOCH": "1700000000"], useCache: false))
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let epub = try #require(result.outputs.first { $0.pathExtension == "epub" })
    let html = try #require(result.outputs.first { $0.pathExtension == "html" })
    var files = try ZipArchiveReader(epub).entries
    files["print.html"] = [UInt8](try Data(contentsOf: html))
    return files
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
    #expect(
      actual == expected,
      "\(name) differs from \(goldenURL.lastPathComponent); run with OCTAVO_UPDATE_GOLDEN=1 to review"
    )
  }

  @Test("every XML document of the EPUB is well-formed")
  func wellFormed() throws {
    for (name, bytes) in try Self.entries()
    where name.hasSuffix(".xhtml") || name.hasSuffix(".opf") || name.hasSuffix(".ncx")
      || name.hasSuffix(".xml")
    {
      if case .failure(let error) = MarkupParser.parseXML(bytes) {
        Issue.record("\(name): \(error)")
      }
    }
  }
}
