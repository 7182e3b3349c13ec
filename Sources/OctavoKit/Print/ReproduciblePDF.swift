import Foundation

/// Makes Chromium's PDF the same bytes on every print of the same book.
///
/// Chromium stamps the time of printing into the document information (`/CreationDate`,
/// `/ModDate`) and names the cells of tagged tables after its own DOM nodes
/// (`(node00000523)`), whose numbers differ from run to run. Both are rewritten in place,
/// byte for byte the same length, so no offset in the cross-reference table moves: the dates
/// become the book's own (`SOURCE_DATE_EPOCH`, `modified:` or the newest source file, as in
/// the EPUB) and the node names are numbered in the order they first appear.
enum ReproduciblePDF {
  /// `pdf` with its dates set to `date` and its node names numbered in order.
  static func rewrite(_ pdf: [UInt8], date: Date) -> [UInt8] {
    var bytes = pdf
    let stamp = Array(dateString(date).utf8)
    for key in ["/CreationDate (D:", "/ModDate (D:"] {
      let pattern = Array(key.utf8)
      // The information dictionary is written first, near the start of the file.
      if let start = bytes.prefix(4096 + pattern.count - 1).firstRange(of: pattern)?.lowerBound {
        let value = start + pattern.count
        // `YYYYMMDDHHmmSS` and a zone `+00'00'` or `Z`: rewrite only the form written with
        // an offset, which is as long as the stamp.
        if value + stamp.count < bytes.count, bytes[value + stamp.count] == UInt8(ascii: ")"),
          bytes[value..<value + 14].allSatisfy({ (0x30...0x39).contains($0) })
        {
          bytes.replaceSubrange(value..<value + stamp.count, with: stamp)
        }
      }
    }
    renumberNodes(&bytes)
    return bytes
  }

  /// `date` as a PDF date in UTC with the offset spelled out: `20231114221320+00'00'`.
  static func dateString(_ date: Date) -> String {
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(identifier: "UTC")!
    let parts = calendar.dateComponents(
      [.year, .month, .day, .hour, .minute, .second], from: date)
    let year = min(max(parts.year ?? 1970, 0), 9999)
    return String(
      format: "%04d%02d%02d%02d%02d%02d+00'00'", year, parts.month ?? 1, parts.day ?? 1,
      parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0)
  }

  /// Renumbers every `(node` + eight digits + `)` by first appearance, from 1.
  private static func renumberNodes(_ bytes: inout [UInt8]) {
    let prefix = Array("(node".utf8)
    // Keyed by the number, not a slice: a slice would hold the bytes' buffer, and every
    // replacement would then copy the whole file.
    var numbers: [Int: Int] = [:]
    var index = 0
    while let start = bytes[index...].firstRange(of: prefix)?.lowerBound {
      let digits = start + prefix.count
      index = digits
      guard digits + 8 < bytes.count, bytes[digits + 8] == UInt8(ascii: ")"),
        bytes[digits..<digits + 8].allSatisfy({ (0x30...0x39).contains($0) })
      else { continue }
      let key = bytes[digits..<digits + 8].reduce(0) { $0 * 10 + Int($1 - 0x30) }
      let number = numbers[key] ?? (numbers.count + 1)
      numbers[key] = number
      guard number < 100_000_000 else { return }
      let text = Array(String(format: "%08d", number).utf8)
      bytes.replaceSubrange(digits..<digits + 8, with: text)
      index = digits + 9
    }
  }
}
