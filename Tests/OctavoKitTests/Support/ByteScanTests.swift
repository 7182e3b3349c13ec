import Testing

@testable import OctavoKit

/// The scans that read a text's UTF-8 bytes directly (word counts, label lines, the XML
/// character filter's eight-byte path) against the rules they stand for, at every place a
/// byte can fall in a word.
@Suite("Byte scans")
struct ByteScanTests {
  /// The filter's rule, one byte at a time (what the eight-byte path must agree with).
  private static func allowedByteByByte(_ bytes: [UInt8]) -> Bool {
    bytes.withUnsafeBufferPointer { buffer in
      buffer.indices.allSatisfy { XMLCharacters.byteAllowed(buffer, at: $0) }
    }
  }

  @Test(
    "every byte, at every place of the first and second word, is judged as byte by byte",
    arguments: 0...255)
  func eightBytesAgree(byte: Int) {
    for place in 0..<19 {
      var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: 19)
      bytes[place] = UInt8(byte)
      let fast = bytes.withUnsafeBufferPointer(XMLCharacters.allAllowed)
      #expect(fast == Self.allowedByteByByte(bytes), "byte \(byte) at \(place)")
      // A second byte that is not printable ASCII in the same word.
      bytes[(place + 3) % 19] = 0xC2
      let twice = bytes.withUnsafeBufferPointer(XMLCharacters.allAllowed)
      #expect(twice == Self.allowedByteByByte(bytes), "byte \(byte) at \(place), C2 after")
    }
  }

  /// Characters at each place of a text: the byte test and the exact test of the scalars
  /// agree wherever the character falls.
  @Test(
    arguments: [
      0x0, 0x9, 0x1F, 0x20, 0x7E, 0x7F, 0x80, 0x85, 0x9F, 0xA0, 0xE9, 0xFDD0, 0xFEFF, 0xFFFE,
      0x1F600, 0x1FFFF,
    ] as [UInt32])
  func textAgrees(scalar: UInt32) throws {
    let character = try #require(Unicode.Scalar(scalar))
    for place in 0...17 {
      var text = String(repeating: "x", count: place)
      text.unicodeScalars.append(character)
      text += "tail of the text"
      #expect(
        XMLCharacters.allAllowed(text) == text.unicodeScalars.allSatisfy(XMLCharacters.isAllowed),
        "U+\(String(scalar, radix: 16)) at \(place)")
    }
  }

  @Test(
    arguments: [
      ("Plain text.\nMore text, no label.", false),
      ("Table: Sizes {#tbl:sizes}", true),
      ("Some text\nTABLE: caption", true),
      ("Some text\ntAbLe: caption", true),
      ("Listing: code", true),
      ("listing:", true),
      (": a caption", true),
      ("text\n: a caption", true),
      ("  : indented", false),
      (" Table: indented", false),
      ("Tables: plural", false),
      ("Tablé: accented", false),
      ("123456789 Table: late", false),
      ("a link {#id}", true),
      ("a brace { #id}", false),
      ("line\n\nTable:", true),
      ("", false),
    ] as [(String, Bool)])
  func labelLines(text: String, mayHave: Bool) {
    #expect(MarkdownParser.mayHaveLabels(text) == mayHave)
  }

  @Test(
    arguments: [
      ("", 0),
      ("one", 1),
      ("one two  three", 3),
      ("\tleading and trailing\n ", 3),
      ("lines\r\nand\u{0B}tabs\u{0C}", 3),
      ("ASCII first, then é and “quotes”", 6),
      ("a\u{A0}b", 2),
      ("汉字 and two", 4),
    ] as [(String, Int)])
  func words(text: String, count: Int) {
    #expect(BookTransformer.countWords(text) == count)
  }

  @Test(
    arguments: [
      ("a [^note] here", true),
      ("^[inline] is not one", false),
      ("[ ^ ] spaced", false),
      ("[^", true),
      ("", false),
    ] as [(String, Bool)])
  func noteMarkers(text: String, holds: Bool) {
    #expect(BookTransformer.containsNoteMarker(text) == holds)
  }

  @Test(
    arguments: [
      (" \n\t", true),
      ("", true),
      ("\u{A0}\u{2003}", true),
      ("x", false),
      (" x", false),
      ("é", false),
    ] as [(String, Bool)])
  func whiteSpace(text: String, isWhite: Bool) {
    #expect(MathSpan.isWhitespace(text) == isWhite)
  }

  @Test(arguments: ["", "one line", "a\nb", "\n", "é\r\nx\n", "\n\ntwo blank\n\n", "日本\n語"])
  func lines(text: String) {
    let expected = text.utf8.split(separator: 10, omittingEmptySubsequences: false)
      .map { String(Substring($0)) }
    #expect(text.linesSplitAtLineFeeds().map(String.init) == expected)
  }
}
