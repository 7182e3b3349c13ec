extension Language {
  /// CSS (and the nesting of SCSS and Less, loosely).
  static let css = Language("css", ["scss", "less"]) { s in CSS.scan(&s) }
}

/// The CSS lexer: selectors, properties, values, at-rules, strings, numbers with units, colours.
enum CSS {
  static func scan(_ s: inout Scanner) {
    var inBlock = 0  // brace depth
    var inValue = false  // after a property's colon, before ; or }
    var parens = 0
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if Scanner.isSpace(b) {
        s.pos += 1
        continue
      }
      if b == 47 && s.peek() == 42 {
        s.pos += 2
        s.skip(past: [42, 47])
        s.emit(.comment, from: start)
        continue
      }
      // SCSS line comments
      if b == 47 && s.peek() == 47 && (start == 0 || s.bytes[start - 1] != 58) {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }
      if b == 34 || b == 39 {
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != b && s.bytes[s.pos] != 10 {
          if s.bytes[s.pos] == 92 { s.pos += 1 }
          s.pos += 1
        }
        if s.pos < s.limit && s.bytes[s.pos] == b { s.pos += 1 }
        s.pos = min(s.pos, s.limit)
        s.emit(.string, from: start)
        continue
      }
      if b == 64 && Scanner.isAlpha(s.peek()) {
        s.pos += 1
        s.emit(.punctuation, from: start)
        s.skipWord(extra: 45)
        s.emit(.keyword, from: start + 1)
        continue
      }
      if b == 123 {
        inBlock += 1
        inValue = false
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      if b == 125 {
        inBlock = max(0, inBlock - 1)
        inValue = false
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      if b == 59 {
        inValue = false
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      if b == 40 {
        parens += 1
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      if b == 41 {
        parens = max(0, parens - 1)
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      let valueContext = inValue || parens > 0 && inBlock > 0
      if valueContext && b == 35 && Scanner.isHexDigit(s.peek()) {
        s.pos += 1
        while Scanner.isHexDigit(s.current) { s.pos += 1 }
        s.emit(.number, from: start)
        continue
      }
      if (Scanner.isDigit(b) || (b == 46 && Scanner.isDigit(s.peek()))
        || (b == 45 || b == 43)
          && (Scanner.isDigit(s.peek()) || s.peek() == 46 && Scanner.isDigit(s.peek(2))))
        && (valueContext || inBlock == 0 && parens > 0)
      {
        if b == 45 || b == 43 { s.pos += 1 }
        while Scanner.isDigit(s.current) { s.pos += 1 }
        if s.current == 46 && Scanner.isDigit(s.peek()) {
          s.pos += 1
          while Scanner.isDigit(s.current) { s.pos += 1 }
        }
        s.emit(.number, from: start)
        // The unit (`px`, `em`, `%`) is a token of its own.
        let unit = s.pos
        while Scanner.isAlpha(s.current) || s.current == 37 { s.pos += 1 }
        s.emit(.type, from: unit)
        continue
      }
      if b == 33 && s.matches("!important", at: start) {
        s.pos += 10
        s.emit(.keyword, from: start)
        continue
      }
      if Scanner.isWordStart(b) || b == 45 && (Scanner.isWordStart(s.peek()) || s.peek() == 45) {
        s.skipWord(extra: 45)
        let end = s.pos
        if inBlock > 0 && !inValue && s.nextNonBlank(from: end) == 58
          && !isSelectorColon(s, from: end)
        {
          // Property names are the language's fixed vocabulary; custom properties are variables.
          s.emit(s.bytes[start] == 45 && s.byte(start + 1) == 45 ? .variable : .keyword, start, end)
          let colon = s.pos
          while s.current != 58 { s.pos += 1 }
          s.pos += 1
          s.emit(.punctuation, from: colon)
          inValue = true
          continue
        }
        if valueContext {
          if s.current == 40 {
            s.emit(.function, start, end)
          } else if isCSSKeywordValue(s, start, end) {
            s.emit(.constant, start, end)
          }
        } else {
          s.emit(.tag, start, end)
        }
        continue
      }
      if !valueContext && (b == 46 || b == 35) && Scanner.isWordStart(s.peek()) {
        s.pos += 1
        s.skipWord(extra: 45)
        s.emit(.attribute, from: start)
        continue
      }
      if !valueContext && b == 58 {
        s.pos += 1
        if s.current == 58 { s.pos += 1 }
        s.skipWord(extra: 45)
        s.emit(.attribute, from: start)
        continue
      }
      if b == 91 && !valueContext {
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != 93 && s.bytes[s.pos] != 10
          && s.bytes[s.pos] != 34 && s.bytes[s.pos] != 39
        { s.pos += 1 }
        s.emit(.attribute, from: start)
        continue
      }
      if Scanner.isOperator(b) || b == 44 || b == 58 || b == 93 {
        s.pos += 1
        s.emit(Scanner.isOperator(b) ? .operator : .punctuation, from: start)
        continue
      }
      s.pos += 1
    }
  }

  /// In nested rules (`a:hover { }` inside a block) a colon can start a pseudo-class.
  private static func isSelectorColon(_ s: Scanner, from i: Int) -> Bool {
    var j = i
    while j < min(s.limit, i + 512) {
      let c = s.bytes[j]
      if c == 59 || c == 125 || c == 10 { return false }
      if c == 123 { return true }
      j += 1
    }
    return false
  }

  private static let valueWords = WordTable(
    """
    auto none inherit initial unset revert normal bold bolder lighter italic oblique block inline \
    inline-block flex grid inline-flex inline-grid contents table absolute relative fixed sticky \
    static hidden visible scroll solid dashed dotted double groove ridge inset outset transparent \
    currentColor center left right top bottom middle baseline justify start end stretch wrap nowrap \
    row column uppercase lowercase capitalize underline pointer default serif sans-serif monospace \
    cover contain repeat no-repeat both break-word ease ease-in ease-out ease-in-out linear infinite \
    space-between space-around space-evenly collapse separate small-caps avoid always all \
    not-allowed to swap white black red green blue gray grey orange yellow purple gold silver \
    navy teal maroon olive lime aqua fuchsia forwards backwards alternate
    """)

  private static func isCSSKeywordValue(_ s: Scanner, _ start: Int, _ end: Int) -> Bool {
    valueWords.contains(s.bytes, start, end)
  }
}
