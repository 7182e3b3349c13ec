import Foundation
import Testing

@testable import OctavoKit

/// ``CSSText/string(_:)`` passes printable ASCII through without looking up each
/// character's category; it must escape exactly as the category-based rule does.
@Suite("CSS strings")
struct CSSTextStringTests {
  /// The rule without the ASCII shortcut.
  static func reference(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"", "\\", "<", ">", "&":
        result += "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
      case _ where scalar.properties.generalCategory == .control || scalar.value == 0x7F:
        result +=
          scalar == "\n" || scalar == "\r" || scalar == "\t"
          ? " " : "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
      case "\u{2028}", "\u{2029}":
        result += " "
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  @Test("every ASCII character, controls, C1 controls, separators and others escape as before")
  func sameAsReference() {
    var cases = (0..<0x80).map { String(Unicode.Scalar(UInt8($0))) }
    cases += (0x80..<0xA1).compactMap { Unicode.Scalar($0).map(String.init) }
    cases += [
      "\u{2028}", "\u{2029}", "é", "日本語", "🙂", "e\u{301}", "A title: \"quoted\" & <b>",
      "Chapter 1\tTab\nLine", "", "plain words", "back\\slash",
    ]
    for text in cases + [cases.joined()] {
      #expect(CSSText.string(text) == Self.reference(text), "\(text.unicodeScalars.map(\.value))")
    }
  }
}
