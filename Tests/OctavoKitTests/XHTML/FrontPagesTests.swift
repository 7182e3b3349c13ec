import Foundation
import Testing

@testable import OctavoKit

/// The generated copyright page and dedication, in the front matter after the title page.
@Suite("Generated front matter")
struct FrontPagesTests {
  @Test(
    "copyright page and dedication: after the title page, before the contents, with their semantics"
  )
  func pages() throws {
    let yaml = EbookBuild.yaml(
      """
      identifier: "978-0-00-000000-2"
      publisher: Example Press
      date: 2026-01-02
      rights: "© 2026 A. Writer"
      copyright-page: true
      dedication: "For R.\\nAnd for S."
      """)
    let (result, epub, folder) = try EbookBuild.build(
      ["book.yaml": yaml, "one.md": "# One\n\nText.\n"],
      formats: [.epub, .print])
    defer { try? FileManager.default.removeItem(at: folder) }
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let archive = try ZipArchiveReader(try #require(epub))
    func text(_ name: String) -> String {
      String(decoding: archive.entries[name] ?? [], as: UTF8.self)
    }
    let opf = text("EPUB/package.opf")
    let spine = opf.components(separatedBy: "<itemref idref=\"").dropFirst().map {
      $0.prefix { $0 != "\"" }
    }
    #expect(spine.prefix(4) == ["titlepage", "copyright-page", "dedication-page", "nav"])
    let copyright = text("EPUB/text/copyright-page.xhtml")
    #expect(copyright.contains(#"epub:type="copyright-page""#))
    #expect(copyright.contains("<p class=\"rights\">© 2026 A. Writer</p>"))
    #expect(copyright.contains("<p class=\"copyright-publisher\">Example Press 2026</p>"))
    #expect(copyright.contains("<p class=\"isbn\">ISBN 9780000000002</p>"))
    let dedication = text("EPUB/text/dedication-page.xhtml")
    #expect(dedication.contains(#"epub:type="dedication" role="doc-dedication""#))
    #expect(dedication.contains("<p>For R.</p>"))
    #expect(dedication.contains("<p>And for S.</p>"))
    let html = try String(
      contentsOf: try #require(result.outputs.first { $0.pathExtension == "html" }), encoding: .utf8
    )
    #expect(html.contains("id=\"copyright-page\""))
    #expect(html.contains("id=\"dedication-page\""))
  }

  @Test("neither page without the keys")
  func none() throws {
    let (_, epub, folder) = try EbookBuild.build([
      "book.yaml": EbookBuild.yaml(), "one.md": "# One\n",
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    let names = try ZipArchiveReader(try #require(epub)).names
    #expect(!names.contains("EPUB/text/copyright-page.xhtml"))
    #expect(!names.contains("EPUB/text/dedication-page.xhtml"))
  }
}
