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
/// | `/print` | the print edition as pages (PDF made on demand), else in a frame |
/// | `/book.epub` | the EPUB, made in memory |
/// | `/_octavo/…` | the preview's style sheet, script, search index and page images |
///
/// Nothing else is served: every path is looked up among the book's own documents and
/// images, so no path can reach another file. Pages are framed by ``PreviewChrome`` (the
/// contents in a sidebar, search, themes, previous and next) and reload themselves when the
/// server reports a new ``generation`` on ``eventsPath``. When the manuscript has errors a
/// draft can be made with (``Diagnostic/allowsDraft``), the book is shown as a draft, with
/// placeholders for missing images and the diagnostics in a banner on every page; other
/// errors replace every page with the diagnostics.
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
  /// The path of the print edition shown as pages.
  public static let printPagesPath = "/print"
  /// The path of the search index.
  public static let searchIndexPath = "/_octavo/search.json"
  /// The path of the print edition's PDF, made on demand.
  public static let printPDFPath = "/_octavo/print.pdf"
  /// The folder of the print edition's page images (`page-1.png`…).
  public static let printPagesFolder = "/_octavo/print/"

  /// The manuscript folder.
  public let manuscript: URL
  /// The number of this snapshot; each rebuild has a higher one.
  public let generation: Int
  /// Every problem found, sorted.
  public let diagnostics: [Diagnostic]
  /// Why the manuscript could not be loaded at all, if it could not.
  public let failure: OctavoError?
  /// The book's documents, rendered as a build renders them, as trees only (the pages are
  /// made of them; the EPUB and the print edition are written out from them when asked for), when the manuscript has no errors, or none that stop a draft.
  let rendered: SerializedBook?
  /// The chapters in reading order, when loaded. A chapter unchanged since the last snapshot
  /// of the same ``LivePreview`` is its summary: headings, notes, links and labels without
  /// the plain paragraphs (its document is the one rendered before).
  public let book: Book?
  /// How long loading (reading, parsing, transforming, checking) took.
  public private(set) var loadTime: Duration = .zero
  /// How long rendering every document took.
  public private(set) var renderTime: Duration = .zero
  /// How many chapters were taken from their summaries rather than whole.
  package private(set) var summarizedChapters = 0

  private let epubStylesheet: [UInt8]
  private let printStylesheet: String
  private let environment: [String: String]
  /// The documents by URL path, with their neighbours in reading order.
  private let pages: [String: (document: XHTMLRenderer.Document, previous: String?, next: String?)]
  private let images: [String: ImageResource]
  private let lock = NSLock()
  private var cache: [String: Resource] = [:]
  private var chrome: PreviewChrome!
  private let printLock = NSLock()
  private var printOutcome: PrintPages.Outcome?

  /// Loads, checks and renders the manuscript in `manuscript`.
  ///
  /// - Parameters:
  ///   - manuscript: the manuscript folder.
  ///   - styles: the folder of style sheets; built-in styles fill in what is missing.
  ///   - generation: the snapshot's number, written into pages for the reload script.
  ///   - environment: where `SOURCE_DATE_EPOCH` is read from.
  public convenience init(
    manuscript: URL, styles: URL? = nil, generation: Int = 0,
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) {
    self.init(
      manuscript: manuscript, styles: styles, generation: generation, environment: environment,
      memo: nil)
  }

  /// Loads, checks and renders the manuscript, taking unchanged chapters from `memo`.
  package init(
    manuscript: URL, styles: URL?, generation: Int, environment: [String: String],
    memo: ChapterParseMemo?
  ) {
    self.manuscript = manuscript
    self.generation = generation
    self.environment = environment
    epubStylesheet = BookBuilder.stylesheet("epub.css", in: styles)
    printStylesheet = String(
      decoding: BookBuilder.stylesheet("print.css", in: styles), as: UTF8.self)

    let clock = ContinuousClock()
    let start = clock.now
    // Unchanged chapters come from their summaries in `memo` and their documents from the
    // last snapshot's; a summarized chapter whose document is not kept is taken whole on a
    // second go, as a build does (``BookBuilder/build(_:)``).
    var fullPaths: Set<String>? = []
    var loaded: Manuscript
    var draft: Book
    var loadedAt: ContinuousClock.Instant
    var rendered: SerializedBook
    while true {
      do {
        loaded = try Manuscript.load(
          at: manuscript, environment: environment, parallel: true, memo: memo,
          summaries: nil, memoSummaries: true, fullPaths: fullPaths)
      } catch {
        failure =
          (error as? OctavoError)
          ?? OctavoError(.manuscriptNotFound, path: manuscript.path, detail: "\(error)")
        diagnostics = []
        self.rendered = nil
        book = nil
        pages = [:]
        images = [:]
        chrome = makeChrome(entries: [])
        return
      }
      draft = loaded.book
      // With errors, the book is a draft: placeholders stand for missing images.
      draft.metadata.isDraft = loaded.diagnostics.hasErrors
      loadedAt = clock.now
      loadTime = loadedAt - start
      if !loaded.summarized.isEmpty, !loaded.diagnostics.allowsDraft {
        // The errors are reported from the whole chapters.
        fullPaths = nil
        continue
      }
      guard loaded.diagnostics.allowsDraft else {
        book = draft
        failure = nil
        diagnostics = BookBuilder.check(loaded)
        self.rendered = nil
        pages = [:]
        images = [:]
        renderTime = clock.now - loadedAt
        chrome = makeChrome(entries: [])
        return
      }
      do {
        rendered = try SerializedBook(
          book: draft, root: manuscript, formats: [], keepsTrees: true,
          summarized: loaded.summarized, memory: memo?.documents)
        break
      } catch let missing as SerializedBook.MissingRendering {
        if let paths = fullPaths, !paths.isSuperset(of: missing.paths) {
          fullPaths = paths.union(missing.paths)
        } else {
          fullPaths = nil
        }
      } catch {
        // An image that cannot be read any more: nothing of the book can be shown.
        book = draft
        failure =
          error as? OctavoError
          ?? OctavoError(.cannotWrite, path: manuscript.path, detail: "\(error)")
        diagnostics = loaded.diagnostics
        self.rendered = nil
        pages = [:]
        images = [:]
        renderTime = clock.now - loadedAt
        chrome = makeChrome(entries: [])
        return
      }
    }
    memo?.documents.retainUsed()
    summarizedChapters = loaded.summarized.count
    book = draft
    failure = nil
    renderTime = clock.now - loadedAt
    self.rendered = rendered
    diagnostics = (loaded.diagnostics + rendered.diagnostics).sorted()

    // The cover, the title page, then the parts and chapters in reading order.
    var order: [(path: String, document: XHTMLRenderer.Document)] = []
    for document in [rendered.cover?.document, rendered.titlePage].compactMap({ $0 })
      + rendered.documents
    {
      if let tree = document.tree { order.append(("/text/" + document.fileName, tree)) }
    }
    var pages: [String: (XHTMLRenderer.Document, String?, String?)] = [:]
    for (index, entry) in order.enumerated() {
      pages[entry.path] = (
        entry.document,
        index > 0 ? order[index - 1].path : nil,
        index + 1 < order.count ? order[index + 1].path : nil
      )
    }
    self.pages = pages
    images = Dictionary(
      loaded.book.images.map { ("/images/" + $0.fileName, $0) },
      uniquingKeysWith: { first, _ in first })
    chrome = makeChrome(
      entries: PreviewChrome.entries(
        book: draft, words: rendered.renderer.words, hasCover: rendered.cover != nil,
        hasNotes: rendered.hasNotes))
  }

  private func makeChrome(entries: [PreviewChrome.Entry]) -> PreviewChrome {
    PreviewChrome(
      title: book?.metadata.title ?? "Octavo", language: book?.metadata.language ?? "en",
      entries: entries, titles: PreviewChrome.titles(entries), diagnostics: diagnostics,
      manuscript: manuscript, generation: generation, reloadScript: reloadScript,
      showsBook: rendered != nil)
  }

  /// Whether the manuscript loaded without errors, so the book's pages are shown.
  public var isShowingBook: Bool { rendered != nil }

  /// The URL paths of the chapter and part pages, in reading order after the title page.
  public var documentPaths: [String] {
    guard let rendered else { return [] }
    return rendered.documents.map { "/text/" + $0.fileName }
  }

  /// The answer for a request of `path`, made off Swift's cooperative threads (the print
  /// pages can take seconds to make).
  public func load(_ path: String) async -> Resource? {
    await withCheckedContinuation { continuation in
      DispatchQueue.global().async { continuation.resume(returning: self.resource(at: path)) }
    }
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
      made = page(
        title: "Octavo: cannot show \(path)",
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
    switch path {
    case "/styles/epub.css":
      var css = epubStylesheet
      if book?.metadata.isDraft == true { css += Array(BookBuilder.draftStylesheet.utf8) }
      return Resource(contentType: "text/css; charset=utf-8", bytes: css)
    case PreviewAssets.stylesheetPath:
      return Resource(
        contentType: "text/css; charset=utf-8", bytes: Array(PreviewAssets.stylesheet.utf8))
    case PreviewAssets.scriptPath:
      return Resource(
        contentType: "text/javascript; charset=utf-8", bytes: Array(PreviewAssets.script.utf8))
    default:
      break
    }
    guard let rendered, let book else {
      // Errors a draft cannot be made with: every page of the book shows them.
      let isPage =
        path == "/" || path == "/nav.xhtml" || path.hasPrefix("/text/")
        || path == Self.printPath || path == Self.epubPath || path == Self.printPagesPath
      return isPage ? diagnosticsPage() : nil
    }
    switch path {
    case "/", "/nav.xhtml":
      let contents = TableOfContents(book: book)
      let nav = NavigationDocument(
        book: book, contents: contents, coverHref: nil, bodyMatterHref: nil)
      let first =
        pages.keys.contains("/text/cover.xhtml") ? "/text/cover.xhtml" : "/text/titlepage.xhtml"
      return try xhtml(
        chrome.wrap(
          nav.root(renderer: rendered.renderer), path: "/nav.xhtml",
          previous: nil, next: first))
    case Self.searchIndexPath:
      var documents: [(path: String, title: String, section: XMLElement)] = []
      for document in rendered.documents {
        guard let tree = document.tree else { continue }
        let path = "/text/" + document.fileName
        documents.append((path, chrome.titles[path] ?? document.id, tree.section))
      }
      return Resource(
        contentType: "application/json", bytes: try SearchIndex(documents: documents).json())
    case Self.printPagesPath:
      return try xhtml(printPagesPage(rendered))
    case Self.printPDFPath:
      guard case .pages(let folder, _, _) = printPages(rendered),
        let data = FileManager.default.contents(atPath: folder.appending(path: "book.pdf").path)
      else { return nil }
      return Resource(
        contentType: "application/pdf", bytes: [UInt8](data),
        downloadName: BookBuilder.outputName(for: book) + ".pdf")
    case Self.printPath:
      return Resource(
        contentType: "text/html; charset=utf-8", bytes: try printEdition(rendered, reloads: true))
    case Self.epubPath:
      return Resource(
        contentType: "application/epub+zip", bytes: try epub(rendered),
        downloadName: BookBuilder.outputName(for: book) + ".epub")
    default:
      if let page = pages[path] {
        return try xhtml(
          chrome.wrap(page.document.root, path: path, previous: page.previous, next: page.next))
      }
      if path.hasPrefix(Self.printPagesFolder) {
        let name = path.dropFirst(Self.printPagesFolder.count)
        guard name.hasPrefix("page-"), name.hasSuffix(".png"),
          let number = Int(name.dropFirst(5).dropLast(4)),
          case .pages(let folder, let count, _) = printPages(rendered),
          (1...count).contains(number),
          let data = FileManager.default.contents(
            atPath: folder.appending(path: "page-\(number).png").path)
        else { return nil }
        return Resource(contentType: "image/png", bytes: [UInt8](data))
      }
      if let image = images[path] {
        guard let data = image.bytes(in: manuscript) else { return nil }
        return Resource(contentType: image.mediaType, bytes: data)
      }
      return nil
    }
  }

  /// The EPUB, written to a temporary folder (never to the book's output folder) and read back.
  private func epub(_ rendered: SerializedBook) throws -> [UInt8] {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-preview-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "book.epub")
    try EPUBPackager(
      serialized: try rendered.writingOut([.epub], root: manuscript), root: manuscript,
      stylesheet: epubStylesheet
    ).write(to: file)
    guard let data = FileManager.default.contents(atPath: file.path) else {
      throw OctavoError(.cannotWrite, path: file.path, detail: "cannot read the EPUB back")
    }
    return [UInt8](data)
  }

  // MARK: - Pages

  private func xhtml(_ root: XMLElement) throws -> Resource {
    Resource(
      contentType: "application/xhtml+xml; charset=utf-8",
      bytes: try XMLSerializer.document(root, doctype: "html"))
  }

  /// The script that reloads the page when the server announces another generation.
  var reloadScript: XMLElement {
    XMLElement(
      "script", [],
      [
        .text(
          """

          (function () {
            var source = new EventSource("\(Self.eventsPath)?generation=\(generation)");
            source.addEventListener("reload", function () { source.close(); window.location.reload(); });
          })();

          """)
      ])
  }

  /// The print edition, as served at ``printPath`` (with the reload script).
  private func printEdition(_ rendered: SerializedBook, reloads: Bool) throws -> [UInt8] {
    var printer = PrintEditionRenderer(
      serialized: try rendered.writingOut([.print], root: manuscript), stylesheet: printStylesheet)
    if reloads { printer.trailer = [.element(reloadScript)] }
    return try printer.render()
  }

  /// The print edition's pages, made the first time they are asked for.
  private func printPages(_ rendered: SerializedBook) -> PrintPages.Outcome {
    printLock.lock()
    defer { printLock.unlock() }
    if let printOutcome { return printOutcome }
    let outcome: PrintPages.Outcome
    do {
      outcome = PrintPages.make(
        html: try printEdition(rendered, reloads: false), environment: environment,
        projectFolders: [
          URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
          manuscript.deletingLastPathComponent(),
        ])
    } catch {
      outcome = .unavailable("\(error)")
    }
    printOutcome = outcome
    return outcome
  }

  /// The print edition shown as pages, two by two like an open book; else in a frame.
  private func printPagesPage(_ rendered: SerializedBook) -> XMLElement {
    let title = "Print edition: " + (book?.metadata.title ?? "")
    switch printPages(rendered) {
    case .pages(_, let count, let engine):
      let size = rendered.book.metadata.printSettings.trim
      let height = Int((Double(PrintPages.pixels) * min(1, size.height / size.width)).rounded())
      let width = Int((Double(PrintPages.pixels) * min(1, size.width / size.height)).rounded())
      let figures: [XMLNode] = (1...max(count, 1)).map { number in
        .el(
          "figure", number == 1 ? [("class", "octavo-first")] : [],
          [
            .el(
              "img",
              [
                ("src", Self.printPagesFolder + "page-\(number).png"),
                ("alt", "Page \(number) of the print edition"),
                ("width", "\(width)"), ("height", "\(height)"), ("loading", "lazy"),
              ]),
            .el("figcaption", [], [.text("\(number)")]),
          ])
      }
      let note = XMLElement(
        "p", [("class", "octavo-print-note")],
        [
          .text(
            "\(count) pages, printed by \(engine == .weasyprint ? "WeasyPrint" : "Chromium") as octavo build --pdf prints them. "
          ),
          .el("a", [("href", Self.printPDFPath)], [.text("Download the PDF")]), .text(" · "),
          .el("a", [("href", Self.printPath)], [.text("The HTML print edition")]),
        ])
      return chrome.page(
        title: title, path: Self.printPagesPath,
        body: [
          .element(note), .el("div", [("class", "octavo-pages")], XHTMLRenderer.lines(figures)),
        ],
        wide: true)
    case .unavailable(let reason):
      let note = XMLElement(
        "p", [("class", "octavo-print-note")],
        [
          .text("The pages cannot be shown (\(reason)), so here is the HTML print edition. "),
          .el("a", [("href", Self.printPath)], [.text("Open it on its own")]),
        ])
      return chrome.page(
        title: title, path: Self.printPagesPath,
        body: [
          .element(note),
          .el(
            "iframe",
            [
              ("class", "octavo-print-frame"), ("src", Self.printPath),
              ("title", "The print edition"),
            ], [.text(" ")]),
        ], wide: true)
    }
  }

  /// The page shown in place of every page when the manuscript has errors a draft cannot
  /// be made with.
  private func diagnosticsPage() -> Resource {
    if let failure {
      return page(
        title: "Octavo: the manuscript cannot be loaded",
        body: [
          .el("h1", [], [.text("The manuscript cannot be loaded")]),
          .el("p", [("class", "octavo-failure")], [.text("\(failure)")]),
        ])
    }
    let errors = diagnostics.errorCount
    let warnings = diagnostics.warningCount
    let summary =
      "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
    return page(
      title: "Octavo: \(summary)",
      body: [
        .el("h1", [], [.text("The manuscript has errors")]),
        .el(
          "p", [],
          [
            .text(
              "These errors stop even a draft. Fix them and save: this page reloads by itself. (\(summary))"
            )
          ]),
      ])
  }

  /// A page of the preview's own (not of the book), in the frame.
  private func page(title: String, body: [XMLNode]) -> Resource {
    let root = chrome.page(title: title, path: "", body: body)
    let bytes = (try? XMLSerializer.document(root, doctype: "html")) ?? Array(title.utf8)
    return Resource(contentType: "application/xhtml+xml; charset=utf-8", bytes: bytes)
  }
}
