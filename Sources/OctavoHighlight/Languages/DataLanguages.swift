// JSON, YAML and TOML.

extension Language {
  /// JSON (comments are accepted, as in JSON with comments).
  static let json = Language("json", ["jsonc", "json5", "geojson", "webmanifest", "jsonl"]) { s in
    DataFormats.json(&s)
  }
  /// YAML.
  static let yaml = Language("yaml", ["yml"]) { s in DataFormats.yaml(&s) }
  /// TOML.
  static let toml = Language("toml") { s in DataFormats.toml(&s) }
}

/// Lexers of the data formats.
enum DataFormats {
  static func json(_ s: inout Scanner) {
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if b == 34 {
        quoted(&s, 34)
        s.emit(s.nextNonBlank(from: s.pos) == 58 ? .property : .string, start, s.pos)
        continue
      }
      if Scanner.isDigit(b) || b == 45 && Scanner.isDigit(s.peek()) {
        if b == 45 { s.pos += 1 }
        _ = s.skipNumber(allowLeadingDot: false, suffixes: false)
        s.emit(.number, from: start)
        continue
      }
      if b == 47 && s.peek() == 47 {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }
      if b == 47 && s.peek() == 42 {
        s.pos += 2
        s.skip(past: [42, 47])
        s.emit(.comment, from: start)
        continue
      }
      if Scanner.isAlpha(b) {
        s.skipWord()
        if s.matches("true", at: start) || s.matches("false", at: start)
          || s.matches("null", at: start)
        {
          s.emit(.constant, from: start)
        }
        continue
      }
      if Scanner.isPunctuation(b) {
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      s.pos += 1
    }
  }

  /// Moves past a quoted string with backslash escapes, stopping at a line end.
  static func quoted(
    _ s: inout Scanner, _ quote: UInt8, escapes: Bool = true, multiline: Bool = false
  ) {
    s.pos += 1
    while s.pos < s.limit {
      let c = s.bytes[s.pos]
      if c == quote {
        if !escapes && quote == 39 && s.peek() == 39 {
          s.pos += 2
          continue
        }
        s.pos += 1
        return
      }
      if c == 10 && !multiline { return }
      if c == 92 && escapes { s.pos += 1 }
      s.pos += 1
    }
    s.pos = min(s.pos, s.limit)
  }

  static func yaml(_ s: inout Scanner) {
    var blockIndent = -1  // inside a block scalar: lines indented more than this
    while s.pos < s.limit {
      let lineStart = s.pos
      let lineEnd = s.lineEnd(from: lineStart)
      var i = lineStart
      while i < lineEnd && s.bytes[i] == 32 { i += 1 }
      let indent = i - lineStart
      if blockIndent >= 0 {
        if i == lineEnd || indent > blockIndent {
          // A block scalar's lines (often a script or prose) stay plain.
          s.pos = min(lineEnd + 1, s.limit)
          continue
        }
        blockIndent = -1
      }
      s.pos = i
      if s.matches("---", at: i) || s.matches("...", at: i) {
        s.emit(.meta, i, i + 3)
        s.pos = i + 3
      } else if s.current == 37 && indent == 0 {
        s.skipToLineEnd()
        s.emit(.preprocessor, from: i)
      }
      // List dashes, then an optional key, then a value.
      while s.current == 45 && (s.peek() == 32 || s.peek() == 10 || s.pos + 1 == lineEnd) {
        s.emit(.punctuation, s.pos, s.pos + 1)
        s.pos += 1
        s.skipBlanks()
      }
      let keyStart = s.pos
      if let keyEnd = yamlKeyEnd(s, from: keyStart, lineEnd: lineEnd) {
        s.emit(.property, keyStart, keyEnd)
        s.emit(.punctuation, keyEnd, keyEnd + 1)
        s.pos = keyEnd + 1
      }
      if yamlValue(&s, lineEnd: lineEnd) { blockIndent = indent }
      s.pos = min(lineEnd + 1, s.limit)
    }
  }

