/// The literals of ``CodeLexer``: quoted strings with their interpolations, characters, raw
/// strings (`#"…"#`, C++ `R"(…)"`, Lua long brackets), regular expressions, percent
/// literals and heredocs.
extension CodeLexer {
  /// Scans a quoted literal whose opening quote (after any prefix) is at the cursor.
  func scanQuoted(_ s: inout Scanner, prefixStart: Int) -> Bool {
    let g = grammar
    let quote = s.current
    let prefix = s.bytes[prefixStart..<s.pos]
    if quote == 96 {
      s.pos += 1
      switch g.backtick {
      case .none: return false
      case .raw:
        scanStringBody(
          &s, start: prefixStart, quote: 96, triple: false, raw: true, interpolation: .none,
          multiline: true)
      case .template:
        scanStringBody(
          &s, start: prefixStart, quote: 96, triple: false, raw: false, interpolation: .dollar,
          multiline: true, bracesOnly: true)
      case .command:
        scanStringBody(
          &s, start: prefixStart, quote: 96, triple: false, raw: false,
          interpolation: g.interpolation, multiline: true)
      case .identifier:
        while s.pos < s.limit && s.bytes[s.pos] != 96 && s.bytes[s.pos] != 10 { s.pos += 1 }
        if s.current == 96 { s.pos += 1 }
      }
      return true
    }
    if quote == 39 {
      switch g.singleQuote {
      case .none: return false
      case .lifetimeOrChar:
        // 'a' or '\n' is a character; 'a (a lifetime or label) is a name.
        let next = s.peek()
        if next == 92 || s.peek(2) == 39
          || (next >= 0x80 && charEnd(s, from: s.pos + 1).map { s.byte($0) == 39 } == true)
        {
          // character
        } else {
          s.pos += 1
          s.skipWord()
          s.emit(.attribute, from: prefixStart)
          return true
        }
      default: break
      }
    }
    let lowerPrefix = prefix.map(Scanner.lower)
    // r"…" in Python and Rust.
    let raw = g.stringPrefixes.isEmpty ? false : (lowerPrefix.contains(114) && !g.cppRawStrings)
    let formatted = lowerPrefix.contains(102) || (g.verbatimStrings && lowerPrefix.contains(36))
    if (quote == 34 && g.tripleQuotes || quote == 39 && g.tripleSingleQuotes) && s.peek() == quote
      && s.peek(2) == quote
    {
      s.pos += 3
      scanStringBody(
        &s, start: prefixStart, quote: quote, triple: true, raw: raw,
        interpolation: interpolation(for: quote, formatted: formatted), multiline: true)
      return true
    }
    s.pos += 1
    scanStringBody(
      &s, start: prefixStart, quote: quote, triple: false, raw: raw,
      interpolation: interpolation(for: quote, formatted: formatted), multiline: g.multilineStrings,
      doubled: g.doubledQuoteEscape)
    return true
  }

  func interpolation(for quote: UInt8, formatted: Bool) -> CodeGrammar.Interpolation {
    switch grammar.interpolation {
    case .braces: formatted ? .braces : .none
    case .none: .none
    default: quote == 34 ? grammar.interpolation : .none
    }
  }

  func charEnd(_ s: Scanner, from i: Int) -> Int? {
    var j = i + 1
    while j < s.limit && s.bytes[j] >= 0x80 && s.bytes[j] < 0xC0 { j += 1 }
    return j < s.limit ? j : nil
  }

