private let psKeywords = WordTable(
  """
  begin break catch class continue data default define do dynamicparam else elseif end enum exit \
  filter finally for foreach from function hidden if in param process return static switch throw \
  trap try until using var while workflow parallel sequence inlinescript configuration \
  cmdletbinding parameter mandatory valuefrompipeline valuefrompipelinebypropertyname position \
  parametersetname helpmessage validateset validatenotnullorempty validaterange validatepattern
  """, caseInsensitive: true)
private let psOperators = WordTable(
  """
  eq ne gt ge lt le ceq cne cgt cge clt cle ieq ine like notlike clike cnotlike match notmatch \
  cmatch cnotmatch imatch contains notcontains ccontains cnotcontains in notin replace creplace \
  ireplace split csplit join is isnot as and or xor not band bor bxor bnot shl shr f
  """, caseInsensitive: true)

extension Language {
  /// PowerShell.
  static let powershell = Language("powershell", ["ps1", "pwsh", "posh", "psm1", "ps"]) { s in
    PowerShell.scan(&s)
  }
}

/// The PowerShell lexer.
enum PowerShell {
  static func scan(_ s: inout Scanner, closer: UInt8 = 0) {
    var level = 0
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if Scanner.isSpace(b) {
        s.pos += 1
        continue
      }
      if closer != 0 {
        if b == 40 {
          level += 1
        } else if b == 41 {
          if level == 0 { return }
          level -= 1
        }
      }
      if b == 60 && s.peek() == 35 {
        s.pos += 2
        s.skip(past: [35, 62])
        s.emit(.comment, from: start)
        continue
      }
      if b == 35 {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }
      if b == 64 && (s.peek() == 34 || s.peek() == 39) && (s.peek(2) == 10 || s.peek(2) == 13) {
        let quote = s.peek()
        s.pos += 2
        while s.pos < s.limit
          && !(s.bytes[s.pos] == 10 && s.byte(s.pos + 1) == quote && s.byte(s.pos + 2) == 64)
        { s.pos += 1 }
        s.pos = min(s.pos + 3, s.limit)
        s.emit(.string, from: start)
        continue
      }
      if b == 39 {
        s.pos += 1
        while s.pos < s.limit {
          if s.bytes[s.pos] == 39 {
            if s.peek() == 39 {
              s.pos += 2
              continue
            }
            s.pos += 1
            break
          }
          s.pos += 1
        }
        s.emit(.string, from: start)
        continue
      }
      if b == 34 {
        doubleQuoted(&s)
        continue
      }
      if b == 36
        && (Scanner.isWordStart(s.peek()) || s.peek() == 95 || s.peek() == 123 || s.peek() == 36
          || s.peek() == 63)
      {
        s.pos += 1
        if s.current == 123 {
          while s.pos < s.limit && s.bytes[s.pos] != 125 && s.bytes[s.pos] != 10 { s.pos += 1 }
          if s.current == 125 { s.pos += 1 }
        } else if s.current == 36 || s.current == 63 {
          s.pos += 1
        } else {
          s.skipWord(extra: 58)
        }
        s.emit(.variable, from: start)
        continue
      }
      if b == 36 && s.peek() == 40 {
        s.pos += 2
        s.emit(.punctuation, from: start)
        s.depth += 1
        if s.depth < Scanner.maxDepth { scan(&s, closer: 41) }
        s.depth -= 1
        if s.current == 41 {
          s.emit(.punctuation, s.pos, s.pos + 1)
          s.pos += 1
        }
        continue
      }
      if b == 45 && Scanner.isAlpha(s.peek())
        && (start == 0 || !Scanner.isWordByte(s.bytes[start - 1]))
      {
        s.pos += 1
        s.skipWord()
        if psOperators.contains(s.bytes, start + 1, s.pos) { s.emit(.operator, from: start) }
        continue  // a parameter name stays plain
      }
      if Scanner.isDigit(b) {
        _ = s.skipNumber()
        s.emit(.number, from: start)
        continue
      }
      if b == 91 && Scanner.isAlpha(s.peek()) {
        // A type literal: [string], [System.IO.Path]
        var j = s.pos + 1
        while j < s.limit
          && (Scanner.isWordByte(s.bytes[j]) || s.bytes[j] == 46 || s.bytes[j] == 91
            || s.bytes[j] == 93 && s.byte(j + 1) == 93)
        { j += 1 }
        if s.byte(j) == 93 {
          s.emit(.punctuation, start, start + 1)
          s.emit(.type, start + 1, j)
          s.emit(.punctuation, j, j + 1)
          s.pos = j + 1
          continue
        }
      }
      if Scanner.isWordStart(b) {
        s.skipWord()
        // Verb-Noun command names.
        var isCommand = false
        while s.current == 45 && Scanner.isAlpha(s.peek()) {
          s.pos += 1
          s.skipWord()
          isCommand = true
        }
        if isCommand {
          s.emit(.builtin, from: start)
          continue
        }
        if psKeywords.contains(s.bytes, start, s.pos) && s.byte(start - 1) != 46 {
          s.emit(.keyword, from: start)
        } else if s.byte(start - 1) == 46 && s.current == 40 {
          s.emit(.function, from: start)
        }
        continue
      }
      if Scanner.isOperator(b) {
        s.pos += 1
        s.emit(.operator, from: start)
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

  private static func doubleQuoted(_ s: inout Scanner) {
    let start = s.pos
    s.pos += 1
    var runStart = start
    while s.pos < s.limit {
      let c = s.bytes[s.pos]
      if c == 34 {
        if s.peek() == 34 {
          s.pos += 2
          continue
        }
        s.pos += 1
        break
      }
      if c == 96 {
        s.emit(.string, runStart, s.pos)
        let e = s.pos
        s.skipEscape()
        s.emit(.escape, from: e)
        runStart = s.pos
        continue
      }
      if c == 36 && Scanner.isWordStart(s.peek()) {
        s.emit(.string, runStart, s.pos)
        let v = s.pos
        s.pos += 1
        s.skipWord(extra: 58)
        s.emit(.variable, from: v)
        runStart = s.pos
        continue
      }
      if c == 36 && s.peek() == 40 && s.depth < Scanner.maxDepth {
        s.emit(.string, runStart, s.pos)
        let v = s.pos
        s.pos += 2
        s.emit(.punctuation, from: v)
        s.depth += 1
        scan(&s, closer: 41)
        s.depth -= 1
        if s.current == 41 {
          s.emit(.punctuation, s.pos, s.pos + 1)
          s.pos += 1
        }
        runStart = s.pos
        continue
      }
      s.pos += 1
    }
    s.emit(.string, runStart, s.pos)
  }
}
