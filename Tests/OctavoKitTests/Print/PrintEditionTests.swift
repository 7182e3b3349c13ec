import Foundation
import Testing

@testable import OctavoKit

@Suite("Print edition")
struct PrintEditionTests {
  static func render() throws -> String {
    let book = TestPaths.fixtures.appending(path: "golden-book")
    let manuscript = try Manuscript.load(at: book, environment: ["SOURCE_DATE_EPOCH": "0"])
    let css = "@page { size: 6in 9in; } section > h1 { color: inherit; }"
    let rendered = try SerializedBook(book: manuscript.book, root: book, formats: [.print])
    let bytes = try PrintEditionRenderer(serialized: rendered, stylesheet: css).render()
    return String(decoding: bytes, as: UTF8.self)
  }

  @Test("is one HTML5 document with the style sheet inlined and no EPUB-only markup")
  func document() throws {
    let html = try Self.render()
    #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en-GB\">"))
    #expect(
      html.contains("<style>\n@page { size: 6in 9in; } section > h1 { color: inherit; }\n</style>"))
    #expect(!html.contains("epub:"))
    #expect(!html.contains("xml:lang"))
    #expect(!html.contains("xmlns"))
    #expect(!html.contains(".xhtml"))
  }

  @Test("holds the title page, the contents and every chapter in reading order")
  func order() throws {
    let html = try Self.render()
    let markers = [
      "class=\"titlepage", "id=\"toc\"", "id=\"preface\"", "id=\"part-one\"", "id=\"first\"",
      "id=\"appendix\"",
    ]
    let positions = markers.map { html.range(of: $0)?.lowerBound }
    #expect(!positions.contains(nil))
    #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
    #expect(html.contains("class=\"part bodymatter first-bodymatter\""))
  }

  @Test("links between chapters become links inside the page, and every target exists")
  func links() throws {
    let html = try Self.render()
    #expect(html.contains("<a href=\"#first\">the first chapter</a>"))
    #expect(html.contains("<a href=\"#notes-and-more\">its notes section</a>"))
    let ids = Set(html.matches(of: /id="([^"]+)"/).map { String($0.1) })
    for match in html.matches(of: /href="#([^"]+)"/) {
      #expect(ids.contains(String(match.1)), "no target for #\(match.1)")
    }
    let all = html.matches(of: /id="([^"]+)"/).map { String($0.1) }
    #expect(all.count == Set(all).count, "duplicate ids")
  }

  @Test("collapsed details are printed open")
  func detailsOpen() {
    let element = PrintSection.forPrint(
      XMLElement("details", [], [.el("summary", [], [.text("More")])]), images: [:])
    #expect(element[attribute: "open"] == "open")
  }

  @Test("images are embedded as data URIs")
  func images() throws {
    let html = try Self.render()
    #expect(html.contains("src=\"data:image/png;base64,iVBORw0KGgo"))
    #expect(!html.contains("../images/"))
  }

  @Test(
    "the in-page link rewrite",
    arguments: [
      ("first.xhtml", "#first"), ("first.xhtml#x", "#x"), ("#x", "#x"),
      ("https://example.org/a.xhtml", "https://example.org/a.xhtml"),
      ("../images/a.png", "../images/a.png"),
    ])
  func rewrite(_ href: String, _ expected: String) {
    #expect(PrintSection.inPageLink(href) == expected)
  }
}
