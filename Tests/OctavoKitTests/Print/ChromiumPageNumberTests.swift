import Foundation
import Testing

@testable import OctavoKit

/// Page numbers in Chromium's PDF, which has no `target-counter()`: the destinations read
/// back from a print, and the contents and cross-references that show them.
@Suite("Chromium page numbers", .serialized)
struct ChromiumPageNumberTests {
  /// A PDF written here with what PDFDestinations reads: a classic table, a nested page tree,
  /// a `/Dests` dictionary with a `#xx` escape and a `/Names` tree with a hexadecimal key.
  static func handmadePDF(namesTree: Bool) -> [UInt8] {
    var objects: [String] = [
      "<< /Type /Catalog /Pages 2 0 R "
        + (namesTree ? "/Names << /Dests 7 0 R >>" : "/Dests 6 0 R") + " >>",
      "<< /Type /Pages /Kids [3 0 R 4 0 R] /Count 3 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 100 100] >>",
      "<< /Type /Pages /Parent 2 0 R /Kids [5 0 R 8 0 R] /Count 2 >>",
      "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 100 100] >>",
      "<< /intro [3 0 R /XYZ 0 100 0] /fig#3A1 [5 0 R /XYZ 0 50 0]\n"
        + "/last << /D [8 0 R /Fit] >> /nowhere [99 0 R /Fit] >>",
      "<< /Kids [9 0 R] >>",
      "<< /Type /Page /Parent 4 0 R /MediaBox [0 0 100 100] >>",
      "<< /Names [(intro) [3 0 R /XYZ 0 100 0] <6669673A31> [5 0 R /Fit]"
        + " (a\\(b\\)) [8 0 R /Fit]] >>",
    ]
    objects = objects.enumerated().map { "\($0.offset + 1) 0 obj\n\($0.element)\nendobj\n" }
    var text = "%PDF-1.4\n%\u{E2}\u{E3}\n"
    var offsets: [Int] = []
    for object in objects {
      offsets.append(Array(text.utf8).count)
      text += object
    }
    let table = Array(text.utf8).count
    text += "xref\n0 \(objects.count + 1)\n0000000000 65535 f \n"
    for offset in offsets { text += String(format: "%010d 00000 n \n", offset) }
    text += "trailer\n<< /Size \(objects.count + 1) /Root 1 0 R >>\nstartxref\n\(table)\n%%EOF\n"
    return Array(text.utf8)
  }

  @Test("a handmade PDF's destinations, from a /Dests dictionary and from a /Names tree")
  func handmade() throws {
    let dictionary = try #require(PDFDestinations(Self.handmadePDF(namesTree: false)))
    #expect(dictionary.pages == ["intro": 1, "fig:1": 2, "last": 3])
    let tree = try #require(PDFDestinations(Self.handmadePDF(namesTree: true)))
    #expect(tree.pages == ["intro": 1, "fig:1": 2, "a(b)": 3])
  }

  @Test(
    "what is not a PDF this reader knows gives no destinations rather than wrong ones",
    arguments: [
      "", "%PDF-1.7\n", "not a pdf at all",
      "%PDF-1.5\n1 0 obj\n<< /Type /XRef >>\nendobj\nstartxref\n9\n%%EOF\n",
      "%PDF-1.4\nxref\n0 1\nzzzz\ntrailer\n<< >>\nstartxref\n9\n%%EOF\n",
    ])
  func unreadable(_ text: String) {
    #expect(PDFDestinations(Array(text.utf8)) == nil)
  }

  @Test(
    "a truncated or mangled PDF never traps: every prefix of the handmade file is read or refused")
  func prefixes() {
    let bytes = Self.handmadePDF(namesTree: true)
    for length in stride(from: 0, through: bytes.count, by: 7) {
      _ = PDFDestinations(Array(bytes.prefix(length)))
      var mangled = bytes
      if length < mangled.count { mangled[length] = UInt8(ascii: "(") }
      _ = PDFDestinations(mangled)
    }
  }

