internal import OctavoHighlight

/// Code blocks: highlighted by their language into `<span class="hl-…">` tokens, one
/// `<span class="line">` per line, line numbers and highlighted lines, and a listing's
/// `<figure class="listing">` with its caption (docs/markup.md, "Highlighted code").
extension XHTMLRenderer {
  /// Renders a code block: `<pre><code>`, in a `<figure class="listing">` when it has a label
  /// or a caption.
  func renderCodeBlock(_ code: CodeBlock, _ context: inout ChapterContext) -> [XMLNode] {
    var codeAttributes: [(String, String)] = []
    if let language = code.language.map(Self.languageClass), !language.isEmpty {
      codeAttributes.append(("class", "language-" + language))
    }
    let language =
      book.metadata.highlightsCode ? code.language.flatMap(Highlighter.language(named:)) : nil
    let lines = Self.codeLines(
      code.code, language: language, firstNumber: code.firstLineNumber,
      highlighted: code.highlightedLines)
    var preAttributes: [(String, String)] = []
    if code.firstLineNumber != nil { preAttributes.append(("class", "numbered")) }
    let pre: XMLNode = .el("pre", preAttributes, [.el("code", codeAttributes, lines)])
    guard code.numbering != nil || !code.caption.isEmpty else { return [pre] }
    var figureAttributes = [("class", "listing")]
    var caption = renderInlines(code.caption, &context)
    if let numbering = code.numbering {
      figureAttributes.insert(("id", numbering.id), at: 0)
      caption = Self.numberedCaption(numbering, caption)
    }
    return [.el("figure", figureAttributes, Self.lines([.el("figcaption", [], caption), pre]))]
  }

  /// A code block's lines, highlighted by `language` when it is given: one
  /// `<span class="line">` per line holding its tokens as `<span class="hl-…">`, with an
  /// empty `<span class="ln" data-n="N">` first when lines are numbered (the style sheet
  /// shows the number, so it is never copied with the code) and `hl-line` added to the
  /// class of each highlighted line.
  static func codeLines(
    _ code: String, language: Language?, firstNumber: Int?, highlighted: Set<Int>
  ) -> [XMLNode] {
    if language == nil, firstNumber == nil, highlighted.isEmpty { return codeLines(code) }
    let bytes = Array(code.utf8)
    let tokens = language?.tokens(ofUTF8: bytes) ?? []
    var result: [XMLNode] = []
    var tokenIndex = 0
    var lineStart = 0
    var lineNumber = 1
    while lineStart < bytes.count {
      var lineEnd = lineStart
      while lineEnd < bytes.count, bytes[lineEnd] != 0x0A { lineEnd += 1 }
      let next = min(lineEnd + 1, bytes.count)  // after the line break, if there is one
      var children: [XMLNode] = []
      if let firstNumber {
        children.append(
          .el(
            "span",
            [("class", "ln"), ("data-n", String(firstNumber + lineNumber - 1))]))
      }
      var position = lineStart
      while tokenIndex < tokens.count, tokens[tokenIndex].range.lowerBound < next {
        let token = tokens[tokenIndex]
        let start = max(token.range.lowerBound, lineStart)
        let end = min(token.range.upperBound, lineEnd)
        if start > position { children.append(.text(text(bytes[position..<start]))) }
        if end > start {
          children.append(
            .el("span", [("class", token.tokenClass.cssClass)], [.text(text(bytes[start..<end]))]))
          position = end
        }
        // A token that runs on past the line (a block comment) continues on the next one.
        if token.range.upperBound > next { break }
        tokenIndex += 1
      }
      if next > position { children.append(.text(text(bytes[position..<next]))) }
      let lineClass = highlighted.contains(lineNumber) ? "line hl-line" : "line"
      result.append(.el("span", [("class", lineClass)], children))
      lineStart = next
      lineNumber += 1
    }
    return result
  }

  private static func text(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes, as: UTF8.self)
  }
}
