/// The lexer core every language shares: a cursor over the code's UTF-8 bytes, the limit of
/// the region being scanned (embedded languages scan a sub-range), and the tokens found.
///
/// Every scanning helper advances by at least one byte or returns `false`, so a language's
/// loop that falls back to `pos += 1` always ends. Tokens only start or end at ASCII bytes,
/// or at the region's ends, so they never split a multi-byte scalar.
struct Scanner {
  let bytes: [UInt8]
  var pos = 0
  var limit: Int
  private(set) var tokens: [Token] = []
  /// How deep embedded scans (interpolations, `<script>`) are nested; capped so that
  /// pathological input cannot exhaust the stack.
  var depth = 0
  static let maxDepth = 24

  init(_ bytes: [UInt8]) {
    self.bytes = bytes
    limit = bytes.count
    tokens.reserveCapacity(bytes.count / 6)
  }

  var atEnd: Bool { pos >= limit }

  @inline(__always) func byte(_ i: Int) -> UInt8 { i < limit && i >= 0 ? bytes[i] : 0 }
  @inline(__always) var current: UInt8 { pos < limit ? bytes[pos] : 0 }
  @inline(__always) func peek(_ offset: Int = 1) -> UInt8 { byte(pos + offset) }

  /// Adds a token, merging it with the previous one when they touch and share a class.
  /// Tokens stay in order, inside the region and apart: a token is clipped to the region and
  /// to what follows the previous one.
  mutating func emit(_ tokenClass: TokenClass, _ start: Int, _ end: Int) {
    let end = min(end, limit)
    let start = max(start, tokens.last?.range.upperBound ?? 0)
    guard end > start else { return }
    if let last = tokens.last, last.tokenClass == tokenClass, last.range.upperBound == start {
      tokens[tokens.count - 1].range = last.range.lowerBound..<end
    } else {
      tokens.append(Token(tokenClass, start..<end))
    }
  }

  /// Emits from `start` to the cursor.
  mutating func emit(_ tokenClass: TokenClass, from start: Int) { emit(tokenClass, start, pos) }

  /// Whether the bytes at `i` spell `text`.
  func matches(_ text: StaticString, at i: Int) -> Bool {
    let count = text.utf8CodeUnitCount
    guard i >= 0, i + count <= limit else { return false }
    return text.withUTF8Buffer { buffer in
      var k = 0
      while k < count {
        if bytes[i + k] != buffer[k] { return false }
        k += 1
      }
      return true
    }
  }

  func matches(_ text: StaticString) -> Bool { matches(text, at: pos) }

  func matches(_ text: [UInt8], at i: Int) -> Bool {
    guard i >= 0, i + text.count <= limit, !text.isEmpty else { return false }
    var k = 0
    while k < text.count {
      if bytes[i + k] != text[k] { return false }
      k += 1
    }
    return true
  }

  /// Same, ignoring ASCII case (`text` is lowercase).
  func matchesFolded(_ text: StaticString, at i: Int) -> Bool {
    let count = text.utf8CodeUnitCount
    guard i >= 0, i + count <= limit else { return false }
    return text.withUTF8Buffer { buffer in
      var k = 0
      while k < count {
        if Scanner.lower(bytes[i + k]) != buffer[k] { return false }
        k += 1
      }
      return true
    }
  }

  /// Moves past `text` if it is next.
  mutating func skip(_ text: StaticString) -> Bool {
    guard matches(text) else { return false }
    pos += text.utf8CodeUnitCount
    return true
  }

  /// Moves past one Unicode scalar (a lead byte and its continuation bytes).
  mutating func skipScalar() {
    guard pos < limit else { return }
    pos += 1
    while pos < limit && bytes[pos] >= 0x80 && bytes[pos] < 0xC0 { pos += 1 }
  }

  /// Moves past a backslash (or other escape character) and the scalar it escapes.
  mutating func skipEscape() {
    skipScalar()
    skipScalar()
  }

  /// Moves to the next line break (not past it).
  mutating func skipToLineEnd() {
    while pos < limit && bytes[pos] != 10 { pos += 1 }
  }

  /// Moves past the next `close`, or to the end.
  mutating func skip(past close: [UInt8]) {
    while pos < limit {
      if bytes[pos] == close[0] && matches(close, at: pos) {
        pos += close.count
        return
      }
      pos += 1
    }
  }

  /// Moves past spaces and tabs.
  mutating func skipBlanks() {
    while pos < limit && (bytes[pos] == 32 || bytes[pos] == 9) { pos += 1 }
  }

  /// Moves past an identifier (letters, digits, `_`, any non-ASCII byte, and `extra`).
  mutating func skipWord(extra: UInt8 = 0, extra2: UInt8 = 0) {
    while pos < limit {
      let b = bytes[pos]
      if Scanner.isWordByte(b) || (b == extra && extra != 0) || (b == extra2 && extra2 != 0) {
        pos += 1
      } else {
        break
      }
    }
  }

  /// The first byte after `i` that is not a space or tab.
  func nextNonBlank(from i: Int) -> UInt8 {
    var j = i
    while j < limit && (bytes[j] == 32 || bytes[j] == 9) { j += 1 }
    return byte(j)
  }

  /// The offset of the first byte after `i` that is not white space (spaces, tabs, newlines).
  func nextNonSpace(from i: Int) -> Int {
    var j = i
    while j < limit && Scanner.isSpace(bytes[j]) { j += 1 }
    return j
  }

