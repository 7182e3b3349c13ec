import Foundation
import Testing

@testable import OctavoKit

/// The build begins the print faces' glyph check before rendering, beside it; what it
/// reports must be what the check reports on the loaded book.
@Suite("Checks begun early")
struct EarlyChecksTests {
  @Test(
    "the glyph check begun before rendering reports what the check reports, concurrently or not",
    arguments: [true, false])
  func glyphCheck(_ parallel: Bool) throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Glyphs\nlanguage: en\ncontents: [one.md, two.md]\n",
      "one.md": "# One\n\nPlain words.\n",
      "two.md": "# Two\n\nA hieroglyph \u{13000} no print face has, and `code \u{13001}` too.\n",
    ])
    defer { book.remove() }
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-early-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let loaded = try Manuscript.load(at: book.root, environment: IncrementalBuildTests.environment)
    let expected = GlyphCoverageCheck(book: loaded.book).diagnostics()
    #expect(expected.contains { $0.code == .glyphMissing })
    for _ in 0..<2 {
      let result = try BookBuilder.build(
        BuildOptions(
          manuscript: book.root, output: output, environment: IncrementalBuildTests.environment,
          parallel: parallel))
      let glyphs = result.diagnostics.filter {
        $0.code == .glyphMissing || $0.code == .faceMissing
      }
      #expect(glyphs == expected.sorted())
      #expect(result.outputs.count == 2)
    }
  }
}
