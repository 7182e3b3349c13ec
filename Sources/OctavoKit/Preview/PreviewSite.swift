import Foundation

/// A book made into web pages for a live preview (`octavo serve`): one snapshot of the
/// manuscript, loaded, checked and rendered once.
///
/// The site mirrors the EPUB's layout, so links between chapters, images and the style sheet
/// work as they do in the e-book:
///
/// | Path | What |
/// | --- | --- |
/// | `/`, `/nav.xhtml` | the table of contents |
/// | `/text/<id>.xhtml` | the title page, the cover, each part and chapter |
/// | `/styles/epub.css` | the e-book style sheet |
/// | `/images/<name>` | each image the book uses |
/// | `/print.html` | the print edition |
/// | `/book.epub` | the EPUB, made in memory |
///
/// Nothing else is served: every path is looked up among the book's own documents and
/// images, so no path can reach another file. Pages get a navigation bar (previous,
/// contents, next) and a small script that reloads the page when the server reports a new
/// ``generation`` on ``eventsPath``. When the manuscript has errors, every page shows the
/// diagnostics instead.
public final class PreviewSite: @unchecked Sendable {
  /// One answer of the site.
  public struct Resource: Sendable {
    /// The `Content-Type`.
    public var contentType: String
    /// The body.
    public var bytes: [UInt8]
    /// A file name to offer for download (`Content-Disposition: attachment`), if any.
    public var downloadName: String?
  }

  /// The path of the server-sent events stream that announces new generations.
  public static let eventsPath = "/_octavo/events"
  /// The path of the print edition.
  public static let printPath = "/print.html"
  /// The path of the EPUB.
  public static let epubPath = "/book.epub"

  /// The manuscript folder.
  public let manuscript: URL
  /// The number of this snapshot; each rebuild has a higher one.
  public let generation: Int
  /// Every problem found, sorted.
  public let diagnostics: [Diagnostic]
  /// Why the manuscript could not be loaded at all, if it could not.
  public let failure: OctavoError?
  /// The rendered book, when the manuscript has no errors.
  public let rendered: RenderedBook?
  /// The chapters in reading order, when loaded.
  public let book: Book?
  /// How long loading (reading, parsing, transforming, checking) took.
  public private(set) var loadTime: Duration = .zero
  /// How long rendering every document took.
  public private(set) var renderTime: Duration = .zero

  private let epubStylesheet: [UInt8]
  private let printStylesheet: String
  private let environment: [String: String]
  /// The documents by URL path, with their neighbours in reading order.
  private let pages: [String: (document: XHTMLRenderer.Document, previous: String?, next: String?)]
  private let images: [String: ImageResource]
  private let lock = NSLock()
  private var cache: [String: Resource] = [:]

  /// Loads, checks and renders the manuscript in `manuscript`.
  ///
  /// - Parameters:
  ///   - manuscript: the manuscript folder.
  ///   - styles: the folder of style sheets; built-in styles fill in what is missing.
  ///   - generation: the snapshot's number, written into pages for the reload script.
  ///   - environment: where `SOURCE_DATE_EPOCH` is read from.
  public init(manuscript: URL, styles: URL? = nil, generation: Int = 0,
              environment: [String: String] = ProcessInfo.processInfo.environment) {
    self.manuscript = manuscript
    self.generation = generation
    self.environment = environment
    epubStylesheet = BookBuilder.stylesheet("epub.css", in: styles)
    printStylesheet = String(decoding: BookBuilder.stylesheet("print.css", in: styles), as: UTF8.self)

    let clock = ContinuousClock()
    let start = clock.now
    let loaded: Manuscript
    do {
      loaded = try Manuscript.load(at: manuscript, environment: environment)
    } catch let error as OctavoError {
      failure = error
      diagnostics = []
      rendered = nil
      book = nil
      pages = [:]
      images = [:]
      return
    } catch {
      failure = OctavoError(.manuscriptNotFound, path: manuscript.path, detail: "\(error)")
      diagnostics = []
      rendered = nil
      book = nil
      pages = [:]
      images = [:]
      return
    }
    failure = nil
    book = loaded.book
    let loadedAt = clock.now
    loadTime = loadedAt - start
    guard !loaded.diagnostics.hasErrors else {
      diagnostics = BookBuilder.check(loaded)
      rendered = nil
      pages = [:]
      images = [:]
      renderTime = clock.now - loadedAt
      return
    }
    let rendered = RenderedBook(book: loaded.book)
    renderTime = clock.now - loadedAt
    self.rendered = rendered
    diagnostics = (loaded.diagnostics + rendered.diagnostics).sorted()

    var order: [(path: String, document: XHTMLRenderer.Document)] = []
    if let cover = rendered.cover { order.append(("/text/cover.xhtml", cover.page)) }
    order.append(("/text/titlepage.xhtml", rendered.titlePage))
    for (id, document, _) in rendered.readingOrder {
      order.append(("/text/" + XHTMLRenderer.fileName(forDocument: id), document))
    }
    var pages: [String: (XHTMLRenderer.Document, String?, String?)] = [:]
    for (index, entry) in order.enumerated() {
      pages[entry.path] = (entry.document,
                           index > 0 ? order[index - 1].path : nil,
                           index + 1 < order.count ? order[index + 1].path : nil)
    }
    self.pages = pages
    images = Dictionary(loaded.book.images.map { ("/images/" + $0.fileName, $0) },
                        uniquingKeysWith: { first, _ in first })
  }

