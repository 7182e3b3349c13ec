import Foundation
import Testing

@testable import OctavoKit

/// A chapter's outputs handed on as they are written instead of joined first: the print
/// section adapted a child at a time (``PrintSection/writeForPrint(_:images:printsAddresses:footnoteCalls:nodesPerPiece:splitting:into:)``, its later half written on another thread when it is large),
/// the XHTML deflated piece by piece (``Deflate/Stream``), and whether it holds MathML found
/// across the pieces' edges (``SerializedBook/MathScan``). Each must give the bytes of the
/// whole.
@Suite("Outputs streamed as written")
struct StreamedOutputTests {
  /// Every chapter's and part's section of the sample book and of the fixture books with
  /// notes, formulas, raw HTML, tables and code, as rendered (not yet adapted for print), and
  /// a made-up section with what print adapts: note calls (one called twice), external links,
  /// an IPv6 link, a page break, details, a long code line, a table and a large notes list.
  static func sections() throws -> [XMLElement] {
    var sections: [XMLElement] = []
    for (book, renderer) in try XMLSerializerPiecesTests.renderedBooks() {
      sections += book.chapters.map { renderer.render($0).section }
      sections += book.parts.map { renderer.render($0).section }
    }
    func call(_ number: Int) -> XMLNode {
      .el(
        "a",
        [
          ("class", "noteref"), ("href", "#x-fn-\(number)"), ("id", "x-ref-\(number)-\(UUID())"),
          ("role", "doc-noteref"), ("epub:type", "noteref"),
        ], [.text("\(number)")])
    }
    let paragraphs: [XMLNode] = (1...30).map { index in
      .el(
        "p", [("id", "p\(index)")],
        [
          .text("Text \(index) & "), call(index), .text(" then "),
          .el("a", [("href", "https://example.org/\(index)")], [.text("a link")]),
          .el("a", [("href", "http://[::1]/\(index)")], [.text("local")]),
        ])
    }
    let made = XMLElement(
      "section", [("id", "x"), ("epub:type", "chapter"), ("class", "chapter")],
      paragraphs + [
        .el("p", [], [.text("Again "), call(3), .text(".")]),
        .el("span", [("role", "doc-pagebreak"), ("id", "page-2"), ("aria-label", "2")], []),
        .el("details", [], [.el("summary", [], [.text("More")]), .el("p", [], [call(31)])]),
        .el(
          "pre", [],
          [
            .el(
              "code", [],
              [
                .el("span", [("class", "line")], [.text(String(repeating: "long ", count: 30))]),
                .el("span", [("class", "line")], [.text("short"), call(32)]),
              ])
          ]),
        .el(
          "table", [],
          [.el("tr", [], [.el("td", [], [.text("cell "), call(33)])])]),
        .el(
          "div", [("class", "footnotes")],
          (1...33).map { number in
            .el(
              "aside", [("id", "x-fn-\(number)"), ("epub:type", "footnote")],
              [
                .el(
                  "p", [],
                  [
                    .el("span", [("class", "footnote-number")], [.text("\(number)")]),
                    .text(" Note \(number) with "),
                    .el("a", [("href", "https://example.org/n\(number)")], [.text("its link")]),
                    .el("a", [("class", "footnote-back"), ("href", "#x-ref")], [.text("↩")]),
                  ])
              ])
          }),
      ])
    return sections + [made]
  }

  /// `section` adapted for print whole and written, and the pieces
  /// ``PrintSection/writeForPrint(_:images:printsAddresses:footnoteCalls:nodesPerPiece:splitting:into:)``
  /// writes of it.
  static func adapted(_ section: XMLElement, nodesPerPiece: Int, splitting: Bool = false) throws
    -> (whole: [UInt8], pieces: [[UInt8]])
  {
    let images: ImageURIs = ["images/a.png": "data:image/png;base64,AAAA"]
    let whole = try XMLSerializer.fragment(
      PrintSection.forPrint(
        section, images: images, footnoteCalls: PrintSection.FootnoteCalls(section: section)),
      syntax: .html)
    var pieces: [[UInt8]] = []
    try PrintSection.writeForPrint(
      section, images: images, footnoteCalls: PrintSection.FootnoteCalls(section: section),
      nodesPerPiece: nodesPerPiece, splitting: splitting
    ) { pieces.append($0) }
    return (whole, pieces)
  }

