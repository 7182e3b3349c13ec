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
      if Scanner.isSpace(b) {
        s.pos += 1
        continue
      }
      let start = s.pos

      // Comments and preprocessor lines.
      if g.hashPreprocessor && b == 35 && s.isLineStart(start)
        && Scanner.isWordStart(s.nextNonBlank(from: start + 1))
      {
        scanPreprocessor(&s)
        lastSignificant = 0
        lastWasWord = false
        continue
      }
      if g.ruby && b == 61 && s.matches("=begin", at: start)
        && (start == 0 || s.bytes[start - 1] == 10)
      {
        while s.pos < s.limit {
          let lineStart = s.pos
          s.skipToLineEnd()
          if s.matches("=end", at: lineStart) { break }
          if s.pos < s.limit { s.pos += 1 }
        }
        s.emit(.comment, from: start)
        continue
      }
      if g.luaLongBrackets && b == 45 && s.matches("--[", at: start),
        let close = longBracketClose(s, at: start + 2)
      {
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
        if b == opener {
          nesting += 1
        } else if b == closer {
          if nesting == 0 { return }
          nesting -= 1
        }
      }

      // Strings.
      if b == 34 || (b == 39 && g.singleQuote != .none) || (b == 96 && g.backtick != .none) {
        if scanQuoted(&s, prefixStart: start) {
          lastSignificant = 34
          lastWasWord = false
          continue
        }
      }
      if g.hashRawStrings && b == 35 && (s.peek() == 34 || (s.peek() == 35 && s.peek(2) == 34)) {
        scanHashRaw(&s)
        continue
      }
      if g.verbatimStrings && (b == 64 || b == 36)
        && (s.peek() == 34 || ((s.peek() == 64 || s.peek() == 36) && s.peek(2) == 34))
      {
        let interpolated = b == 36 || s.peek() == 36
        let verbatim = b == 64 || s.peek() == 64
        s.pos += s.peek() == 34 ? 2 : 3
        scanStringBody(
          &s, start: start, quote: 34, triple: false, raw: verbatim,
          interpolation: interpolated ? .braces : .none, multiline: verbatim, doubled: verbatim)
        lastSignificant = 34
        lastWasWord = false
        continue
      }
      if g.luaLongBrackets && b == 91, let close = longBracketClose(s, at: start) {
        s.pos = start + close.openLength
        s.skip(past: close.close)
        s.emit(.string, from: start)
        continue
      }
      if g.ruby, b == 37, scanPercentLiteral(&s, allowed: !lastWasWord || lastWordAllowsRegex) {
        lastSignificant = 34
        lastWasWord = false
        continue
      }
      if (g.ruby || g.phpHeredoc) && b == 60 && s.matches("<<", at: start), scanHeredoc(&s) {
        continue
      }

      // Numbers.
      if Scanner.isDigit(b)
        || (b == 46 && g.leadingDotNumbers && Scanner.isDigit(s.peek())
          && !Scanner.isWordByte(s.byte(start - 1)))
      {
        _ = s.skipNumber()
        s.emit(.number, from: start)
        lastSignificant = 48
        lastWasWord = true
        lastWordAllowsRegex = false
        continue
      }

      if b == 45 && g.negativeNumbers && Scanner.isDigit(s.peek())
        && (!lastWasWord || lastWordAllowsRegex) && lastSignificant != 41 && lastSignificant != 93
      {
        s.pos += 1
        _ = s.skipNumber()
        s.emit(.number, from: start)
        lastSignificant = 48
        lastWasWord = true
        lastWordAllowsRegex = false
        continue
      }
      if b == 36 && g.dollarDigits && Scanner.isDigit(s.peek()) {
        s.pos += 1
        while Scanner.isDigit(s.current) { s.pos += 1 }
        s.emit(.variable, from: start)
        lastSignificant = 65
        lastWasWord = true
        lastWordAllowsRegex = false
        continue
      }

      // Names.
      if Scanner.isWordStart(b) {
        s.skipWord(extra: g.identifierExtra)
        if g.identifierSuffix != 0
          && (s.current == g.identifierSuffix || s.current == g.identifierSuffix2) && s.peek() != 61
        {
          s.pos += 1
        }
        let end = s.pos
        // A string prefix: r"…", f'…', b"…", u8"…", L'…'.
        if (s.current == 34 || s.current == 39) && g.stringPrefixes.contains(s.bytes, start, end) {
          if scanQuoted(&s, prefixStart: start) {
            lastSignificant = 34
            lastWasWord = false
            continue
          }
        }
        if g.rustRawStrings && (s.bytes[start] == 114 || s.bytes[start] == 98) && end - start <= 2
          && (s.current == 35 || s.current == 34)
          && (s.bytes[end - 1] == 114)
        {
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
          lastWasWord = true
          lastWordAllowsRegex = false
          lastSignificant = 65
          continue
        }
        if g.ruby && s.current == 58 && s.peek() != 58 && lastSignificant != 63
          && s.byte(start - 1) != 58
        {
          // Ruby 1.9 hash keys: `name: value` is a symbol.
          s.pos += 1
          s.emit(.symbol, from: start)
          lastSignificant = 58
          lastWasWord = false
          continue
        }
        let tokenClass = classify(
          s, start, end, pendingFunction: &pendingFunction, pendingType: &pendingType)
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
        lastSignificant = 65
        lastWasWord = true
        lastWordAllowsRegex = false
        continue
      }
      if b == 64 && g.atVariables
        && (Scanner.isWordStart(s.peek()) || (s.peek() == 64 && Scanner.isWordStart(s.peek(2))))
      {
        s.pos += 1
        if s.current == 64 { s.pos += 1 }
        s.skipWord()
        s.emit(.variable, from: start)
        lastSignificant = 65
        lastWasWord = true
        lastWordAllowsRegex = false
        continue
      }
      if b == 64, let annotation = g.annotation, Scanner.isWordStart(s.peek()) {
        s.pos += 1
        s.skipWord()
        while s.current == 46 && Scanner.isWordStart(s.peek()) {
          s.pos += 1
          s.skipWord()
        }
        s.emit(annotation, from: start)
        lastSignificant = 65
        lastWasWord = false
        continue
      }
      if g.rustMacros && b == 35 && (s.peek() == 91 || (s.peek() == 33 && s.peek(2) == 91)) {
        s.pos += s.peek() == 91 ? 2 : 3
        var depth = 1
        while s.pos < s.limit && depth > 0 {
          if s.current == 91 {
            depth += 1
          } else if s.current == 93 {
            depth -= 1
          } else if s.current == 10 {
            break
          }
          s.pos += 1
        }
        s.emit(.preprocessor, from: start)
        continue
      }
      if g.ruby && b == 58 && s.peek() != 58 && s.byte(start - 1) != 58 {
        if Scanner.isWordStart(s.peek()) {
          s.pos += 1
          s.skipWord()
          if s.current == 63 || s.current == 33
            || s.current == 61 && s.peek() != 62 && s.peek() != 61
          {
            s.pos += 1
          }
          s.emit(.symbol, from: start)
          lastSignificant = 65
          lastWasWord = true
          lastWordAllowsRegex = false
          continue
        }
        if s.peek() == 34 {
          s.pos += 1
          _ = scanQuoted(&s, prefixStart: start)
          continue
        }
      }

      // Regular expressions.
      if b == 47 && g.regexLiterals && (!lastWasWord || lastWordAllowsRegex)
        && lastSignificant != 41 && lastSignificant != 93
        && lastSignificant != 125 && scanRegex(&s)
      {
        lastSignificant = 34
        lastWasWord = false
        continue
      }

      // Operators and punctuation.
      if Scanner.isOperator(b) {
        s.pos += 1
        while s.pos < s.limit && Scanner.isOperator(s.bytes[s.pos]) && !isCommentStart(s, at: s.pos)
        { s.pos += 1 }
        s.emit(
          g.reservedOperators.contains(s.bytes, start, s.pos) ? .keyword : .operator, from: start)
        lastSignificant = b
        lastWasWord = false
        continue
      }
      if b == 58 && s.peek() == 58 && g.reservedOperators.contains(s.bytes, start, start + 2) {
        s.pos += 2
        s.emit(.keyword, from: start)
        lastSignificant = b
        lastWasWord = false
        continue
      }
      if Scanner.isPunctuation(b) {
        s.pos += 1
        s.emit(.punctuation, from: start)
        lastSignificant = b
        lastWasWord = false
        continue
      }
      s.pos += 1
      while s.pos < s.limit && s.bytes[s.pos] >= 0x80 && s.bytes[s.pos] < 0xC0 { s.pos += 1 }
      lastSignificant = b
      lastWasWord = false
    }
  }

  func isLineComment(_ s: Scanner, at i: Int) -> Bool {
    let b = s.bytes[i]
    for marker in grammar.lineComments where marker[0] == b && s.matches(marker, at: i) {
      if marker == [45, 45] && grammar.haskellPragmas {
        // Haskell: `--` followed by more dashes or a non-symbol starts a comment; `-->` is an
        // operator.
        var j = i + 2
        while s.byte(j) == 45 { j += 1 }
        let next = s.byte(j)
        return !(Scanner.isOperator(next) && next != 45) || j >= s.limit
      }
      return true
    }
    return false
  }

  func isCommentStart(_ s: Scanner, at i: Int) -> Bool {
    if let comment = grammar.blockComment, s.matches(comment.open, at: i) { return true }
    return isLineComment(s, at: i)
  }

  func scanBlockComment(_ s: inout Scanner, open: [UInt8], close: [UInt8]) {
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

  func classify(
    _ s: Scanner, _ start: Int, _ end: Int, pendingFunction: inout Bool, pendingType: inout Bool
  ) -> TokenClass? {
    let g = grammar
    let bytes = s.bytes
    if g.keywords.contains(bytes, start, end) {
      // `x.class`, `obj.default`: a member access is a name, not a keyword.
      if start > 0 && bytes[start - 1] == 46 && !(start > 1 && bytes[start - 2] == 46)
        && g.annotation != .keyword
      {
        return memberClass(s, end)
      }
      if g.functionDeclarators.contains(bytes, start, end) {
        pendingFunction = true
        pendingType = false
      } else if g.typeDeclarators.contains(bytes, start, end) {
        pendingType = true
        pendingFunction = false
      }
      return .keyword
    }
    if g.constants.contains(bytes, start, end) {
      pendingFunction = false
      return .constant
    }
    if pendingFunction {
      pendingFunction = false
      pendingType = false
      return .function
    }
    if pendingType {
      pendingType = false
      return .type
    }
    if g.types.contains(bytes, start, end) { return .type }
    if g.builtins.contains(bytes, start, end) && !(start > 0 && bytes[start - 1] == 46) {
      return .builtin
    }
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

  func memberClass(_ s: Scanner, _ end: Int) -> TokenClass? {
    grammar.functionCalls && s.nextNonBlank(from: end) == 40 ? .function : nil
  }

  // MARK: Preprocessor

  func scanPreprocessor(_ s: inout Scanner) {
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
        if s.pos > 0
          && (s.bytes[s.pos - 1] == 92 || (s.bytes[s.pos - 1] == 13 && s.byte(s.pos - 2) == 92))
        {
          s.pos += 1
          continue
        }
        break
      }
      if b == 47 && (s.peek() == 47 || s.peek() == 42) {
        emitTrimmed(&s, .preprocessor, runStart, s.pos)
        let commentStart = s.pos
        if s.peek() == 47 {
          s.skipToLineEnd()
        } else {
          s.pos += 2
          s.skip(past: [42, 47])
        }
        s.emit(.comment, from: commentStart)
        runStart = s.pos
        continue
      }
      s.pos += 1
    }
    emitTrimmed(&s, .preprocessor, runStart, s.pos)
  }

  func emitTrimmed(_ s: inout Scanner, _ tokenClass: TokenClass, _ start: Int, _ end: Int) {
    var a = start
    var z = end
    while a < z && Scanner.isSpace(s.bytes[a]) { a += 1 }
    while z > a && Scanner.isSpace(s.bytes[z - 1]) { z -= 1 }
    s.emit(tokenClass, a, z)
  }
}