  /// Where a `key:` on this line ends (at the colon), if there is one.
  private static func yamlKeyEnd(_ s: Scanner, from i: Int, lineEnd: Int) -> Int? {
    guard i < lineEnd else { return nil }
    let first = s.bytes[i]
    if first == 35 || first == 123 || first == 91 || first == 124 || first == 62 { return nil }
    if first == 34 || first == 39 {
      var j = i + 1
      while j < lineEnd && s.bytes[j] != first {
        if s.bytes[j] == 92 && first == 34 { j += 1 }
        j += 1
      }
      return j + 1 < lineEnd && s.bytes[j + 1] == 58 ? j + 1 : nil
    }
    var j = i
    while j < lineEnd {
      let c = s.bytes[j]
      if c == 58 && (j + 1 == lineEnd || s.bytes[j + 1] == 32 || s.bytes[j + 1] == 9) { return j }
      if c == 35 && j > i && s.bytes[j - 1] == 32 { return nil }
      j += 1
    }
    return nil
  }

  /// Scans a value to the line end; returns whether it starts a block scalar (`|`, `>`).
  private static func yamlValue(_ s: inout Scanner, lineEnd: Int) -> Bool {
    var blockScalar = false
    var valueStart = -1
    func flushPlain(_ s: inout Scanner, _ end: Int) {
      guard valueStart >= 0 else { return }
      var a = valueStart
      var z = end
      while z > a && Scanner.isSpace(s.bytes[z - 1]) { z -= 1 }
      while a < z && Scanner.isSpace(s.bytes[a]) { a += 1 }
      if a < z {
        let tokenClass = plainScalarClass(s, a, z)
        if let tokenClass { s.emit(tokenClass, a, z) }
      }
      valueStart = -1
    }
    while s.pos < lineEnd {
      let c = s.bytes[s.pos]
      let start = s.pos
      if c == 35 && (start == 0 || Scanner.isSpace(s.bytes[start - 1])) {
        flushPlain(&s, start)
        s.pos = lineEnd
        s.emit(.comment, start, lineEnd)
        break
      }
      if valueStart < 0 {
        if c == 32 || c == 9 {
          s.pos += 1
          continue
        }
        if c == 34 || c == 39 {
          quoted(&s, c, escapes: c == 34, multiline: false)
          s.emit(.string, from: start)
          continue
        }
        if (c == 124 || c == 62)
          && (s.peek() == 10 || s.peek() == 32 || s.peek() == 45 || s.peek() == 43
            || Scanner.isDigit(s.peek()) || start + 1 == lineEnd)
        {
          s.pos += 1
          while s.pos < lineEnd && s.bytes[s.pos] != 32 && s.bytes[s.pos] != 35 { s.pos += 1 }
          s.emit(.punctuation, from: start)
          blockScalar = true
          continue
        }
        if c == 38 || c == 42 {  // &anchor *alias
          s.pos += 1
          while s.pos < lineEnd && !Scanner.isSpace(s.bytes[s.pos]) { s.pos += 1 }
          s.emit(.variable, from: start)
          continue
        }
        if c == 33 {  // !tag
          s.pos += 1
          while s.pos < lineEnd && !Scanner.isSpace(s.bytes[s.pos]) { s.pos += 1 }
          s.emit(.type, from: start)
          continue
        }
        if c == 91 || c == 93 || c == 123 || c == 125 || c == 44 {
          s.pos += 1
          s.emit(.punctuation, from: start)
          continue
        }
        valueStart = start
      } else if c == 44 || c == 93 || c == 125 {
        // Inside flow collections a comma ends the scalar.
        if isInFlow(s, start) {
          flushPlain(&s, start)
          s.pos += 1
          s.emit(.punctuation, from: start)
          continue
        }
      } else if c == 58 && (s.peek() == 32) && isInFlow(s, start) {
        s.emit(.property, valueStart, start)
        valueStart = -1
        s.pos += 1
        continue
      }
      s.pos += 1
    }
    flushPlain(&s, min(s.pos, lineEnd))
    return blockScalar
  }

  private static func isInFlow(_ s: Scanner, _ i: Int) -> Bool {
    var j = i - 1
    while j >= max(0, i - 512) && s.bytes[j] != 10 {
      if s.bytes[j] == 91 || s.bytes[j] == 123 { return true }
      j -= 1
    }
    return false
  }

  private static func plainScalarClass(_ s: Scanner, _ a: Int, _ z: Int) -> TokenClass? {
    let word = Array(s.bytes[a..<z])
    switch String(decoding: word, as: UTF8.self) {
    case "true", "false", "yes", "no", "on", "off", "True", "False", "TRUE", "FALSE", "null",
      "Null", "NULL", "~":
      return .constant
    default: break
    }
    var scanner = Scanner(word)
    if scanner.current == 45 || scanner.current == 43 { scanner.pos += 1 }
    if scanner.skipNumber(allowLeadingDot: true, suffixes: false) && scanner.pos == word.count {
      return .number
    }
    return nil
  }