  @Test("folios: Roman before the first body page, Arabic from it; targets escaped in CSS")
  func style() {
    #expect(
      [1, 4, 9, 14, 40, 1999].map(ChromiumPages.lowerRoman) == [
        "i", "iv", "ix", "xiv", "xl", "mcmxcix",
      ])
    let layout = ChromiumPages(
      pages: ["preface": 9, "one": 11, "fig:\"x\"": 25], firstBodyPage: 11)
    #expect(layout.style.contains("[href=\"#preface\"] { --octavo-page: \"ix\"; }"))
    #expect(layout.style.contains("[href=\"#one\"] { --octavo-page: \"1\"; }"))
    #expect(layout.style.contains("[href=\"#fig:\\22 x\\22 \"] { --octavo-page: \"15\"; }"))
    // Before the first print, room for three digits after every entry and reference.
    #expect(ChromiumPages().style.contains("--octavo-page: \"000\";"))
  }

  /// A book of a title page, a copyright page, the contents, a preface and three chapters
  /// (the last two parts of one), as the print renderer writes its sections.
  static let book = """
    <html><head><style>nav.toc { break-before: right; }</style></head><body>
    <section id="titlepage" class="titlepage frontmatter"></section>
    <section id="copyright-page" class="copyright-page frontmatter"></section>
    <nav id="toc" class="toc" role="doc-toc"><a href="#one">One</a></nav>
    <section id="preface" class="preface frontmatter"></section>
    <section id="a&amp;b" class="chapter bodymatter first-bodymatter"></section>
    <section id="part" class="part bodymatter"></section>
    <section id="two" class="chapter bodymatter"></section>
    </body></html>
    """

  @Test("the sections that open on a right-hand page, and the first body section")
  func sections() {
    let sections = ChromiumPages.sections(in: Self.book)
    #expect(
      sections.map(\.id) == ["titlepage", "copyright-page", "toc", "preface", "a&b", "part", "two"])
    #expect(sections.map(\.opensRight) == [false, false, true, true, true, true, true])
    #expect(ChromiumPages.firstBodyID(in: Self.book) == "a&b")
    // A style sheet without right-hand openers gets no blank pages.
    let plain = Self.book.replacing("break-before: right", with: "break-before: page")
    #expect(!ChromiumPages.sections(in: plain).contains { $0.opensRight })
  }

  @Test("blank pages go before sections that would open on the left, and move what follows")
  func blanks() {
    let sections = ChromiumPages.sections(in: Self.book)
    // As Chromium printed it with no blanks: the title page 1, copyright 2, contents 3-4,
    // preface 5, the first chapter 6-9 (a figure on 7), the part 10, the last chapter 11.
    // The first chapter moves to 7, which takes the part to 11 (right) and the last
    // chapter to 12, so it gets a blank too.
    let read = [
      "titlepage": 1, "copyright-page": 2, "toc": 3, "preface": 5, "a&b": 6, "fig": 7,
      "part": 10, "two": 11,
    ]
    let first = ChromiumPages().next(read, sections: sections, firstBody: "a&b")
    #expect(first.blanks == ["a&b", "two"])
    #expect(
      first.pages == [
        "titlepage": 1, "copyright-page": 2, "toc": 3, "preface": 5, "a&b": 7, "fig": 8,
        "part": 11, "two": 13,
      ])
    #expect(first.firstBodyPage == 7)
    // Printed so, Chromium puts everything where it was told: the layout is settled.
    let reprinted = first.next(first.pages!, sections: sections, firstBody: "a&b")
    #expect(reprinted == first)

    let document = first.document(Self.book, sections: sections, firstBody: "a&b")
    // The blank before the first body section is the front matter's last page and does not
    // count towards the body's folios; the one before the last chapter does.
    #expect(document.contains("<div class=\"octavo-blank\"></div><section id=\"a&amp;b\""))
    #expect(
      document.contains(
        "<div class=\"octavo-blank octavo-blank-body\"></div><section id=\"two\""))
    let front = ChromiumPages(blanks: ["preface"], pages: [:])
    #expect(
      front.document(Self.book, sections: sections, firstBody: "a&b").contains(
        "<div class=\"octavo-blank\"></div><section id=\"preface\""))
    #expect(!document.contains("</div><section id=\"part\""))
    #expect(document.contains("<a href=\"#a&amp;b\"></a>"))
    #expect(document.contains("<style id=\"page-numbers\">"))
  }

  @Test("Chromium's dates become the book's and its node names are numbered in order, in place")
  func reproducible() {
    let pdf = Array(
      """
      %PDF-1.4
      1 0 obj
      <</Title (T)
      /CreationDate (D:20261206183135+00'00')
      /ModDate (D:20261206183135-05'00')>>
      endobj
      5 0 obj <</ID (node00000523)>> <</ID (node00000524)>> <</Headers [(node00000523)]>>
      (node123) (node00000001)
      """.utf8)
    let rewritten = ReproduciblePDF.rewrite(pdf, date: Date(timeIntervalSince1970: 1_700_000_000))
    let text = String(decoding: rewritten, as: UTF8.self)
    #expect(rewritten.count == pdf.count)
    #expect(text.contains("/CreationDate (D:20231114221320+00'00')"))
    #expect(text.contains("/ModDate (D:20231114221320+00'00')"))
    #expect(
      text.contains(
        "<</ID (node00000001)>> <</ID (node00000002)>> <</Headers [(node00000001)]>>"))
    // Not a node name: left alone; an original number is renumbered by its own first use.
    #expect(text.contains("(node123) (node00000003)"))
  }

  // Chromium and poppler (pdfinfo, pdftotext): skipped without them, failed when make test requires them.
  @Test(
    "Chromium: the contents and cross-references give the page their target is printed on",
    .enabled(if: PDFTools.enabled(.chromium)))
  func sample() throws {
    try PDFTools.require(.chromium)
    let (pdf, _, folder) = try PDFTests.build(TestPaths.sampleManuscript, engine: .chromium)
    defer { try? FileManager.default.removeItem(at: folder) }
    // Printed again, the same bytes: no time of printing, no run-dependent node names.
    let (again, _, second) = try PDFTests.build(TestPaths.sampleManuscript, engine: .chromium)
    defer { try? FileManager.default.removeItem(at: second) }
    #expect(try Data(contentsOf: pdf) == Data(contentsOf: again))

    // The destinations read here are poppler's (`pdfinfo -dests`), name for name.
    let dests = try runProcess(PDFTools.program("pdfinfo")!, ["-dests", pdf.path]).stdout
    var oracle: [String: Int] = [:]
    for match in dests.matches(of: /(?m)^\s*(\d+) \[[^\]]*\] "(.*)"$/) {
      oracle[String(match.2)] = Int(match.1)
    }
    #expect(oracle.count > 50)
    let read = try #require(PDFDestinations(Array(try Data(contentsOf: pdf))))
    #expect(read.pages == oracle)

    let document = try PDFTools.Document(pdf)
    /// The folio a page prints in its head or at its foot (Roman or Arabic).
    func folios(_ index: Int) -> [String] {
      let lines = document.lines(index)
      return ((lines.first?.split(separator: " ") ?? []) + [Substring(lines.last ?? "")])
        .map(String.init)
    }
    let tocIndex = try #require(
      document.pages.indices.first { document.lines($0).contains("Contents") })
    let tocLines = document.pages[tocIndex...].prefix(3).flatMap { $0.split(separator: "\n") }
    var checked = 0
    for title in PDFTests.chapters {
      let index = try #require(
        PDFTests.opener(title, in: document, after: tocIndex + 1), "no opener for \(title)")
      let entry = try #require(
        tocLines.first { $0.trimmingCharacters(in: .whitespaces).hasPrefix(title) },
        "\(title) not in the contents")
      let number = try #require(
        entry.firstMatch(of: /\s([0-9]+|[ivxlc]+)\s*$/).map { String($0.1) },
        "no page number after \(title): '\(entry)'")
      #expect(folios(index).contains(number), "contents say \(title) is on \(number)")
      // Chapters open on right-hand pages: a blank page, with no head or folio, before
      // one that would open on the left.
      #expect(index % 2 == 0, "\(title) opens on page \(index + 1), a left-hand page")
      if index > 0, document.lines(index - 1).count <= 1 {
        #expect(document.lines(index - 1).isEmpty, "\(document.lines(index - 1))")
      }
      checked += 1
    }
    #expect(checked == PDFTests.chapters.count)
    // The body matter starts again at 1, as in WeasyPrint's print.
    let first = try #require(tocLines.first { $0.contains("What Octavo Is") })
    #expect(first.hasSuffix(" 1"), "\(first)")

    // "Figure 4.1 on page 12": the page that prints 12 shows the figure (a reference in
    // quotation marks is the text's own example, not a reference). Body pages print their
    // index less the pages before the body.
    let opener = try #require(PDFTests.opener("What Octavo Is", in: document, after: tocIndex))
    #expect(folios(opener).contains("1"))
    let text = document.pages.joined(separator: "\n").replacing("\u{AD}", with: "")
      .replacing(/-\n\s*/, with: "").replacing(/\s+/, with: " ")
    let references = text.matches(of: /[^“](Figure|Table|Listing) (\d+\.\d+) on page (\d+)/)
    #expect(references.count >= 3)
    for reference in references {
      let page = try #require(Int(reference.3))
      let index = opener + page - 1
      #expect(document.pages.indices.contains(index))
      guard document.pages.indices.contains(index) else { continue }
      #expect(folios(index).contains(String(page)), "page \(page) prints \(folios(index))")
      let label = PDFTools.Document.squeeze("\(reference.1) \(reference.2)")
      #expect(
        PDFTools.Document.squeeze(document.pages[index]).contains(label),
        "\(reference.1) \(reference.2) is not on page \(page)")
    }
  }
}
