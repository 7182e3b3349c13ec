extension Language {
  /// HTML, with `<script>` as JavaScript and `<style>` as CSS.
  static let html = Language("html", ["xhtml", "htm", "vue", "svelte"]) { s in
    Markup.scan(&s, html: true)
  }
  /// XML and its vocabularies.
  static let xml = Language(
    "xml", ["svg", "xsl", "xslt", "rss", "atom", "plist", "xsd", "wsdl", "mathml", "opf", "ncx"]
  ) { s in
    Markup.scan(&s, html: false)
  }
}

/// The HTML and XML lexer: tags, attributes, comments, declarations, entities and CDATA.
enum Markup {
  static func scan(_ s: inout Scanner, html: Bool) {
    while s.pos < s.limit {
      let b = s.bytes[s.pos]
      let start = s.pos
      if b == 38 {  // &entity;
        var j = s.pos + 1
        while j < s.limit && j - start < 32 && (Scanner.isWordByte(s.bytes[j]) || s.bytes[j] == 35)
        { j += 1 }
        if s.byte(j) == 59 && j > start + 1 {
          s.pos = j + 1
          s.emit(.entity, from: start)
          continue
        }
        s.pos += 1
        continue
      }
      guard b == 60 else {
        s.pos += 1
        continue
      }
      if s.matches("<!--", at: start) {
        s.pos += 4
        s.skip(past: Array("-->".utf8))
        s.emit(.comment, from: start)
        continue
      }
      if s.matches("<![CDATA[", at: start) {
        s.pos += 9
        s.skip(past: Array("]]>".utf8))
        s.emit(.preprocessor, from: start)
        continue
      }
      if s.peek() == 33 || s.peek() == 63 {  // <!DOCTYPE …>, <?xml …?>
        let processing = s.peek() == 63
        s.pos += 2
        if processing {
          s.skip(past: [63, 62])
        } else {
          var bracket = 0
          while s.pos < s.limit {
            let c = s.bytes[s.pos]
            if c == 91 {
              bracket += 1
            } else if c == 93 {
              bracket -= 1
            } else if c == 62 && bracket <= 0 {
              s.pos += 1
              break
            }
            s.pos += 1
          }
        }
        s.emit(.preprocessor, from: start)
        continue
      }
      let closing = s.peek() == 47
      guard Scanner.isWordStart(s.byte(start + (closing ? 2 : 1))) else {
        s.pos += 1
        continue
      }
      s.pos += closing ? 2 : 1
      s.emit(.punctuation, from: start)
      let nameStart = s.pos
      s.skipWord(extra: 45, extra2: 58)
      while s.current == 46 {
        s.pos += 1
        s.skipWord(extra: 45, extra2: 58)
      }
      s.emit(.tag, from: nameStart)
      let name = s.bytes[nameStart..<s.pos].map(Scanner.lower)
      // Attributes.
      var selfClosing = false
      while s.pos < s.limit {
        let c = s.bytes[s.pos]
        if c == 62 {
          s.emit(.punctuation, s.pos, s.pos + 1)
          s.pos += 1
          break
        }
        if c == 47 && s.peek() == 62 {
          s.emit(.punctuation, s.pos, s.pos + 2)
          s.pos += 2
          selfClosing = true
          break
        }
        if c == 60 { break }
        if c == 34 || c == 39 {
          let q = s.pos
          s.pos += 1
          while s.pos < s.limit && s.bytes[s.pos] != c { s.pos += 1 }
          if s.pos < s.limit { s.pos += 1 }
          s.emit(.string, from: q)
          continue
        }
        if c == 61 {
          s.emit(.operator, s.pos, s.pos + 1)
          s.pos += 1
          continue
        }
        if Scanner.isSpace(c) {
          s.pos += 1
          continue
        }
        let attrStart = s.pos
        while s.pos < s.limit && !Scanner.isSpace(s.bytes[s.pos]) && s.bytes[s.pos] != 61
          && s.bytes[s.pos] != 62
          && !(s.bytes[s.pos] == 47 && s.peek() == 62) && s.bytes[s.pos] != 34
          && s.bytes[s.pos] != 39 && s.bytes[s.pos] != 60
        {
          s.pos += 1
        }
        let previousEquals = s.previousNonSpace(before: attrStart) == 61
        // An unquoted value, or a name.
        s.emit(previousEquals ? .string : .attribute, from: attrStart)
      }
      // Raw text elements.
      if html && !closing && !selfClosing
        && (name == Array("script".utf8) || name == Array("style".utf8))
      {
        let isScript = name.count == 6 && name[1] == 99
        let bodyStart = s.pos
        var j = s.pos
        while j < s.limit
          && !(s.bytes[j] == 60 && s.byte(j + 1) == 47
            && s.matchesFolded(isScript ? "script" : "style", at: j + 2))
        { j += 1 }
        if isScript {
          s.scanRegion(bodyStart, j) { Language.javascript.lexer(&$0) }
        } else {
          s.scanRegion(bodyStart, j) { CSS.scan(&$0) }
        }
        s.pos = j
      }
    }
  }
}
