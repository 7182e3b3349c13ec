/// The EPUB navigation document (`EPUB/nav.xhtml`): the table of contents and the landmarks.
struct NavigationDocument {
  let book: Book
  let contents: TableOfContents
  /// The href of the cover page, when there is one.
  let coverHref: String?
  /// The href of the first body-matter document.
  let bodyMatterHref: String?
  /// The href of the generated Notes document, when there is one.
  var notesHref: String? = nil

  /// The href from `nav.xhtml` to an entry's target.
  static func href(_ entry: TableOfContents.Entry) -> String {
    "text/" + XHTMLRenderer.fileName(forDocument: entry.document)
      + (entry.fragment.map { "#" + $0 } ?? "")
  }

  /// A digest of everything ``root(renderer:)`` reads: the properties above as it uses them
  /// (the lists of figures, tables and listings found in the book), the renderer's words and
  /// page list, and the language and direction of the page; the rest is fixed text. A
  /// version changes when ``root(renderer:)`` changes what it makes of them: the same
  /// digest, the same bytes.
  func inputDigest(renderer: XHTMLRenderer) -> String {
    let words = renderer.words
    var key = RenderCache.KeyBuilder()
    key.add("nav 1")
    key.add(book.metadata.language)
    key.add(book.metadata.isRightToLeft ? "rtl" : "ltr")
    for word in [
      words.contents, words.cover, words.startOfContent, words.notes, words.landmarks, words.pages,
    ] {
      key.add(word)
    }
    for href in [coverHref, bodyMatterHref, notesHref] { key.add(href.map { "=" + $0 } ?? "-") }
    key.add(contents.entries, parts: true)
    let lists = NumberedLists(book: book, words: words).lists
    key.add(String(lists.count))
    for list in lists {
      key.add(list.id)
      key.add(list.epubType ?? "-")
      key.add(list.title)
      key.add(String(list.entries.count))
      for entry in list.entries {
        key.add(entry.document)
        key.add(entry.numbering.id)
        key.add(entry.text)
        key.add(entry.isFrontMatter ? "front" : "-")
      }
    }
    let pages = renderer.pagePlan.pages
    key.add(String(pages.count))
    for page in pages {
      key.add(String(page.number))
      key.add(page.document)
    }
    return key.digest
  }

  func root(renderer: XHTMLRenderer) -> XMLElement {
    let words = renderer.words
    let toc = XMLElement(
      "nav",
      [
        ("id", "toc"), ("class", "toc"), ("epub:type", "toc"), ("role", "doc-toc"),
      ],
      XHTMLRenderer.lines([
        .el("h1", [], [.text(words.contents)]),
        contents.orderedList(href: Self.href),
      ]))
    let lists = NumberedLists(book: book, words: words).lists
    var landmarks: [XMLNode] = []
    if let coverHref {
      landmarks.append(
        .el(
          "li", [], [.el("a", [("epub:type", "cover"), ("href", coverHref)], [.text(words.cover)])])
      )
    }
    landmarks.append(
      .el(
        "li", [],
        [.el("a", [("epub:type", "toc"), ("href", "nav.xhtml#toc")], [.text(words.contents)])]))
    for list in lists {
      guard let type = list.epubType else { continue }
      landmarks.append(
        .el(
          "li", [],
          [.el("a", [("epub:type", type), ("href", "nav.xhtml#" + list.id)], [.text(list.title)])]
        ))
    }
    if let bodyMatterHref {
      landmarks.append(
        .el(
          "li", [],
          [
            .el(
              "a", [("epub:type", "bodymatter"), ("href", bodyMatterHref)],
              [.text(words.startOfContent)])
          ]))
    }
    if let notesHref {
      landmarks.append(
        .el(
          "li", [],
          [
            .el(
              "a", [("epub:type", "endnotes"), ("href", notesHref)],
              [.text(words.notes)])
          ]))
    }
    let landmarksNav = XMLElement(
      "nav",
      [
        ("id", "landmarks"), ("class", "landmarks"), ("epub:type", "landmarks"),
        ("hidden", "hidden"),
      ],
      XHTMLRenderer.lines([
        .el("h2", [], [.text(words.landmarks)]),
        .el("ol", [], XHTMLRenderer.lines(landmarks)),
      ]))
    // The lists of figures, tables and listings follow the contents, for the reader to see.
    var extraNavs: [XMLNode] = []
    for list in lists {
      var attributes = [("id", list.id), ("class", "toc list-of")]
      if let type = list.epubType { attributes.append(("epub:type", type)) }
      extraNavs += [
        .el(
          "nav", attributes,
          XHTMLRenderer.lines([
            .el("h2", [], [.text(list.title)]),
            .element(
              NumberedLists.orderedList(list) {
                "text/" + XHTMLRenderer.fileName(forDocument: $0.document) + "#"
                  + $0.numbering.id
              }),
          ])), .text("\n"),
      ]
    }
    extraNavs += [.element(landmarksNav), .text("\n")]
    let pages = renderer.pagePlan.pages
    if !pages.isEmpty {
      // The page list: every page-break marker, in reading order, hidden from the reader's view.
      let items: [XMLNode] = pages.map { page in
        .el(
          "li", [],
          [
            .el(
              "a",
              [
                (
                  "href",
                  "text/" + XHTMLRenderer.fileName(forDocument: page.document) + "#"
                    + PagePlan.markerID(page.number)
                )
              ], [.text(String(page.number))])
          ])
      }
      extraNavs += [
        .el(
          "nav",
          [
            ("id", "page-list"), ("class", "page-list"), ("epub:type", "page-list"),
            ("hidden", "hidden"),
          ],
          XHTMLRenderer.lines([
            .el("h2", [], [.text(words.pages)]),
            .el("ol", [], XHTMLRenderer.lines(items)),
          ])), .text("\n"),
      ]
    }
    var page = renderer.page(
      title: words.contents, matter: .front, content: toc, stylesheet: "styles/epub.css")
    // The page holds several navs: put the others after the table of contents in <body>.
    if let bodyIndex = page.children.firstIndex(where: { $0.element?.name == "body" }),
      case .element(var body) = page.children[bodyIndex]
    {
      body.children += extraNavs
      page.children[bodyIndex] = .element(body)
    }
    return page
  }
}

