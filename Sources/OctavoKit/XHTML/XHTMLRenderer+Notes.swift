// Notes: pop-up footnotes at the end of their chapter, endnote lists, and the Notes document
// of `notes: book-end`.

extension XHTMLRenderer {
  /// The note's content with the links back to each reference at its end (inside the note,
  /// where pop-ups show them), and its number first when `numbered`.
  func noteBlocks(_ note: Footnote, numbered: Bool, _ context: inout ChapterContext) -> [XMLNode] {
    let chapterID = context.chapter.id
    var blocks = renderBlocks(note.blocks, &context)
    // In the Notes document, the references are in the chapter's own document.
    let textDocument = context.documentID == chapterID ? "" : Self.fileName(forDocument: chapterID)
    // One link back to each place that refers to the note.
    var back: [XMLNode] = []
    for occurrence in 1...max(note.referenceCount, 1) {
      let suffix = occurrence == 1 ? "" : "-\(occurrence)"
      if occurrence > 1 { back.append(.text(" ")) }
      // A reference written inside a note stands where the notes are: this document.
      let document = note.referencesInNotes.contains(occurrence) ? "" : textDocument
      back.append(
        .el(
          "a",
          [
            ("class", "footnote-back"),
            ("href", "\(document)#\(chapterID)-fnref-\(note.number)\(suffix)"),
            ("role", "doc-backlink"),
            ("title", occurrence == 1 ? words.backToText : words.backToReference(occurrence)),
          ], [.text("↩" + (occurrence == 1 ? "" : "\(occurrence)"))]))
    }
    if numbered {
      let number: XMLNode = .el("span", [("class", "footnote-number")], [.text("\(note.number).")])
      if case .element(var first)? = blocks.first, first.name == "p" {
        first.children.insert(contentsOf: [number, .text(" ")], at: 0)
        blocks[0] = .element(first)
      } else {
        blocks.insert(.el("p", [], [number]), at: 0)
      }
    }
    if case .element(var last)? = blocks.last, last.name == "p" {
      last.children += [.text(" ")] + back
      blocks[blocks.count - 1] = .element(last)
    } else {
      blocks.append(.el("p", [], back))
    }
    return blocks
  }

  /// A note as a pop-up footnote: `<aside epub:type="footnote" role="doc-footnote">`.
  func renderFootnote(_ note: Footnote, _ context: inout ChapterContext) -> XMLNode {
    let chapterID = context.chapter.id
    let blocks = noteBlocks(note, numbered: true, &context)
    return .el(
      "aside",
      [
        ("id", "\(chapterID)-fn-\(note.number)"), ("class", "footnote"), ("epub:type", "footnote"),
        ("role", "doc-footnote"),
      ], Self.lines(blocks))
  }

  /// A note as an item of an endnotes list. `epub:type="endnote"` and `doc-endnote` are
  /// deprecated; an item typed `footnote` inside a `doc-endnotes` section is what reading
  /// systems pop up.
  func renderEndnote(_ note: Footnote, _ context: inout ChapterContext) -> XMLNode {
    .el(
      "li",
      [
        ("id", "\(context.chapter.id)-fn-\(note.number)"), ("class", "endnote"),
        ("epub:type", "footnote"),
      ], Self.lines(noteBlocks(note, numbered: false, &context)))
  }

  /// The id of the generated Notes document (`notes: book-end`).
  public static let notesDocumentID = NotePlacement.bookEndDocumentID

  /// Renders the Notes document that holds every note of the book when `notes: book-end`:
  /// one list per chapter under the chapter's title. `nil` when the book has no notes or
  /// keeps them with their chapters.
  public func renderNotesDocument() -> Document? {
    guard book.metadata.notes == .bookEnd else { return nil }
    let chapters = book.chapters.filter { !$0.footnotes.isEmpty }
    guard !chapters.isEmpty else { return nil }
    var content: [XMLNode] = [.el("h1", [("class", "chapter-title")], [.text(words.notes)])]
    var diagnostics: [Diagnostic] = []
    for chapter in chapters {
      var context = ChapterContext(chapter: chapter, documentID: Self.notesDocumentID)
      let items = chapter.footnotes.map { renderEndnote($0, &context) }
      diagnostics += context.diagnostics
      content.append(
        .el(
          "section", [("id", "\(chapter.id)-endnotes"), ("class", "endnotes-chapter")],
          Self.lines([
            .el(
              "h2", [],
              [.el("a", [("href", Self.fileName(forDocument: chapter.id))], [.text(chapter.title)])]
            ),
            .el("ol", [], Self.lines(items)),
          ])))
    }
    let section = XMLElement(
      "section",
      [
        ("id", Self.notesDocumentID), ("class", "endnotes backmatter"), ("epub:type", "endnotes"),
        ("role", "doc-endnotes"),
      ], Self.lines(content))
    return Document(
      root: page(title: words.notes, matter: .back, content: section), section: section,
      diagnostics: diagnostics)
  }
}
