/// The book as it is kept once its chapters are rendered: what the steps after rendering
/// read (the contents, the lists of figures, tables and listings, the print edition's
/// cross-reference rule, titles, types, ids, anchors and word counts), without the running
/// text. A build renders each chapter from its whole model and then lets that model go, so
/// the book's text is never held whole while the outputs are packaged.
extension Book {
  /// The book with each chapter reduced to its outline (``Chapter/outlineOnly(keepingNotes:)``),
  /// its notes kept when they are rendered after the chapters (`notes: book-end`).
  var outlineOnly: Book {
    var book = self
    let keepsNotes = metadata.notes == .bookEnd
    book.hasMath = hasMath ?? chapters.contains(where: \.containsMath)
    book.replaceChapters(chapters.map { $0.outlineOnly(keepingNotes: keepsNotes) })
    return book
  }
}

extension Chapter {
  /// The chapter without the blocks the steps after rendering do not read: it keeps its
  /// first block (``startsWithTitleHeading``) and every top-level block that holds a heading,
  /// a numbered figure, table or listing, or a cross-reference, whole and in order (so
  /// ``headings`` and ``titleHeadingIndex`` are unchanged); its notes only with
  /// `keepingNotes`. Every other property is the same.
  ///
  /// A parked chapter (``park()``) gives the outline it kept when it was parked; it has no
  /// notes kept, as a book whose notes go to its end parks no chapter.
  func outlineOnly(keepingNotes: Bool) -> Chapter {
    var chapter = self
    if let parked {
      chapter.parked = nil
      chapter.storedBlocks = parked.outline
      chapter.storedFootnotes = []
      chapter.mayHoldRawHTML = true
      return chapter
    }
    chapter.blocks = Self.outlineBlocks(of: blocks)
    if !keepingNotes { chapter.footnotes = [] }
    return chapter
  }

  /// The blocks of `blocks` that ``outlineOnly(keepingNotes:)`` keeps.
  static func outlineBlocks(of blocks: [Block]) -> [Block] {
    var kept: [Block] = []
    for (index, block) in blocks.enumerated() where index == 0 || Self.outlines(block) {
      kept.append(block)
    }
    return kept
  }

  /// Whether `block`, or a block or inline inside it, is read after rendering.
  private static func outlines(_ block: Block) -> Bool {
    var found = false
    Block.walk([block]) { inner in
      guard !found else { return }
      switch inner.kind {
      case .heading: found = true
      case .figure(let image): found = image.numbering != nil
      case .table(let table): found = table.numbering != nil
      case .codeBlock(let code): found = code.numbering != nil
      default: break
      }
      if !found {
        Inline.walk(inner.inlines) { inline in
          if case .link(let link) = inline.kind, link.isCrossReference { found = true }
        }
      }
    }
    return found
  }
}
