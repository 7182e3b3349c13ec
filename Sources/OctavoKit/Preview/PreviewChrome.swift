import Foundation

/// The frame `octavo serve` puts around each page of the book: a top bar (the title, search,
/// the theme, the print edition, the EPUB), the contents in a sidebar with the current page
/// marked, the diagnostics in a banner, and links to the previous and next pages (also on the
/// arrow keys, through ``PreviewAssets/script``).
struct PreviewChrome {
  /// An entry of the sidebar's contents.
  struct Entry {
    var title: String
    var path: String
    var className: String?
    var children: [Entry] = []
  }

  let title: String
  let language: String
  let entries: [Entry]
  let titles: [String: String]
  let diagnostics: [Diagnostic]
  let manuscript: URL
  let generation: Int
  let reloadScript: XMLElement
  /// Whether the book is shown (else its errors stop even a draft).
  let showsBook: Bool

  /// The contents of `book`, in reading order, with the pages the preview has.
  static func entries(book: Book, words: GeneratedWords, hasCover: Bool, hasNotes: Bool) -> [Entry]
  {
    func path(_ id: String) -> String { "/text/" + XHTMLRenderer.fileName(forDocument: id) }
    var entries: [Entry] = []
    if hasCover {
      entries.append(
        Entry(title: words.cover, path: "/text/cover.xhtml", className: "octavo-matter"))
    }
    entries.append(
      Entry(title: words.titlePage, path: "/text/titlepage.xhtml", className: "octavo-matter"))
    entries.append(Entry(title: words.contents, path: "/nav.xhtml", className: "octavo-matter"))
    for entry in book.contents {
      switch entry {
      case .chapter(let chapter):
        entries.append(Entry(title: chapter.title, path: path(chapter.id)))
      case .part(let part):
        entries.append(
          Entry(
            title: part.title, path: path(part.id), className: "octavo-part",
            children: part.chapters.map { Entry(title: $0.title, path: path($0.id)) }))
      }
    }
    if hasNotes {
      entries.append(
        Entry(
          title: words.notes, path: path(XHTMLRenderer.notesDocumentID), className: "octavo-matter")
      )
    }
    return entries
  }

  /// Every entry's title by path.
  static func titles(_ entries: [Entry]) -> [String: String] {
    var titles: [String: String] = [:]
    for entry in entries {
      titles[entry.path] = entry.title
      titles.merge(Self.titles(entry.children)) { first, _ in first }
    }
    return titles
  }

  /// `page` (a complete XHTML document of the book, or one of the preview's own) in the frame.
  ///
  /// - Parameters:
  ///   - path: the page's own path, marked in the contents.
  ///   - previous: the path of the page before it, if any.
  ///   - next: the path of the page after it, if any.
  ///   - wide: whether the page takes the whole width (the print pages).
  func wrap(_ page: XMLElement, path: String, previous: String?, next: String?, wide: Bool = false)
    -> XMLElement
  {
    var page = page
    var head: [XMLNode] = []
    head.append(
      .el("meta", [("name", "viewport"), ("content", "width=device-width, initial-scale=1")]))
    head.append(.el("link", [("rel", "stylesheet"), ("href", PreviewAssets.stylesheetPath)]))
    if let previous { head.append(.el("link", [("rel", "prev"), ("href", previous)])) }
    if let next { head.append(.el("link", [("rel", "next"), ("href", next)])) }
    head.append(.el("script", [("src", PreviewAssets.scriptPath)], [.text(" ")]))
    for index in page.children.indices {
      guard case .element(var element) = page.children[index] else { continue }
      if element.name == "head" {
        element.children += XHTMLRenderer.lines(head)
      } else if element.name == "body" {
        var classes = ["octavo"]
        if wide { classes.append("octavo-wide") }
        if let existing = element[attribute: "class"] { classes.insert(existing, at: 0) }
        element.attributes =
          element.attributes.filter { $0.name != "class" } + [
            ("class", classes.joined(separator: " "))
          ]
        let book = XMLElement(
          "main", [("class", "octavo-book"), ("id", "octavo-content")], element.children)
        var main: [XMLNode] = []
        if let banner { main.append(.element(banner)) }
        main.append(.element(book))
        if let pager = pager(previous: previous, next: next) { main.append(.element(pager)) }
        var body: [XMLNode] = [
          .element(topBar()), .element(sidebar(current: path)),
          .el("div", [("class", "octavo-main")], XHTMLRenderer.lines(main)),
        ]
        if let previous {
          body.append(
            .el(
              "a",
              [
                ("class", "octavo-arrow"), ("href", previous), ("rel", "prev"),
                ("title", "Previous (←)"), ("aria-label", "Previous page"),
              ], [.text("‹")]))
        }
        if let next {
          body.append(
            .el(
              "a",
              [
                ("class", "octavo-arrow"), ("href", next), ("rel", "next"),
                ("title", "Next (→)"), ("aria-label", "Next page"),
              ], [.text("›")]))
        }
        body.append(.element(reloadScript))
        element.children = XHTMLRenderer.lines(body)
      }
      page.children[index] = .element(element)
    }
    return page
  }

  /// A page of the preview's own, in the frame.
  func page(title: String, path: String, body: [XMLNode], wide: Bool = false) -> XMLElement {
    let root = XMLElement(
      "html",
      [
        ("xmlns", XHTMLRenderer.xhtmlNamespace), ("lang", language), ("xml:lang", language),
      ],
      XHTMLRenderer.lines([
        .el(
          "head", [],
          XHTMLRenderer.lines([
            .el("meta", [("charset", "utf-8")]),
            .el("title", [], [.text(title)]),
          ])),
        .el("body", [], XHTMLRenderer.lines(body)),
      ]))
    return wrap(root, path: path, previous: nil, next: nil, wide: wide)
  }

