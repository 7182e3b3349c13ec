/// Splits a chapter's optional YAML front matter from its Markdown.
struct FrontMatter {
  /// The YAML between the `---` lines, or `nil` when the file has none.
  var yaml: String?
  /// The Markdown after the front matter.
  var markdown: String
  /// The number of lines the front matter takes, delimiters included.
  var lineCount: Int

  /// Splits `text` (LF line endings). Front matter starts with `---` on the first line and
  /// ends with a line that is `---` or `...`.
  init(splitting text: String) {
    yaml = nil
    markdown = text
    lineCount = 0
    guard text.hasPrefix("---\n") || text == "---" else { return }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)[...]
    lines.removeFirst()
    var yamlLines: [Substring] = []
    var consumed = 1
    while let line = lines.first {
      lines.removeFirst()
      consumed += 1
      let trimmed = line.trimmingTrailingWhitespace()
      if trimmed == "---" || trimmed == "..." {
        yaml = yamlLines.joined(separator: "\n")
        markdown = lines.joined(separator: "\n")
        lineCount = consumed
        return
      }
      yamlLines.append(line)
    }
    // No closing line: this is a thematic break, not front matter.
  }
}

extension Substring {
  func trimmingTrailingWhitespace() -> Substring {
    var result = self
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return result
  }
}
