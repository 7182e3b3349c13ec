import Foundation
import Testing

@testable import OctavoKit

/// The shortcuts of the clean build's inner loops: print adapting only what it changes,
/// documents built whole by libxml2 unless they turn out larger than a piece, the ASCII paths
/// of the print edition's link rules, the first-byte test for footnote definitions, and the
/// chapters the parser knows hold no raw HTML. Each must give what the long way gives.
@Suite("Clean-build shortcuts")
struct PrintShortcutTests {
  /// Every element of `element`'s tree, itself first, in document order.
  static func elements(of element: XMLElement) -> [XMLElement] {
    var found: [XMLElement] = []
    element.forEachElement { found.append($0) }
    return found
  }

  /// The nodes of `element`'s tree counted one by one, packed children unpacked.
  static func fullCount(_ element: XMLElement) -> Int {
    1
      + element.children.reduce(0) { total, child in
        total + (child.element.map(fullCount) ?? 1)
      }
  }

  @Test("an element print leaves as it is comes back equal; one with a link inside does not")
  func adaptsOnlyWhatChanges() throws {
    var kept = 0
    for section in try StreamedOutputTests.sections() {
      for element in Self.elements(of: section) where PrintSection.printsAsIs(.element(element)) {
        #expect(PrintSection.forPrint(element, images: [:]) == element)
        kept += 1
      }
    }
    #expect(kept > 100)
    let paragraph = XMLElement(
      "p", [],
      [
        .text("See "), .el("em", [], [.text("this")]), .text(" and "),
        .el("a", [("href", "https://example.org/a")], [.text("that")]), .text("."),
      ])
    let printed = PrintSection.forPrint(paragraph, images: [:])
    #expect(printed.children.count == 6)
    #expect(Array(printed.children.prefix(4)) == Array(paragraph.children.prefix(4)))
    #expect(printed.children[4].element?[attribute: "class"] == "link-address")
    #expect(printed.children[5] == .text("."))
  }

