extension MarkdownParser {
  /// The result of parsing: the blocks, footnote definitions and any problems found.
  struct Result {
    var blocks: [Block] = []
    var footnoteDefinitions: [(label: String, blocks: [Block], range: SourceRange)] = []
    var diagnostics: [Diagnostic] = []
    /// Whether ``blocks`` or the definitions may hold raw HTML (`false` when none was made).
    var mayHoldRawHTML = true
    var mayHoldMath = true  // `false` when no formula was made
  }
}