  /// Whether the manuscript loaded without errors, so the book's pages are shown.
  public var isShowingBook: Bool { rendered != nil }

  /// The URL paths of the chapter and part pages, in reading order after the title page.
  public var documentPaths: [String] {
    guard let rendered else { return [] }
    return rendered.readingOrder.map { "/text/" + XHTMLRenderer.fileName(forDocument: $0.id) }
  }

  /// The answer for a request of `path` (percent-decoded, without the query), or `nil`
  /// when the site has no such file.
  public func resource(at path: String) -> Resource? {
    guard let path = Self.normalized(path) else { return nil }
    lock.lock()
    if let cached = cache[path] {
      lock.unlock()
      return cached
    }
    lock.unlock()
    let made: Resource?
    do {
      made = try make(path)
    } catch {
      made = page(title: "Octavo: cannot show \(path)",
                  body: [.el("p", [("class", "octavo-failure")], [.text("\(error)")])])
    }
    if let made {
      lock.lock()
      cache[path] = made
      lock.unlock()
    }
    return made
  }

  /// `path` if it is a plain absolute path: no `..` or `.` segments, no empty segments, no
  /// backslashes or NUL; else `nil`.
  public static func normalized(_ path: String) -> String? {
    guard path.hasPrefix("/"), !path.contains("\\"), !path.contains("\0") else { return nil }
    if path == "/" { return path }
    let segments = path.dropFirst().split(separator: "/", omittingEmptySubsequences: false)
    for segment in segments where segment.isEmpty || segment == "." || segment == ".." {
      return nil
    }
    return path
  }

  private func make(_ path: String) throws -> Resource? {
    if path == "/styles/epub.css" {
      return Resource(contentType: "text/css; charset=utf-8", bytes: epubStylesheet)
    }
    guard let rendered, let book else {
      // Errors: every page of the book shows them.
      let isPage = path == "/" || path == "/nav.xhtml" || path.hasPrefix("/text/")
        || path == Self.printPath || path == Self.epubPath
      return isPage ? diagnosticsPage() : nil
    }
    switch path {
    case "/", "/nav.xhtml":
      let contents = TableOfContents(book: book)
      let nav = NavigationDocument(book: book, contents: contents, coverHref: nil, bodyMatterHref: nil)
      let first = pages.keys.contains("/text/cover.xhtml") ? "/text/cover.xhtml" : "/text/titlepage.xhtml"
      return try xhtml(decorate(nav.root(renderer: rendered.renderer), previous: nil, next: first))
    case Self.printPath:
      var printer = PrintEditionRenderer(rendered: rendered, root: manuscript, stylesheet: printStylesheet)
      printer.trailer = [.element(reloadScript)]
      return Resource(contentType: "text/html; charset=utf-8", bytes: try printer.render())
    case Self.epubPath:
      return Resource(contentType: "application/epub+zip", bytes: try epub(rendered),
                      downloadName: BookBuilder.outputName(for: book) + ".epub")
    default:
      if let page = pages[path] {
        return try xhtml(decorate(page.document.root, previous: page.previous, next: page.next))
      }
      if let image = images[path] {
        guard let data = image.bytes(in: manuscript) else { return nil }
        return Resource(contentType: image.mediaType, bytes: data)
      }
      return nil
    }
  }

  /// The EPUB, written to a temporary folder (never to the book's output folder) and read back.
  private func epub(_ rendered: RenderedBook) throws -> [UInt8] {
    let folder = FileManager.default.temporaryDirectory.appending(path: "octavo-preview-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "book.epub")
    try EPUBPackager(rendered: rendered, root: manuscript, stylesheet: epubStylesheet).write(to: file)
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw OctavoError(.cannotWrite, path: file.path, detail: "cannot read the EPUB back")
    }
    return [UInt8](data)
  }

  // MARK: - Pages

  private func xhtml(_ root: XMLElement) throws -> Resource {
    Resource(contentType: "application/xhtml+xml; charset=utf-8",
             bytes: try XMLSerializer.document(root, doctype: "html"))
  }

