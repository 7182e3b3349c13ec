/// A set of words looked up by a byte range without allocating: open addressing over
/// FNV-1a hashes, the words stored as bytes.
struct WordTable: Sendable, ExpressibleByArrayLiteral {
  private var slots: [Int32]  // index into words, -1 empty
  private var words: [[UInt8]]
  private var mask: Int
  /// Whether lookups ignore ASCII case (the words are stored lowercased).
  let caseInsensitive: Bool

  init(_ list: [String], caseInsensitive: Bool = false) {
    self.caseInsensitive = caseInsensitive
    var size = 16
    while size < list.count * 3 { size <<= 1 }
    slots = Array(repeating: -1, count: size)
    words = []
    mask = size - 1
    for word in list {
      let bytes = Array((caseInsensitive ? word.lowercased() : word).utf8)
      if contains(bytes, 0, bytes.count) { continue }
      var slot = Self.hash(bytes, 0, bytes.count, caseInsensitive) & mask
      while slots[slot] >= 0 { slot = (slot + 1) & mask }
      slots[slot] = Int32(words.count)
      words.append(bytes)
    }
  }

  init(arrayLiteral elements: String...) { self.init(elements) }

  /// A word list given as one space-separated string.
  init(_ spaced: String, caseInsensitive: Bool = false) {
    self.init(
      spaced.split(whereSeparator: { $0 == " " || $0 == "\n" }).map(String.init),
      caseInsensitive: caseInsensitive)
  }

  var isEmpty: Bool { words.isEmpty }

  @inline(__always)
  private static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 65 && byte <= 90 ? byte | 0x20 : byte
  }

  private static func hash(_ bytes: [UInt8], _ start: Int, _ end: Int, _ fold: Bool) -> Int {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    var i = start
    while i < end {
      h = (h ^ UInt64(fold ? lower(bytes[i]) : bytes[i])) &* 0x100_0000_01b3
      i += 1
    }
    return Int(truncatingIfNeeded: h >> 8)
  }

  /// Whether `bytes[start..<end]` is one of the words.
  func contains(_ bytes: [UInt8], _ start: Int, _ end: Int) -> Bool {
    if words.isEmpty || end - start > 40 { return false }
    var slot = Self.hash(bytes, start, end, caseInsensitive) & mask
    while true {
      let index = slots[slot]
      if index < 0 { return false }
      let word = words[Int(index)]
      if word.count == end - start {
        var same = true
        var k = 0
        while k < word.count {
          let byte = caseInsensitive ? Self.lower(bytes[start + k]) : bytes[start + k]
          if byte != word[k] {
            same = false
            break
          }
          k += 1
        }
        if same { return true }
      }
      slot = (slot + 1) & mask
    }
  }
}
