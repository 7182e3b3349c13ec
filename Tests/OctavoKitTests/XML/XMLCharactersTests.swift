import Testing

@testable import OctavoKit

/// A string of the scalars `values` (Swift literals cannot spell noncharacters).
private func scalars(_ values: UInt32...) -> String {
  String(String.UnicodeScalarView(values.compactMap(Unicode.Scalar.init)))
}

@Suite("XML characters")
struct XMLCharactersTests {
  /// Text and what the filter keeps of it: the byte-level fast path and the exact test agree
  /// at the edges of every forbidden range.
  @Test(
    arguments: [
      ("plain text\twith\nbreaks\r", "plain text\twith\nbreaks\r"),
      ("“Quotes” — dashes … and é", "“Quotes” — dashes … and é"),
      ("a\u{0}b\u{1F}c\u{7F}d", "abcd"),
      ("no\u{A0}break, C1 \u{80}\u{85}\u{9F} gone", "no\u{A0}break, C1  gone"),
      (
        scalars(0xD7FF, 0xE000, 0xFDCF, 0xFDD0, 0xFDEF, 0xFDF0),
        scalars(0xD7FF, 0xE000, 0xFDCF, 0xFDF0)
      ),
      ("bom \u{FEFF} " + scalars(0xFFFD, 0xFFFE, 0xFFFF), "bom \u{FEFF} \u{FFFD}"),
      ("emoji 📖 " + scalars(0x1FFFE, 0x1FFFF, 0x10FFFD, 0x10FFFF), "emoji 📖 \u{10FFFD}"),
    ] as [(String, String)])
  func filtered(text: String, kept: String) {
    #expect(XMLCharacters.filtered(text) == kept)
    #expect(XMLCharacters.filtered(text).unicodeScalars.allSatisfy(XMLCharacters.isAllowed))
  }
}
