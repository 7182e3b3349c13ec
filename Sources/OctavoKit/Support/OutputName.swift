/// Keeps names Octavo makes for files (outputs, images, chapter documents) short enough for
/// every file system and zip tool: a slug cut at a word boundary.
enum OutputName {
  /// The longest output file name, in bytes, extension included.
  static let maximumBytes = 200

  /// `slug` (ASCII, words joined by `-`) cut to at most `bytes` bytes, at the last `-` that
  /// keeps it within the limit (or mid-word when the first word alone is longer).
  static func cap(_ slug: String, bytes: Int) -> String {
    guard slug.utf8.count > bytes else { return slug }
    let head = Array(slug.utf8.prefix(bytes))
    var cut = head.count
    if slug.utf8.dropFirst(bytes).first != UInt8(ascii: "-"),
      let dash = head.lastIndex(of: UInt8(ascii: "-")), dash > 0
    {
      cut = dash
    }
    var result = String(decoding: head[..<cut], as: UTF8.self)
    while result.hasSuffix("-") { result.removeLast() }
    // A multi-byte character cut in two would decode as U+FFFD; slugs here are ASCII.
    return result.replacingOccurrences(of: "\u{FFFD}", with: "")
  }
}
