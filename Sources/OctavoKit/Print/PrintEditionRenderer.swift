import Foundation

/// Renders the print edition: one self-contained HTML5 file holding a title page, the
/// table of contents and every chapter, styled for CSS paged media.
///
/// It works on the chapters as the EPUB renders them (one source of truth for the
/// content): it drops `epub:` attributes, turns links between documents into links inside
/// the page, and embeds images as `data:` URIs so the file can be printed anywhere.
public struct PrintEditionRenderer {
  /// The book's documents, written out.
  let documents: SerializedBook
  /// The print style sheet, inlined in `<style>`.
  let stylesheet: String
  /// Nodes added at the end of `<body>` (the live preview's reload script).
  var trailer: [XMLNode] = []
  /// Whether the book has a cross-reference, when the caller worked it out already
  /// (``hasCrossReference(_:)``); `nil` has the renderer walk the book for it.
  var hasCrossReference: Bool?
  /// Where the contents' section is kept from one build to the next
  /// (``contentsSection(_:lists:)``); nil: it is written each time.
  var cache: RenderCache?

  var book: Book { documents.book }

  /// Creates a print renderer for a book whose documents are written out (with the `.print`
  /// format).
  init(serialized: SerializedBook, stylesheet: String) {
    self.documents = serialized
    // A book with formulas gets the math rules after the style sheet.
    let book = serialized.book
    let hasMath = book.hasMath ?? book.chapters.contains(where: \.containsMath)
    self.stylesheet = hasMath ? stylesheet + MathStyle.print : stylesheet
  }

  /// Where the sections go in the page written around them.
  private static let placeholder = "o-sections"

  /// Renders the print edition and returns the HTML file's bytes.
  ///
  /// The page around the sections (head, style sheets) is written through libxml2 with a
  /// placeholder in its body; each document's section was written on its own
  /// (concurrently), and they take the placeholder's place, in the order below.
  public func render() throws -> [UInt8] {
    var result: [UInt8] = []
    for piece in try renderPieces() {
      switch piece {
      case .bytes(let bytes): result += bytes
      case .spilled(let file, let extents):
        for extent in extents { result += try file.bytes(at: extent) }
      }
    }
    return result
  }

