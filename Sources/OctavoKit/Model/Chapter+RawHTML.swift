/// A name that raw HTML in a chapter claims: an id written on an element, or the text of a
/// heading (which gets an id from its slug).
public enum RawHTMLName: Sendable, Hashable {
  /// An id written in raw HTML (`id`, or an `<a>`'s `name`).
  case id(String)
  /// The text of a heading written in raw HTML.
  case headingText(String)
}

extension Chapter {
  /// The ids and heading texts the chapter's raw HTML claims, in the order the transform
  /// gives them names: for each raw HTML block (nested ones included, in document order),
  /// its ids then its headings; then the ids of raw HTML inside paragraphs; then the same
  /// for each note, in the order the notes are listed. A per-chapter summary can keep this
  /// list instead of the chapter's model.
  public var rawHTMLNames: [RawHTMLName] {
    guard mayHoldRawHTML else { return [] }
    if let parked { return parked.rawHTMLNames }
    var names = Self.rawHTMLNames(in: blocks)
    for note in footnotes { names += Self.rawHTMLNames(in: note.blocks) }
    return names
  }

  /// The output ids that stand in the chapter's notes and nowhere in its text: the notes'
  /// headings and the ids their raw HTML claims (``rawHTMLIDs``, ``rawHeadingIDs``), once
  /// ids are assigned. With `notes: book-end` these elements are in the book's Notes
  /// document, so links to them lead there.
  package var idsInNotes: Set<String> {
    var ids: Set<String> = []
    guard !footnotes.isEmpty else { return ids }
    let inText = Set(Self.rawHTMLNames(in: blocks))
    for note in footnotes {
      Block.walk(note.blocks) { block in
        if case .heading(let heading) = block.kind { ids.insert(heading.id) }
      }
      for name in Self.rawHTMLNames(in: note.blocks) where !inText.contains(name) {
        switch name {
        case .id(let id): rawHTMLIDs[id].map { _ = ids.insert($0) }
        case .headingText(let text): rawHeadingIDs[Slugger.slug(text)].map { _ = ids.insert($0) }
        }
      }
    }
    return ids
  }

  private static func rawHTMLNames(in blocks: [Block]) -> [RawHTMLName] {
    // One walk; the names of raw HTML blocks come first, then those of inline raw HTML,
    // each in reading order.
    var names: [RawHTMLName] = []
    var inlineNames: [RawHTMLName] = []
    Block.walk(blocks) { block in
      if case .html(let html) = block.kind {
        names += html.ids.map(RawHTMLName.id)
        names += html.headingTexts.map(RawHTMLName.headingText)
      }
      Inline.walk(block.inlines) { inline in
        if case .html(let html) = inline.kind { inlineNames += html.ids.map(RawHTMLName.id) }
      }
    }
    return names + inlineNames
  }
}