/// The NCX (`EPUB/toc.ncx`), the EPUB 2 table of contents that older readers still use.
struct NCXDocument: Sendable {
  let metadata: BookMetadata
  let contents: TableOfContents
  /// The page list, repeated for EPUB 2 reading systems that read pages from the NCX.
  var pages: [PagePlan.Page] = []
  /// The page list's label.
  var pagesLabel = "Pages"

  /// A digest of everything ``root`` reads (the properties above; the rest is fixed text and
  /// functions of them), with a version that changes when ``root`` changes what it makes of
  /// them: the same digest, the same bytes.
  var inputDigest: String {
    var key = RenderCache.KeyBuilder()
    key.add("ncx 1")
    key.add(metadata.identifier)
    key.add(metadata.language)
    key.add(metadata.title)
    key.add(pagesLabel)
    key.add(String(pages.count))
    for page in pages {
      key.add(String(page.number))
      key.add(page.document)
    }
    key.add(contents.entries, parts: false)
    return key.digest
  }

  var root: XMLElement {
    var playOrder = 0
    func points(_ entries: [TableOfContents.Entry]) -> [XMLNode] {
      entries.map { entry in
        playOrder += 1
        let order = playOrder
        var children: [XMLNode] = [
          .el("navLabel", [], [.el("text", [], [.text(entry.title)])]),
          .el("content", [("src", NavigationDocument.href(entry))]),
        ]
        children += points(entry.children)
        return .el(
          "navPoint", [("id", "navpoint-\(order)"), ("playOrder", String(order))],
          XHTMLRenderer.lines(children))
      }
    }
    let navMap = points(contents.entries)
    var pageTargets: [XMLNode] = []
    for page in pages {
      playOrder += 1
      pageTargets.append(
        .el(
          "pageTarget",
          [
            ("id", "page-target-\(page.number)"), ("type", "normal"),
            ("value", String(page.number)),
            ("playOrder", String(playOrder)),
          ],
          XHTMLRenderer.lines([
            .el("navLabel", [], [.el("text", [], [.text(String(page.number))])]),
            .el(
              "content",
              [
                (
                  "src",
                  "text/" + XHTMLRenderer.fileName(forDocument: page.document) + "#"
                    + PagePlan.markerID(page.number)
                )
              ]),
          ])))
    }
    return XMLElement(
      "ncx",
      [
        ("xmlns", "http://www.daisy.org/z3986/2005/ncx/"), ("version", "2005-1"),
        ("xml:lang", metadata.language),
      ],
      XHTMLRenderer.lines(
        [
          .el(
            "head", [],
            XHTMLRenderer.lines([
              .el("meta", [("name", "dtb:uid"), ("content", metadata.identifier)]),
              .el("meta", [("name", "dtb:depth"), ("content", String(max(contents.depth, 1)))]),
              .el("meta", [("name", "dtb:totalPageCount"), ("content", String(pages.count))]),
              .el(
                "meta",
                [("name", "dtb:maxPageNumber"), ("content", String(pages.last?.number ?? 0))]),
            ])),
          .el("docTitle", [], [.el("text", [], [.text(metadata.title)])]),
          .el("navMap", [], XHTMLRenderer.lines(navMap)),
        ]
          + (pageTargets.isEmpty
            ? []
            : [
              .el(
                "pageList", [],
                XHTMLRenderer.lines(
                  [
                    .el("navLabel", [], [.el("text", [], [.text(pagesLabel)])])
                  ] + pageTargets))
            ])))
  }
}

extension RenderCache.KeyBuilder {
  /// Adds `entries` and their children, depth first (each list after its count): each
  /// entry's title, document and fragment, and whether it is a part when `parts` (the
  /// navigation document marks parts; the NCX does not).
  mutating func add(_ entries: [TableOfContents.Entry], parts: Bool) {
    add(String(entries.count))
    for entry in entries {
      add(entry.title)
      add(entry.document)
      add(entry.fragment.map { "#" + $0 } ?? "-")
      if parts { add(entry.isPart ? "part" : "-") }
      add(entry.children, parts: parts)
    }
  }
}