  /// The script that reloads the page when the server announces another generation.
  var reloadScript: XMLElement {
    XMLElement("script", [], [.text("""

      (function () {
        var source = new EventSource("\(Self.eventsPath)?generation=\(generation)");
        source.addEventListener("reload", function () { source.close(); window.location.reload(); });
      })();

      """)])
  }

  private static let barStyle = """

    .octavo-preview { font: 14px/1.4 system-ui, sans-serif; display: flex; gap: 1em; flex-wrap: wrap;
      padding: 0.5em 1em; margin: 0 0 1.5em; border-bottom: 1px solid #ccc; background: #f6f6f3; }
    .octavo-preview a { color: #234; }
    .octavo-diagnostics { font: 14px/1.5 ui-monospace, monospace; white-space: pre-wrap; }
    .octavo-diagnostics .error { color: #a00; }
    .octavo-diagnostics .warning { color: #850; }

    """

  /// Adds the navigation bar, the bar's style and the reload script to a page.
  private func decorate(_ page: XMLElement, previous: String?, next: String?) -> XMLElement {
    var links: [XMLNode] = []
    if let previous { links.append(.el("a", [("href", previous), ("rel", "prev")], [.text("← Previous")])) }
    links.append(.el("a", [("href", "/nav.xhtml")], [.text("Contents")]))
    if let next { links.append(.el("a", [("href", next), ("rel", "next")], [.text("Next →")])) }
    links.append(.el("a", [("href", Self.printPath)], [.text("Print edition")]))
    links.append(.el("a", [("href", Self.epubPath)], [.text("Download EPUB")]))
    let bar = XMLElement("nav", [("class", "octavo-preview"), ("aria-label", "Preview")], links)
    var warnings: [XMLNode] = []
    if !diagnostics.isEmpty {
      warnings = [.element(diagnosticsList(summary: true)), .text("\n")]
    }
    var page = page
    for index in page.children.indices {
      guard case .element(var element) = page.children[index] else { continue }
      if element.name == "head" {
        element.children += [.el("style", [], [.text(Self.barStyle)]), .text("\n")]
      } else if element.name == "body" {
        element.children = [.text("\n"), .element(bar)] + warnings + element.children
          + [.element(reloadScript), .text("\n")]
      }
      page.children[index] = .element(element)
    }
    return page
  }

  /// The diagnostics as a list, in `octavo check`'s words.
  private func diagnosticsList(summary: Bool) -> XMLElement {
    let items: [XMLNode] = diagnostics.map { diagnostic in
      .el("li", [("class", diagnostic.severity.rawValue)],
          [.text(diagnostic.formatted(relativeTo: manuscript.path))])
    }
    let list = XMLElement("ul", [("class", "octavo-diagnostics")], XHTMLRenderer.lines(items))
    guard summary else { return list }
    let errors = diagnostics.errorCount
    let warnings = diagnostics.warningCount
    let label = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    return XMLElement("details", [("class", "octavo-preview-warnings")],
                      [.el("summary", [], [.text(label)]), .element(list)])
  }

  /// The page shown in place of every page when the manuscript has errors.
  private func diagnosticsPage() -> Resource {
    if let failure {
      return page(title: "Octavo: the manuscript cannot be loaded",
                  body: [.el("h1", [], [.text("The manuscript cannot be loaded")]),
                         .el("p", [("class", "octavo-failure")], [.text("\(failure)")])])
    }
    let errors = diagnostics.errorCount
    let warnings = diagnostics.warningCount
    let summary = "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    return page(title: "Octavo: \(summary)", body: [
      .el("h1", [], [.text("The manuscript has errors")]),
      .el("p", [], [.text("Fix them and save: this page reloads by itself. (\(summary))")]),
      .element(diagnosticsList(summary: false)),
    ])
  }

  /// A page of the preview's own (not of the book).
  private func page(title: String, body: [XMLNode]) -> Resource {
    let language = book?.metadata.language ?? "en"
    let root = XMLElement("html", [
      ("xmlns", XHTMLRenderer.xhtmlNamespace), ("lang", language), ("xml:lang", language),
    ], XHTMLRenderer.lines([
      .el("head", [], XHTMLRenderer.lines([
        .el("title", [], [.text(title)]),
        .el("style", [], [.text(Self.barStyle)]),
      ])),
      .el("body", [], XHTMLRenderer.lines(body + [.element(reloadScript)])),
    ]))
    let bytes = (try? XMLSerializer.document(root, doctype: "html")) ?? Array(title.utf8)
    return Resource(contentType: "application/xhtml+xml; charset=utf-8", bytes: bytes)
  }
}
