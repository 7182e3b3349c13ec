/// The page number after each printed cross-reference ("Figure 3.2 on page 41").
extension PrintEditionRenderer {
  /// The CSS that prints "on page N" after each cross-reference, in the book's language;
  /// nil when the book has no cross-reference. WeasyPrint sets the number with
  /// `target-counter()`. Chromium does not know the function and drops that declaration; it
  /// takes the number from `--octavo-page`, which ``PDFRenderer`` sets from the pages of its
  /// last print (without it, as in a browser, the reference shows no number).
  ///
  /// `found` says whether the book has a cross-reference, when the caller knows
  /// (``hasCrossReference(_:)``, worked out beside the rendering by a build).
  static func crossReferencePageRule(_ book: Book, words: GeneratedWords, found: Bool? = nil)
    -> String?
  {
    guard found ?? hasCrossReference(book) else { return nil }
    let onPage = CSSText.string("\u{A0}" + words.labels.onPage + "\u{A0}")
    return """
      a.xref::after {
        content: \(onPage) target-counter(attr(href url), page);
      }

      @supports not (float: footnote) {
        a.xref::after {
          content: \(onPage) var(--octavo-page);
        }
      }
      """
  }

  /// Whether a chapter of `book` holds a cross-reference: what the walk behind its
  /// render-cache key found (``ChapterKeyWalk/hasCrossReference``), kept with a chapter
  /// taken from its record, else a walk of every inline of its blocks.
  static func hasCrossReference(_ book: Book) -> Bool {
    for chapter in book.chapters {
      if let walk = chapter.keyWalk {
        if walk.hasCrossReference { return true }
        continue
      }
      var found = false
      // A parked chapter's outline keeps every block with a cross-reference.
      let blocks = chapter.parked?.outline ?? chapter.blocks
      Block.walkInlines(blocks) { inline in
        if case .link(let link) = inline.kind, link.isCrossReference { found = true }
      }
      if found { return true }
    }
    return false
  }
}
