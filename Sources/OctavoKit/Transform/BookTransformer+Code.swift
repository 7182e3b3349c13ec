internal import OctavoHighlight

/// Code blocks: a language Octavo cannot highlight is reported once in the book. (A listing's
/// label is numbered, and its id claimed, with the other labels: BookTransformer+Numbering.)
extension BookTransformer {
  /// Fence names that are not languages to highlight: a ` ```math ` fence is a formula.
  static let nonCodeFenceNames: Set<String> = ["math"]

  /// Warns (OCT318) at the first code block of each language Octavo cannot highlight, in
  /// reading order; the blocks are shown plain. Nothing is reported with `highlight: false`.
  mutating func checkCodeLanguages() {
    guard book.metadata.highlightsCode else { return }
    var reported: Set<String> = []
    // Each fence name is looked at once: a later block of the same name reports nothing.
    var seen: Set<String> = []
    var found: [Diagnostic] = []
    func check(_ block: Block) {
      guard case .codeBlock(let code) = block.kind, let name = code.language else { return }
      check(name, at: block.range.start)
    }
    func check(_ name: String, at location: SourceLocation) {
      guard seen.insert(name).inserted else { return }
      let key = name.lowercased()
      guard !reported.contains(key), !Self.nonCodeFenceNames.contains(key),
        Highlighter.language(named: name) == nil
      else { return }
      reported.insert(key)
      found.append(
        Diagnostic(
          .warning, .unknownCodeLanguage,
          "Octavo cannot highlight '\(name)'; its code blocks are shown plain (docs/markup.md lists the languages, or write 'text')",
          at: location))
    }
    // The chapter's blocks, then its notes', walked where they are (not joined first); a
    // chapter taken from its record has them listed.
    for chapter in book.chapters {
      if let languages = knownCodeLanguages[chapter.path] {
        for language in languages { check(language.name, at: language.location) }
        continue
      }
      Block.walk(chapter.blocks, check)
      for note in chapter.footnotes { Block.walk(note.blocks, check) }
    }
    diagnostics += found
  }
}
