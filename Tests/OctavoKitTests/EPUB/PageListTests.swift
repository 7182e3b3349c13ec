import Foundation
import Testing

@testable import OctavoKit

/// `page-list: true`: numbered page-break markers and a page-list nav that links each one.
@Suite("Page list")
struct PageListTests {
  /// A chapter of `paragraphs` paragraphs of 600 characters each.
  static func longChapter(_ title: String, paragraphs: Int) -> String {
    "# \(title)\n\n"
      + (1...paragraphs).map { "Paragraph \($0): " + String(repeating: "word ", count: 118) }
      .joined(separator: "\n\n") + "\n"
  }

  func build(pageList: Bool) throws -> (archive: ZipArchiveReader, html: String, folder: URL) {
    let files = [
      "book.yaml": EbookBuild.yaml(
        pageList ? "page-list: true" : "", contents: ["one.md", "two.md"]),
      "one.md": Self.longChapter("One", paragraphs: 10), "two.md": "# Two\n\nShort.\n",
    ]
    let (result, epub, folder) = try EbookBuild.build(files, formats: [.epub, .print])
    #expect(!result.diagnostics.hasErrors)
    let html = try String(
      contentsOf: try #require(result.outputs.first { $0.pathExtension == "html" }), encoding: .utf8
    )
    return (try ZipArchiveReader(try #require(epub)), html, folder)
  }

  static func text(_ archive: ZipArchiveReader, _ name: String) -> String {
    String(decoding: archive.entries[name] ?? [], as: UTF8.self)
  }

  static func markers(_ xhtml: String) -> [String] {
    let regex = try! NSRegularExpression(
      pattern:
        #"<span id="(pagebreak-\d+)" class="pagebreak" epub:type="pagebreak" role="doc-pagebreak" aria-label="(\d+)"/>"#
    )
    return regex.matches(in: xhtml, range: NSRange(xhtml.startIndex..., in: xhtml)).map {
      String(xhtml[Range($0.range(at: 1), in: xhtml)!])
    }
  }

  @Test("markers every ~1,800 characters at block boundaries, all listed in the page-list nav")
  func markersAndNav() throws {
    let built = try build(pageList: true)
    defer { try? FileManager.default.removeItem(at: built.folder) }
    let one = Self.markers(Self.text(built.archive, "EPUB/text/one.xhtml"))
    let two = Self.markers(Self.text(built.archive, "EPUB/text/two.xhtml"))
    // 10 × 600 characters: a page at the start, then one after every third paragraph.
    #expect(one == ["pagebreak-1", "pagebreak-2", "pagebreak-3", "pagebreak-4"])
    #expect(two == ["pagebreak-5"])
    let nav = Self.text(built.archive, "EPUB/nav.xhtml")
    #expect(
      nav.contains(#"<nav id="page-list" class="page-list" epub:type="page-list" hidden="hidden">"#)
    )
    for (document, ids) in [("one", one), ("two", two)] {
      for id in ids { #expect(nav.contains("href=\"text/\(document).xhtml#\(id)\"")) }
    }
    // The NCX repeats the page list for EPUB 2 reading systems.
    let ncx = Self.text(built.archive, "EPUB/toc.ncx")
    #expect(ncx.components(separatedBy: "<pageTarget ").count - 1 == one.count + two.count)
    #expect(ncx.contains(#"<meta name="dtb:totalPageCount" content="5"/>"#))
    #expect(ncx.contains(#"<content src="text/two.xhtml#pagebreak-5"/>"#))
    let opf = Self.text(built.archive, "EPUB/package.opf")
    #expect(EbookBuild.metaValues(opf, "schema:accessibilityFeature").contains("pageNavigation"))
    #expect(!opf.contains("pageBreakSource"))
    // Digital page numbers are left out of the print edition.
    #expect(!built.html.contains("pagebreak"))
  }

  @Test("no page list: no markers, no nav, no pageNavigation")
  func off() throws {
    let built = try build(pageList: false)
    defer { try? FileManager.default.removeItem(at: built.folder) }
    #expect(Self.markers(Self.text(built.archive, "EPUB/text/one.xhtml")).isEmpty)
    #expect(!Self.text(built.archive, "EPUB/nav.xhtml").contains("page-list"))
    #expect(!Self.text(built.archive, "EPUB/toc.ncx").contains("pageList"))
    #expect(
      !EbookBuild.metaValues(
        Self.text(built.archive, "EPUB/package.opf"), "schema:accessibilityFeature"
      )
      .contains("pageNavigation"))
  }

  @Test("the pagination is deterministic and starts each chapter and part on a new page")
  func plan() throws {
    let manuscript = try TemporaryManuscript([
      "book.yaml":
        "title: T\nlanguage: en\npage-list: true\ncontents:\n  - part: P\n    chapters: [one.md]\n",
      "one.md": Self.longChapter("One", paragraphs: 4),
    ])
    defer { manuscript.remove() }
    let book = try manuscript.load().book
    let first = PagePlan(book: book).pages
    #expect(first == PagePlan(book: book).pages)
    #expect(first.map(\.document) == [book.parts[0].id, "one", "one"])
    #expect(first.map(\.blockIndex) == [0, 0, 4])
  }
}