  /// The print edition's contents link within the page already: print leaves the whole
  /// list as it is (no copy of its 1,400 entries at 1M words); a link to another document,
  /// an `epub:` attribute or a link followed by note calls is still adapted.
  @Test("a list of links within the page prints as it is; other links are adapted")
  func linksWithinThePage() {
    let entries: [XMLNode] = (0..<50).map { index in
      .el("li", [], [.el("a", [("href", "#section-\(index)")], [.text("Section \(index)")])])
    }
    let toc = XMLElement(
      "nav", [("id", "toc"), ("class", "toc")],
      [.el("h1", [], [.text("Contents")]), .el("ol", [], entries)])
    let printed = PrintSection.forPrint(toc, images: [:])
    #expect(printed == toc)
    let other = XMLElement("p", [], [.el("a", [("href", "chapter-2.xhtml#s")], [.text("s")])])
    #expect(
      PrintSection.forPrint(other, images: [:]).children.first?.element?[attribute: "href"]
        == "#s")
    let typed = XMLElement("a", [("href", "#s"), ("epub:type", "noteref")], [.text("1")])
    #expect(PrintSection.forPrint(typed, images: [:]).attributeNames == ["href"])
    // The same list followed for note calls (as a chapter's section is) comes back equal.
    let section = XMLElement("section", [], [.element(toc)])
    #expect(
      PrintSection.forPrint(
        section, images: [:], footnoteCalls: PrintSection.FootnoteCalls(section: section))
        == section)
  }

  /// A formula prints as it is whatever its attributes (its `xmlns` too) when nothing below
  /// it changes, so a paragraph holding one is taken whole by the piece writer; a formula
  /// that is a page break, or holds a link, is adapted.
  @Test("a paragraph with a formula prints as it is, in pieces as whole")
  func formulasPrintAsTheyAre() throws {
    let math = try #require(XHTMLRenderer.mathElement(Formula(tex: "x^2 + y", isDisplay: false)))
    #expect(math[attribute: "xmlns"] != nil)
    #expect(math.packedChildren != nil)
    let paragraph = XMLElement("p", [], [.text("So "), .element(math), .text(".")])
    #expect(PrintSection.printsAsIs(.element(paragraph)))
    #expect(PrintSection.forPrint(paragraph, images: [:]) == paragraph)
    var typed = math
    typed[attribute: "epub:type"] = "x"
    #expect(PrintSection.printsAsIs(.element(typed)))
    #expect(PrintSection.forPrint(typed, images: [:]) == typed)
    var pageBreak = math
    pageBreak[attribute: "role"] = "doc-pagebreak"
    #expect(!PrintSection.printsAsIs(.element(pageBreak)))
    let linked = XMLElement(
      "math", [("xmlns", "http://www.w3.org/1998/Math/MathML")],
      [.el("mtext", [], [.el("a", [("href", "https://example.org/")], [.text("x")])])])
    #expect(!PrintSection.printsAsIs(.element(linked)))
    #expect(PrintSection.forPrint(linked, images: [:]) != linked)
    // A section larger than a piece, written child by child, gives the bytes of the whole.
    let section = XMLElement(
      "section", [("epub:type", "chapter")],
      (0..<200).map { .element(XMLElement("p", [], [.text("\($0) "), .element(math)])) }
        + [.element(XMLElement("p", [], [.element(pageBreak), .element(linked)]))])
    var pieces: [UInt8] = []
    try PrintSection.writeForPrint(
      section, images: [:], footnoteCalls: nil, nodesPerPiece: 64
    ) { pieces += $0 }
    #expect(
      pieces == (try PrintSection.serialized(PrintSection.forPrint(section, images: [:]))))
  }

  @Test("libxml2 builds a document or fragment whole exactly when it holds at most the limit")
  func budgetedDocuments() throws {
    let documents = try XMLSerializerPiecesTests.documents()
    for root in documents {
      let count = Self.fullCount(root)
      #expect(root.nodeCount(upTo: count) == count)
      #expect(root.nodeCount(upTo: count - 1) > count - 1)
      for limit in [1, 7, 100, count - 1, count, 4096] where limit > 0 {
        let whole = try XMLSerializer.document(root, doctype: "html", upTo: limit)
        #expect((whole == nil) == (count > limit))
        if let whole { #expect(whole == (try XMLSerializer.document(root, doctype: "html"))) }
        let fragment = try XMLSerializer.fragment(root, syntax: .html, upTo: limit)
        #expect((fragment == nil) == (count > limit))
        if let fragment {
          #expect(fragment == (try XMLSerializer.fragment(root, syntax: .html)))
        }
      }
    }
  }

  @Test("an ASCII link text and address are compared as Unicode would compare them")
  func bareAddresses() {
    let texts = [
      "", " ", "https://example.org", "HTTPS://WWW.Example.org/", " http://example.org// ",
      "https://http://x", "www.", "\texample.org\n", "\u{0B}a\u{0C}", "http:/x", "https://",
      "Example.ORG/Path/", "a b", "///",
    ]
    for text in texts {
      #expect(
        PrintSection.bareASCII(text).map { String(decoding: $0, as: UTF8.self) }
          == PrintSection.bare(text), "\(text.debugDescription)")
    }
    #expect(PrintSection.bareASCII("https://exämple.org") == nil)
    let link = XMLElement("a", [("href", "https://www.w3.org/TR/")], [.text("the spec")])
    #expect(
      PrintSection.printedAddress(of: link)
        == "https:/\u{200B}/\u{200B}www.\u{200B}w3.\u{200B}org/\u{200B}TR/\u{200B}")
    let same = XMLElement("a", [("href", "https://example.org/")], [.text(" Example.org ")])
    #expect(PrintSection.printedAddress(of: same) == nil)
  }

  @Test(
    "in-page links from ASCII addresses are those of the general rule",
    arguments: [
      ("c.xhtml#sec", "#sec"), ("c.xhtml", "#c"), ("c.xhtml#", "#c"), (".xhtml", "#"),
      ("https://x.org/a.xhtml#b", "https://x.org/a.xhtml#b"), ("d/c.xhtml#x", "d/c.xhtml#x"),
      ("c.html#x", "c.html#x"), ("c.xhtml#fig:arch", "#fig:arch"), ("c.xhtml#a#b", "#a#b"),
      ("ç.xhtml#é", "#é"), ("mailto:a@b.c", "mailto:a@b.c"),
    ])
  func inPageLinks(_ href: String, _ expected: String) {
    #expect(PrintSection.inPageLink(href) == expected)
    if href.utf8.allSatisfy({ $0 < 0x80 }) {
      #expect(PrintSection.inPageLinkASCII(href) == expected)
    } else {
      #expect(PrintSection.inPageLinkASCII(href) == nil)
    }
  }

  @Test("the elements whose links print no address are told without the set")
  func noAddressNames() {
    for name in PrintSection.noAddressElements.sorted() + [
      "p", "a", "em", "span", "h7", "hr", "f", "n", "t", "c", "pre2", "codex", "table", "",
    ] {
      #expect(PrintSection.printsNoAddress(name) == PrintSection.noAddressElements.contains(name))
    }
  }

  @Test("a line that defines a footnote starts with at most three spaces and [^ in its bytes")
  func footnoteDefinitionFirstBytes() {
    let lines: [(String, String?)] = [
      ("[^a]: text", "a"), ("   [^b]: text", "b"), ("    [^c]: text", nil), ("[^]: x", nil),
      ("[^d] no colon", nil), ("[x]: y", nil), ("", nil), ("[", nil), ("[^", nil),
      (" \u{301}[^e]: x", nil), ("[^\u{301}f]: x", nil), ("\t[^g]: x", nil), ("text [^h]: x", nil),
    ]
    for (line, label) in lines {
      #expect(
        MarkdownParser.footnoteDefinitionLabel(line[...]) == label, "\(line.debugDescription)")
      if label != nil { #expect(MarkdownParser.mayDefineFootnote(line[...])) }
    }
    #expect(!MarkdownParser.mayDefineFootnote("    [^c]: text"))
    #expect(MarkdownParser.mayDefineFootnote("[^\u{301}f]: x"))
  }

  @Test("a chapter the parser made no raw HTML for is known to hold none, until it is replaced")
  func chaptersWithoutRawHTML() throws {
    let plain = MarkdownParser(file: "c.md", lineOffset: 0).parse(
      "# T\n\nText *and* more.[^n]\n\n[^n]: A note.\n")
    #expect(!plain.mayHoldRawHTML)
    for markdown in [
      "Text <span id=\"s\">x</span>.\n", "<div id=\"d\">\n\nx\n\n</div>\n",
      "Text.[^n]\n\n[^n]: A <b>bold</b> note.\n",
    ] {
      #expect(MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown).mayHoldRawHTML)
    }
    let manuscript = try TemporaryManuscript.load(
      chapters: [
        "a.md": "# A\n\nPlain text.\n",
        "b.md": "# B\n\nSee <span id=\"here\">here</span>.\n\n<div id=\"box\">\n\nx\n\n</div>\n",
      ], order: ["a.md", "b.md"])
    let chapters = manuscript.book.chapters
    #expect(chapters[0].rawHTMLIDs.isEmpty)
    #expect(chapters[1].rawHTMLNames == [.id("box"), .id("here")])
    #expect(chapters[1].rawHTMLIDs == ["box": "box", "here": "here"])
    var chapter = Chapter(id: "a", path: "a.md", title: "A", blocks: plain.blocks)
    chapter.mayHoldRawHTML = false
    #expect(chapter.rawHTMLNames.isEmpty)
    chapter.blocks = chapters[1].blocks
    #expect(chapter.mayHoldRawHTML && chapter.rawHTMLNames == [.id("box"), .id("here")])
    chapter.mayHoldRawHTML = false
    chapter.footnotes = []
    #expect(chapter.mayHoldRawHTML)
  }
}
