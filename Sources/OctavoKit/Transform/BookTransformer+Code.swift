internal import OctavoHighlight

/// Code blocks: a language Octavo cannot highlight is reported once in the book, and each
/// listing's label gives an id no other element of the book has.
extension BookTransformer {
  /// Claims the id of each listing's label (``CodeBlock/listingID``) among the book's
  /// ids. A label whose id is taken (a second listing with that label, or a heading's id) is
  /// an error (OCT302) and is dropped, so the block is shown without it.
  mutating func claimListingIDs(_ blocks: [Block], owners: inout [String: SourceLocation])
    -> [Block]
  {
    blocks.map { block in
      guard case .codeBlock(var code) = block.kind else {
        return block.mapChildBlocks { claimListingIDs($0, owners: &owners) }
      }
      guard let label = code.label, let id = code.listingID else { return block }
      if let reason = Self.reservedReason(id) {
        diagnostics.append(Diagnostic(.error, .reservedID, reason, at: block.range.start))
      } else if usedIDs.contains(id) {
        let first = owners[id].map { " (first at \($0))" } ?? " by a heading"
        diagnostics.append(
          Diagnostic(
            .error, .duplicateID,
            "the listing label '\(label)' (id '\(id)') is already used in the book\(first)",
            at: block.range.start))
      } else {
        usedIDs.insert(id)
        owners[id] = block.range.start
        return block
      }
      var block = block
      code.label = nil
      block.kind = .codeBlock(code)
      return block
    }
  }

  /// Fence names that are not languages to highlight: a ` ```math ` fence is a formula.
  static let nonCodeFenceNames: Set<String> = ["math"]

  /// Warns (OCT318) at the first code block of each language Octavo cannot highlight, in
  /// reading order; the blocks are shown plain. Nothing is reported with `highlight: false`.
  mutating func checkCodeLanguages() {
    guard book.metadata.highlightsCode else { return }
    var reported: Set<String> = []
    var found: [Diagnostic] = []
    for chapter in book.chapters {
      Block.walk(chapter.blocks + chapter.footnotes.flatMap(\.blocks)) { block in
        guard case .codeBlock(let code) = block.kind, let name = code.language else { return }
        let key = name.lowercased()
        guard !reported.contains(key), !Self.nonCodeFenceNames.contains(key),
          Highlighter.language(named: name) == nil
        else { return }
        reported.insert(key)
        found.append(
          Diagnostic(
            .warning, .unknownCodeLanguage,
            "Octavo cannot highlight '\(name)'; its code blocks are shown plain (docs/markup.md lists the languages, or write 'text')",
            at: block.range.start))
      }
    }
    diagnostics += found
  }
}
