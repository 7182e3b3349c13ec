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
}
