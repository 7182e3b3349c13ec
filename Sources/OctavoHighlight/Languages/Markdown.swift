extension Language {
  /// Markdown (CommonMark and GFM); fenced code is highlighted in its own language.
  static let markdown = Language("markdown", ["md", "mkd", "mdown", "commonmark", "gfm"]) { s in
    Markdown.scan(&s)
  }
}

/// The Markdown lexer: block structure line by line, inline spans within each line.
enum Markdown {
  static func scan(_ s: inout Scanner) {
    while s.pos < s.limit {
      let lineStart = s.pos
      let lineEnd = s.lineEnd(from: lineStart)
      var i = lineStart
      while i < lineEnd && s.bytes[i] == 32 && i - lineStart < 4 { i += 1 }
      let c = s.byte(i)
      // Fenced code.
      if (c == 96 || c == 126) && s.byte(i + 1) == c && s.byte(i + 2) == c {
        var j = i
        while s.byte(j) == c { j += 1 }
        let fenceLength = j - i
        var infoStart = j
        while s.byte(infoStart) == 32 { infoStart += 1 }
        var infoEnd = infoStart
        while infoEnd < lineEnd && !Scanner.isSpace(s.bytes[infoEnd]) && s.bytes[infoEnd] != 123 {
          infoEnd += 1
        }
        let info = String(decoding: s.bytes[infoStart..<infoEnd], as: UTF8.self)
        // The closing fence.
        var bodyStart = min(lineEnd + 1, s.limit)
        var close = bodyStart
        var closeEnd = s.limit
        var bodyEnd = s.limit
        while close < s.limit {
          let end = s.lineEnd(from: close)
          var k = close
          while k < end && s.bytes[k] == 32 && k - close < 4 { k += 1 }
          var n = 0
          while k + n < end && s.bytes[k + n] == c { n += 1 }
          if n >= fenceLength {
            bodyEnd = close
            closeEnd = end
            break
          }
          close = min(end + 1, s.limit)
          if end >= s.limit { break }
        }
        if bodyStart > s.limit { bodyStart = s.limit }
        let language = info.isEmpty ? nil : Highlighter.language(named: info)
        s.emit(.code, i, lineEnd)
        if let language, language.name != "markdown" || s.depth < 4 {
          s.scanRegion(bodyStart, bodyEnd) { language.lexer(&$0) }
        } else {
          s.emit(.code, bodyStart, bodyEnd)
        }
        if bodyEnd < s.limit {
          var k = bodyEnd
          while k < closeEnd && s.bytes[k] == 32 { k += 1 }
          s.emit(.code, k, closeEnd)
        }
        s.pos = min(closeEnd + 1, s.limit)
        if closeEnd >= s.limit { s.pos = s.limit }
        continue
      }
      // ATX headings.
      if c == 35 {
        var j = i
        while s.byte(j) == 35 { j += 1 }
        if j - i <= 6 && (j == lineEnd || s.byte(j) == 32) {
          s.emit(.heading, i, lineEnd)
          s.pos = min(lineEnd + 1, s.limit)
          continue
        }
      }
      // Thematic breaks.
      if (c == 45 || c == 42 || c == 95) && isBreak(s, i, lineEnd, c) {
        s.emit(.punctuation, i, lineEnd)
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      var j = i
      // Block quotes and list markers.
      // Quote and list markers are the language's syntax: keywords.
      while s.byte(j) == 62 {
        s.emit(.keyword, j, j + 1)
        j += 1
        while s.byte(j) == 32 { j += 1 }
      }
      if (s.byte(j) == 45 || s.byte(j) == 42 || s.byte(j) == 43) && s.byte(j + 1) == 32 {
        s.emit(.keyword, j, j + 1)
        j += 2
        if s.byte(j) == 91 && (s.byte(j + 1) == 32 || s.byte(j + 1) == 120 || s.byte(j + 1) == 88)
          && s.byte(j + 2) == 93
        {
          s.emit(.keyword, j, j + 3)
          j += 3
        }
      } else if Scanner.isDigit(s.byte(j)) {
        var k = j
        while Scanner.isDigit(s.byte(k)) && k - j < 9 { k += 1 }
        if (s.byte(k) == 46 || s.byte(k) == 41) && s.byte(k + 1) == 32 {
          s.emit(.keyword, j, k + 1)
          j = k + 1
        }
      }
      // Link reference definitions: [label]: url "title"
      if s.byte(j) == 91, let close = linkDefinition(s, j, lineEnd) {
        s.emit(.link, close, lineEnd)
        s.pos = min(lineEnd + 1, s.limit)
        continue
      }
      inline(&s, j, lineEnd)
      s.pos = min(lineEnd + 1, s.limit)
    }
  }

  private static func isBreak(_ s: Scanner, _ i: Int, _ end: Int, _ c: UInt8) -> Bool {
    var n = 0
    var j = i
    while j < end {
      if s.bytes[j] == c { n += 1 } else if s.bytes[j] != 32 { return false }
      j += 1
    }
    return n >= 3
  }

  private static func linkDefinition(_ s: Scanner, _ i: Int, _ end: Int) -> Int? {
    var j = i + 1
    while j < end && s.bytes[j] != 93 { j += 1 }
    guard s.byte(j + 1) == 58, j + 1 < end else { return nil }
    var k = j + 2
    while s.byte(k) == 32 { k += 1 }
    return k < end ? k : nil
  }

  /// Code spans, emphasis, strong emphasis, links and autolinks within one line.
  ///
  /// A closer that was searched for to the line's end and not found is not searched for again
  /// (its search would fail again), and links are looked for within 1,000 bytes, so that
  /// long lines of delimiters stay linear.
  private static func inline(_ s: inout Scanner, _ start: Int, _ end: Int) {
    var i = start
    var missingCodeCloser = Set<Int>()
    var missingEmphasisCloser = Set<Int>()
    while i < end {
      let c = s.bytes[i]
      if c == 92 {
        i += 2
        continue
      }
      if c == 96 {
        var n = 0
        while s.byte(i + n) == 96 { n += 1 }
        if missingCodeCloser.contains(n) {
          i += n
          continue
        }
        var j = i + n
        while j < end {
          if s.bytes[j] == 96 {
            var m = 0
            while s.byte(j + m) == 96 { m += 1 }
            if m == n { break }
            j += m
          } else {
            j += 1
          }
        }
        if j < end {
          s.emit(.code, i, j + n)
          i = j + n
        } else {
          missingCodeCloser.insert(n)
          i += n
        }
        continue
      }
      if (c == 42 || c == 95) && i + 1 < end {
        let strong = s.byte(i + 1) == c
        let n = strong ? 2 : 1
        // Opening delimiter: not followed by a space; for _ not inside a word.
        let key = Int(c) * 2 + n
        if !missingEmphasisCloser.contains(key) && !Scanner.isSpace(s.byte(i + n))
          && s.byte(i + n) != c
          && !(c == 95 && i > start && Scanner.isWordByte(s.bytes[i - 1]))
        {
          var j = i + n
          while j < end {
            if s.bytes[j] == c && (!strong || s.byte(j + 1) == c)
              && !Scanner.isSpace(s.bytes[j - 1])
              && !(c == 95 && Scanner.isWordByte(s.byte(j + n)))
            {
              break
            }
            j += 1
          }
          if j < end {
            s.emit(strong ? .strong : .emphasis, i, j + n)
            i = j + n
            continue
          }
          missingEmphasisCloser.insert(key)
        }
        i += n
        continue
      }
      if c == 126 && s.byte(i + 1) == 126 {
        // ~~strikethrough~~
        var j = i + 2
        if !missingEmphasisCloser.contains(-1) {
          while j + 1 < end && !(s.bytes[j] == 126 && s.bytes[j + 1] == 126) { j += 1 }
          if j + 1 < end {
            s.emit(.deleted, i, j + 2)
            i = j + 2
            continue
          }
          missingEmphasisCloser.insert(-1)
        }
        i += 2
        continue
      }
      if c == 91 || (c == 33 && s.byte(i + 1) == 91) {
        // [text](url) or ![alt](url): the url is a link.
        var j = i + (c == 33 ? 2 : 1)
        var level = 1
        let linkEnd = min(end, i + 1000)
        while j < linkEnd {
          if s.bytes[j] == 91 {
            level += 1
          } else if s.bytes[j] == 93 {
            level -= 1
            if level == 0 { break }
          }
          j += 1
        }
        if j < linkEnd && s.byte(j + 1) == 40 {
          var k = j + 2
          while k < linkEnd && s.bytes[k] != 41 { k += 1 }
          if k < linkEnd {
            inline(&s, i + (c == 33 ? 2 : 1), j)
            s.emit(.link, j + 2, k)
            i = k + 1
            continue
          }
        }
        i += 1
        continue
      }
      if c == 60 && (s.matches("<http", at: i) || s.matches("<mailto:", at: i)) {
        var j = i
        while j < min(end, i + 1000) && s.bytes[j] != 62 { j += 1 }
        if j < end && s.bytes[j] == 62 {
          s.emit(.link, i, j + 1)
          i = j + 1
          continue
        }
      }
      i += 1
    }
  }
}
