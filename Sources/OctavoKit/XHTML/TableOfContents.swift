/// The book's table of contents as a tree, shared by the navigation document, the NCX and
/// the print edition.
struct TableOfContents: Sendable {
  /// One entry: a title, the document it is in and the element in it.
  struct Entry: Sendable {
    var title: String
    /// The id of the chapter's or part's document.
    var document: String
    /// The element's id, or `nil` for the document's start.
    var fragment: String?
    var isPart: Bool = false
    var children: [Entry] = []
  }

  var entries: [Entry]

  /// Builds the contents of `book`, with sections down to heading level `book.metadata.tocDepth`.
  init(book: Book) {
    let depth = book.metadata.tocDepth
    func chapterEntry(_ chapter: Chapter) -> Entry {
      var headings = chapter.headings
      if let title = chapter.titleHeadingIndex { headings.remove(at: title) }
      headings = headings.filter { $0.level <= depth }
      func convert(_ outline: [OutlineEntry]) -> [Entry] {
        outline.map { item in
          let text = item.heading.plainText.collapsingWhitespace
          return Entry(
            title: text.isEmpty ? "Untitled section" : text, document: chapter.id,
            fragment: item.heading.id, children: convert(item.children))
        }
      }
      let children = depth > 1 ? convert(OutlineEntry.tree(from: headings)) : []
      return Entry(title: chapter.title, document: chapter.id, fragment: nil, children: children)
    }
    entries = book.contents.map { entry in
      switch entry {
      case .chapter(let chapter): chapterEntry(chapter)
      case .part(let part):
        Entry(
          title: part.title, document: part.id, fragment: nil, isPart: true,
          children: part.chapters.map(chapterEntry))
      }
    }
  }

  /// Builds the contents, with an entry for the generated Notes document when there is one.
  init(book: Book, notesTitle: String?) {
    self = TableOfContents(book: book).addingNotes(title: notesTitle)
  }

  /// These contents with an entry for the generated Notes document titled `title`, when
  /// there is one.
  func addingNotes(title: String?) -> TableOfContents {
    var contents = self
    if let title {
      contents.entries.append(
        Entry(title: title, document: XHTMLRenderer.notesDocumentID, fragment: nil))
    }
    return contents
  }

  /// The deepest nesting of entries.
  var depth: Int {
    func depth(_ entries: [Entry]) -> Int { entries.map { 1 + depth($0.children) }.max() ?? 0 }
    return depth(entries)
  }

  /// Renders the entries as nested `<ol>` lists; `href` makes each entry's link.
  func orderedList(href: (Entry) -> String, frontMatter: Set<String> = []) -> XMLNode {
    func list(_ entries: [Entry]) -> XMLNode {
      .el(
        "ol", [],
        XHTMLRenderer.lines(
          entries.map { entry in
            var children: [XMLNode] = [.el("a", [("href", href(entry))], [.text(entry.title)])]
            if !entry.children.isEmpty { children.append(list(entry.children)) }
            var classes: [String] = []
            if entry.isPart { classes.append("toc-part") }
            if entry.fragment == nil, frontMatter.contains(entry.document) {
              classes.append("toc-frontmatter")
            }
            return .el(
              "li", classes.isEmpty ? [] : [("class", classes.joined(separator: " "))], children)
          }))
    }
    return list(entries)
  }
}
