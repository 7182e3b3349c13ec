// Dockerfile, Makefile, diff and plain text.

private let dockerInstructions = WordTable(
  """
  from run cmd label maintainer expose env add copy entrypoint volume user workdir arg onbuild \
  stopsignal healthcheck shell as
  """, caseInsensitive: true)

extension Language {
  /// Dockerfile: instructions, with `RUN` commands highlighted as shell.
  static let dockerfile = Language("dockerfile", ["docker", "containerfile"]) { s in
    Build.dockerfile(&s)
  }
  /// Makefile: rules, variables, directives, with recipes highlighted as shell.
  static let makefile = Language("makefile", ["make", "mk", "mak", "gnumake", "bsdmake"]) { s in
    Build.makefile(&s)
  }
  /// Unified and context diffs.
  static let diff = Language("diff", ["patch", "udiff"]) { s in Build.diff(&s) }
  /// Plain text: no tokens.
  static let text = Language(
    "text", ["plaintext", "plain", "txt", "none", "nohighlight", "output"]
  ) { s in s.pos = s.limit }
}

/// Lexers of the build and patch formats.
enum Build {
  static func dockerfile(_ s: inout Scanner) {
    while s.pos < s.limit {
      let lineStart = s.pos
      var lineEnd = s.lineEnd(from: lineStart)
      var i = lineStart
      while i < lineEnd && (s.bytes[i] == 32 || s.bytes[i] == 9) { i += 1 }
      if s.byte(i) == 35 {
        s.emit(.comment, i, lineEnd)  // parser directives (`# syntax=`) too
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      var j = i
      while Scanner.isAlpha(s.byte(j)) { j += 1 }
      guard j > i, dockerInstructions.contains(s.bytes, i, j) else {
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      s.emit(.keyword, i, j)
      // The instruction's arguments run over continuation lines.
      while lineEnd < s.limit && lineEnd > 0 && s.bytes[lineEnd - 1] == 92 {
        lineEnd = s.lineEnd(from: lineEnd + 1)
      }
      let word = String(decoding: s.bytes[i..<j].map(Scanner.lower), as: UTF8.self)
      switch word {
      case "run", "cmd", "entrypoint", "env", "arg", "label", "onbuild":
        // Shell form (and the key=value syntax of ENV, ARG and LABEL) reads as shell.
        if s.nextNonBlank(from: j) == 91 {
          s.scanRegion(j, lineEnd) { arguments(&$0) }
        } else {
          s.scanRegion(j, lineEnd) { Shell.scan(&$0) }
        }
      case "from", "workdir", "user", "expose", "stopsignal", "maintainer", "volume", "shell":
        // Literal values: image names, paths, ports, signals.
        if s.nextNonBlank(from: j) == 91 {
          s.scanRegion(j, lineEnd) { arguments(&$0) }
          break
        }
        var k = j
        while k < lineEnd {
          while k < lineEnd && (s.bytes[k] == 32 || s.bytes[k] == 9) { k += 1 }
          let w = k
          while k < lineEnd && s.bytes[k] != 32 && s.bytes[k] != 9 { k += 1 }
          if k - w == 2 && s.matchesFolded("as", at: w) {
            s.emit(.keyword, w, k)
          } else if s.byte(w) == 36 {
            s.scanRegion(w, k) { Shell.scan(&$0) }
          } else if !(s.byte(w) == 45 && s.byte(w + 1) == 45) {
            s.emit(.string, w, k)
          }
        }
      case "healthcheck":
        var k = j
        while k < lineEnd && !(s.matchesFolded("cmd", at: k) && s.byte(k - 1) == 32) { k += 1 }
        if k < lineEnd {
          s.emit(.keyword, k, k + 3)
          s.scanRegion(k + 3, lineEnd) { Shell.scan(&$0) }
        }
      default:
        s.scanRegion(j, lineEnd) { arguments(&$0) }
      }
      s.pos = min(lineEnd + 1, s.limit)
    }
  }

  /// Arguments of ENV, COPY, LABEL…: strings, variables, JSON arrays, numbers.
  private static func arguments(_ s: inout Scanner) {
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if b == 34 || b == 39 {
        DataFormats.quoted(&s, b, multiline: true)
        s.emit(.string, from: start)
        continue
      }
      if b == 36 {
        Shell.dollar(&s)
        if s.pos == start { s.pos += 1 }
        continue
      }
      if b == 91 || b == 93 || b == 44 {
        s.pos += 1
        s.emit(.punctuation, from: start)
        continue
      }
      if b == 61 {
        s.pos += 1
        s.emit(.operator, from: start)
        continue
      }
      s.pos += 1
    }
  }

  static func makefile(_ s: inout Scanner) {
    let directives = WordTable(
      "include -include sinclude define endef ifdef ifndef ifeq ifneq else endif export unexport override vpath undefine private"
    )
    var inRecipe = false
    while s.pos < s.limit {
      let lineStart = s.pos
      var lineEnd = s.lineEnd(from: lineStart)
      while lineEnd < s.limit && lineEnd > lineStart && s.bytes[lineEnd - 1] == 92 {
        lineEnd = s.lineEnd(from: lineEnd + 1)
      }
      let first = s.byte(lineStart)
      if first == 9 && inRecipe {
        var i = lineStart + 1
        while s.byte(i) == 64 || s.byte(i) == 45 || s.byte(i) == 43 { i += 1 }
        s.emit(.operator, lineStart + 1, i)
        s.scanRegion(i, lineEnd) { recipe(&$0) }
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      var i = lineStart
      while s.byte(i) == 32 || s.byte(i) == 9 { i += 1 }
      if s.byte(i) == 35 {
        s.emit(.comment, i, lineEnd)
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      if i == lineEnd {
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      var j = i
      while j < lineEnd && (Scanner.isWordByte(s.bytes[j]) || s.bytes[j] == 45) { j += 1 }
      if directives.contains(s.bytes, i, j) && (j == lineEnd || s.bytes[j] == 32) {
        s.emit(.keyword, i, j)
        s.scanRegion(j, lineEnd) { text(&$0) }
        inRecipe = false
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      // Assignment (VAR = value, VAR := value, VAR ?= …, VAR += …) or rule (targets:
      // prerequisites).
      var k = i
      var assignment = -1
      var colon = -1
      while k < lineEnd {
        let c = s.bytes[k]
        if c == 61 {
          assignment = k
          break
        }
        if c == 58 && s.byte(k + 1) == 61 || (c == 63 || c == 43 || c == 33) && s.byte(k + 1) == 61
        {
          assignment = k
          break
        }
        if c == 58 {
          colon = k
          break
        }
        if c == 35 { break }
        k += 1
      }
      if assignment >= 0 {
        var nameEnd = assignment
        while nameEnd > i && Scanner.isSpace(s.bytes[nameEnd - 1]) { nameEnd -= 1 }
        s.emit(.variable, i, nameEnd)
        var opEnd = assignment
        while opEnd < lineEnd
          && (s.bytes[opEnd] == 58 || s.bytes[opEnd] == 61 || s.bytes[opEnd] == 63
            || s.bytes[opEnd] == 43 || s.bytes[opEnd] == 33)
        { opEnd += 1 }
        s.emit(.operator, assignment, opEnd)
        s.scanRegion(opEnd, lineEnd) { text(&$0) }
        inRecipe = false
      } else if colon >= 0 {
        s.scanRegion(i, colon) { targets(&$0) }
        var after = colon + 1
        if s.byte(after) == 58 { after += 1 }
        s.emit(.operator, colon, after)
        // Prerequisites, then an optional `; recipe`.
        var semicolon = after
        while semicolon < lineEnd && s.bytes[semicolon] != 59 { semicolon += 1 }
        s.scanRegion(after, semicolon) { text(&$0) }
        if semicolon < lineEnd { s.scanRegion(semicolon + 1, lineEnd) { recipe(&$0) } }
        inRecipe = true
      } else {
        s.scanRegion(i, lineEnd) { text(&$0) }
      }
      s.pos = min(lineEnd + 1, s.limit)
    }
  }

  private static func targets(_ s: inout Scanner) {
    while s.pos < s.limit {
      let start = s.pos
      if s.current == 36 {
        makeVariable(&s)
        continue
      }
      if Scanner.isSpace(s.current) {
        s.pos += 1
        continue
      }
      while s.pos < s.limit && !Scanner.isSpace(s.bytes[s.pos]) && s.bytes[s.pos] != 36 {
        s.pos += 1
      }
      s.emit(.function, from: start)
    }
  }

  /// Text with `$(VAR)`, `${VAR}`, `$@` references and `#` comments.
  private static func text(_ s: inout Scanner) {
    while s.pos < s.limit {
      let start = s.pos
      if s.current == 36 {
        makeVariable(&s)
        continue
      }
      if s.current == 35 && (start == 0 || s.bytes[start - 1] != 92) {
        s.skipToLineEnd()
        s.emit(.comment, from: start)
        continue
      }
      if s.current == 34 || s.current == 39 {
        DataFormats.quoted(&s, s.current)
        s.emit(.string, from: start)
        continue
      }
      s.pos += 1
    }
  }

  /// `$(NAME)`, `${NAME}`, `$(call f,x)`: the delimiters are keywords, the name a variable;
  /// `$@`, `$<`: variables.
  private static func makeVariable(_ s: inout Scanner) {
    let start = s.pos
    s.pos += 1
    let open = s.current
    if open == 40 || open == 123 {
      let close: UInt8 = open == 40 ? 41 : 125
      s.pos += 1
      s.emit(.keyword, from: start)
      let nameStart = s.pos
      while s.pos < s.limit && (Scanner.isWordByte(s.current) || s.current == 45 || s.current == 46)
      { s.pos += 1 }
      s.emit(.variable, from: nameStart)
      var level = 1
      while s.pos < s.limit && s.bytes[s.pos] != 10 {
        let c = s.bytes[s.pos]
        if c == 36 && s.depth < Scanner.maxDepth && (s.peek() == 40 || s.peek() == 123) {
          s.depth += 1
          makeVariable(&s)
          s.depth -= 1
          continue
        }
        if c == open {
          level += 1
        } else if c == close {
          level -= 1
          if level == 0 {
            s.emit(.keyword, s.pos, s.pos + 1)
            s.pos += 1
            break
          }
        }
        s.pos += 1
      }
    } else if s.pos < s.limit {
      s.pos += 1
      s.emit(.variable, from: start)
    }
  }

  /// A recipe line: shell; make's `$(…)` references read like command substitutions.
  private static func recipe(_ s: inout Scanner) {
    Shell.scan(&s)
    s.pos = s.limit
  }

  static func diff(_ s: inout Scanner) {
    while s.pos < s.limit {
      let lineStart = s.pos
      let lineEnd = s.lineEnd(from: lineStart)
      let c = s.byte(lineStart)
      let tokenClass: TokenClass?
      switch c {
      case 43: tokenClass = .inserted
      case 45: tokenClass = .deleted
      case 60: tokenClass = .deleted
      case 62: tokenClass = .inserted
      case 33: tokenClass = .strong
      case 64: tokenClass = .meta
      case 61: tokenClass = .heading
      default:
        if s.matches("diff ", at: lineStart) || s.matches("Index: ", at: lineStart)
          || s.matches("index ", at: lineStart)
        {
          tokenClass = .heading
        } else if s.matches("*** ", at: lineStart) || s.matches("***************", at: lineStart) {
          tokenClass = .meta
        } else {
          tokenClass = nil
        }
      }
      if let tokenClass { s.emit(tokenClass, lineStart, lineEnd) }
      s.pos = min(lineEnd + 1, s.limit)
    }
  }
}
