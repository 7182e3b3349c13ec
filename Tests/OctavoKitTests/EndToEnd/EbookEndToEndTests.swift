import Foundation
import Testing

@testable import OctavoKit

/// Every fixture book and the sample, built by the real binary in the strict profile with
/// every e-book option on (obfuscated fonts, page list, notes gathered at chapter or book
/// end), then checked with EPUBCheck and the Nu checker.
@Suite("End to end, e-book options", .serialized)
struct EbookEndToEndTests {
  static var cases: [(book: URL, notes: String)] {
    EndToEndTests.books.enumerated().map {
      ($0.element, $0.offset % 2 == 0 ? "book-end" : "chapter-end")
    }
  }

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "strict profile, fonts, obfuscation, page list and gathered notes: 0 errors, 0 warnings",
    .enabled(if: Validators.enabled),
    arguments: cases)
  func everyOption(_ book: URL, _ notes: String) throws {
    try Validators.require()
    let work = EndToEndTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: work) }
    let manuscript = work.appending(path: "book")
    let styles = work.appending(path: "styles")
    try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
    try FileManager.default.copyItem(at: book, to: manuscript)
    try FileManager.default.copyItem(at: TestPaths.styles, to: styles)
    try FileManager.default.createDirectory(
      at: styles.appending(path: "fonts"), withIntermediateDirectories: true)
    try Data(TestFont.ttf).write(to: styles.appending(path: "fonts/Test-Regular.ttf"))
    let yamlURL = manuscript.appending(path: "book.yaml")
    var yaml = try String(contentsOf: yamlURL, encoding: .utf8)
    if !yaml.hasSuffix("\n") { yaml += "\n" }
    for (key, value) in [("page-list", "true"), ("obfuscate-fonts", "true"), ("notes", notes)]
    where yaml.range(of: "(?m)^\(key):", options: .regularExpression) == nil {
      yaml += "\(key): \(value)\n"
    }
    try yaml.write(to: yamlURL, atomically: true, encoding: .utf8)

    let output = work.appending(path: "out")
    let result = try runProcess(
      TestPaths.octavo,
      [
        "build", manuscript.path, "--styles", styles.path, "--output", output.path, "--profile",
        "strict",
      ])
    #expect(result.status == 0, "\(result.stderr)")
    let files = try FileManager.default.contentsOfDirectory(atPath: output.path)
    let epub = output.appending(path: try #require(files.first { $0.hasSuffix(".epub") }))
    let html = output.appending(path: try #require(files.first { $0.hasSuffix(".html") }))
    let archive = try ZipArchiveReader(epub)
    #expect(!archive.names.contains("EPUB/toc.ncx"))
    #expect(archive.names.contains("META-INF/encryption.xml"))
    #expect(
      !String(decoding: archive.entries["EPUB/package.opf"] ?? [], as: UTF8.self).contains(
        "<guide>"))

    let report = try Validators.epubcheck(epub)
    #expect(
      report.fatals == 0 && report.errors == 0 && report.warnings == 0,
      "\(book.lastPathComponent): \(report.messages.joined(separator: "\n"))")
    let nu = try Validators.nu(html)
    #expect(nu.isEmpty, "\(book.lastPathComponent): \(nu.joined(separator: "\n"))")
  }
}