  @Test(
    "a section adapted a child at a time writes the bytes of the whole adapted section",
    arguments: [1, 2, 3, 5, 8, 40, 4096])
  func printSectionInPieces(nodesPerPiece: Int) throws {
    let sections = try Self.sections()
    #expect(sections.count >= 20)
    var split = 0
    for section in sections {
      let (whole, pieces) = try Self.adapted(section, nodesPerPiece: nodesPerPiece)
      // A section larger than a piece is written in several.
      if section.nodeCount(upTo: nodesPerPiece) > nodesPerPiece {
        split += 1
        #expect(pieces.count > 1)
      }
      let joined = Array(pieces.joined())
      #expect(
        joined == whole,
        "\(section[attribute: "id"] ?? section.name) in pieces of \(nodesPerPiece):\n\(String(decoding: joined, as: UTF8.self))\nwhole:\n\(String(decoding: whole, as: UTF8.self))"
      )
    }
    // Small pieces split most sections; the build's size splits none of these small ones.
    #expect(nodesPerPiece > 8 || split > sections.count / 2)
    #expect(nodesPerPiece < 4096 || split == 0)
  }

  @Test(
    "a section whose later half is written on another thread gives the bytes of the whole",
    arguments: [1, 2, 5, 40])
  func printSectionSplit(nodesPerPiece: Int) throws {
    var split = 0
    for section in try Self.sections() {
      let (whole, pieces) = try Self.adapted(
        section, nodesPerPiece: nodesPerPiece, splitting: true)
      if PrintSection.splitPoint(of: section.children[...], limit: nodesPerPiece) != nil {
        split += 1
      }
      #expect(
        Array(pieces.joined()) == whole,
        "\(section[attribute: "id"] ?? section.name) split, in pieces of \(nodesPerPiece)")
    }
    // Small pieces make most sections large enough to split; pieces of 40 nodes, few.
    #expect(nodesPerPiece > 2 || split > 10, "\(split) sections split")
  }

  @Test("a section is not split where a note is called in both halves, nor when it is small")
  func splitPoint() {
    func call(_ number: Int) -> XMLNode {
      .el("a", [("class", "noteref"), ("href", "#n\(number)")], [.text("\(number)")])
    }
    let calls = (1...40).map { XMLNode.el("p", [], [.text("Text "), call($0)]) }
    let split = PrintSection.splitPoint(of: calls[...], limit: 4)
    #expect(split.map { (15...25).contains($0) } == true, "\(String(describing: split))")
    // The same note called again at the end: its calls' order decides which one floats.
    #expect(PrintSection.splitPoint(of: (calls + [.el("p", [], [call(1)])])[...], limit: 4) == nil)
    // Not larger than eight runs of the limit.
    #expect(PrintSection.splitPoint(of: calls[...], limit: 20) == nil)
    #expect(PrintSection.splitPoint(of: calls.prefix(1), limit: 1) == nil)
  }

  @Test(
    "the made-up section is adapted as print adapts it",
    arguments: [1, 7, 4096])
  func adapted(nodesPerPiece: Int) throws {
    let section = try #require(Self.sections().last)
    var pieces: [[UInt8]] = []
    try PrintSection.writeForPrint(
      section, images: [:], footnoteCalls: PrintSection.FootnoteCalls(section: section),
      nodesPerPiece: nodesPerPiece
    ) { pieces.append($0) }
    let text = String(decoding: Array(pieces.joined()), as: UTF8.self)
    // Each note's text at its first call, a second call as plain text, addresses printed,
    // the IPv6 link as its text, no page break, details open, the short table kept.
    #expect(text.components(separatedBy: "<span class=\"print-footnote\">").count == 34)
    #expect(text.contains("<span class=\"noteref\" id=\"x-ref-3-"))
    #expect(text.contains(" (https:/\u{200B}/\u{200B}example.\u{200B}org/\u{200B}1)"))
    #expect(text.contains("<span>local</span>"))
    #expect(!text.contains("doc-pagebreak") && !text.contains("epub:type"))
    #expect(text.contains("<details open=\"open\">"))
    #expect(text.contains("<table class=\"keep\">"))
    #expect(text.contains("data-marks=\"↪\n↪\n↪\""))
  }

  /// Text, incompressible bytes, a short and an empty content, and one larger than zlib's
  /// buffers, each cut into pieces of the given sizes.
  @Test(
    "a document deflated piece by piece is the one deflated whole",
    arguments: [1, 7, 100, 4_096, 65_536, 1 << 22])
  func deflatedInPieces(pieceSize: Int) throws {
    for sample in PreDeflatedEntryTests.samples
    where pieceSize >= 100 || sample.bytes.count < 70_000 {
      let level = Int32(ZipWriter.compressionLevel)
      let whole = try #require(Deflate.raw(sample.bytes, level: level))
      let stream = Deflate.Stream(level: level)
      var start = 0
      while start < sample.bytes.count {
        let end = min(start + pieceSize, sample.bytes.count)
        stream.add(sample.bytes[start..<end])
        start = end
      }
      let streamed = try #require(stream.finish())
      #expect(streamed == whole, "\(sample.name) in pieces of \(pieceSize)")
      if sample.name.hasSuffix("chapter.xhtml") {
        // What is kept is the deflated size, not the stream's buffer.
        #expect(streamed.bytes.capacity < sample.bytes.count / 4)
      }
    }
  }

  @Test(
    "MathML is found in a document given in pieces, across their edges",
    arguments: [
      (["<p>x</p>", "<math ", "/>"], true), (["<ma", "th>"], true),
      (["<", "m", "a", "t", "h", " "], true),
      (["a<mat", "h", ">"], true), (["<math", ">"], true), (["&lt;math ", "x"], false),
      (["<mat", "hs>"], false), (["<math"], false), ([], false), (["x", "", "<m", "ath>"], true),
    ])
  func mathAcrossPieces(pieces: [String], holds: Bool) {
    var scan = SerializedBook.MathScan()
    for piece in pieces { scan.scan(Array(piece.utf8)[...]) }
    #expect(scan.found == holds)
    #expect(SerializedBook.holdsMath(Array(pieces.joined().utf8)) == holds)
  }
}
