import Foundation
import Testing

@testable import OctavoKit

@Suite("Style sheets")
struct StylesTests {
  @Test(
    "the built-in style sheets are the files in Styles/, byte for byte",
    arguments: ["epub.css", "print.css"])
  func builtInMatchesShipped(_ name: String) throws {
    let shipped = try String(contentsOf: TestPaths.styles.appending(path: name), encoding: .utf8)
    #expect(BookBuilder.builtInStylesheet(name) == shipped)
  }

  @Test("without a Styles folder the build uses the built-in copies")
  func fallback() throws {
    let missing = FileManager.default.temporaryDirectory.appending(
      path: "no-styles-\(UUID().uuidString)")
    #expect(
      BookBuilder.stylesheet("epub.css", in: missing)
        == Array(try Data(contentsOf: TestPaths.styles.appending(path: "epub.css"))))
  }

  @Test("the e-book style sheet sets no text or background colours, so night modes work")
  func noFixedColours() throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: "epub.css"), encoding: .utf8)
    for match in css.matches(of: /(?m)^\s*(color|background(-color)?)\s*:\s*([^;]+);/) {
      #expect(
        ["inherit", "transparent", "currentColor", "none"].contains(
          String(match.3).trimmingCharacters(in: .whitespaces)),
        "fixed colour: \(match.0)")
    }
  }

  @Test("the print style sheet sets up 6 × 9 in pages with page numbers")
  func pagedMedia() throws {
    let css = try String(contentsOf: TestPaths.styles.appending(path: "print.css"), encoding: .utf8)
    #expect(css.contains("size: 6in 9in"))
    #expect(css.contains("counter(page"))
    #expect(css.contains("@bottom-"))
    #expect(css.contains("break-before"))
  }
}
