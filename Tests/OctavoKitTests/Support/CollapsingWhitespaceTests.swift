import Testing

@testable import OctavoKit

/// `collapsingWhitespace` answers ASCII text with nothing to collapse without splitting it;
/// every answer is the one splitting at white space and joining with spaces gives.
@Suite("Collapsing white space")
struct CollapsingWhitespaceTests {
  static let texts = [
    "", " ", "a", "Plain title", " leading", "trailing ", "two  spaces", "tab\there",
    "line\nbreak", "crlf\r\nbreak", "form\u{0C}feed", "vertical\u{0B}tab", "unit\u{1F}separator",
    "zero\u{200B}width", "no\u{00A0}break", "café au lait", "e\u{301} accent",
    "\u{3000}ideographic",
    "ends with next line\u{85}", "  ", "a b c d e f", "Figure 3.2: the pipeline",
  ]

  @Test("the same text as splitting and joining", arguments: texts)
  func sameAsSplitting(_ text: String) {
    let split = text.split(whereSeparator: { $0.isWhitespace || $0 == "\u{200B}" })
      .joined(separator: " ")
    #expect(text.collapsingWhitespace == split)
  }
}
