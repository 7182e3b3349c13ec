extension StringProtocol {
  /// Whether the UTF-8 bytes of the text hold those of the ASCII `pattern`.
  ///
  /// When they do not, no search of the text for `pattern`, by characters or through
  /// Foundation, finds it either (no other character is made of, or decomposes into, ASCII
  /// punctuation), so a hot path asks this first and the costlier search only when it is
  /// true.
  func utf8Holds(_ pattern: StaticString) -> Bool {
    let wanted = UnsafeBufferPointer(start: pattern.utf8Start, count: pattern.utf8CodeUnitCount)
    guard let first = wanted.first else { return true }
    var rest = utf8[...]
    while let start = rest.firstIndex(of: first) {
      if rest[start...].starts(with: wanted) { return true }
      rest = rest[rest.index(after: start)...]
    }
    return false
  }
}
