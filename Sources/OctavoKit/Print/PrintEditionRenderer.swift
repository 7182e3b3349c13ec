import Foundation

/// Renders the print edition: one self-contained HTML5 file holding a title page, the
/// table of contents and every chapter, styled for CSS paged media.
///
/// It works on the chapters as the EPUB renders them (one source of truth for the
/// content): it drops `epub:` attributes, turns links between documents into links inside
/// the page, and embeds images as `data:` URIs so the file can be printed anywhere.
public struct PrintEditionRenderer {
  /// The documents, rendered as trees (written out when printing) …
  let rendered: RenderedBook?
  /// … or already written out.
  let serialized: SerializedBook?
  /// The manuscript folder, where images are read from.
  let root: URL
  /// The print style sheet, inlined in `<style>`.
  let stylesheet: String

  var book: Book { serialized?.book ?? rendered!.book }

  /// Creates a print renderer for a rendered book.
  public init(rendered: RenderedBook, root: URL, stylesheet: String) {
    self.rendered = rendered
    self.serialized = nil
    self.root = root
    self.stylesheet = stylesheet
  }

  /// Creates a print renderer for a book whose documents are written out already.
  public init(serialized: SerializedBook, root: URL, stylesheet: String) {
    self.rendered = nil
    self.serialized = serialized
    self.root = root
    self.stylesheet = stylesheet
  }

  /// Where the sections go in the page written around them.
  private static let placeholder = "o-sections"

  /// Renders the print edition and returns the HTML file's bytes.
  ///
  /// The page around the sections (head, style sheet, table of contents) is written through
  /// libxml2 with a placeholder in its body; each document's section was written on its own
  /// (concurrently), and they take the placeholder's place, in reading order.
  public func render() throws -> [UInt8] {
    let pieces = try renderPieces()
    var result: [UInt8] = []
    result.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
    for piece in pieces { result += piece }
    return result
  }

  /// The print edition as pieces whose concatenation is the file, so it can be written out
  /// without one more copy of the whole book in memory.
  func renderPieces() throws -> [[UInt8]] {
    let documents = try serialized ?? SerializedBook(rendered: rendered!, root: root, formats: [.print])
    let frontMatterIDs = Set(book.chapters.filter { $0.type.matter == .front }.map(\.id))
    let contents = TableOfContents(book: book)
    let nav = XMLElement("nav", [("id", "toc"), ("class", "toc"), ("role", "doc-toc")],
                         XHTMLRenderer.lines([
                           .el("h1", [], [.text(NavigationDocument.title)]),
                           contents.orderedList(href: { "#" + ($0.fragment ?? $0.document) },
                                                frontMatter: frontMatterIDs),
                         ]))
    var sections: [[UInt8]] = [documents.titlePage.printSection,
                               try XMLSerializer.fragment(Self.forPrint(nav, images: [:]), syntax: .html)]
    sections += documents.documents.map(\.printSection)

    let metadata = book.metadata
    var head: [XMLNode] = [.el("title", [], [.text(metadata.title)])]
    if !metadata.authors.isEmpty {
      head.append(.el("meta", [("name", "author"),
                               ("content", metadata.authors.map(\.name).joined(separator: ", "))]))
    }
    if let description = metadata.description {
      head.append(.el("meta", [("name", "description"), ("content", description)]))
    }
    head.append(.el("meta", [("name", "generator"), ("content", "Octavo")]))
    head.append(.el("style", [], [.text("\n" + stylesheet + "\n")]))
    var attributes = [("lang", metadata.language)]
    if metadata.isRightToLeft { attributes.append(("dir", "rtl")) }
    let html = XMLElement("html", attributes, XHTMLRenderer.lines([
      .el("head", [], XHTMLRenderer.lines(head)),
      .el("body", [], XHTMLRenderer.lines([.el(Self.placeholder)])),
    ]))
    let page = try XMLSerializer.document(html, syntax: .html, doctype: "html")
    let marker = Array("<\(Self.placeholder)></\(Self.placeholder)>".utf8)
    guard let at = Self.lastIndex(of: marker, in: page) else {
      throw OctavoError(.xml, detail: "the print page lost its placeholder")
    }
    var pieces: [[UInt8]] = [Array(page[..<at])]
    for (index, section) in sections.enumerated() {
      pieces.append(index > 0 ? [UInt8(ascii: "\n")] + section : section)
    }
    pieces.append(Array(page[(at + marker.count)...]))
    return pieces
  }

  /// Where `needle` last starts in `haystack` (the placeholder is in the body, after the
  /// style sheet, which could hold the same text).
  static func lastIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
    guard needle.count <= haystack.count else { return nil }
    var start = haystack.count - needle.count
    while start >= 0 {
      if haystack[start] == needle[0], haystack[start..<start + needle.count].elementsEqual(needle) {
        return start
      }
      start -= 1
    }
    return nil
  }

  /// Adapts an EPUB element tree to the single-page print edition.
  static func forPrint(_ element: XMLElement, images: [String: String]) -> XMLElement {
    var element = element
    // libxml2's HTML writer percent-encodes the brackets of an IPv6 host, which breaks the
    // address: such a link is printed as its text.
    if element.name == "a", let href = element[attribute: "href"], href.contains("://[") {
      element.name = "span"
      element[attribute: "href"] = nil
    }
    element.attributes = element.attributes.compactMap { attribute in
      let (name, value) = attribute
      if name.hasPrefix("epub:") || name.hasPrefix("xml:") || name.hasPrefix("xmlns") { return nil }
      if name == "href", element.name == "a" { return (name, inPageLink(value)) }
      if name == "src", element.name == "img" { return (name, images[value] ?? value) }
      return attribute
    }
    // Paper cannot be clicked open: print collapsed details open.
    if element.name == "details" { element[attribute: "open"] = "open" }
    element.children = element.children.map { child in
      if case .element(let inner) = child { return .element(forPrint(inner, images: images)) }
      return child
    }
    return element
  }

  /// Turns `chapter.xhtml#id` into `#id` and `chapter.xhtml` into `#chapter`: every id is
  /// unique in the book, so all documents can share one page.
  static func inPageLink(_ href: String) -> String {
    guard !href.contains(":"), !href.hasPrefix("#") else { return href }
    let parts = href.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)
    let file = String(parts[0])
    guard file.hasSuffix(".xhtml"), !file.contains("/") else { return href }
    if parts.count == 2, !parts[1].isEmpty { return "#" + parts[1] }
    return "#" + file.dropLast(".xhtml".count)
  }
}