  /// The print edition as pieces whose concatenation is the file, so it can be written out
  /// without one more copy of the whole book in memory.
  func renderPieces() throws -> [AtomicFile.Piece] {
    let metadata = book.metadata
    let words = documents.renderer.words
    let chaptersByID = Dictionary(
      book.chapters.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    let frontMatterIDs = Set(book.chapters.filter { $0.type.matter == .front }.map(\.id))
    let contents = documents.contents
    let toc = XMLElement(
      "nav", [("id", "toc"), ("class", "toc"), ("role", "doc-toc")],
      XHTMLRenderer.lines([
        .el("h1", [], [.text(words.contents)]),
        contents.orderedList(
          href: { "#" + ($0.fragment ?? $0.document) },
          frontMatter: frontMatterIDs),
      ]))
    // The lists of figures, tables and listings follow the contents, each on its own pages.
    let lists = NumberedLists(book: book, words: words).lists
    let listNavs = lists.map { list in
      XMLElement(
        "nav", [("id", list.id), ("class", "toc list-of")],
        XHTMLRenderer.lines([
          .el("h1", [], [.text(list.title)]),
          .element(NumberedLists.orderedList(list) { "#" + $0.numbering.id }),
        ]))
    }
    let tocSection = try contentsSection(toc, lists: listNavs)

    // Title page, copyright page (on its back), the short pages of the front matter
    // (dedication, epigraph), then the contents, then the rest in reading order. The
    // copyright page is the one book.yaml asks for (`copyright-page: true`, shared with the
    // EPUB), else a chapter of that type, else one made from the metadata: a printed book
    // always has one. The chapters' sections carry the first-body-matter mark and the
    // footnote calls already (``SerializedBook``).
    var sections: [AtomicFile.Piece] = [.bytes(documents.titlePage.printSection)]
    let generatedCopyright = documents.frontPages.contains { $0.id == "copyright-page" }
    if !generatedCopyright, !book.chapters.contains(where: { $0.type == .copyrightPage }),
      let page = copyrightPage()
    {
      sections.append(
        .bytes(
          try XMLSerializer.fragment(PrintSection.forPrint(page, images: [:]), syntax: .html)))
    }
    sections += documents.frontPages.map { .bytes($0.printSection) }
    var pageSections: [PageStyle.Section] = []
    let listSections = lists.map {
      PageStyle.Section(
        id: $0.id, runningHead: $0.title, isFrontMatter: true, restartsNumbering: false)
    }
    var placedContents = false
    var markedFirstBody = false
    for document in documents.documents {
      let chapter = chaptersByID[document.id]
      if !placedContents, !(chapter.map { Self.shortPageTypes.contains($0.type) } ?? false) {
        sections.append(tocSection)
        pageSections.append(
          .init(
            id: "toc", runningHead: words.contents, isFrontMatter: true,
            restartsNumbering: false))
        pageSections += listSections
        placedContents = true
      }
      let isFirstBody = document.matter == .body && !markedFirstBody
      if isFirstBody { markedFirstBody = true }
      if let chapter, !Self.shortPageTypes.contains(chapter.type) {
        pageSections.append(
          .init(
            id: document.id, runningHead: chapter.runningHead ?? chapter.title,
            isFrontMatter: document.matter == .front, restartsNumbering: isFirstBody))
      }
      sections.append(documents.printPiece(document))
    }
    if !placedContents {
      sections.append(tocSection)
      pageSections.append(
        .init(
          id: "toc", runningHead: words.contents, isFrontMatter: true,
          restartsNumbering: false))
      pageSections += listSections
    }
    var pageStyle = PageStyle(
      settings: metadata.printSettings, bookTitle: metadata.title, sections: pageSections)
    pageStyle.isDraft = metadata.isDraft

    var head: [XMLNode] = [.el("title", [], [.text(metadata.title)])]
    if !metadata.authors.isEmpty {
      head.append(
        .el(
          "meta",
          [
            ("name", "author"),
            ("content", metadata.authors.map(\.name).joined(separator: ", ")),
          ]))
    }
    if let description = metadata.description {
      head.append(.el("meta", [("name", "description"), ("content", description)]))
    }
    head.append(.el("meta", [("name", "generator"), ("content", "Octavo")]))
    head.append(.el("style", [], [.text("\n" + stylesheet + "\n")]))
    head.append(.el("style", [("id", "page-settings")], [.text("\n" + pageStyle.css())]))
    if let rule = Self.crossReferencePageRule(book, words: words, found: hasCrossReference) {
      head.append(.el("style", [], [.text("\n" + rule + "\n")]))
    }
    var attributes = [("lang", metadata.language)]
    if metadata.isRightToLeft { attributes.append(("dir", "rtl")) }
    let html = XMLElement(
      "html", attributes,
      XHTMLRenderer.lines([
        .el("head", [], XHTMLRenderer.lines(head)),
        .el("body", [], XHTMLRenderer.lines([.el(Self.placeholder)] + trailer)),
      ]))
    let page = try XMLSerializer.document(html, syntax: .html, doctype: "html")
    let marker = Array("<\(Self.placeholder)></\(Self.placeholder)>".utf8)
    guard let at = Self.lastIndex(of: marker, in: page) else {
      throw OctavoError(.xml, detail: "the print page lost its placeholder")
    }
    // The sections are not copied: a line break between them is a piece of its own.
    var pieces: [AtomicFile.Piece] = [.bytes(Array(page[..<at]))]
    let lineBreak = AtomicFile.Piece.bytes([UInt8(ascii: "\n")])
    for (index, section) in sections.enumerated() {
      if index > 0 { pieces.append(lineBreak) }
      pieces.append(section)
    }
    pieces.append(.bytes(Array(page[(at + marker.count)...])))
    return pieces
  }

  /// The contents (`toc`) as printed, followed by the `lists` of figures, tables and listings:
  /// the section is a function of these trees alone, so it is taken from ``cache`` when the
  /// same trees were written before (adapting and writing the 1,423 entries of the 1M-word
  /// book's contents takes 4 ms, hashing the trees and finding the entry 1.5 ms), and kept
  /// there when not.
  private func contentsSection(_ toc: XMLElement, lists: [XMLElement]) throws
    -> AtomicFile.Piece
  {
    func written() throws -> [UInt8] {
      var section = try XMLSerializer.fragment(
        PrintSection.forPrint(toc, images: [:]), syntax: .html)
      for list in lists {
        section += [UInt8(ascii: "\n")]
        section += try XMLSerializer.fragment(list, syntax: .html)
      }
      return section
    }
    guard let cache else { return .bytes(try written()) }
    var builder = RenderCache.KeyBuilder()
    builder.add("print contents")
    builder.add(tree: .element(toc))
    for list in lists { builder.add(tree: .element(list)) }
    let key = builder.digest
    if let stored = cache.storedEntry(for: key) {
      return .spilled(stored.file, [stored.printSection])
    }
    if let entry = cache.entry(for: key) { return .bytes(entry.printSection) }
    let section = try written()
    cache.store(RenderCache.Entry(xhtml: [], printSection: section, diagnostics: []), for: key)
    return .bytes(section)
  }

  /// Where `needle` last starts in `haystack` (the placeholder is in the body, after the
  /// style sheet, which could hold the same text).
  static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var start = haystack.count - needle.count
    while start >= 0 {
      if haystack[start] == needle[0], haystack[start..<start + needle.count].elementsEqual(needle)
      {
        return start
      }
      start -= 1
    }
    return nil
  }

  /// Chapter types set as short pages of their own (no running head, no folio): they come
  /// before the contents.
  static let shortPageTypes: Set<ChapterType> = [
    .halftitlepage, .dedication, .epigraph, .copyrightPage,
  ]

  /// The copyright page printed on the back of the title page, from the metadata: title,
  /// rights, publisher and year, ISBN, series.
  func copyrightPage() -> XMLElement? {
    let metadata = book.metadata
    var lines: [XMLNode] = []
    var title: [XMLNode] = [.el("em", [], [.text(metadata.title)])]
    if let subtitle = metadata.subtitle { title.append(.text(": " + subtitle)) }
    lines.append(.el("p", [("class", "copyright-title")], title))
    if let rights = metadata.rights {
      lines.append(.el("p", [("class", "rights")], [.text(rights)]))
    }
    let year = metadata.date.map { String($0.prefix(4)) }
    let imprint = [metadata.publisher, year].compactMap { $0 }.joined(separator: ", ")
    if !imprint.isEmpty { lines.append(.el("p", [("class", "imprint")], [.text(imprint)])) }
    if let series = metadata.series {
      var text = series.name
      if let position = series.positionText { text += " " + position }
      lines.append(.el("p", [("class", "series")], [.text(text)]))
    }
    if metadata.identifier.hasPrefix("urn:isbn:") {
      lines.append(
        .el("p", [("class", "isbn")], [.text("ISBN " + metadata.identifier.dropFirst(9))]))
    }
    lines.append(.el("p", [("class", "colophon-note")], [.text("Typeset with Octavo.")]))
    return XMLElement(
      "section", [("class", "copyright-page frontmatter"), ("aria-label", "Copyright")],
      XHTMLRenderer.lines(lines))
  }
}
