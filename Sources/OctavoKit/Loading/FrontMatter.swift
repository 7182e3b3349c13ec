import Foundation

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
        let candidate = yamlLines.joined(separator: "\n")
        guard
          candidate.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            || Self.looksLikeMapping(candidate)
        else { return }
        yaml = candidate
        markdown = lines.joined(separator: "\n")
        lineCount = consumed
        return
      }
      yamlLines.append(line)
    }
    // No closing line: this is a thematic break, not front matter.
  }

  /// Whether `yaml` looks like a mapping (some line starts with `key:`). A Markdown file
  /// that merely opens with a `---` rule and has another later is not front matter.
  static func looksLikeMapping(_ yaml: String) -> Bool {
    yaml.split(separator: "\n").contains { (line: Substring) -> Bool in
      guard let first = line.first, first.isLetter || first == "_" || first == "\"" || first == "'"
      else {
        return false
      }
      guard let colon = line.firstIndex(of: ":") else { return false }
      let after = line.suffix(from: colon).dropFirst()
      return after.isEmpty || after.first == " " || after.first == "\t"
    }
  }
}

extension Substring {
  func trimmingTrailingWhitespace() -> Substring {
    var result = self
    while let last = result.last, last == " " || last == "\t" { result.removeLast() }
    return result
  }
}
