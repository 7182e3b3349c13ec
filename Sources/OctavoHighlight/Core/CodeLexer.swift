/// The lexer shared by the C-like and script-like languages, driven by a ``CodeGrammar``.
struct CodeLexer: Sendable {
  let grammar: CodeGrammar

  init(_ grammar: CodeGrammar) { self.grammar = grammar }

  /// Scans code from the cursor to the limit, or up to an unmatched `closer` (`}` or `)`) when
  /// scanning an interpolation; the cursor is then left on the closer.
  func scan(_ s: inout Scanner, closer: UInt8 = 0) {
    let g = grammar
    var nesting = 0
    var pendingFunction = false
    var pendingType = false
    var lastSignificant: UInt8 = 0  // last non-space byte outside tokens, for regex detection
    var lastWasWord = false
    var lastWordAllowsRegex = false
    let opener: UInt8 = closer == 125 ? 123 : (closer == 41 ? 40 : 0)
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      if Scanner.isSpace(b) { s.pos += 1; continue }
      let start = s.pos

      // Comments and preprocessor lines.
      if g.hashPreprocessor && b == 35 && s.isLineStart(start) && Scanner.isWordStart(s.nextNonBlank(from: start + 1)) {
        scanPreprocessor(&s)
        lastSignificant = 0; lastWasWord = false
        continue
      }
      if g.ruby && b == 61 && s.matches("=begin", at: start) && (start == 0 || s.bytes[start - 1] == 10) {
        while s.pos < s.limit {
          let lineStart = s.pos
          s.skipToLineEnd()
          if s.matches("=end", at: lineStart) { break }
          if s.pos < s.limit { s.pos += 1 }
        }
        s.emit(.comment, from: start)
        continue
      }
      if g.luaLongBrackets && b == 45 && s.matches("--[", at: start), let close = longBracketClose(s, at: start + 2) {
        s.pos = start + 2 + close.openLength
        s.skip(past: close.close)
        s.emit(.comment, from: start)
        continue
      }
      if g.haskellPragmas && b == 123 && s.matches("{-#", at: start) {
        s.pos += 3
        s.skip(past: Array("#-}".utf8))
        s.emit(.preprocessor, from: start)
        continue
      }
      if let comment = g.blockComment, b == comment.open[0], s.matches(comment.open, at: start) {
        scanBlockComment(&s, open: comment.open, close: comment.close)
        continue
      }
      if isLineComment(s, at: start) {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }

      // Nesting of the interpolation being scanned.
      if closer != 0 {
        if b == opener { nesting += 1 } else if b == closer {
          if nesting == 0 { return }
          nesting -= 1
        }
      }

      // Strings.
      if b == 34 || (b == 39 && g.singleQuote != .none) || (b == 96 && g.backtick != .none) {
        if scanQuoted(&s, prefixStart: start) {
          lastSignificant = 34; lastWasWord = false
          continue
        }
      }
      if g.hashRawStrings && b == 35 && (s.peek() == 34 || (s.peek() == 35 && s.peek(2) == 34)) {
        scanHashRaw(&s)
        continue
      }
      if g.verbatimStrings && (b == 64 || b == 36) && (s.peek() == 34 || ((s.peek() == 64 || s.peek() == 36) && s.peek(2) == 34)) {
        let interpolated = b == 36 || s.peek() == 36
        let verbatim = b == 64 || s.peek() == 64
        s.pos += s.peek() == 34 ? 2 : 3
        scanStringBody(&s, start: start, quote: 34, triple: false, raw: verbatim,
                       interpolation: interpolated ? .braces : .none, multiline: verbatim, doubled: verbatim)
        lastSignificant = 34; lastWasWord = false
        continue
      }
      if g.luaLongBrackets && b == 91, let close = longBracketClose(s, at: start) {
        s.pos = start + close.openLength
        s.skip(past: close.close)
        s.emit(.string, from: start)
        continue
      }
      if g.ruby, b == 37, scanPercentLiteral(&s, allowed: !lastWasWord || lastWordAllowsRegex) {
        lastSignificant = 34; lastWasWord = false
        continue
      }
      if (g.ruby || g.phpHeredoc) && b == 60 && s.matches("<<", at: start), scanHeredoc(&s) {
        continue
      }

      // Numbers.
      if Scanner.isDigit(b) || (b == 46 && g.leadingDotNumbers && Scanner.isDigit(s.peek()) && !Scanner.isWordByte(s.byte(start - 1))) {
        _ = s.skipNumber()
        s.emit(.number, from: start)
        lastSignificant = 48; lastWasWord = true; lastWordAllowsRegex = false
        continue
      }

      if b == 45 && g.negativeNumbers && Scanner.isDigit(s.peek()) && (!lastWasWord || lastWordAllowsRegex) && lastSignificant != 41 && lastSignificant != 93 {
        s.pos += 1
        _ = s.skipNumber()
        s.emit(.number, from: start)
        lastSignificant = 48; lastWasWord = true; lastWordAllowsRegex = false
        continue
      }
      if b == 36 && g.dollarDigits && Scanner.isDigit(s.peek()) {
        s.pos += 1
        while Scanner.isDigit(s.current) { s.pos += 1 }
        s.emit(.variable, from: start)
        lastSignificant = 65; lastWasWord = true; lastWordAllowsRegex = false
        continue
      }

      // Names.
      if Scanner.isWordStart(b) {
        s.skipWord(extra: g.identifierExtra)
        if g.identifierSuffix != 0 && (s.current == g.identifierSuffix || s.current == g.identifierSuffix2) && s.peek() != 61 {
          s.pos += 1
        }
        let end = s.pos
        // A string prefix: r"…", f'…', b"…", u8"…", L'…'.
        if (s.current == 34 || s.current == 39) && g.stringPrefixes.contains(s.bytes, start, end) {
          if scanQuoted(&s, prefixStart: start) { lastSignificant = 34; lastWasWord = false; continue }
        }
        if g.rustRawStrings && (s.bytes[start] == 114 || s.bytes[start] == 98) && end - start <= 2 && (s.current == 35 || s.current == 34)
          && (s.bytes[end - 1] == 114) {
          scanHashRaw(&s, from: start)
          continue
        }
        if g.cppRawStrings && s.current == 34 && s.bytes[end - 1] == 82 && end - start <= 3 {
          scanCppRaw(&s, from: start)
          continue
        }
        if g.rustMacros && s.current == 33 && s.peek() != 61 {
          s.pos += 1
          s.emit(.function, from: start)
          lastWasWord = true; lastWordAllowsRegex = false; lastSignificant = 65
          continue
        }
        if g.ruby && s.current == 58 && s.peek() != 58 && lastSignificant != 63 && s.byte(start - 1) != 58 {
          // Ruby 1.9 hash keys: `name: value` is a symbol.
          s.pos += 1
          s.emit(.symbol, from: start)
          lastSignificant = 58; lastWasWord = false
          continue
        }
        let tokenClass = classify(s, start, end, pendingFunction: &pendingFunction, pendingType: &pendingType)
        if let tokenClass { s.emit(tokenClass, start, end) }
        lastWasWord = true
        lastWordAllowsRegex = tokenClass == .keyword
        lastSignificant = 65
        continue
      }

      // Sigils and annotations.
      if b == 36 && g.dollarVariables && (Scanner.isWordStart(s.peek()) || s.peek() == 36) {
        s.pos += 1
        s.skipWord()
        s.emit(.variable, from: start)
        lastSignificant = 65; lastWasWord = true; lastWordAllowsRegex = false
        continue
      }
      if b == 64 && g.atVariables && (Scanner.isWordStart(s.peek()) || (s.peek() == 64 && Scanner.isWordStart(s.peek(2)))) {
        s.pos += 1
        if s.current == 64 { s.pos += 1 }
        s.skipWord()
        s.emit(.variable, from: start)
        lastSignificant = 65; lastWasWord = true; lastWordAllowsRegex = false
        continue
      }
      if b == 64, let annotation = g.annotation, Scanner.isWordStart(s.peek()) {
        s.pos += 1
        s.skipWord()
        while s.current == 46 && Scanner.isWordStart(s.peek()) { s.pos += 1; s.skipWord() }
        s.emit(annotation, from: start)
        lastSignificant = 65; lastWasWord = false
        continue
      }
      if g.rustMacros && b == 35 && (s.peek() == 91 || (s.peek() == 33 && s.peek(2) == 91)) {
        s.pos += s.peek() == 91 ? 2 : 3
        var depth = 1
        while s.pos < s.limit && depth > 0 {
          if s.current == 91 { depth += 1 } else if s.current == 93 { depth -= 1 } else if s.current == 10 { break }
          s.pos += 1
        }
        s.emit(.preprocessor, from: start)
        continue
      }
      if g.ruby && b == 58 && s.peek() != 58 && s.byte(start - 1) != 58 {
        if Scanner.isWordStart(s.peek()) {
          s.pos += 1
          s.skipWord()
          if s.current == 63 || s.current == 33 || s.current == 61 && s.peek() != 62 && s.peek() != 61 { s.pos += 1 }
          s.emit(.symbol, from: start)
          lastSignificant = 65; lastWasWord = true; lastWordAllowsRegex = false
          continue
        }
        if s.peek() == 34 {
          s.pos += 1
          _ = scanQuoted(&s, prefixStart: start)
          continue
        }
      }

      // Regular expressions.
      if b == 47 && g.regexLiterals && (!lastWasWord || lastWordAllowsRegex) && lastSignificant != 41 && lastSignificant != 93
        && lastSignificant != 125 && scanRegex(&s) {
        lastSignificant = 34; lastWasWord = false
        continue
      }

      // Operators and punctuation.
      if Scanner.isOperator(b) {
        s.pos += 1
        while s.pos < s.limit && Scanner.isOperator(s.bytes[s.pos]) && !isCommentStart(s, at: s.pos) { s.pos += 1 }
        s.emit(g.reservedOperators.contains(s.bytes, start, s.pos) ? .keyword : .operator, from: start)
        lastSignificant = b; lastWasWord = false
        continue
      }
      if b == 58 && s.peek() == 58 && g.reservedOperators.contains(s.bytes, start, start + 2) {
        s.pos += 2
        s.emit(.keyword, from: start)
        lastSignificant = b; lastWasWord = false
        continue
      }
      if Scanner.isPunctuation(b) {
        s.pos += 1
        s.emit(.punctuation, from: start)
        lastSignificant = b; lastWasWord = false
        continue
      }
      s.pos += 1
      while s.pos < s.limit && s.bytes[s.pos] >= 0x80 && s.bytes[s.pos] < 0xC0 { s.pos += 1 }
      lastSignificant = b; lastWasWord = false
    }
  }

  private func isLineComment(_ s: Scanner, at i: Int) -> Bool {
    let b = s.bytes[i]
    for marker in grammar.lineComments where marker[0] == b && s.matches(marker, at: i) {
      if marker == [45, 45] && grammar.haskellPragmas {
        // Haskell: `--` followed by more dashes or a non-symbol starts a comment; `-->` is an operator.
        var j = i + 2
        while s.byte(j) == 45 { j += 1 }
        let next = s.byte(j)
        return !(Scanner.isOperator(next) && next != 45) || j >= s.limit
      }
      return true
    }
    return false
  }

  private func isCommentStart(_ s: Scanner, at i: Int) -> Bool {
    if let comment = grammar.blockComment, s.matches(comment.open, at: i) { return true }
    return isLineComment(s, at: i)
  }

  private func scanBlockComment(_ s: inout Scanner, open: [UInt8], close: [UInt8]) {
    let start = s.pos
    s.pos += open.count
    var level = 1
    while s.pos < s.limit {
      if grammar.nestedComments && s.matches(open, at: s.pos) {
        level += 1
        s.pos += open.count
      } else if s.bytes[s.pos] == close[0] && s.matches(close, at: s.pos) {
        s.pos += close.count
        level -= 1
        if level == 0 { break }
      } else {
        s.pos += 1
      }
    }
    s.emit(.comment, from: start)
  }

  private func classify(_ s: Scanner, _ start: Int, _ end: Int, pendingFunction: inout Bool, pendingType: inout Bool) -> TokenClass? {
    let g = grammar
    let bytes = s.bytes
    if g.keywords.contains(bytes, start, end) {
      // `x.class`, `obj.default`: a member access is a name, not a keyword.
      if start > 0 && bytes[start - 1] == 46 && !(start > 1 && bytes[start - 2] == 46) && g.annotation != .keyword {
        return memberClass(s, end)
      }
      if g.functionDeclarators.contains(bytes, start, end) { pendingFunction = true; pendingType = false }
      else if g.typeDeclarators.contains(bytes, start, end) { pendingType = true; pendingFunction = false }
      return .keyword
    }
    if g.constants.contains(bytes, start, end) { pendingFunction = false; return .constant }
    if pendingFunction { pendingFunction = false; pendingType = false; return .function }
    if pendingType { pendingType = false; return .type }
    if g.types.contains(bytes, start, end) { return .type }
    if g.builtins.contains(bytes, start, end) && !(start > 0 && bytes[start - 1] == 46) { return .builtin }
    if g.functionCalls && s.nextNonBlank(from: end) == 40 { return .function }
    if g.capitalizedTypes && Scanner.isUpper(bytes[start]) {
      var i = start + 1
      while i < end {
        if bytes[i] >= 97 && bytes[i] <= 122 { return .type }
        i += 1
      }
    }
    return nil
  }

  private func memberClass(_ s: Scanner, _ end: Int) -> TokenClass? {
    grammar.functionCalls && s.nextNonBlank(from: end) == 40 ? .function : nil
  }

  // MARK: Preprocessor

  private func scanPreprocessor(_ s: inout Scanner) {
    let start = s.pos
    s.pos += 1
    s.skipBlanks()
    let wordStart = s.pos
    s.skipWord()
    let isInclude = s.matches("include", at: wordStart) || s.matches("import", at: wordStart)
    s.emit(.preprocessor, from: start)
    if isInclude {
      s.skipBlanks()
      let fileStart = s.pos
      if s.current == 60 || s.current == 34 {
        let close: UInt8 = s.current == 60 ? 62 : 34
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != close && s.bytes[s.pos] != 10 { s.pos += 1 }
        if s.pos < s.limit && s.bytes[s.pos] == close { s.pos += 1 }
        s.emit(.string, from: fileStart)
      }
    }
    // The rest of the line (and its continuations), comments excepted.
    var runStart = s.pos
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      if b == 10 {
        if s.pos > 0 && (s.bytes[s.pos - 1] == 92 || (s.bytes[s.pos - 1] == 13 && s.byte(s.pos - 2) == 92)) { s.pos += 1; continue }
        break
      }
      if b == 47 && (s.peek() == 47 || s.peek() == 42) {
        emitTrimmed(&s, .preprocessor, runStart, s.pos)
        let commentStart = s.pos
        if s.peek() == 47 { s.skipToLineEnd() } else { s.pos += 2; s.skip(past: [42, 47]) }
        s.emit(.comment, from: commentStart)
        runStart = s.pos
        continue
      }
      s.pos += 1
    }
    emitTrimmed(&s, .preprocessor, runStart, s.pos)
  }

  private func emitTrimmed(_ s: inout Scanner, _ tokenClass: TokenClass, _ start: Int, _ end: Int) {
    var a = start, z = end
    while a < z && Scanner.isSpace(s.bytes[a]) { a += 1 }
    while z > a && Scanner.isSpace(s.bytes[z - 1]) { z -= 1 }
    s.emit(tokenClass, a, z)
  }

  // MARK: Strings

  /// Scans a quoted literal whose opening quote (after any prefix) is at the cursor.
  private func scanQuoted(_ s: inout Scanner, prefixStart: Int) -> Bool {
    let g = grammar
    let quote = s.current
    let prefix = s.bytes[prefixStart..<s.pos]
    if quote == 96 {
      s.pos += 1
      switch g.backtick {
      case .none: return false
      case .raw: scanStringBody(&s, start: prefixStart, quote: 96, triple: false, raw: true, interpolation: .none, multiline: true)
      case .template: scanStringBody(&s, start: prefixStart, quote: 96, triple: false, raw: false, interpolation: .dollar, multiline: true, bracesOnly: true)
      case .command: scanStringBody(&s, start: prefixStart, quote: 96, triple: false, raw: false, interpolation: g.interpolation, multiline: true)
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
        if next == 92 || s.peek(2) == 39 || (next >= 0x80 && charEnd(s, from: s.pos + 1).map { s.byte($0) == 39 } == true) {
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
    if (quote == 34 && g.tripleQuotes || quote == 39 && g.tripleSingleQuotes) && s.peek() == quote && s.peek(2) == quote {
      s.pos += 3
      scanStringBody(&s, start: prefixStart, quote: quote, triple: true, raw: raw,
                     interpolation: interpolation(for: quote, formatted: formatted), multiline: true)
      return true
    }
    s.pos += 1
    scanStringBody(&s, start: prefixStart, quote: quote, triple: false, raw: raw,
                   interpolation: interpolation(for: quote, formatted: formatted), multiline: g.multilineStrings,
                   doubled: g.doubledQuoteEscape)
    return true
  }

  private func interpolation(for quote: UInt8, formatted: Bool) -> CodeGrammar.Interpolation {
    switch grammar.interpolation {
    case .braces: formatted ? .braces : .none
    case .none: .none
    default: quote == 34 ? grammar.interpolation : .none
    }
  }

  private func charEnd(_ s: Scanner, from i: Int) -> Int? {
    var j = i + 1
    while j < s.limit && s.bytes[j] >= 0x80 && s.bytes[j] < 0xC0 { j += 1 }
    return j < s.limit ? j : nil
  }

  /// Scans a string's body after its opening delimiter, emitting the string from `start`,
  /// escapes and interpolations, up to and including the closing delimiter.
  func scanStringBody(_ s: inout Scanner, start: Int, quote: UInt8, triple: Bool, raw: Bool,
                      interpolation: CodeGrammar.Interpolation, multiline: Bool, doubled: Bool = false,
                      bracesOnly: Bool = false, hashes: Int = 0) {
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
          if k > hashes { s.pos += 1 + hashes; break }
        } else {
          s.pos += 1
          break
        }
        s.pos += 1
        continue
      }
      if b == 10 && !multiline && !triple { break }
      if b == 92 && !raw && grammar.backslashEscapes {
        if interpolation == .swift && s.peek(hashes + 1) == 40 && canNest && (hashes == 0 || s.matches(Array(repeating: 35, count: hashes), at: s.pos + 1)) {
          interpolate(opener: 2 + hashes, closer: 41)
          continue
        }
        if hashes > 0 && !s.matches(Array(repeating: 35, count: hashes), at: s.pos + 1) { s.pos += 1; continue }
        s.emit(.string, runStart, s.pos)
        let escapeStart = s.pos
        s.pos += 1 + hashes
        if s.pos < s.limit {
          s.pos += 1
          while s.pos < s.limit && s.bytes[s.pos] >= 0x80 && s.bytes[s.pos] < 0xC0 { s.pos += 1 }
          if s.byte(s.pos - 1) == 117 && s.current == 123 { // \u{…}
            while s.pos < s.limit && s.bytes[s.pos] != 125 && s.bytes[s.pos] != quote && s.bytes[s.pos] != 10 { s.pos += 1 }
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
          if s.peek() == 123 { s.pos += 2; continue }
          interpolate(opener: 1, closer: 125, formatSpec: true)
          continue
        case .php where b == 36 && Scanner.isWordStart(s.peek()):
          s.emit(.string, runStart, s.pos)
          let open = s.pos
          s.pos += 1
          s.skipWord()
          while s.current == 45 && s.peek() == 62 && Scanner.isWordStart(s.peek(2)) { s.pos += 2; s.skipWord() }
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
  private func embedCode(_ s: inout Scanner, closer: UInt8, formatSpec: Bool = false) {
    let outerLimit = s.limit
    // Limit the region to the closer that balances the opener, so a missing one cannot swallow the code.
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

  private func scanHashRaw(_ s: inout Scanner, from start: Int? = nil) {
    let start = start ?? s.pos
    if start == s.pos {
      // Swift #"…"#
      var hashes = 0
      while s.current == 35 { hashes += 1; s.pos += 1 }
      let triple = s.matches("\"\"\"")
      s.pos += triple ? 3 : 1
      scanStringBody(&s, start: start, quote: 34, triple: triple, raw: false, interpolation: grammar.interpolation,
                     multiline: triple, hashes: hashes)
      return
    }
    // Rust r#"…"#, br"…"
    var hashes = 0
    while s.current == 35 { hashes += 1; s.pos += 1 }
    guard s.current == 34 else { s.emit(.string, from: start); return }
    s.pos += 1
    var close: [UInt8] = [34]
    close.append(contentsOf: repeatElement(35, count: hashes))
    s.skip(past: close)
    s.emit(.string, from: start)
  }

  private func scanCppRaw(_ s: inout Scanner, from start: Int) {
    s.pos += 1
    let delimStart = s.pos
    while s.pos < s.limit && s.bytes[s.pos] != 40 && s.bytes[s.pos] != 10 && s.pos - delimStart < 16 { s.pos += 1 }
    var close: [UInt8] = [41]
    close.append(contentsOf: s.bytes[delimStart..<s.pos])
    close.append(34)
    s.skip(past: close)
    s.emit(.string, from: start)
  }

  private func longBracketClose(_ s: Scanner, at i: Int) -> (openLength: Int, close: [UInt8])? {
    guard s.byte(i) == 91 else { return nil }
    var j = i + 1
    var level = 0
    while s.byte(j) == 61 { level += 1; j += 1 }
    guard s.byte(j) == 91 else { return nil }
    var close: [UInt8] = [93]
    close.append(contentsOf: repeatElement(61, count: level))
    close.append(93)
    return (j + 1 - i, close)
  }

  private func scanRegex(_ s: inout Scanner) -> Bool {
    let start = s.pos
    var j = start + 1
    var inClass = false
    if s.byte(j) == 32 || s.byte(j) == 61 && !grammar.ruby { return false }
    let end = min(s.limit, start + 2048)  // a bound keeps lines of slashes linear
    while j < end {
      let c = s.bytes[j]
      if c == 10 { return false }
      if c == 92 { j += 2; continue }
      if c == 91 { inClass = true } else if c == 93 { inClass = false } else if c == 47 && !inClass { break }
      j += 1
    }
    guard j < end else { return false }
    s.pos = j + 1
    while Scanner.isAlpha(s.current) { s.pos += 1 }
    s.emit(.regex, from: start)
    return true
  }

  /// Ruby's `%w[…]`, `%i(…)`, `%q{…}`, `%Q<…>`, `%r{…}`, `%(…)`.
  private func scanPercentLiteral(_ s: inout Scanner, allowed: Bool) -> Bool {
    guard allowed else { return false }
    let start = s.pos
    var j = start + 1
    var kind: UInt8 = 0
    if Scanner.isAlpha(s.byte(j)) { kind = s.byte(j); j += 1 }
    guard kind == 0 || [119, 87, 105, 73, 113, 81, 114, 115, 120].contains(kind) else { return false }
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
      if c == 92 { j += 2; continue }
      if c == close && open != close || c == close && open == close {
        level -= 1
        if level == 0 { j += 1; break }
      } else if c == open { level += 1 }
      j += 1
    }
    s.pos = min(j, s.limit)
    if kind == 114 { while Scanner.isAlpha(s.current) { s.pos += 1 } }
    s.emit(kind == 114 ? .regex : (kind == 105 || kind == 73 ? .symbol : .string), from: start)
    return true
  }

  /// Ruby `<<~EOS` / `<<-EOS` and PHP `<<<EOT` / `<<<'EOT'` heredocs: the rest of the opening
  /// line is code, the body is string.
  private func scanHeredoc(_ s: inout Scanner) -> Bool {
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
    if s.byte(j) == 39 || s.byte(j) == 34 { quote = s.byte(j); j += 1 }
    let nameStart = j
    while Scanner.isWordByte(s.byte(j)) { j += 1 }
    guard j > nameStart, Scanner.isUpper(s.byte(nameStart)) || grammar.phpHeredoc else { return false }
    let name = Array(s.bytes[nameStart..<j])
    if quote != 0 { guard s.byte(j) == quote else { return false }; j += 1 }
    s.pos = j
    s.emit(.string, from: start)
    let lineEnd = s.lineEnd(from: j)
    s.scanRegion(j, lineEnd) { scan(&$0) }
    s.pos = lineEnd
    let bodyStart = s.pos
    while s.pos < s.limit {
      s.pos += 1 // past the line break
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