  /// The last byte before `i` that is not white space, or 0.
  func previousNonSpace(before i: Int) -> UInt8 {
    var j = i - 1
    while j >= 0 && Scanner.isSpace(bytes[j]) { j -= 1 }
    return j >= 0 ? bytes[j] : 0
  }

  /// Whether only spaces and tabs precede `i` on its line.
  func isLineStart(_ i: Int) -> Bool {
    var j = i - 1
    while j >= 0 && (bytes[j] == 32 || bytes[j] == 9) { j -= 1 }
    return j < 0 || bytes[j] == 10 || bytes[j] == 13
  }

  /// The offset where the line holding `i` ends.
  func lineEnd(from i: Int) -> Int {
    var j = i
    while j < limit && bytes[j] != 10 { j += 1 }
    return j
  }

  /// Runs `body` on `start..<end` only, then restores the limit and moves past the region.
  mutating func scanRegion(_ start: Int, _ end: Int, _ body: (inout Scanner) -> Void) {
    let savedLimit = limit
    let savedPos = pos
    pos = start
    limit = min(end, savedLimit)
    depth += 1
    if depth <= Scanner.maxDepth {
      body(&self)
    }
    depth -= 1
    limit = savedLimit
    pos = max(savedPos, min(end, savedLimit))
  }

  /// Scans a number: decimal, `0x`/`0o`/`0b`, `_` separators, a fraction, an exponent and a
  /// letter suffix (`1.5f`, `10UL`, `42i64`). Returns false when no digit is next.
  mutating func skipNumber(allowLeadingDot: Bool = true, suffixes: Bool = true) -> Bool {
    let start = pos
    var b = current
    if b == 46 {  // .5
      guard allowLeadingDot, Scanner.isDigit(peek()) else { return false }
    } else if !Scanner.isDigit(b) {
      return false
    }
    if b == 48,
      Scanner.lower(peek()) == 120 || Scanner.lower(peek()) == 98 || Scanner.lower(peek()) == 111
    {  // 0x 0b 0o
      let hex = Scanner.lower(peek()) == 120
      pos += 2
      while pos < limit
        && (Scanner.isHexDigit(bytes[pos]) && (hex || Scanner.isDigit(bytes[pos]))
          || bytes[pos] == 95)
      { pos += 1 }
      if hex && current == 46 && Scanner.isHexDigit(peek()) {  // hex float
        pos += 1
        while pos < limit && Scanner.isHexDigit(bytes[pos]) { pos += 1 }
      }
      if hex && Scanner.lower(current) == 112 {  // p exponent
        pos += 1
        if current == 43 || current == 45 { pos += 1 }
        while pos < limit && Scanner.isDigit(bytes[pos]) { pos += 1 }
      }
    } else {
      while pos < limit && (Scanner.isDigit(bytes[pos]) || bytes[pos] == 95) { pos += 1 }
      if current == 46 && Scanner.isDigit(peek()) {
        pos += 1
        while pos < limit && (Scanner.isDigit(bytes[pos]) || bytes[pos] == 95) { pos += 1 }
      } else if current == 46 && pos > start && !Scanner.isWordByte(peek()) && peek() != 46
        && suffixes
      {
        pos += 1  // 1. in C, Python
      }
      if Scanner.lower(current) == 101 {
        let next = peek()
        if Scanner.isDigit(next) || ((next == 43 || next == 45) && Scanner.isDigit(peek(2))) {
          pos += 2
          while pos < limit && Scanner.isDigit(bytes[pos]) { pos += 1 }
        }
      }
    }
    if suffixes {
      while pos < limit && (Scanner.isAlpha(bytes[pos]) || Scanner.isDigit(bytes[pos])) { pos += 1 }
    }
    if pos == start { pos += 1 }
    return true
  }

  @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
  @inline(__always) static func isAlpha(_ b: UInt8) -> Bool {
    (b | 0x20) >= 97 && (b | 0x20) <= 122
  }
  @inline(__always) static func isUpper(_ b: UInt8) -> Bool { b >= 65 && b <= 90 }
  @inline(__always) static func isHexDigit(_ b: UInt8) -> Bool {
    isDigit(b) || ((b | 0x20) >= 97 && (b | 0x20) <= 102)
  }
  @inline(__always) static func isWordStart(_ b: UInt8) -> Bool {
    isAlpha(b) || b == 95 || b >= 0x80
  }
  @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
    isAlpha(b) || isDigit(b) || b == 95 || b >= 0x80
  }
  @inline(__always) static func isSpace(_ b: UInt8) -> Bool {
    b == 32 || b == 9 || b == 10 || b == 13 || b == 12
  }
  @inline(__always) static func lower(_ b: UInt8) -> UInt8 { isUpper(b) ? b | 0x20 : b }
  /// Operator characters shared by most languages.
  @inline(__always) static func isOperator(_ b: UInt8) -> Bool {
    switch b {
    // ! % & * + - / < = > ? ^ | ~
    case 33, 37, 38, 42, 43, 45, 47, 60, 61, 62, 63, 94, 124, 126: true
    default: false
    }
  }
  @inline(__always) static func isPunctuation(_ b: UInt8) -> Bool {
    switch b {
    case 40, 41, 44, 46, 58, 59, 91, 93, 123, 125: true  // ( ) , . : ; [ ] { }
    default: false
    }
  }
}