  private func topBar() -> XMLElement {
    let themes: [XMLNode] = [("light", "Light"), ("dark", "Dark"), ("sepia", "Sepia")].map {
      .el("option", [("value", $0.0)], [.text($0.1)])
    }
    return XMLElement(
      "header", [("class", "octavo-top octavo-preview")],
      XHTMLRenderer.lines([
        .el(
          "button",
          [
            ("type", "button"), ("id", "octavo-toggle"), ("class", "octavo-button"),
            ("aria-controls", "octavo-sidebar"), ("aria-expanded", "true"),
            ("title", "Contents"), ("aria-label", "Show or hide the contents"),
          ], [.text("☰")]),
        .el("a", [("class", "octavo-title"), ("href", "/")], [.text(self.title)]),
        .el(
          "div", [("class", "octavo-search-box"), ("role", "search")],
          [
            .el(
              "input",
              [
                ("type", "search"), ("id", "octavo-search-input"),
                ("placeholder", "Search the book (/)"),
                ("aria-label", "Search the book"), ("autocomplete", "off"), ("spellcheck", "false"),
              ])
          ]),
        .el(
          "select", [("id", "octavo-theme"), ("aria-label", "Theme"), ("title", "Theme")], themes),
        .el(
          "a",
          [
            ("class", "octavo-tool octavo-wide-only"), ("href", PreviewSite.printPagesPath),
            ("title", "The print edition"),
          ], [.text("Print")]),
        .el(
          "a",
          [
            ("class", "octavo-tool octavo-wide-only"), ("href", PreviewSite.epubPath),
            ("title", "Download the EPUB"),
          ], [.text("EPUB")]),
        .el(
          "div",
          [
            ("id", "octavo-search"), ("class", "octavo-search"), ("hidden", "hidden"),
            ("aria-live", "polite"),
          ], []),
      ]))
  }

  private func sidebar(current: String) -> XMLElement {
    func list(_ entries: [Entry]) -> XMLElement {
      XMLElement(
        "ol", [],
        XHTMLRenderer.lines(
          entries.map { entry in
            var link: [(String, String)] = [("href", entry.path)]
            if entry.path == current || (current == "/" && entry.path == "/nav.xhtml") {
              link.append(("aria-current", "page"))
            }
            var item: [XMLNode] = [.el("a", link, [.text(entry.title)])]
            if !entry.children.isEmpty { item.append(.element(list(entry.children))) }
            return .el("li", entry.className.map { [("class", $0)] } ?? [], item)
          }))
    }
    var content: [XMLNode] = [.element(list(entries))]
    content += [
      .el(
        "ol", [("class", "octavo-tools")],
        XHTMLRenderer.lines([
          .el(
            "li", [("class", "octavo-matter")],
            [
              .el(
                "a",
                [("href", PreviewSite.printPagesPath)]
                  + (current == PreviewSite.printPagesPath ? [("aria-current", "page")] : []),
                [.text("Print edition")])
            ]),
          .el(
            "li", [("class", "octavo-matter")],
            [.el("a", [("href", PreviewSite.epubPath)], [.text("Download the EPUB")])]),
        ]))
    ]
    return XMLElement(
      "nav", [("id", "octavo-sidebar"), ("class", "octavo-sidebar"), ("aria-label", "Contents")],
      XHTMLRenderer.lines(content))
  }

  private func pager(previous: String?, next: String?) -> XMLElement? {
    guard previous != nil || next != nil else { return nil }
    var links: [XMLNode] = []
    if let previous {
      links.append(
        .el(
          "a", [("href", previous), ("rel", "prev")],
          [.el("span", [], [.text("← Previous")]), .text(titles[previous] ?? previous)]))
    }
    if let next {
      links.append(
        .el(
          "a", [("href", next), ("rel", "next")],
          [.el("span", [], [.text("Next →")]), .text(titles[next] ?? next)]))
    }
    return XMLElement(
      "nav", [("class", "octavo-pager"), ("aria-label", "Previous and next")], links)
  }

  /// The diagnostics, on every page while there are any: open when there are errors.
  var banner: XMLElement? {
    guard !diagnostics.isEmpty else { return nil }
    let errors = diagnostics.errorCount
    let warnings = diagnostics.warningCount
    let summary =
      "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    var attributes = [("class", "octavo-banner"), ("role", "status")]
    if errors > 0 { attributes[0].1 += " octavo-has-errors" }
    let lead =
      !showsBook
      ? "The manuscript has \(summary); even a draft cannot be made until the errors below are fixed."
      : errors > 0
        ? "Draft: \(summary). Missing images are shown as placeholders; octavo build refuses the book until the errors are fixed (octavo build --draft writes it as a draft)."
        : "The manuscript has \(summary)."
    let items: [XMLNode] = diagnostics.map { diagnostic in
      .el(
        "li", [("class", diagnostic.severity.rawValue)],
        [.text(diagnostic.formatted(relativeTo: manuscript.lastPathComponent))])
    }
    let details = XMLElement(
      "details", errors > 0 ? [("open", "open")] : [],
      [
        .el("summary", [], [.text(errors > 0 ? "Errors and warnings" : summary)]),
        .el("ul", [("class", "octavo-diagnostics")], XHTMLRenderer.lines(items)),
      ])
    return XMLElement(
      "aside", attributes + [("aria-label", "Diagnostics")],
      [.el("p", [], [.text(lead)]), .element(details)])
  }
}
