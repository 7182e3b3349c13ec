// POSIX shell and Bash, shell sessions, and PowerShell.

private let shellKeywords = WordTable(
  """
  if then else elif fi case esac for select while until do done in function time coproc \
  return break continue
  """)
private let shellBuiltins = WordTable(
  """
  alias bg bind builtin caller cd command compgen complete declare dirs disown echo enable eval \
  exec exit export false fc fg getopts hash help history jobs kill let local logout mapfile popd \
  printf pushd pwd read readarray readonly set shift shopt source suspend test times trap true \
  type typeset ulimit umask unalias unset wait
  """)

extension Language {
  /// POSIX shell, Bash and Zsh scripts.
  static let shell = Language("shell", ["sh", "bash", "zsh", "ksh", "shellscript", "shell-script"])
  { s in Shell.scan(&s) }

  /// A shell session: lines after a `$ `, `% ` or `# ` prompt are commands, the rest output.
  static let console = Language(
    "console", ["shell-session", "sh-session", "bash-session", "terminal"]
  ) { s in
    Shell.scanSession(&s)
  }
}

/// The shell lexer: words, `$` expansions, quotes, heredocs and comments.
enum Shell {
  static func scan(_ s: inout Scanner, closer: UInt8 = 0) {
    var commandPosition = true
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if b == 10 || b == 59 || b == 38 || b == 124 {  // newline ; & |
        s.pos += 1
        if b != 10 {
          while s.current == b { s.pos += 1 }
          s.emit(.punctuation, from: start)
        }
        commandPosition = true
        continue
      }
      if Scanner.isSpace(b) {
        s.pos += 1
        continue
      }
      if b == closer && closer != 0 { return }
      if b == 35 && (start == 0 || Scanner.isSpace(s.bytes[start - 1]) || s.bytes[start - 1] == 59)
      {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }
      if b == 92 {
        s.skipEscape()
        s.emit(.escape, from: start)
        continue
      }
      if b == 39 {
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != 39 { s.pos += 1 }
        if s.pos < s.limit { s.pos += 1 }
        s.emit(.string, from: start)
        commandPosition = false
        continue
      }
      if b == 34 {
        doubleQuoted(&s)
        commandPosition = false
        continue
      }
      if b == 96 {
        s.pos += 1
        while s.pos < s.limit && s.bytes[s.pos] != 96 {
          if s.bytes[s.pos] == 92 { s.pos += 1 }
          s.pos += 1
        }
        s.pos = min(s.pos + 1, s.limit)
        s.emit(.string, from: start)
        continue
      }
      if b == 36 {
        dollar(&s)
        commandPosition = false
        continue
      }
      if b == 60 && s.peek() == 60 && s.peek(2) != 60, heredoc(&s) { continue }
      if b == 40 || b == 41 || b == 123 || b == 125 || b == 91 || b == 93 {
        s.pos += 1
        if (b == 91 || b == 93) && s.current == b { s.pos += 1 }
        s.emit(b == 91 || b == 93 ? .operator : .punctuation, from: start)
        if b == 40 || b == 123 { commandPosition = true }
        continue
      }
      if b == 61 || b == 60 || b == 62 || b == 33 {
        s.pos += 1
        while s.current == 62 || s.current == 38 || s.current == 61 { s.pos += 1 }
        s.emit(.operator, from: start)
        continue
      }
      if Scanner.isDigit(b) {
        var j = s.pos
        while Scanner.isDigit(s.byte(j)) { j += 1 }
        let next = s.byte(j)
        if Scanner.isSpace(next) || next == 0 || next == 59 || next == 41 || next == 62
          || next == 60 || next == 124 || next == 93 || next == 125
        {
          s.pos = j
          s.emit(.number, from: start)
          continue
        }
      }
      // A word: command names, arguments, assignments.
      while s.pos < s.limit {
        let c = s.bytes[s.pos]
        if Scanner.isSpace(c) || c == 59 || c == 38 || c == 124 || c == 40 || c == 41 || c == 34
          || c == 39
          || c == 36 || c == 96 || c == 60 || c == 62 || c == 61 || c == 125
          || c == 123 && s.pos > start
        {
          break
        }
        s.pos += 1
      }
      if s.pos == start {
        s.pos += 1
        continue
      }
      let end = s.pos
      if s.current == 61 && isName(s, start, end) {
        s.emit(.variable, start, end)
        s.emit(.operator, end, end + 1)
        s.pos = end + 1
        continue
      }
      if shellKeywords.contains(s.bytes, start, end)
        && (commandPosition || s.matches("in", at: start) || s.matches("do", at: start))
      {
        s.emit(.keyword, start, end)
        commandPosition = true
      } else {
        if commandPosition && shellBuiltins.contains(s.bytes, start, end) {
          s.emit(.builtin, start, end)
        } else if commandPosition && s.current == 40 && s.peek() == 41 {
          s.emit(.function, start, end)
        }
        commandPosition = false
      }
    }
  }

  private static func isName(_ s: Scanner, _ start: Int, _ end: Int) -> Bool {
    guard Scanner.isWordStart(s.bytes[start]) else { return false }
    var i = start
    while i < end {
      if !(Scanner.isWordByte(s.bytes[i]) || s.bytes[i] == 91 || s.bytes[i] == 93
        || s.bytes[i] == 43)
      {
        return false
      }
      i += 1
    }
    return true
  }

  /// `"…"` with `$` expansions and escapes inside.
  static func doubleQuoted(_ s: inout Scanner) {
    let start = s.pos
    s.pos += 1
    var runStart = start
    while s.pos < s.limit {
      let c = s.bytes[s.pos]
      if c == 34 {
        s.pos += 1
        break
      }
      if c == 92 {
        s.emit(.string, runStart, s.pos)
        let e = s.pos
        s.skipEscape()
        s.emit(.escape, from: e)
        runStart = s.pos
        continue
      }
      if c == 36
        && (Scanner.isWordStart(s.peek()) || s.peek() == 123 || s.peek() == 40
          || isSpecial(s.peek()))
      {
        s.emit(.string, runStart, s.pos)
        dollar(&s)
        runStart = s.pos
        continue
      }
      s.pos += 1
    }
    s.emit(.string, runStart, s.pos)
  }

  private static func isSpecial(_ b: UInt8) -> Bool {
    Scanner.isDigit(b) || b == 64 || b == 42 || b == 35 || b == 63 || b == 36 || b == 33 || b == 45
  }

  /// `$name`, `${…}`, `$(…)`, `$((…))`, `$'…'`.
  static func dollar(_ s: inout Scanner) {
    let start = s.pos
    let next = s.peek()
    if next == 40 {
      let arithmetic = s.peek(2) == 40
      s.pos += arithmetic ? 3 : 2
      s.emit(.keyword, from: start)
      if s.depth < Scanner.maxDepth {
        s.depth += 1
        if arithmetic { arithmeticBody(&s) } else { scan(&s, closer: 41) }
        s.depth -= 1
      }
      if s.current == 41 {
        let close = s.pos
        s.pos += arithmetic && s.peek() == 41 ? 2 : 1
        s.emit(.keyword, from: close)
      }
      return
    }
    if next == 123 {
      s.pos += 2
      if s.current == 35 { s.pos += 1 }
      s.emit(.escape, from: start)
      let nameStart = s.pos
      s.skipWord()
      s.emit(.variable, from: nameStart)
      var level = 1
      while s.pos < s.limit {
        let c = s.bytes[s.pos]
        if c == 123 { level += 1 }
        if c == 125 {
          level -= 1
          if level == 0 { break }
        }
        if c == 10 { break }
        s.pos += 1
      }
      if s.current == 125 {
        s.emit(.escape, s.pos, s.pos + 1)
        s.pos += 1
      }
      return
    }
    if next == 39 {
      s.pos += 2
      while s.pos < s.limit && s.bytes[s.pos] != 39 {
        if s.bytes[s.pos] == 92 { s.pos += 1 }
        s.pos += 1
      }
      s.pos = min(s.pos + 1, s.limit)
      s.emit(.string, from: start)
      return
    }
    s.pos += 1
    if Scanner.isWordStart(next) {
      s.skipWord()
    } else if isSpecial(next) {
      s.pos += 1
    } else {
      return
    }
    s.emit(.variable, from: start)
  }

  private static func arithmeticBody(_ s: inout Scanner) {
    while s.pos < s.limit && !(s.current == 41 && s.peek() == 41) {
      let start = s.pos
      if Scanner.isDigit(s.current) {
        _ = s.skipNumber()
        s.emit(.number, from: start)
        continue
      }
      if s.current == 36 {
        dollar(&s)
        continue
      }
      if Scanner.isOperator(s.current) {
        s.pos += 1
        s.emit(.operator, from: start)
        continue
      }
      if s.current == 10 { break }
      s.pos += 1
    }
  }

  /// `<<EOF`, `<<-'EOF'`, `<<"EOF"`: the rest of the line is code, the body string.
  static func heredoc(_ s: inout Scanner) -> Bool {
    let start = s.pos
    var j = start + 2
    if s.byte(j) == 45 || s.byte(j) == 126 { j += 1 }
    while s.byte(j) == 32 { j += 1 }
    var quote: UInt8 = 0
    if s.byte(j) == 39 || s.byte(j) == 34 || s.byte(j) == 92 {
      quote = s.byte(j)
      j += 1
    }
    let nameStart = j
    while Scanner.isWordByte(s.byte(j)) { j += 1 }
    guard j > nameStart else { return false }
    let name = Array(s.bytes[nameStart..<j])
    if quote == 39 || quote == 34 { if s.byte(j) == quote { j += 1 } }
    s.pos = j
    s.emit(.string, from: start)
    let lineEnd = s.lineEnd(from: j)
    s.scanRegion(j, lineEnd) { scan(&$0) }
    s.pos = lineEnd
    let bodyStart = s.pos
    while s.pos < s.limit {
      s.pos += 1
      var k = s.pos
      while k < s.limit && s.bytes[k] == 9 { k += 1 }
      s.skipToLineEnd()
      if s.matches(name, at: k) && k + name.count == s.pos {
        s.emit(.string, bodyStart, s.pos)
        return true
      }
    }
    s.emit(.string, bodyStart, s.pos)
    return true
  }

  /// A session: prompt lines are commands, the other lines output (plain).
  static func scanSession(_ s: inout Scanner) {
    while s.pos < s.limit {
      let lineStart = s.pos
      let lineEnd = s.lineEnd(from: lineStart)
      var j = lineStart
      // An optional `user@host:dir` before the prompt sign.
      while j < lineEnd && j - lineStart < 80 && s.bytes[j] != 36 && s.bytes[j] != 35
        && s.bytes[j] != 37 && s.bytes[j] != 62 && !Scanner.isSpace(s.bytes[j])
      { j += 1 }
      let sign = s.byte(j)
      if j < lineEnd && (sign == 36 || sign == 35 || sign == 37 || sign == 62)
        && (s.byte(j + 1) == 32 || j + 1 == lineEnd)
      {
        s.emit(.prompt, lineStart, j + 1)
        s.scanRegion(j + 1, lineEnd) { scan(&$0) }
      }
      s.pos = min(lineEnd + 1, s.limit)
    }
  }
}
