import Foundation
import Testing

@testable import OctavoKit

/// The print section written in pieces (``PrintSection/serialized(_:nodesPerPiece:)``) is the
/// same bytes as written whole, however small the pieces.
@Suite("Print section written in pieces")
struct PrintSectionSerializeTests {
  /// The sections of the golden print edition and EPUB chapters, adapted for print as a
  /// build adapts them, and a made-up section with what escaping could trip on.
  static func sections() throws -> [XMLElement] {
    var sections: [XMLElement] = []
    for name in ["print.html", "EPUB_text_first.xhtml", "EPUB_text_appendix.xhtml"] {
      let text = try String(
        contentsOf: TestPaths.fixtures.appending(path: "golden/\(name)"), encoding: .utf8)
      var stack = MarkupParser.parseHTMLFragment(text).compactMap(\.element)
      while let element = stack.popLast() {
        if element.name == "section" {
          sections.append(
            PrintSection.forPrint(
              element, images: [:],
              footnoteCalls: PrintSection.FootnoteCalls(section: element)))
        } else {
          stack += element.children.compactMap(\.element)
        }
      }
    }
    let made = XMLElement(
      "section", [("id", "x"), ("class", "a \"b\" & c")],
      [
        .text("Fish & chips < 3 > 2 "), .text("é — “quoted”"),
        .element(XMLElement("p", [], [.text("One"), .element(XMLElement("br")), .text("two")])),
        .comment(" a comment "),
        .element(
          XMLElement(
            "div", [("class", "footnotes")],
            (1...9).map { .element(XMLElement("aside", [("id", "n\($0)")], [.text("\($0) & ")])) })),
        .element(XMLElement("pre", [], [.text("let a = b < c\n  && d\n")])),
        .element(XMLElement("img", [("src", "a.png"), ("alt", "")])),
        .text("end"),
      ])
    return sections + [made]
  }

  @Test("the pieces join into the bytes of the whole", arguments: [1, 2, 3, 5, 8, 40, 4096])
  func samePieces(nodesPerPiece: Int) throws {
    let sections = try Self.sections()
    #expect(sections.count >= 5)
    for section in sections {
      let whole = try XMLSerializer.fragment(section, syntax: .html)
      let pieces = try PrintSection.serialized(section, nodesPerPiece: nodesPerPiece)
      #expect(
        pieces == whole,
        "\(section[attribute: "id"] ?? section.name) in pieces of \(nodesPerPiece):\n\(String(decoding: pieces, as: UTF8.self))\nwhole:\n\(String(decoding: whole, as: UTF8.self))"
      )
    }
  }

  @Test("nodes are counted up to just past the limit")
  func counting() {
    let element = XMLElement(
      "div", [], (1...10).map { _ in .element(XMLElement("p", [], [.text("x")])) })
    #expect(PrintSection.nodeCount(element, upTo: 100) == 21)
    #expect(PrintSection.nodeCount(element, upTo: 5) <= 7)
    #expect(PrintSection.nodeCount(element, upTo: 5) > 5)
  }

  @Test(
    "a class is found among the classes without splitting them",
    arguments: [
      ("noteref", true), ("a noteref", true), ("noteref b", true), ("a  noteref  b", true),
      ("noterefs", false), ("xnoteref", false), ("", false), ("note ref", false),
    ])
  func classes(classes: String, found: Bool) {
    #expect(PrintSection.classes(classes, contain: "noteref") == found)
  }

  @Test(
    "an IPv6 host is found in a link",
    arguments: [
      ("http://[::1]/a", true), ("https://[2001:db8::1]:80", true), ("::://[", true),
      ("http://example.org/[x]", false), (":/[", false), ("http:/[::1]", false), ("", false),
    ])
  func ipv6(href: String, found: Bool) {
    #expect(PrintSection.hasIPv6Host(href) == found)
  }
}
