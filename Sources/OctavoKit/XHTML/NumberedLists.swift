/// The lists of figures, tables and listings a book asks for (`lists-of:` in `book.yaml`),
/// shared by the EPUB's navigation document and the print edition.
struct NumberedLists {
  /// One numbered element: where it is, its number and its caption's text.
  struct Entry {
    /// The id of the chapter's document.
    var document: String
    var numbering: NumberedLabel
    /// The caption without markup; empty when the element has none.
    var caption: String
    /// Whether the chapter is front matter (its pages are numbered in roman in print).
    var isFrontMatter: Bool

    /// "Figure 3.2. The caption", or "Figure 3.2" without a caption.
    var text: String {
      caption.isEmpty ? numbering.title : numbering.title + ". " + caption
    }
  }

  /// One list: its kind, its title and its entries in reading order.
  struct List {
    var kind: LabelKind
    var title: String
    var entries: [Entry]

    /// The id of the list's `<nav>`: `loi` (figures), `lot` (tables), `lol` (listings).
    var id: String {
      switch kind {
      case .figure: "loi"
      case .table: "lot"
      default: "lol"
      }
    }

    /// The `epub:type` of the list in the navigation document; listings have none in the
    /// Structural Semantics Vocabulary, and EPUB 3.3 allows a `<nav>` without one.
    var epubType: String? {
      switch kind {
      case .figure: "loi"
      case .table: "lot"
      default: nil
      }
    }
  }

  /// The lists, in the order figures, tables, listings; a list with no entries is left out.
  var lists: [List]

  init(book: Book, words: GeneratedWords) {
    let wanted = book.metadata.listsOf
    guard !wanted.isEmpty else {
      lists = []
      return
    }
    var entries: [LabelKind: [Entry]] = [:]
    for chapter in book.chapters {
      let front = chapter.type.matter == .front
      Block.walk(chapter.blocks) { block in
        switch block.kind {
        case .figure(let image):
          guard let numbering = image.numbering else { return }
          let caption = image.title.flatMap { $0.isEmpty ? nil : $0 } ?? image.altText
          entries[.figure, default: []].append(
            Entry(
              document: chapter.id, numbering: numbering,
              caption: caption.collapsingWhitespace, isFrontMatter: front))
        case .table(let table):
          guard let numbering = table.numbering else { return }
          entries[.table, default: []].append(
            Entry(
              document: chapter.id, numbering: numbering,
              caption: Inline.plainText(table.caption).collapsingWhitespace,
              isFrontMatter: front))
        case .codeBlock(let code):
          guard let numbering = code.numbering else { return }
          entries[.listing, default: []].append(
            Entry(
              document: chapter.id, numbering: numbering,
              caption: Inline.plainText(code.caption).collapsingWhitespace,
              isFrontMatter: front))
        default: break
        }
      }
    }
    lists = wanted.compactMap { kind in
      guard let found = entries[kind], !found.isEmpty else { return nil }
      return List(kind: kind, title: words.labels.listTitles[kind] ?? "", entries: found)
    }
  }

  /// A list's `<ol>`: one item per entry, linked by `href`; entries in front matter carry
  /// the class `toc-frontmatter` (print numbers their pages in roman).
  static func orderedList(_ list: List, href: (Entry) -> String) -> XMLElement {
    XMLElement(
      "ol", [],
      XHTMLRenderer.lines(
        list.entries.map { entry in
          .el(
            "li", entry.isFrontMatter ? [("class", "toc-frontmatter")] : [],
            [.el("a", [("href", href(entry))], [.text(entry.text)])])
        }))
  }
}
