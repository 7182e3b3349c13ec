extension String {
  /// Calls `body` with the string's UTF-8 bytes, in one contiguous buffer: a native or small
  /// string's own storage (no copy), any other string copied once.
  ///
  /// The byte scans that run over every text run of a book (word counts, the checks for
  /// something to set, the XML character filter) read the buffer: stepping through
  /// ``String/utf8`` costs several times as much per byte.
  @inline(__always)
  func withUTF8Buffer<Result>(_ body: (UnsafeBufferPointer<UInt8>) -> Result) -> Result {
    if let result = utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = self
    return copy.withUTF8(body)
  }

  /// Whether the UTF-8 bytes hold `byte`.
  @inline(__always)
  func utf8Contains(_ byte: UInt8) -> Bool {
    withUTF8Buffer { $0.contains(byte) }
  }

  /// The lines of the text, split at each line feed (a byte, not a character: no grapheme
  /// breaking), sharing the text's storage; the line feeds are found in the bytes.
  func linesSplitAtLineFeeds() -> [Substring] {
    let breaks: [Int] = withUTF8Buffer { bytes in
      var breaks: [Int] = []
      for offset in bytes.indices where bytes[offset] == 10 { breaks.append(offset) }
      return breaks
    }
    var lines: [Substring] = []
    lines.reserveCapacity(breaks.count + 1)
    var start = utf8.startIndex
    for offset in breaks {
      let index = utf8.index(utf8.startIndex, offsetBy: offset)
      lines.append(self[start..<index])
      start = utf8.index(after: index)
    }
    lines.append(self[start...])
    return lines
  }
}
