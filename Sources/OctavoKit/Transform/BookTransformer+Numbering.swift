/// Numbering: every labelled figure, table, listing and display equation gets its number
/// ("3.2" in the third chapter, "A.1" in the first appendix, "4" in front and back matter, or
/// through the book), its id, and a place in the index references are resolved against.
extension BookTransformer {
  /// How one chapter's elements are numbered: the chapter's prefix and the counters in use.
  struct NumberingState {
    /// "3" for the third body-matter chapter, "A" for the first appendix, nil for an
    /// unnumbered chapter (front matter, back matter other than appendices) or through the book.
    var prefix: String?
    /// The last number given per kind, in the current counting group.
    var counters: [LabelKind: Int] = [:]
  }

  /// Numbers the book's labelled elements in reading order and indexes every label.
  mutating func numberLabels() {
    let scope = book.metadata.numbering
    let words = GeneratedWords(language: book.metadata.language).labels
    var bodyCount = 0
    var appendixCount = 0
    // Unprefixed chapters (front matter, back matter) share one count, as a book numbered
    // through does.
    var unprefixed: [LabelKind: Int] = [:]
    updateChapters { transformer, chapter in
      var state = NumberingState()
      if scope == .chapter {
        if chapter.type == .appendix {
          appendixCount += 1
          state.prefix = Self.appendixLetter(appendixCount)
        } else if chapter.type.matter == .body {
          bodyCount += 1
          state.prefix = String(bodyCount)
        }
      }
      // A chapter whose ids pass was replayed from its record has no labels.
      guard !transformer.replayed.contains(chapter.path), chapter.hasLabels else {
        return
      }
      if state.prefix == nil { state.counters = unprefixed }
      chapter.whileUnparked { chapter in
        let mayHoldRawHTML = chapter.mayHoldRawHTML
        chapter.blocks = transformer.number(chapter.blocks, in: &chapter, &state, words)
        chapter.mayHoldRawHTML = mayHoldRawHTML
      }
      if state.prefix == nil { unprefixed = state.counters }
    }
  }

  /// "A" for the first appendix, "Z" for the 26th, then "AA", "AB"…
  static func appendixLetter(_ count: Int) -> String {
    var letters = ""
    var value = count
    while value > 0 {
      let digit = (value - 1) % 26
      letters = String(UnicodeScalar(UInt8(65 + digit))) + letters
      value = (value - 1) / 26
    }
    return letters
  }

  private mutating func number(
    _ blocks: [Block], in chapter: inout Chapter, _ state: inout NumberingState,
    _ words: LabelWords
  ) -> [Block] {
    blocks.map { block in
      var block = block.mapChildBlocks { number($0, in: &chapter, &state, words) }
      switch block.kind {
      case .heading(let heading):
        // An id used twice is reported as such (OCT302) and not indexed again.
        guard let label = heading.explicitID, let kind = LabelKind(label: label),
          heading.id == label
        else { break }
        if kind != .section {
          wrongKind(label, on: "a heading", expected: .section, at: heading.range.start)
        }
        register(
          .init(
            kind: .section, label: label, chapterID: chapter.id, id: heading.id, number: nil,
            title: heading.plainText, location: heading.range.start))
      case .figure(var image):
        guard let label = image.label else { break }
        image.numbering = numbered(
          label, kind: .figure, on: "a figure", in: &chapter, &state, words, at: block.range)
        block.kind = .figure(image)
      case .table(var table):
        guard let label = table.label else { break }
        table.numbering = numbered(
          label, kind: .table, on: "a table", in: &chapter, &state, words, at: block.range)
        block.kind = .table(table)
      case .codeBlock(var code):
        guard let label = code.label else { break }
        code.numbering = numbered(
          label, kind: .listing, on: "a code block", in: &chapter, &state, words,
          at: block.range)
        block.kind = .codeBlock(code)
      case .math(var formula):
        guard let label = formula.label else { break }
        let numbering = numbered(
          label, kind: .equation, on: "an equation", in: &chapter, &state, words,
          at: block.range, explicitNumber: formula.number, id: label)
        formula.number = numbering.number
        block.kind = .math(formula)
      case .paragraph(var inlines):
        // `$$…$$ {#eq:id}` inside a paragraph is an inline formula shown on its own line.
        var changed = false
        for index in inlines.indices {
          guard case .math(var formula) = inlines[index].kind, let label = formula.label else {
            continue
          }
          guard formula.isDisplay else {
            labelOnNothing(label, "an inline formula", at: inlines[index].range.start)
            continue
          }
          let numbering = numbered(
            label, kind: .equation, on: "an equation", in: &chapter, &state, words,
            at: inlines[index].range, explicitNumber: formula.number, id: label)
          formula.number = numbering.number
          inlines[index].kind = .math(formula)
          changed = true
        }
        if changed { block.kind = .paragraph(inlines) }
      default: break
      }
      return block
    }
  }

  /// Numbers an element labelled `label` that is a `kind`, registers it and returns its
  /// numbering. `explicitNumber` (a `\tag`) is kept and uses no number of the count.
  private mutating func numbered(
    _ label: String, kind: LabelKind, on what: String, in chapter: inout Chapter,
    _ state: inout NumberingState, _ words: LabelWords, at range: SourceRange,
    explicitNumber: String? = nil, id fixedID: String? = nil
  ) -> NumberedLabel {
    if LabelKind(label: label) != kind {
      wrongKind(label, on: what, expected: kind, at: range.start)
    }
    let number: String
    if let explicitNumber {
      number = explicitNumber
    } else {
      let count = state.counters[kind, default: 0] + 1
      state.counters[kind] = count
      number = state.prefix.map { "\($0).\(count)" } ?? String(count)
    }
    let id = fixedID ?? unique(label)
    chapter.anchors[label] = id
    let title = words.title(kind, number: number)
    register(
      .init(
        kind: kind, label: label, chapterID: chapter.id, id: id, number: number, title: title,
        location: range.start))
    return NumberedLabel(label: label, id: id, number: number, title: title)
  }

  /// Indexes `target`; a label used before is an error, reported at both places.
  private mutating func register(_ target: CrossReferenceIndex.Target) {
    let key = LabelKind.key(of: target.label)
    if let first = crossReferences.targets[key] {
      diagnostics.append(
        Diagnostic(
          .error, .duplicateLabel,
          "the label '\(target.label)' is already used at \(first.location.file):\(first.location.line):\(first.location.column); references lead to the first",
          at: target.location))
      if crossReferences.notedDuplicates.insert(key).inserted {
        diagnostics.append(
          Diagnostic(
            .note, .duplicateLabel, "'\(first.label)' is first used here", at: first.location))
      }
      return
    }
    crossReferences.targets[key] = target
  }

  private mutating func wrongKind(
    _ label: String, on what: String, expected: LabelKind, at location: SourceLocation
  ) {
    diagnostics.append(
      Diagnostic(
        .warning, .labelWrongKind,
        "the label '\(label)' is on \(what), whose labels start with '\(expected.rawValue):'",
        at: location))
  }

  mutating func labelOnNothing(_ label: String, _ what: String, at location: SourceLocation) {
    diagnostics.append(
      Diagnostic(
        .warning, .labelOnNothing,
        "the label '\(label)' stands on \(what), which cannot be numbered; it is ignored",
        at: location))
  }
}
