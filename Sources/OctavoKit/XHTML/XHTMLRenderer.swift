import Foundation

/// Renders chapters, parts and the generated pages of a ``Book`` as XHTML documents.
///
/// The renderer builds ``XMLElement`` trees; ``XMLSerializer`` writes them through libxml2.
/// Links to other chapters are written as `<chapter-id>.xhtml#fragment` and images as
/// `../images/<name>`: the EPUB keeps them, the print edition rewrites them.
public struct XHTMLRenderer: Sendable {
  /// The XHTML namespace.
  public static let xhtmlNamespace = "http://www.w3.org/1999/xhtml"
  /// The EPUB structural semantics namespace.
  public static let epubNamespace = "http://www.idpf.org/2007/ops"
  /// Where content documents find the style sheet.
  public static let stylesheetHref = "../styles/epub.css"
  /// Where content documents find images.
  public static let imagesPrefix = "../images/"

  /// The book being rendered.
  public let book: Book
  /// The words the renderer writes itself, in the book's language.
  public let words: GeneratedWords
  /// Where the page-break markers go (none without a page list).
  let pagePlan: PagePlan
  let imagesByPath: [String: ImageResource]
  /// Every chapter by its manuscript path, for links written in raw HTML.
  let chaptersByPath: [String: Chapter]
  /// ``Chapter/idsInNotes`` by path, with `notes: book-end` (empty otherwise).
  let idsInNotesByPath: [String: Set<String>]

  /// Creates a renderer for `book`.
  public init(book: Book) {
    self.init(book: book, keeping: book)
  }

