import Foundation

/// Renders the print edition: one self-contained HTML5 file holding a title page, the
/// table of contents and every chapter, styled for CSS paged media.
///
/// It works on the chapters as the EPUB renders them (one source of truth for the
/// content): it drops `epub:` attributes, turns links between documents into links inside
/// the page, and embeds images as `data:` URIs so the file can be printed anywhere.
public struct PrintEditionRenderer {
  let rendered: RenderedBook
  /// The manuscript folder, where images are read from.
  let root: URL
  /// The print style sheet, inlined in `<style>`.
  let stylesheet: String
  /// Nodes added at the end of `<body>` (the live preview's reload script).
  var trailer: [XMLNode] = []

  var book: Book { rendered.book }

  /// Creates a print renderer for a rendered book.
  public init(rendered: RenderedBook, root: URL, stylesheet: String) {
    self.rendered = rendered
    self.root = root
    self.stylesheet = stylesheet
  }

  /// Renders the print edition and returns the HTML file's bytes.
  public func render() throws -> [UInt8] {
    var imageURIs: [String: String] = [:]
    for image in book.images {
      guard let data = FileManager.default.contents(atPath: root.appending(path: image.path).path) else {
        throw OctavoError(.cannotWrite, path: image.path, detail: "cannot read the image")
      }
      imageURIs[XHTMLRenderer.imagesPrefix + image.fileName] =
        "data:\(image.mediaType);base64," + data.base64EncodedString()
    }

    var sections: [XMLElement] = [rendered.titlePage.section] + rendered.frontPages.map(\.document.section)
    let frontMatterIDs = Set(book.chapters.filter { $0.type.matter == .front }.map(\.id))
    let contents = TableOfContents(book: book, notesTitle: rendered.notes.map { _ in rendered.renderer.words.notes })
    sections.append(XMLElement("nav", [("id", "toc"), ("class", "toc"), ("role", "doc-toc")],
                               XHTMLRenderer.lines([
                                 .el("h1", [], [.text(rendered.renderer.words.contents)]),
                                 contents.orderedList(href: { "#" + ($0.fragment ?? $0.document) },
                                                      frontMatter: frontMatterIDs),
                               ])))
    var markedFirstBody = false
    for (_, document, matter) in rendered.readingOrder {
      var section = document.section
      if matter == .body, !markedFirstBody {
        section[attribute: "class"] = (section[attribute: "class"].map { $0 + " " } ?? "") + "first-bodymatter"
        markedFirstBody = true
      }
      sections.append(section)
    }

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
    let body = sections.map { XMLNode.element(Self.forPrint($0, images: imageURIs)) } + trailer
    var attributes = [("lang", metadata.language)]
    if metadata.isRightToLeft { attributes.append(("dir", "rtl")) }
    let html = XMLElement("html", attributes, XHTMLRenderer.lines([
      .el("head", [], XHTMLRenderer.lines(head)),
      .el("body", [], XHTMLRenderer.lines(body)),
    ]))
    return try XMLSerializer.document(html, syntax: .html, doctype: "html")
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
    element.children = element.children.compactMap { child in
      if case .element(let inner) = child {
        // The EPUB's digital page numbers mean nothing on paper.
        if inner[attribute: "role"] == "doc-pagebreak" { return nil }
        return .element(forPrint(inner, images: images))
      }
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
