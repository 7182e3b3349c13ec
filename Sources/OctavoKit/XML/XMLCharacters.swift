/// The characters Octavo's outputs may hold: one rule for the serializer and the sanitizer.
enum XMLCharacters {
  /// `text` with only the characters XML 1.0 and HTML allow. Everything Octavo writes goes
  /// through it (libxml2 would write the others out unescaped), and the sanitizer filters
  /// raw HTML's attribute values with it before it compares ids.
  static func filtered(_ text: String) -> String {
    // Printable ASCII, tab and line breaks (most text), read as bytes.
    if text.utf8.allSatisfy({ $0 >= 0x20 ? $0 < 0x7F : ($0 == 0x9 || $0 == 0xA || $0 == 0xD) }) {
      return text
    }
    if text.unicodeScalars.allSatisfy(isAllowed) { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where isAllowed(scalar) { result.append(scalar) }
    return String(result)
  }

  /// Whether `scalar` may appear in Octavo's outputs: an XML 1.0 `Char` that HTML does not
  /// forbid either (so no C1 controls and no noncharacters).
  static func isAllowed(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x9, 0xA, 0xD, 0x20...0x7E, 0xA0...0xD7FF, 0xE000...0xFDCF, 0xFDF0...0xFFFD:
      return true
    case 0x10000...0x10FFFF:
      return scalar.value & 0xFFFE != 0xFFFE
    default:
      return false
    }
  }
}