  /// Scans a string's body after its opening delimiter, emitting the string from `start`,
  /// escapes and interpolations, up to and including the closing delimiter.
  func scanStringBody(
    _ s: inout Scanner, start: Int, quote: UInt8, triple: Bool, raw: Bool,
    interpolation: CodeGrammar.Interpolation, multiline: Bool, doubled: Bool = false,
    bracesOnly: Bool = false, hashes: Int = 0
  ) {
    var runStart = start
    let canNest = s.depth < Scanner.maxDepth
    /// Emits the string run before an interpolation, its opener (`length` bytes) as an
    /// escape, and the code inside it up to `closer`.
    func interpolate(opener length: Int, closer: UInt8, formatSpec: Bool = false) {
      s.emit(.string, runStart, s.pos)
      let open = s.pos
      s.pos += length
      s.emit(.escape, from: open)
      embedCode(&s, closer: closer, formatSpec: formatSpec)
      runStart = s.pos
    }
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      if b == quote {
        if triple {
          if s.peek() == quote && s.peek(2) == quote {
            s.pos += 3
            while s.current == quote { s.pos += 1 }
            break
          }
        } else if doubled && s.peek() == quote {
          s.pos += 2
          continue
        } else if hashes > 0 {
          var k = 1
          while k <= hashes && s.peek(k) == 35 { k += 1 }
          if k > hashes {
            s.pos += 1 + hashes
            break
          }
        } else {
          s.pos += 1
          break
        }
        s.pos += 1
        continue
      }
      if b == 10 && !multiline && !triple { break }
      if b == 92 && !raw && grammar.backslashEscapes {
        if interpolation == .swift && s.peek(hashes + 1) == 40 && canNest
          && (hashes == 0 || s.matches(Array(repeating: 35, count: hashes), at: s.pos + 1))
        {
          interpolate(opener: 2 + hashes, closer: 41)
          continue
        }
        if hashes > 0 && !s.matches(Array(repeating: 35, count: hashes), at: s.pos + 1) {
          s.pos += 1
          continue
        }
        s.emit(.string, runStart, s.pos)
        let escapeStart = s.pos
        s.pos += 1 + hashes
        if s.pos < s.limit {
          s.pos += 1
          while s.pos < s.limit && s.bytes[s.pos] >= 0x80 && s.bytes[s.pos] < 0xC0 { s.pos += 1 }
          if s.byte(s.pos - 1) == 117 && s.current == 123 {  // \u{…}
            while s.pos < s.limit && s.bytes[s.pos] != 125 && s.bytes[s.pos] != quote
              && s.bytes[s.pos] != 10
            { s.pos += 1 }
            if s.current == 125 { s.pos += 1 }
          }
        }
        s.emit(.escape, from: escapeStart)
        runStart = s.pos
        continue
      }
      if canNest {
        switch interpolation {
        case .dollar where b == 36 && s.peek() == 123:
          interpolate(opener: 2, closer: 125)
          continue
        case .dollar where b == 36 && !bracesOnly && Scanner.isWordStart(s.peek()):
          s.emit(.string, runStart, s.pos)
          let open = s.pos
          s.pos += 1
          s.skipWord()
          s.emit(.variable, from: open)
          runStart = s.pos
          continue
        case .hash where b == 35 && s.peek() == 123:
          interpolate(opener: 2, closer: 125)
          continue
        case .braces where b == 123:
          if s.peek() == 123 {
            s.pos += 2
            continue
          }
          interpolate(opener: 1, closer: 125, formatSpec: true)
          continue
        case .php where b == 36 && Scanner.isWordStart(s.peek()):
          s.emit(.string, runStart, s.pos)
          let open = s.pos
          s.pos += 1
          s.skipWord()
          while s.current == 45 && s.peek() == 62 && Scanner.isWordStart(s.peek(2)) {
            s.pos += 2
            s.skipWord()
          }
          s.emit(.variable, from: open)
          runStart = s.pos
          continue
        case .php where b == 123 && s.peek() == 36:
          interpolate(opener: 1, closer: 125)
          continue
        default: break
        }
      }
      s.pos += 1
    }
    s.emit(.string, runStart, s.pos)
  }

  /// Scans code inside an interpolation up to its closer, then emits the closer.
  func embedCode(_ s: inout Scanner, closer: UInt8, formatSpec: Bool = false) {
    let outerLimit = s.limit
    // Limit the region to the closer that balances the opener, so a missing one cannot
    // swallow the code.
    s.depth += 1
    scan(&s, closer: closer)
    s.depth -= 1
    s.limit = outerLimit
    if s.current == closer {
      let close = s.pos
      s.pos += 1
      s.emit(.escape, from: close)
    }
  }

  func scanHashRaw(_ s: inout Scanner, from start: Int? = nil) {
    let start = start ?? s.pos
    if start == s.pos {
      // Swift #"…"#
      var hashes = 0
      while s.current == 35 {
        hashes += 1
        s.pos += 1
      }
      let triple = s.matches("\"\"\"")
      s.pos += triple ? 3 : 1
      scanStringBody(
        &s, start: start, quote: 34, triple: triple, raw: false,
        interpolation: grammar.interpolation,
        multiline: triple, hashes: hashes)
      return
    }
    // Rust r#"…"#, br"…"
    var hashes = 0
    while s.current == 35 {
      hashes += 1
      s.pos += 1
    }
    guard s.current == 34 else {
      s.emit(.string, from: start)
      return
    }
    s.pos += 1
    var close: [UInt8] = [34]
    close.append(contentsOf: repeatElement(35, count: hashes))
    s.skip(past: close)
    s.emit(.string, from: start)
  }

  func scanCppRaw(_ s: inout Scanner, from start: Int) {
    s.pos += 1
    let delimStart = s.pos
    while s.pos < s.limit && s.bytes[s.pos] != 40 && s.bytes[s.pos] != 10 && s.pos - delimStart < 16
    { s.pos += 1 }
    var close: [UInt8] = [41]
    close.append(contentsOf: s.bytes[delimStart..<s.pos])
    close.append(34)
    s.skip(past: close)
    s.emit(.string, from: start)
  }

  func longBracketClose(_ s: Scanner, at i: Int) -> (openLength: Int, close: [UInt8])? {
    guard s.byte(i) == 91 else { return nil }
    var j = i + 1
    var level = 0
    while s.byte(j) == 61 {
      level += 1
      j += 1
    }
    guard s.byte(j) == 91 else { return nil }
    var close: [UInt8] = [93]
    close.append(contentsOf: repeatElement(61, count: level))
    close.append(93)
    return (j + 1 - i, close)
  }

  func scanRegex(_ s: inout Scanner) -> Bool {
    let start = s.pos
    var j = start + 1
    var inClass = false
    if s.byte(j) == 32 || s.byte(j) == 61 && !grammar.ruby { return false }
    let end = min(s.limit, start + 2048)  // a bound keeps lines of slashes linear
    while j < end {
      let c = s.bytes[j]
      if c == 10 { return false }
      if c == 92 {
        j += 2
        continue
      }
      if c == 91 {
        inClass = true
      } else if c == 93 {
        inClass = false
      } else if c == 47 && !inClass {
        break
      }
      j += 1
    }
    guard j < end else { return false }
    s.pos = j + 1
    while Scanner.isAlpha(s.current) { s.pos += 1 }
    s.emit(.regex, from: start)
    return true
  }

  /// Ruby's `%w[…]`, `%i(…)`, `%q{…}`, `%Q<…>`, `%r{…}`, `%(…)`.
  func scanPercentLiteral(_ s: inout Scanner, allowed: Bool) -> Bool {
    guard allowed else { return false }
    let start = s.pos
    var j = start + 1
    var kind: UInt8 = 0
    if Scanner.isAlpha(s.byte(j)) {
      kind = s.byte(j)
      j += 1
    }
    guard kind == 0 || [119, 87, 105, 73, 113, 81, 114, 115, 120].contains(kind) else {
      return false
    }
    let open = s.byte(j)
    let close: UInt8
    switch open {
    case 40: close = 41
    case 91: close = 93
    case 123: close = 125
    case 60: close = 62
    case 124, 33, 47: close = open
    default: return false
    }
    if kind == 0 && open != 40 && open != 91 && open != 123 { return false }
    j += 1
    var level = 1
    while j < s.limit {
      let c = s.bytes[j]
      if c == 92 {
        j += 2
        continue
      }
      if c == close && open != close || c == close && open == close {
        level -= 1
        if level == 0 {
          j += 1
          break
        }
      } else if c == open {
        level += 1
      }
      j += 1
    }
    s.pos = min(j, s.limit)
    if kind == 114 { while Scanner.isAlpha(s.current) { s.pos += 1 } }
    s.emit(kind == 114 ? .regex : (kind == 105 || kind == 73 ? .symbol : .string), from: start)
    return true
  }

  /// Ruby `<<~EOS` / `<<-EOS` and PHP `<<<EOT` / `<<<'EOT'` heredocs: the rest of the opening
  /// line is code, the body is string.
  func scanHeredoc(_ s: inout Scanner) -> Bool {
    guard s.depth < Scanner.maxDepth else { return false }
    let start = s.pos
    var j = start + 2
    if grammar.phpHeredoc {
      guard s.byte(j) == 60 else { return false }
      j += 1
    } else if s.byte(j) == 126 || s.byte(j) == 45 {
      j += 1
    }
    var quote: UInt8 = 0
    if s.byte(j) == 39 || s.byte(j) == 34 {
      quote = s.byte(j)
      j += 1
    }
    let nameStart = j
    while Scanner.isWordByte(s.byte(j)) { j += 1 }
    guard j > nameStart, Scanner.isUpper(s.byte(nameStart)) || grammar.phpHeredoc else {
      return false
    }
    let name = Array(s.bytes[nameStart..<j])
    if quote != 0 {
      guard s.byte(j) == quote else { return false }
      j += 1
    }
    s.pos = j
    s.emit(.string, from: start)
    let lineEnd = s.lineEnd(from: j)
    s.scanRegion(j, lineEnd) { scan(&$0) }
    s.pos = lineEnd
    let bodyStart = s.pos
    while s.pos < s.limit {
      s.pos += 1  // past the line break
      var k = s.pos
      while k < s.limit && (s.bytes[k] == 32 || s.bytes[k] == 9) { k += 1 }
      let lineStart = s.pos
      s.skipToLineEnd()
      if s.matches(name, at: k) && !Scanner.isWordByte(s.byte(k + name.count)) {
        s.emit(.string, bodyStart, lineStart)
        s.emit(.string, k, k + name.count)
        s.pos = k + name.count
        return true
      }
    }
    s.emit(.string, bodyStart, s.pos)
    return true
  }
}
