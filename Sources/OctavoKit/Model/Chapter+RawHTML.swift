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
  /// its ids then its headings; then the ids of raw HTML inside paragraphs. Notes are not
  /// read. A per-chapter summary can keep this list instead of the chapter's model.
  public var rawHTMLNames: [RawHTMLName] {
    var names: [RawHTMLName] = []
    Block.walk(blocks) { block in
      guard case .html(let html) = block.kind else { return }
      names += html.ids.map(RawHTMLName.id)
      names += html.headingTexts.map(RawHTMLName.headingText)
    }
    Block.walkInlines(blocks) { inline in
      if case .html(let html) = inline.kind { names += html.ids.map(RawHTMLName.id) }
    }
    return names
  }
}
