import Foundation

/// Formulas in the content documents: the scan of ids, links and images reads past them.
extension EPUBStructureCheck {
  /// `xhtml` without the `<math>…</math>` elements that hold nothing the content scan looks
  /// at: no `id`, no link or source attribute, no image. A book with a formula in every
  /// paragraph doubles the bytes of its chapters with MathML, and parsing it again here cost
  /// more than writing it.
  ///
  /// What the scan still verifies: every id, link and image of the document, including those
  /// inside a formula that has any (such a formula is kept, as is every formula of a document
  /// that holds a comment or a CDATA section, where `<math` need not be markup); the
  /// well-formedness of everything around the formulas. What it no longer re-reads is the
  /// markup of a formula without them: libxml2's serializer wrote it from a tree of MathML
  /// elements (the math pass's, or raw MathML rebuilt by ``MathMLSanitizer``), so it is
  /// well-formed by construction. In what libxml2 writes, `<` in text and attribute values is
  /// always `&lt;`: every `<` is a tag.
  static func withoutPlainFormulas(_ xhtml: [UInt8]) -> [UInt8] {
    // The formulas' byte ranges, found in one pass over the tags.
    var formulas: [Range<Int>] = []
    let found = xhtml.withUnsafeBufferPointer { bytes -> Bool in
      var open: Int?
      var index = 0
      while let tag = nextTag(in: bytes, from: index) {
        index = tag + 1
        guard tag + 1 < bytes.count else { break }
        switch bytes[tag + 1] {
        case UInt8(ascii: "!"):
          // A comment or a CDATA section (the doctype is neither).
          if starts(bytes, at: tag + 1, with: "!--") || starts(bytes, at: tag + 1, with: "![") {
            return false
          }
        case UInt8(ascii: "m"):
          if starts(bytes, at: tag + 1, with: "math "), open == nil { open = tag }
        case UInt8(ascii: "/"):
          if let start = open, starts(bytes, at: tag + 1, with: "/math>") {
            formulas.append(start..<(tag + 7))
            open = nil
          }
        default: break
        }
      }
      return true
    }
    guard found, !formulas.isEmpty else { return xhtml }
    var result: [UInt8] = []
    result.reserveCapacity(xhtml.count)
    var copied = 0
    for formula in formulas where !holdsWatchedMarkup(xhtml[formula]) {
      result.append(contentsOf: xhtml[copied..<formula.lowerBound])
      copied = formula.upperBound
    }
    if copied == 0 { return xhtml }
    result.append(contentsOf: xhtml[copied...])
    return result
  }

  /// The attribute names the content scan reads.
  private static let watchedNames: [[UInt8]] = [
    "id", "href", "src", "poster", "cite", "action", "formaction", "xlink:href",
  ].map { Array($0.utf8) }

  /// Whether `name` is one of ``watchedNames``, told without making an array of it (a
  /// formula's markup has an `=` in every attribute, and often in its TeX).
  static func isWatchedName(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
    watchedNames.contains { $0.count == name.count && $0.elementsEqual(name) }
  }

  /// Whether a formula's markup holds anything the content scan looks at: an attribute it
  /// reads (any `name=` with such a name, in an attribute value or text too, counts), an
  /// image, or a second `<math`.
  private static func holdsWatchedMarkup(_ markup: ArraySlice<UInt8>) -> Bool {
    markup.withUnsafeBufferPointer { bytes in
      for index in bytes.indices.dropFirst() {
        switch bytes[index] {
        case UInt8(ascii: "="):
          var start = index
          while start > 0, isNameByte(bytes[start - 1]) { start -= 1 }
          if start < index, isWatchedName(UnsafeBufferPointer(rebasing: bytes[start..<index])) {
            return true
          }
        case UInt8(ascii: "<"):
          if starts(bytes, at: index + 1, with: "img") || starts(bytes, at: index + 1, with: "math")
          {
            return true
          }
        default: break
        }
      }
      return false
    }
  }

  private static func isNameByte(_ byte: UInt8) -> Bool {
    (byte >= UInt8(ascii: "a") && byte <= UInt8(ascii: "z"))
      || (byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z")) || byte == UInt8(ascii: ":")
      || byte == UInt8(ascii: "-")
  }

  /// The index of the next `<` at or after `from` (memchr: a book's chapters are megabytes).
  private static func nextTag(in bytes: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
    guard from < bytes.count, let base = bytes.baseAddress,
      let found = memchr(base + from, Int32(UInt8(ascii: "<")), bytes.count - from)
    else { return nil }
    return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
  }

  /// Whether `bytes` hold `text` at `index`.
  private static func starts(
    _ bytes: UnsafeBufferPointer<UInt8>, at index: Int, with text: StaticString
  ) -> Bool {
    let count = text.utf8CodeUnitCount
    guard index + count <= bytes.count else { return false }
    let pattern = text.utf8Start
    for offset in 0..<count where bytes[index + offset] != pattern[offset] { return false }
    return true
  }
}
