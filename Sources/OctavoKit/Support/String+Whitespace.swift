extension String {
  /// The text with each run of white space (zero-width spaces included) made one space, and
  /// none at either end: what a reader sees of a title or a heading.
  var collapsingWhitespace: String {
    if isCollapsedASCII { return self }
    return split(whereSeparator: { $0.isWhitespace || $0 == "\u{200B}" }).joined(separator: " ")
  }

  /// Whether the text is ASCII with no white space to collapse: no control character that
  /// is white space (tab to carriage return), no space at either end, no two spaces
  /// together. Such text is its own ``collapsingWhitespace`` (in ASCII only those bytes
  /// are white space, and each is one character), found without asking Unicode's tables.
  private var isCollapsedASCII: Bool {
    var previous: UInt8 = 0x20
    for byte in utf8 {
      if byte >= 0x80 || (byte >= 0x09 && byte <= 0x0D) { return false }
      if byte == 0x20 && previous == 0x20 { return false }
      previous = byte
    }
    return previous != 0x20 || isEmpty
  }
}
