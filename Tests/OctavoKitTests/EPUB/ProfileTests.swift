import Foundation
import Testing

@testable import OctavoKit

/// `--profile compatible` keeps the EPUB 2 extras; `--profile strict` leaves them out.
@Suite("Profiles")
struct ProfileTests {
  func build(_ profile: EPUBProfile) throws -> (names: [String], opf: String) {
    let manuscript = try TemporaryManuscript(
      [
        "book.yaml": EbookBuild.yaml("cover: cover.png"), "one.md": "# One\n\nText.\n",
      ], binary: ["cover.png": tinyPNG])
    defer { manuscript.remove() }
    var options = BuildOptions(
      manuscript: manuscript.root, output: manuscript.root.appending(path: "out"),
      formats: [.epub], environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    options.profile = profile
    let result = try BookBuilder.build(options)
    let archive = try ZipArchiveReader(try #require(result.outputs.first))
    return (
      archive.names, String(decoding: archive.entries["EPUB/package.opf"] ?? [], as: UTF8.self)
    )
  }

  @Test("compatible: NCX, guide and <meta name=\"cover\">")
  func compatible() throws {
    let built = try build(.compatible)
    #expect(built.names.contains("EPUB/toc.ncx"))
    #expect(built.opf.contains(#"<spine toc="ncx">"#))
    #expect(built.opf.contains(#"<reference type="cover" title="Cover" href="text/cover.xhtml"/>"#))
    #expect(
      built.opf.contains(
        #"<reference type="text" title="Start of content" href="text/one.xhtml"/>"#))
    #expect(built.opf.contains(#"<meta name="cover" content="img-cover-png"/>"#))
  }

  @Test("strict: none of them, the cover still marked cover-image")
  func strict() throws {
    let built = try build(.strict)
    #expect(!built.names.contains("EPUB/toc.ncx"))
    #expect(!built.opf.contains("ncx"))
    #expect(!built.opf.contains("<guide>"))
    #expect(!built.opf.contains(#"name="cover""#))
    #expect(built.opf.contains(#"properties="cover-image""#))
  }
}
