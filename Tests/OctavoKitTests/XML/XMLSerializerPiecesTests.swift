import Foundation
import Testing

@testable import OctavoKit

/// A whole XHTML document written in pieces
/// (``XMLSerializer/document(_:syntax:doctype:nodesPerPiece:)``) is the same bytes as written
/// whole, however small the pieces: what a build writes for each chapter.
@Suite("XHTML document written in pieces")
struct XMLSerializerPiecesTests {
  /// The sample book and the fixture books with formulas, raw HTML, notes and right-to-left
  /// text, each with its renderer.
  static func renderedBooks() throws -> [(book: Book, renderer: XHTMLRenderer)] {
    try
      ([TestPaths.sampleManuscript]
      + ["mathematics", "tag-soup", "right-to-left"].map {
        TestPaths.fixtures.appending(path: "books/\($0)")
      }).map { folder in
        let book = try Manuscript.load(at: folder).book
        return (book, XHTMLRenderer(book: book))
      }
  }

  /// Every chapter and part of the sample book and of the fixture books with formulas, raw
  /// HTML, notes and right-to-left text, rendered as a build renders them, and a made-up
  /// document with what escaping and namespaces could trip on.
  static func documents() throws -> [XMLElement] {
    var documents: [XMLElement] = []
    for (book, renderer) in try renderedBooks() {
      documents += book.chapters.map { renderer.render($0).root }
      documents += book.parts.map { renderer.render($0).root }
      if let notes = renderer.renderNotesDocument() { documents.append(notes.root) }
    }
    let made = XMLElement(
      "html",
      [("xmlns", XHTMLRenderer.xhtmlNamespace), ("xmlns:epub", XHTMLRenderer.epubNamespace)],
      [
        .element(XMLElement("head", [], [.element(XMLElement("title", [], [.text("A & B")]))])),
        .text("\n"),
        .element(
          XMLElement(
            "body", [("epub:type", "bodymatter")],
            [
              .text("Fish & chips < 3 > 2 é — “quoted”"),
              .comment(" a -- comment "),
              .element(
                XMLElement(
                  "section", [("epub:type", "footnotes"), ("class", "a \"b\" & c")],
                  (1...9).map {
                    .element(
                      XMLElement(
                        "aside", [("id", "n\($0)"), ("epub:type", "footnote")],
                        [.text("\($0) & "), .element(XMLElement("br"))]))
                  })),
              .element(XMLElement("p")),
            ])),
      ])
    return documents + [made]
  }

  @Test("the pieces join into the bytes of the whole", arguments: [1, 2, 3, 5, 8, 40, 4096])
  func samePieces(nodesPerPiece: Int) throws {
    let documents = try Self.documents()
    #expect(documents.count >= 20)
    var split = 0
    for document in documents {
      let whole = try XMLSerializer.document(document, doctype: "html")
      let pieces = try XMLSerializer.document(
        document, doctype: "html", nodesPerPiece: nodesPerPiece)
      if document.nodeCount(upTo: nodesPerPiece) > nodesPerPiece { split += 1 }
      #expect(
        pieces == whole,
        "in pieces of \(nodesPerPiece):\n\(String(decoding: pieces, as: UTF8.self))\nwhole:\n\(String(decoding: whole, as: UTF8.self))"
      )
    }
    // Small pieces split every document; the build's size splits none of these small ones.
    #expect(nodesPerPiece > 8 || split == documents.count)
  }

  @Test("the declaration and the doctype are written once, before the root")
  func prolog() throws {
    let document = try #require(Self.documents().last)
    let text = String(
      decoding: try XMLSerializer.document(document, doctype: "html", nodesPerPiece: 2),
      as: UTF8.self)
    #expect(text.hasPrefix("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n<html"))
    #expect(text.components(separatedBy: "<!DOCTYPE").count == 2)
    #expect(!text.contains("octavo-piece"))
    #expect(text.hasSuffix("</html>\n"))
  }
}
