import Foundation
import Testing

@testable import OctavoKit

/// The mathematics fixture book built by the real binary: MathML in the EPUB (valid, declared,
/// described), and printed by Chromium with its formulas set, not shown as TeX.
@Suite("Mathematics book", .serialized)
struct MathBookTests {
  static let book = TestPaths.fixtures.appending(path: "books/mathematics")

  // EPUBCheck, the Nu checker, Chromium and poppler: skipped without them, failed when make test requires them.
  @Test(
    "builds with EPUBCheck and Nu clean, and prints through Chromium with its formulas set",
    .enabled(if: Validators.enabled && PDFTools.enabled(.chromium)))
  func buildAndPrint() throws {
    try Validators.require()
    try PDFTools.require(.chromium)
    let output = EndToEndTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    // No --engine: a book with formulas is printed by Chromium, and the reason is given.
    let run = try runProcess(
      TestPaths.octavo, ["build", Self.book.path, "--output", output.path, "--pdf", "--no-cache"],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stdout.contains("printed by Chromium"), "\(run.stdout)")
    #expect(run.stdout.contains("the book has formulas"), "\(run.stdout)")
    #expect(!run.stderr.contains("warning"), "\(run.stderr)")
    let name = "notes-on-small-calculations"

    let report = try Validators.epubcheck(output.appending(path: name + ".epub"))
    #expect(report.fatals == 0 && report.errors == 0 && report.warnings == 0, "\(report.messages)")
    #expect(try Validators.nu(output.appending(path: name + ".html")) == [])

    // A reading system that knows no MathML (MuPDF) shows the formula's text once, not its
    // TeX annotation after it.
    if let mutool = PDFTools.program("mutool") {
      let run = try runProcess(
        mutool, ["draw", "-F", "txt", "-o", "-", output.appending(path: name + ".epub").path])
      let drawn = run.stdout
      // Its CSS parser reads the whole style sheet: nothing in it is a syntax error there.
      #expect(!run.stderr.contains("css syntax error"), "\(run.stderr)")
      #expect(drawn.contains("are"), "\(drawn)")
      #expect(!drawn.contains("ax^2 + bx + c = 0"), "\(drawn)")
    }

    let epub = try ZipArchiveReader(output.appending(path: name + ".epub"))
    let opf = String(decoding: try #require(epub.entries["EPUB/package.opf"]), as: UTF8.self)
    for chapter in ["algebra", "analysis"] {
      #expect(
        opf.contains(
          "href=\"text/\(chapter).xhtml\" media-type=\"application/xhtml+xml\" properties=\"mathml\""
        ), "\(opf)")
    }
    #expect(
      !opf.contains("titlepage.xhtml\" media-type=\"application/xhtml+xml\" properties=\"mathml\""))
    #expect(opf.contains("<meta property=\"schema:accessibilityFeature\">MathML</meta>"))
    #expect(opf.contains("<meta property=\"schema:accessibilityFeature\">describedMath</meta>"))
    let algebra = String(
      decoding: try #require(epub.entries["EPUB/text/algebra.xhtml"]), as: UTF8.self)
    // Prices, shell variables and the escaped dollar stay text; stars stay operators.
    #expect(algebra.contains("costs $5 and the second one $10"))
    #expect(algebra.contains("<code>echo $HOME</code>"))
    #expect(algebra.contains("A literal dollar sign is written $."))
    #expect(algebra.contains("<mi>a</mi><mo>*</mo><mi>b</mi>"))
    #expect(algebra.contains("<span class=\"equation-number\">(P)</span>"))
    // The labelled equation is numbered by the book, and the reference to it leads there.
    #expect(algebra.contains("<div id=\"eq:euler\" class=\"equation numbered\">"))
    #expect(algebra.contains("<span class=\"equation-number\">(1.1)</span>"))
    #expect(algebra.contains("<a href=\"#eq:euler\" class=\"xref\">Equation\u{A0}(1.1)</a>"))
    #expect(
      algebra.contains(
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" alttext=\"x^2 + 1\"><mrow><msup>"))
    #expect(!algebra.contains("merror") && !algebra.contains("code class=\"math\""))

    // Printed, the formulas are glyphs: the italic x and the double-struck R, no TeX.
    let text = try runProcess(
      try #require(PDFTools.program("pdftotext")),
      [output.appending(path: name + ".pdf").path, "-"]
    ).stdout
    #expect(
      text.contains("ℝ") && text.contains("𝑥") && text.contains("(2.1)") && text.contains("(B)"))
    #expect(!text.contains("\\frac") && !text.contains("\\sum") && !text.contains("\\begin"))

    // The contents end on a left-hand page, so a blank page, which is still front matter,
    // comes before the first chapter: that chapter opens on page 1, and the contents say so.
    let document = try PDFTools.Document(output.appending(path: name + ".pdf"))
    let opener = try #require(
      document.pages.indices.first { document.lines($0).contains("Algebra") })
    #expect(opener % 2 == 0 && document.lines(opener - 1).isEmpty)
    #expect(document.lines(opener).first?.hasSuffix(" 1") == true, "\(document.lines(opener))")
    let contents = try #require(document.pages.firstIndex { $0.contains("Contents") })
    #expect(
      document.lines(contents).contains { $0.hasPrefix("Algebra") && $0.hasSuffix(" 1") },
      "\(document.lines(contents))")
  }

  // WeasyPrint and poppler: skipped without them, failed when make test requires them.
  @Test(
    "asked for WeasyPrint, it warns that formulas print as their TeX, and they do",
    .enabled(if: PDFTools.enabled(.weasyprint)))
  func weasyPrint() throws {
    try PDFTools.require(.weasyprint)
    let output = EndToEndTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let run = try runProcess(
      TestPaths.octavo,
      ["build", Self.book.path, "--output", output.path, "--engine", "weasyprint", "--no-cache"],
      environment: ["SOURCE_DATE_EPOCH": "1700000000"], in: TestPaths.packageRoot)
    #expect(run.status == 0, "\(run.stderr)")
    #expect(run.stderr.contains("[OCT336]"), "\(run.stderr)")
    let text = try runProcess(
      try #require(PDFTools.program("pdftotext")),
      [output.appending(path: "notes-on-small-calculations.pdf").path, "-"]
    ).stdout
    #expect(text.contains("\\frac{n(n+1)}{2}") && text.contains("\\pi r^3"), "\(text)")
    #expect(!text.contains("𝑥"))
  }
}
