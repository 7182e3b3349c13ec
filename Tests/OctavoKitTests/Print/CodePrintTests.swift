import Foundation
import Testing

@testable import OctavoKit

/// Highlighted code on paper: what the print edition's PDF shows of it.
@Suite("Code in print", .serialized)
struct CodePrintTests {
  // WeasyPrint and Chromium, with poppler (pdfinfo, pdftotext, pdffonts): skipped without them, failed when make test requires them.
  @Test(
    "keywords print in the bold monospaced face and comments in its oblique, in both engines",
    .enabled(if: PDFTools.enabled(.weasyprint, .chromium)), arguments: PDFEngine.allCases)
  func faces(_ engine: PDFEngine) throws {
    try PDFTools.require(engine)
    let book = TestPaths.fixtures.appending(path: "books/technical")
    let (pdf, html, folder) = try PDFTests.build(book, engine: engine)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fonts = try runProcess(try #require(PDFTools.program("pdffonts")), [pdf.path]).stdout
    #expect(
      fonts.contains("DejaVuSansMono-Bold") || fonts.contains("DejaVu-Sans-Mono-Bold"), "\(fonts)")
    #expect(
      fonts.contains("DejaVuSansMono-Oblique") || fonts.contains("DejaVu-Sans-Mono-Oblique"),
      "\(fonts)")
    // The code's text is all there, line numbers in the gutter beside it.
    let document = try PDFTools.Document(pdf)
    let text = document.pages.joined(separator: "\n")
    #expect(text.contains("fn frequencies(text: &str) -> HashMap<&str, usize> {"))
    #expect(text.contains("SELECT title FROM chapters WHERE book_id = 7 ORDER BY position;"))
    #expect(text.contains("10 def greet(name):"), "\(text)")
    let printed = try String(contentsOf: html, encoding: .utf8)
    #expect(printed.contains("<span class=\"hl-kw\">def</span>"))
  }
}