  /// Creates a renderer for `book` that keeps `kept` (the same book, or its outline:
  /// ``Book/outlineOnly``) as ``book``: what is worked out from the whole text (the page
  /// plan, the ids in notes) is worked out from `book`, and chapters are rendered from the
  /// models given to `render(_:)`.
  init(book: Book, keeping kept: Book) {
    self.book = kept
    words = GeneratedWords(language: book.metadata.language)
    pagePlan = PagePlan(book: book)
    imagesByPath = Dictionary(book.images.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    chaptersByPath = Dictionary(
      kept.chapters.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
    var idsInNotes: [String: Set<String>] = [:]
    if book.metadata.notes == .bookEnd {
      for chapter in book.chapters where !chapter.footnotes.isEmpty {
        idsInNotes[chapter.path] = chapter.idsInNotes
      }
    }
    idsInNotesByPath = idsInNotes
  }

  /// The file name of a chapter's or part's document.
  public static func fileName(forDocument id: String) -> String { id + ".xhtml" }

  /// A rendered document: its tree and the problems found while rendering it.
  public struct Document: Sendable {
    /// The `<html>` element.
    public var root: XMLElement
    /// The top-level `<section>` (what the print edition takes).
    public var section: XMLElement
    /// Warnings about raw HTML that had to be repaired.
    public var diagnostics: [Diagnostic]
  }

  // MARK: - Documents

  /// Renders a chapter as a complete XHTML document.
  public func render(_ chapter: Chapter) -> Document {
    var context = ChapterContext(chapter: chapter)
    var body: [XMLNode] = []
    let startsWithTitle = chapter.showsOwnTitle
    var sectionAttributes = sectionAttributes(
      id: chapter.id, type: chapter.type, matter: chapter.type.matter)
    if !startsWithTitle {
      if chapter.type == .dedication || chapter.type == .epigraph {
        sectionAttributes.append(("aria-label", chapter.title))
      } else {
        body.append(.el("h1", [("class", "chapter-title")], [.text(chapter.title)]))
      }
    }
    let pages = pagePlan.pages(in: chapter.id)
    if pages.isEmpty {
      body += renderBlocks(chapter.blocks, &context)
    } else {
      // Render the blocks page by page, a marker before each page.
      let starts = pages.keys.sorted()
      for (position, start) in starts.enumerated() {
        let end = position + 1 < starts.count ? starts[position + 1] : chapter.blocks.count
        if let number = pages[start] {
          body.insert(Self.pageBreak(number), at: start == 0 ? 0 : body.count)
        }
        body += renderBlocks(Array(chapter.blocks[start..<max(start, end)]), &context)
      }
    }
    if !chapter.footnotes.isEmpty {
      switch book.metadata.notes {
      case .footnotes:
        body.append(
          .el(
            "div", [("class", "footnotes")],
            Self.lines(
              chapter.footnotes.map {
                renderFootnote($0, &context)
              })))
      case .chapterEnd:
        body.append(
          .el(
            "section",
            [
              ("id", "\(chapter.id)-endnotes"), ("class", "endnotes"), ("epub:type", "endnotes"),
              ("role", "doc-endnotes"),
            ],
            Self.lines([
              .el("h2", [("class", "endnotes-title")], [.text(words.notes)]),
              .el("ol", [], Self.lines(chapter.footnotes.map { renderEndnote($0, &context) })),
            ])))
      case .bookEnd:
        break  // In the Notes document (renderNotesDocument).
      }
    }
    let section = XMLElement("section", sectionAttributes, Self.lines(body))
    let root = page(title: chapter.title, matter: chapter.type.matter, content: section)
    return Document(root: root, section: section, diagnostics: context.diagnostics)
  }

  /// A code block's text as one `<span class="line">` per source line, each holding its line
  /// break, so the style sheets can mark the lines a narrow page wraps (a continuation mark
  /// in the gutter) and the text still copies as written.
  static func codeLines(_ code: String) -> [XMLNode] {
    var lines = code.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines.enumerated().map { index, line in
      let isLast = index == lines.count - 1 && !code.hasSuffix("\n")
      return .el("span", [("class", "line")], [.text(line + (isLast ? "" : "\n"))])
    }
  }

  /// A page-break marker: `<span epub:type="pagebreak" role="doc-pagebreak" aria-label="N"/>`.
  static func pageBreak(_ number: Int) -> XMLNode {
    .el(
      "span",
      [
        ("id", PagePlan.markerID(number)), ("class", "pagebreak"), ("epub:type", "pagebreak"),
        ("role", "doc-pagebreak"), ("aria-label", String(number)),
      ])
  }

  /// Renders a part's title page.
  public func render(_ part: Part) -> Document {
    var content: [XMLNode] = [.el("h1", [("class", "part-title")], [.text(part.title)])]
    if let number = pagePlan.pages(in: part.id)[0] { content.insert(Self.pageBreak(number), at: 0) }
    let section = XMLElement(
      "section",
      [
        ("id", part.id), ("class", "part bodymatter"), ("epub:type", "part"), ("role", "doc-part"),
      ], Self.lines(content))
    return Document(
      root: page(title: part.title, matter: .body, content: section), section: section,
      diagnostics: [])
  }

  /// The words a draft's title page and page feet carry.
  public static let draftMark = "Draft: not for release"

  /// Renders the title page: title, subtitle, contributors and publisher (and a draft's mark).
  public func renderTitlePage() -> Document {
    let metadata = book.metadata
    var content: [XMLNode] = [.el("h1", [("class", "title")], [.text(metadata.title)])]
    if let subtitle = metadata.subtitle {
      content.append(.el("p", [("class", "subtitle")], [.text(subtitle)]))
    }
    for contributor in metadata.contributors {
      var line: [XMLNode] = [.text(contributor.name)]
      if contributor.role != .author {
        let role: String =
          switch contributor.role {
          case .author: ""
          case .editor: words.editedBy
          case .translator: words.translatedBy
          case .illustrator: words.illustratedBy
          }
        line = [
          .el("span", [("class", "role")], [.text(role)]), .text(" "), .text(contributor.name),
        ]
      }
      content.append(.el("p", [("class", "contributor")], line))
    }
    if let publisher = metadata.publisher {
      content.append(.el("p", [("class", "publisher")], [.text(publisher)]))
    }
    if metadata.isDraft {
      content.append(.el("p", [("class", "draft-mark")], [.text(Self.draftMark)]))
    }
    let section = XMLElement(
      "section",
      [
        ("id", "titlepage"), ("class", "titlepage frontmatter"), ("epub:type", "titlepage"),
      ], Self.lines(content))
    return Document(
      root: page(title: metadata.title, matter: .front, content: section),
      section: section, diagnostics: [])
  }

  /// The generated front-matter pages that follow the title page, in order: the copyright
  /// page (`copyright-page: true`) and the dedication (`dedication:`), each with its id.
  public func renderFrontPages() -> [(id: String, document: Document)] {
    let metadata = book.metadata
    var pages: [(String, Document)] = []
    if metadata.copyrightPage {
      var lines: [XMLNode] = []
      var title = metadata.title
      if let subtitle = metadata.subtitle { title += ": " + subtitle }
      lines.append(.el("p", [("class", "copyright-title")], [.text(title)]))
      if let rights = metadata.rights {
        lines.append(.el("p", [("class", "rights")], [.text(rights)]))
      }
      if let publisher = metadata.publisher {
        let year = metadata.date.map { " " + $0.prefix(4) } ?? ""
        lines.append(.el("p", [("class", "copyright-publisher")], [.text(publisher + year)]))
      }
      if metadata.identifier.hasPrefix("urn:isbn:") {
        lines.append(
          .el("p", [("class", "isbn")], [.text("ISBN " + metadata.identifier.dropFirst(9))]))
      }
      let section = XMLElement(
        "section",
        [
          ("id", "copyright-page"), ("class", "copyright-page frontmatter"),
          ("epub:type", "copyright-page"),
          ("aria-label", words.copyright),
        ], Self.lines(lines))
      pages.append(
        (
          "copyright-page",
          Document(
            root: page(title: words.copyright, matter: .front, content: section),
            section: section, diagnostics: [])
        ))
    }
    if let dedication = metadata.dedication {
      let paragraphs: [XMLNode] = dedication.split(separator: "\n", omittingEmptySubsequences: true)
        .map {
          .el("p", [], [.text(String($0).trimmingCharacters(in: .whitespaces))])
        }
      let section = XMLElement(
        "section",
        [
          ("id", "dedication-page"), ("class", "dedication frontmatter"),
          ("epub:type", "dedication"),
          ("role", "doc-dedication"), ("aria-label", words.dedication),
        ], Self.lines(paragraphs))
      pages.append(
        (
          "dedication-page",
          Document(
            root: page(title: words.dedication, matter: .front, content: section),
            section: section, diagnostics: [])
        ))
    }
    return pages
  }

  /// Renders the cover page around the cover image.
  public func renderCoverPage(image: ImageResource) -> Document {
    let section = XMLElement(
      "section", [("id", "cover"), ("class", "cover"), ("epub:type", "cover")],
      [
        .el(
          "img",
          [
            ("src", Self.imagesPrefix + image.fileName),
            ("alt", "\(words.cover): \(book.metadata.title)"),
            ("role", "doc-cover"),
          ])
      ])
    return Document(
      root: page(title: book.metadata.title, matter: .front, content: section),
      section: section, diagnostics: [])
  }

  /// Wraps `content` in a complete XHTML document.
  func page(
    title: String, matter: Matter, content: XMLElement, stylesheet: String? = stylesheetHref
  )
    -> XMLElement
  {
    let language = book.metadata.language
    var head: [XMLNode] = [.el("title", [], [.text(title)])]
    if let stylesheet {
      head.append(.el("link", [("rel", "stylesheet"), ("type", "text/css"), ("href", stylesheet)]))
    }
    var attributes = [
      ("xmlns", Self.xhtmlNamespace), ("xmlns:epub", Self.epubNamespace),
      ("lang", language), ("xml:lang", language),
    ]
    if book.metadata.isRightToLeft { attributes.append(("dir", "rtl")) }
    return XMLElement(
      "html", attributes,
      Self.lines([
        .el("head", [], Self.lines(head)),
        .el(
          "body", [("epub:type", matter.rawValue), ("class", matter.rawValue)],
          Self.lines([.element(content)])),
      ]))
  }

  func sectionAttributes(id: String, type: ChapterType, matter: Matter) -> [(String, String)] {
    var attributes: [(String, String)] = [
      ("id", id), ("class", "\(type.rawValue) \(matter.rawValue)"),
    ]
    if type != .other { attributes.append(("epub:type", type.rawValue)) }
    if let role = Self.role(for: type) { attributes.append(("role", role)) }
    return attributes
  }

  /// The DPUB-ARIA role a chapter type's section takes, where ARIA in HTML allows one.
  static func role(for type: ChapterType) -> String? {
    switch type {
    case .chapter: "doc-chapter"
    case .preface: "doc-preface"
    case .foreword: "doc-foreword"
    case .introduction: "doc-introduction"
    case .prologue: "doc-prologue"
    case .epilogue: "doc-epilogue"
    case .afterword: "doc-afterword"
    case .appendix: "doc-appendix"
    case .acknowledgments: "doc-acknowledgments"
    case .dedication: "doc-dedication"
    case .colophon: "doc-colophon"
    case .glossary: "doc-glossary"
    case .bibliography: "doc-bibliography"
    case .index: "doc-index"
    case .conclusion: "doc-conclusion"
    case .epigraph, .halftitlepage, .copyrightPage, .other: nil
    }
  }

  /// Puts a line break between block-level nodes, so the XHTML reads well as text.
  static func lines(_ nodes: [XMLNode]) -> [XMLNode] {
    guard !nodes.isEmpty else { return [] }
    var result: [XMLNode] = [.text("\n")]
    result.reserveCapacity(nodes.count * 2 + 1)
    for node in nodes {
      result.append(node)
      result.append(.text("\n"))
    }
    return result
  }

  // MARK: - Blocks

  struct ChapterContext {
    let chapter: Chapter
    /// The id of the document being written: the chapter's, or the Notes document's.
    var documentID: String
    var diagnostics: [Diagnostic] = []
    var usedRawIDs: Set<String> = []
    /// The chapter's notes by label, so each reference finds its note at once.
    let notes: [String: Footnote]

    /// The id of the heading that shows the chapter's title (the first block, level 1).
    let titleHeadingID: String?

    init(chapter: Chapter, documentID: String? = nil) {
      self.chapter = chapter
      if chapter.titleHeadingIndex == 0, let first = chapter.blocks.first,
        case .heading(let heading) = first.kind,
        heading.level == 1
      {
        titleHeadingID = heading.id
      } else {
        titleHeadingID = nil
      }
      self.documentID = documentID ?? chapter.id
      notes = Dictionary(
        chapter.footnotes.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
    }
  }

  func renderBlocks(_ blocks: [Block], _ context: inout ChapterContext) -> [XMLNode] {
    if blocks.contains(where: { if case .html = $0.kind { true } else { false } }) {
      return renderMixedBlocks(blocks, &context)
    }
    return blocks.flatMap { renderBlock($0, &context) }
  }

  func renderBlock(_ block: Block, _ context: inout ChapterContext, tight: Bool = false)
    -> [XMLNode]
  {
    switch block.kind {
    case .paragraph(let inlines):
      // A paragraph that opens block-level HTML (`<br/><table>…`) is not a paragraph: browsers
      // close the <p> there. Render it as flow content.
      if inlines.contains(where: Self.opensBlock) {
        return renderMixedInlines(inlines, flow: true, &context)
      }
      let content = renderInlines(inlines, &context)
      return tight ? content : [.el("p", [], content)]
    case .heading(let heading):
      var attributes = [("id", heading.id)]
      // The title gets a class: MuPDF does not match `section > h1:first-child`.
      if heading.id == context.titleHeadingID { attributes.append(("class", "chapter-title")) }
      return [.el("h\(heading.level)", attributes, renderInlines(heading.content, &context))]
    case .blockQuote(let children):
      return [.el("blockquote", [], Self.lines(renderBlocks(children, &context)))]
    case .list(let list):
      return [renderList(list, &context)]
    case .codeBlock(let code):
      return renderCodeBlock(code, &context)
    case .html:
      return renderMixedBlocks([block], &context)
    case .thematicBreak:
      return [.el("hr")]
    case .math(let formula):
      return renderDisplayFormula(formula)
    case .alert(let alert):
      let title: XMLNode = .el(
        "p", [("class", "alert-title")], [.text(words.alertTitle(alert.kind))])
      return [
        .el(
          "div", [("class", "alert alert-\(alert.kind.rawValue)"), ("role", "note")],
          Self.lines([title] + renderBlocks(alert.blocks, &context)))
      ]
    case .table(let table):
      // In a box of its own, so a table wider than a phone's screen scrolls there instead of
      // widening the page.
      return [.el("div", [("class", "table-wrap")], [renderTable(table, &context)])]
    case .figure(var image):
      // A decorative image is no figure: nothing to caption, nothing to announce.
      if image.isDecorative {
        return [.el("div", [("class", "figure decorative")], renderImage(image))]
      }
      let caption = image.title
      image.title = nil  // The caption says it; a tooltip would repeat it.
      var children: [XMLNode] = renderImage(image)
      if let numbering = image.numbering {
        // A labelled figure's caption is its alt text (pandoc's rule) unless it has a title.
        let text: [XMLNode] =
          if let caption, !caption.isEmpty { [.text(caption)] } else {
            renderInlines(image.alt, &context)
          }
        children.append(.el("figcaption", [], Self.numberedCaption(numbering, text)))
        return [
          .el("figure", [("class", "figure"), ("id", numbering.id)], Self.lines(children))
        ]
      }
      if let caption, !caption.isEmpty {
        children.append(.el("figcaption", [], [.text(caption)]))
      }
      return [.el("figure", [("class", "figure")], Self.lines(children))]
    }
  }

  static func languageClass(_ language: String) -> String {
    String(language.filter { $0.isASCII && ($0.isLetter || $0.isNumber || "+-_#.".contains($0)) })
  }

  func renderList(_ list: List, _ context: inout ChapterContext) -> XMLNode {
    var attributes: [(String, String)] = []
    if list.isOrdered, list.start != 1 { attributes.append(("start", String(list.start))) }
    let isTaskList = list.isTaskList
    if isTaskList { attributes.append(("class", "task-list")) }
    let items: [XMLNode] = list.items.map { item in
      var children: [XMLNode] = []
      for (index, block) in item.blocks.enumerated() {
        var rendered = renderBlock(block, &context, tight: list.isTight)
        if index == 0, let checked = item.task {
          let box: XMLNode = .el("span", [("class", "task-box")], [.text(checked ? "☑" : "☐")])
          if case .paragraph = block.kind, !list.isTight,
            case .element(var paragraph)? = rendered.first, paragraph.name == "p"
          {
            paragraph.children.insert(contentsOf: [box, .text(" ")], at: 0)
            rendered[0] = .element(paragraph)
          } else {
            rendered.insert(contentsOf: [box, .text(" ")], at: 0)
          }
        }
        if !list.isTight || !(block.kind.isParagraph) {
          children += Self.lines(rendered)
        } else {
          children += rendered
        }
      }
      if item.task != nil {
        return .el("li", [("class", "task-list-item")], children)
      }
      return .el("li", [], children)
    }
    return .el(list.isOrdered ? "ol" : "ul", attributes, Self.lines(items))
  }

  func renderTable(_ table: Table, _ context: inout ChapterContext) -> XMLNode {
    func cell(_ name: String, _ content: [Inline], column: Int) -> XMLNode {
      var attributes: [(String, String)] = []
      if name == "th" { attributes.append(("scope", "col")) }
      if column < table.alignments.count, table.alignments[column] != .none {
        attributes.append(("class", "align-" + table.alignments[column].rawValue))
      }
      return .el(name, attributes, renderInlines(content, &context))
    }
    var sections: [XMLNode] = []
    if !table.header.isEmpty {
      sections.append(
        .el(
          "thead", [],
          Self.lines([
            .el(
              "tr", [],
              table.header.enumerated().map {
                cell("th", $0.element, column: $0.offset)
              })
          ])))
    }
    if !table.rows.isEmpty {
      // The rule under the header row is the first body row's top border: MuPDF draws a
      // header cell's bottom border through the next row, and matches no :first-child.
      sections.append(
        .el(
          "tbody", [],
          Self.lines(
            table.rows.enumerated().map { index, row in
              .el(
                "tr", index == 0 && !table.header.isEmpty ? [("class", "first-row")] : [],
                row.enumerated().map { cell("td", $0.element, column: $0.offset) })
            })))
    }
    var attributes: [(String, String)] = []
    if let numbering = table.numbering {
      attributes.append(("id", numbering.id))
      sections.insert(
        .el("caption", [], Self.numberedCaption(numbering, renderInlines(table.caption, &context))),
        at: 0)
    } else if !table.caption.isEmpty {
      sections.insert(.el("caption", [], renderInlines(table.caption, &context)), at: 0)
    }
    return .el("table", attributes, Self.lines(sections))
  }
}

extension Block.Kind {
  var isParagraph: Bool { if case .paragraph = self { true } else { false } }
}
