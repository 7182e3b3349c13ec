import Foundation
import Testing

@testable import OctavoKit

/// `print:` in book.yaml, the generated page CSS and its escaping, and the print edition's
/// generated pages and footnotes.
@Suite("Print settings")
struct PrintSettingsTests {
  static func load(_ print: String) throws -> Manuscript {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\nprint:\n\(print)\ncontents: [one.md]\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    return try book.load()
  }

  struct Trim: CustomTestStringConvertible, Sendable {
    let yaml: String
    let width: Double
    let height: Double
    var testDescription: String { yaml }
  }

  @Test(
    "trim sizes by name, as WxH and as a mapping",
    arguments: [
      Trim(yaml: "6x9in", width: 432, height: 648),
      Trim(yaml: "5.5x8.5in", width: 396, height: 612),
      Trim(yaml: "A5", width: 419.528, height: 595.276),
      Trim(yaml: "a4", width: 595.276, height: 841.89),
      Trim(yaml: "letter", width: 612, height: 792),
      Trim(yaml: "140x216mm", width: 396.85, height: 612.283),
      Trim(yaml: "5.25 × 8in", width: 378, height: 576),
      Trim(yaml: "{width: 13cm, height: 20cm}", width: 368.504, height: 566.929),
    ])
  func trims(_ trim: Trim) throws {
    let manuscript = try Self.load("  trim: \(trim.yaml)")
    #expect(
      manuscript.diagnostics.filter { $0.severity == .error }.isEmpty, "\(manuscript.diagnostics)")
    let size = manuscript.book.metadata.printSettings.trim
    #expect(abs(size.width - trim.width) < 0.01 && abs(size.height - trim.height) < 0.01, "\(size)")
  }

  @Test("margins, bleed, crop marks and type are read with their units")
  func values() throws {
    let manuscript = try Self.load(
      """
        margins: { inside: 0.875in, outside: 15mm, top: 54pt, bottom: 5pc }
        bleed: 3mm
        crop-marks: true
        font-size: 10.5
        font-family: "EB Garamond, 'Palatino Linotype'"
      """)
    #expect(manuscript.diagnostics.isEmpty, "\(manuscript.diagnostics)")
    let settings = manuscript.book.metadata.printSettings
    #expect(
      settings.margins
        == PrintSettings.Margins(inside: 63, outside: 15 * 72 / 25.4, top: 54, bottom: 60))
    #expect(abs(settings.bleed - 8.504) < 0.001)
    #expect(settings.cropMarks)
    #expect(settings.fontSize == 10.5)
    #expect(settings.fontFamily == ["EB Garamond", "Palatino Linotype"])
  }

  @Test("without print: the page is 6 × 9 in with proportional margins; crop marks bring a bleed")
  func defaults() throws {
    let plain = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [one.md]\n",
      "one.md": "# One\n",
    ])
    defer { plain.remove() }
    let settings = try plain.load().book.metadata.printSettings
    #expect(settings.trim == .sixByNine)
    #expect(
      settings.effectiveMargins
        == PrintSettings.Margins(inside: 54, outside: 43, top: 54, bottom: 61))
    #expect(settings.bleed == 0 && !settings.cropMarks)
    #expect(try Self.load("  crop-marks: true").book.metadata.printSettings.bleed == 9)
  }

  struct Bad: CustomTestStringConvertible, Sendable {
    let yaml: String
    let expected: String
    var testDescription: String { expected }
  }

  @Test(
    "bad print values are reported at their position",
    arguments: [
      Bad(
        yaml: "  trim: a6", expected: "book.yaml:4:9: error: unknown trim 'a6'; did you mean 'a5'?"),
      Bad(yaml: "  trim: huge", expected: "book.yaml:4:9: error: unknown trim 'huge' (use 6x9in"),
      Bad(
        yaml: "  trim: 60x90in",
        expected: "book.yaml:4:9: error: trim 60 × 90in is outside the sizes"),
      Bad(
        yaml: "  trim: {width: 5in}",
        expected: "book.yaml:4:9: error: a custom trim needs both width and height"),
      Bad(
        yaml: "  trimm: a5",
        expected: "book.yaml:4:3: warning: unknown key 'trimm' in print; did you mean 'trim'?"),
      Bad(
        yaml: "  margins: {inside: 1in, outsid: 1in}",
        expected:
          "book.yaml:4:26: warning: unknown key 'outsid' in margins; did you mean 'outside'?"),
      Bad(
        yaml: "  margins: {inside: 2}",
        expected: "book.yaml:4:21: error: margin inside '2' needs a unit"),
      Bad(
        yaml: "  margins: {inside: -1in}",
        expected: "book.yaml:4:21: error: margin inside '-1in' is not a length of 0 or more"),
      Bad(
        yaml: "  margins: {inside: 3in, outside: 2.5in}",
        expected:
          "book.yaml:4:12: error: the inside and outside margins leave less than 1in for the text on a 6 × 9in page"
      ),
      Bad(yaml: "  bleed: 1in", expected: "book.yaml:4:10: error: bleed must be at most 0.5in"),
      Bad(
        yaml: "  crop-marks: sometimes",
        expected: "book.yaml:4:15: error: crop-marks must be true or false"),
      Bad(
        yaml: "  font-size: 40pt",
        expected: "book.yaml:4:14: error: font-size must be between 6pt and 24pt"),
      Bad(
        yaml: "  font-size: big",
        expected: "book.yaml:4:14: error: font-size 'big' is not a positive length"),
      Bad(
        yaml: "  font-family: \"Evil; } body { color: red\"",
        expected:
          "book.yaml:4:16: error: font-family 'Evil; } body { color: red' is not a font name"),
      Bad(yaml: "  - a5", expected: "book.yaml:4:3: error: print must be a mapping"),
    ])
  func bad(_ bad: Bad) throws {
    let manuscript = try Self.load(bad.yaml)
    let lines = manuscript.diagnostics.map { "\($0)" }
    #expect(lines.contains { $0.hasPrefix(bad.expected) }, "\(lines)")
  }

  @Test("CSS strings and identifiers escape everything that could end them or the style element")
  func escaping() {
    #expect(
      CSSText.string(#"A "B" \ </style> & <x>"#)
        == #""A \22 B\22  \5C  \3C /style\3E  \26  \3C x\3E ""#)
    #expect(CSSText.string("line\nbreak\u{0}") == "\"line break\\0 \"")
    #expect(CSSText.string("Ünïcode — ok") == "\"Ünïcode — ok\"")
    #expect(CSSText.identifier("chapter-1") == "chapter-1")
    #expect(CSSText.identifier("1st") == "\\31 st")
    #expect(CSSText.identifier("a.b#c d") == "a\\2E b\\23 c\\20 d")
    #expect(CSSText.identifier("-9") == "\\-9")
    #expect(CSSText.points(419.52755) == "419.528pt")
    #expect(CSSText.points(54) == "54pt")
    #expect(CSSText.number(0.5) == "0.5")
  }

  @Test("the generated page CSS holds the settings and one named page per section")
  func pageCSS() throws {
    var settings = PrintSettings(
      trim: PrintSettings.TrimSize(width: 396, height: 612), bleed: 9, cropMarks: true,
      fontSize: 10, fontFamily: ["My \"Face\""])
    settings.margins = PrintSettings.Margins(inside: 60, outside: 40, top: 50, bottom: 55)
    let css = PageStyle(
      settings: settings, bookTitle: "Book </style>",
      sections: [
        .init(id: "toc", runningHead: "Contents", isFrontMatter: true, restartsNumbering: false),
        .init(
          id: "1st", runningHead: "It's \"one\"", isFrontMatter: false, restartsNumbering: true),
      ]
    ).css()
    #expect(css.contains("size: 396pt 612pt;"))
    #expect(css.contains("margin: 50pt 40pt 55pt 60pt;"))
    #expect(css.contains("bleed: 9pt;"))
    #expect(css.contains("marks: crop;"))
    #expect(css.contains("@page :left {\n  margin-left: 40pt;\n  margin-right: 60pt;\n}"))
    // The named family first, then the fallbacks that leave no character as an empty box.
    #expect(
      css.contains(
        "font-family: \"My \\22 Face\\22 \", \"DejaVu Serif\", \"DejaVu Sans\", \"WenQuanYi Micro Hei\", serif;"
      ))
    #expect(css.contains("font-size: 10pt;"))
    #expect(
      css.contains(
        "@page section-2:left {\n  @top-left { content: counter(page); }\n  @top-center { content: \"Book \\3C /style\\3E \"; }"
      ))
    #expect(css.contains("#toc {\n  page: section-1;\n}"))
    #expect(
      css.contains(
        "@page section-1:right {\n  @top-center { content: \"Contents\"; }\n  @top-right { content: counter(page, lower-roman); }"
      ))
    #expect(css.contains("#\\31 st {\n  page: section-2;\n}"))
    #expect(css.contains("@top-center { content: \"It's \\22 one\\22 \"; }"))
    #expect(css.contains("@page :nth(1 of section-2) {\n  counter-reset: page 1;"))
    #expect(!css.contains("</"))
  }

  @Test(
    "the print edition has a copyright page, the contents after the dedication, and notes at their calls"
  )
  func printEdition() throws {
    let book = try TemporaryManuscript([
      "book.yaml": """
      title: T
      language: en
      publisher: P
      date: 2025-03-01
      rights: "© 2025 A"
      identifier: 978-0-00-000000-2
      contents: [dedication.md, one.md]
      """,
      "dedication.md": "---\ntype: dedication\n---\nFor you.\n",
      "one.md": "# One\n\nA call.[^n] Again.[^n]\n\n[^n]: The *note* text.\n\n    More.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    let rendered = try SerializedBook(book: manuscript.book, root: book.root, formats: [.print])
    let html = String(
      decoding: try PrintEditionRenderer(serialized: rendered, stylesheet: "").render(),
      as: UTF8.self)
    let order = [
      "class=\"titlepage", "class=\"copyright-page", "id=\"dedication\"", "id=\"toc\"",
      "id=\"one\"",
    ]
    .map { html.range(of: $0)?.lowerBound }
    #expect(!order.contains(nil))
    #expect(order.compactMap { $0 } == order.compactMap { $0 }.sorted())
    #expect(html.contains("<p class=\"rights\">© 2025 A</p>"))
    #expect(html.contains("<p class=\"imprint\">P, 2025</p>"))
    #expect(html.contains("<p class=\"isbn\">ISBN 9780000000002</p>"))
    #expect(html.contains("class=\"noteref noteref-floated\""))
    #expect(html.contains("<span class=\"print-footnote\">The <em>note</em> text."))
    // One floated copy for the note, called twice; the chapter-end notes stay.
    #expect(html.matches(of: /class="print-footnote"/).count == 1)
    #expect(html.contains("<div class=\"footnotes\">"))
    let ids = html.matches(of: /id="([^"]+)"/).map { String($0.1) }
    #expect(ids.count == Set(ids).count, "duplicate ids")
    #expect(html.contains("<style id=\"page-settings\">"))
    #expect(html.contains("#one {\n  page: section-"))
    #expect(!html.contains("#dedication {"))
  }
}