  static func toml(_ s: inout Scanner) {
    var lineStartState = true
    var bracketDepth = 0
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if b == 10 {
        s.pos += 1
        if bracketDepth == 0 { lineStartState = true }
        continue
      }
      if Scanner.isSpace(b) {
        s.pos += 1
        continue
      }
      if b == 35 {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }
      if lineStartState && b == 91 {
        // [table] or [[array.of.tables]]
        s.skipToLineEnd()
        var end = s.pos
        while end > start && s.bytes[end - 1] != 93 { end -= 1 }
        if end == start { end = s.pos }
        s.emit(.keyword, start, end)
        s.pos = end
        lineStartState = false
        continue
      }
      if lineStartState {
        // A key (bare, quoted or dotted) up to =.
        var j = start
        while j < min(s.limit, start + 512) && s.bytes[j] != 61 && s.bytes[j] != 10 { j += 1 }
        if s.byte(j) == 61 {
          var end = j
          while end > start && Scanner.isSpace(s.bytes[end - 1]) { end -= 1 }
          s.emit(.property, start, end)
          s.emit(.operator, j, j + 1)
          s.pos = j + 1
          lineStartState = false
          continue
        }
        lineStartState = false
      }
      if b == 34 || b == 39 {
        if s.peek() == b && s.peek(2) == b {
          s.pos += 3
          while s.pos < s.limit && !(s.bytes[s.pos] == b && s.peek() == b && s.peek(2) == b) {
            if s.bytes[s.pos] == 92 && b == 34 { s.pos += 1 }
            s.pos += 1
          }
          s.pos = min(s.pos + 3, s.limit)
          while s.current == b { s.pos += 1 }
        } else {
          quoted(&s, b, escapes: b == 34)
        }
        s.emit(.string, from: start)
        continue
      }
      if Scanner.isDigit(b)
        || (b == 45 || b == 43)
          && (Scanner.isDigit(s.peek()) || s.matches("inf", at: start + 1)
            || s.matches("nan", at: start + 1))
      {
        s.pos += 1
        // Numbers, dates and times: digits with - : . T Z + _ e.
        while s.pos < s.limit {
          let c = s.bytes[s.pos]
          if Scanner.isHexDigit(c) || c == 45 || c == 58 || c == 46 || c == 84 || c == 90 || c == 43
            || c == 95 || c == 120 || c == 111 || c == 98
          {
            s.pos += 1
          } else if c == 32 && Scanner.isDigit(s.peek()) && s.byte(s.pos - 3) == 45 {
            s.pos += 1
          }  // date time
          else {
            break
          }
        }
        s.emit(.number, from: start)
        continue
      }
      if Scanner.isAlpha(b) {
        s.skipWord(extra: 45)
        if s.matches("true", at: start) && s.pos - start == 4
          || s.matches("false", at: start) && s.pos - start == 5
        {
          s.emit(.constant, from: start)
        } else if s.matches("inf", at: start) || s.matches("nan", at: start) {
          s.emit(.number, from: start)
        }
        continue
      }
      if b == 91 || b == 123 { bracketDepth += 1 }
      if b == 93 || b == 125 { bracketDepth = max(0, bracketDepth - 1) }
      if b == 123 && bracketDepth > 0 { lineStartState = true }  // inline table keys
      if b == 44 && s.previousNonSpace(before: start) != 0 && isInInlineTable(s, start) {
        lineStartState = true
      }
      s.pos += 1
      s.emit(b == 61 ? .operator : .punctuation, from: start)
    }
  }

  private static func isInInlineTable(_ s: Scanner, _ i: Int) -> Bool {
    var j = i - 1
    var depth = 0
    while j >= max(0, i - 512) && s.bytes[j] != 10 {
      if s.bytes[j] == 125 || s.bytes[j] == 93 { depth += 1 }
      if s.bytes[j] == 91 {
        if depth == 0 { return false }
        depth -= 1
      }
      if s.bytes[j] == 123 {
        if depth == 0 { return true }
        depth -= 1
      }
      j -= 1
    }
    return false
  }
}
