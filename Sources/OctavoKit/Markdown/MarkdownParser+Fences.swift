/// Code blocks: the fence's info string read into a language, a listing's label and caption,
/// line numbers and highlighted lines (``FenceInfo``), with a warning for each bad option.
extension MarkdownParser {
  /// The code block a fence makes, and the problems of its options (OCT319).
  ///
  /// - Parameters:
  ///   - info: the fence's info string, as cmark-gfm gives it.
  ///   - code: the block's text.
  ///   - range: where the block is.
  ///   - fenceLine: the text of the fence's line, to point at an option's column.
  static func codeBlock(
    info: String, code: String, range: SourceRange, fenceLine: Substring?
  ) -> (block: CodeBlock, diagnostics: [Diagnostic]) {
    let fence = FenceInfo(parsing: info)
    var block = CodeBlock(language: fence.isRaw ? nil : fence.language, code: code)
    block.label = fence.label
    block.firstLineNumber = fence.firstLineNumber
    var diagnostics: [Diagnostic] = []
    // Where the info string starts: after the fence's run of backticks or tildes and spaces.
    var infoColumn = range.start.column
    if let line = fenceLine {
      let bytes = Array(line.utf8)
      var index = max(range.start.column - 1, 0)
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x3E { index += 1 }
      while index < bytes.count, bytes[index] == 0x60 || bytes[index] == 0x7E { index += 1 }
      while index < bytes.count, bytes[index] == 0x20 || bytes[index] == 0x09 { index += 1 }
      if bytes[index...].starts(with: info.utf8.prefix(1)) { infoColumn = index + 1 }
    }
    func warn(_ message: String, at offset: Int) {
      var location = range.start
      location.column = infoColumn + offset
      diagnostics.append(Diagnostic(.warning, .badFenceOption, message, at: location))
    }
    for problem in fence.problems { warn(problem.message, at: problem.offset) }
    let lineCount = max(code.utf8.reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }, 1)
    for lines in fence.highlightedLines {
      if lines.lowerBound > lineCount {
        warn(
          "line \(lines.lowerBound) cannot be highlighted: the block has \(lineCount) line\(lineCount == 1 ? "" : "s")",
          at: 0)
        continue
      }
      block.highlightedLines.formUnion(lines.clamped(to: 1...lineCount))
    }
    if let caption = fence.caption, !caption.isEmpty {
      block.caption = Self.captionInlines(caption, range: range)
    }
    return (block, diagnostics)
  }

  /// A caption's inline Markdown, its positions those of the fence.
  static func captionInlines(_ caption: String, range: SourceRange) -> [Inline] {
    let parser = MarkdownParser(file: range.start.file, lineOffset: range.start.line - 1)
    let parsed = parser.parse(caption)
    guard parsed.blocks.count == 1, case .paragraph(let inlines) = parsed.blocks[0].kind else {
      return [Inline(.text(caption), range: range)]
    }
    return inlines
  }
}
