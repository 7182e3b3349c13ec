/// The characters Octavo's outputs may hold: one rule for the serializer and the sanitizer.
enum XMLCharacters {
  /// `text` with only the characters XML 1.0 and HTML allow. Everything Octavo writes goes
  /// through it (libxml2 would write the others out unescaped), and the sanitizer filters
  /// raw HTML's attribute values with it before it compares ids.
  static func filtered(_ text: String) -> String {
    if allAllowed(text) { return text }
    var result = String.UnicodeScalarView()
    for scalar in text.unicodeScalars where isAllowed(scalar) { result.append(scalar) }
    return String(result)
  }

  /// Whether every character of `text` is one ``filtered(_:)`` keeps.
  static func allAllowed(_ text: String) -> Bool {
    // Most text is read as bytes: printable ASCII, tab and line breaks, and the two- and
    // three-byte sequences that cannot encode a forbidden character (every one of those
    // starts C2 80–9F, EF or F0–F4, which go to the exact test below).
    let allowedAsBytes = text.utf8.withContiguousStorageIfAvailable(allAllowed)
    if allowedAsBytes == true { return true }
    return text.unicodeScalars.allSatisfy(isAllowed)
  }

  /// The byte-by-byte rule of ``allAllowed(_:)-(UnsafeBufferPointer<UInt8>)``: whether the
  /// byte at `index` may stand, told from it (and, after C2, the byte that follows).
  @inline(__always)
  static func byteAllowed(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> Bool {
    let byte = bytes[index]
    if byte < 0x20 { return byte == 0x9 || byte == 0xA || byte == 0xD }
    if byte == 0x7F || byte == 0xEF || byte >= 0xF0 { return false }
    return !(byte == 0xC2 && index + 1 < bytes.count && bytes[index + 1] < 0xA0)
  }

  /// Whether the UTF-8 `bytes` are all allowed, told from the bytes alone; false also when
  /// that needs a closer look at the characters.
  static func allAllowed(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    var checkedUpTo = 0
    while index < bytes.count {
      // Eight bytes at a time while they are all printable ASCII (0x20 to 0x7E), the run of
      // any text; a word with any other byte is read byte by byte.
      if index >= checkedUpTo, index + 8 <= bytes.count {
        if isPrintableASCII(
          UnsafeRawPointer(bytes.baseAddress!).loadUnaligned(fromByteOffset: index, as: UInt64.self)
        ) {
          index += 8
          continue
        }
        checkedUpTo = index + 8
      }
      guard byteAllowed(bytes, at: index) else { return false }
      index += 1
    }
    return true
  }

  /// Whether each of the eight bytes of `word` is printable ASCII (0x20 to 0x7E). A byte
  /// with its high bit set is flagged by that bit; below that, a byte under 0x20 by the
  /// borrow of subtracting 0x20, and 0x7F, flipped to 0, by the borrow of subtracting 1
  /// (for any byte, whether the word holds one such byte is told exactly).
  @inline(__always)
  static func isPrintableASCII(_ word: UInt64) -> Bool {
    let ones: UInt64 = 0x0101_0101_0101_0101
    let below20 = (word &- ones &* 0x20) & ~word
    let deletes = word ^ (ones &* 0x7F)
    let isDelete = (deletes &- ones) & ~deletes
    return (word | below20 | isDelete) & 0x8080_8080_8080_8080 == 0
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
