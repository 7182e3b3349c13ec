import Foundation

/// Every document of a book rendered and written out as bytes, once, for both outputs: the
/// EPUB's XHTML file and the print edition's section.
///
/// Chapters are rendered on all cores, each in its own task (every libxml2 document is
/// made and freed inside the task). Only bytes are kept, not trees, so memory stays close
/// to the size of the outputs. With a ``RenderCache``, a chapter whose inputs have not
/// changed is read from the cache instead of being rendered.
public struct SerializedBook: Sendable {
  /// One document of the book, written out.
  public struct Document: Sendable {
    /// The document's id: the chapter's or part's, `notes`, `copyright-page`…
    public var id: String
    /// The id of the manifest item (`cover`, `titlepage`, `doc-<chapter id>`).
    public var manifestID: String
    /// The file name in `EPUB/text/`.
    public var fileName: String
    /// Front, body or back matter.
    public var matter: Matter
    /// The XHTML document, or empty when the EPUB is not being made.
    public var xhtml: [UInt8]
    /// The section as the print edition writes it, or empty when it is not being made.
    public var printSection: [UInt8]
    /// Problems found while rendering.
    public var diagnostics: [Diagnostic]
  }

  /// The book.
  public let book: Book
  /// The renderer (for the navigation page).
  public let renderer: XHTMLRenderer
  /// The cover page and its image, when the book has a cover (not in the print edition).
  public let cover: (document: Document, image: ImageResource)?
  /// The title page.
  public let titlePage: Document
  /// The generated copyright and dedication pages, after the title page.
  public let frontPages: [Document]
  /// The parts and chapters in reading order, then the Notes document when the book's notes
  /// go at its end.
  public let documents: [Document]
  /// Whether the last of ``documents`` is the Notes document (`notes: book-end`).
  public let hasNotes: Bool
  /// Problems found while rendering, sorted.
  public let diagnostics: [Diagnostic]
  /// How many chapters came from the cache.
  public let cacheHits: Int

  /// Renders and writes out every document of `book`.
  ///
  /// - Parameters:
  ///   - root: the manuscript folder, where images are read from (for the print edition).
  ///   - formats: the outputs being made; only their bytes are written.
  ///   - cache: where unchanged chapters are found and new ones stored, if anywhere.
  ///   - settings: what else the build is made with that the cache must tell apart (the
  ///     EPUB profile…), as text; part of every cache key.
  ///   - parallel: whether chapters are rendered on all cores (the bytes are the same).
  /// - Throws: ``OctavoError`` when an image cannot be read or libxml2 fails.
  public init(book: Book, root: URL, formats: Set<OutputFormat>, cache: RenderCache? = nil,
              settings: String = "", parallel: Bool = true) throws {
    XMLSerializer.prepareForConcurrentUse()
    self.book = book
    let renderer = XHTMLRenderer(book: book)
    self.renderer = renderer
    let epub = formats.contains(.epub)
    let print = formats.contains(.print)
    let images = print ? try Self.imageURIs(book: book, root: root) : [:]

    if let path = book.metadata.cover, let image = book.images.first(where: { $0.path == path }) {
      let page = renderer.renderCoverPage(image: image)
      cover = (try Self.write(page, id: "cover", manifestID: "cover", fileName: "cover.xhtml", matter: .front,
                              firstBody: false, images: images, epub: epub, print: false), image)
    } else {
      cover = nil
    }
    titlePage = try Self.write(renderer.renderTitlePage(), id: "titlepage", manifestID: "titlepage",
                               fileName: "titlepage.xhtml", matter: .front, firstBody: false,
                               images: images, epub: epub, print: print)
    frontPages = try renderer.renderFrontPages().map { id, page in
      try Self.write(page, id: id, manifestID: id, fileName: XHTMLRenderer.fileName(forDocument: id),
                     matter: .front, firstBody: false, images: images, epub: epub, print: print)
    }

    // Reading order, and which document opens the body matter (the print edition marks it).
    var jobs: [Job] = []
    for entry in book.contents {
      switch entry {
      case .chapter(let chapter): jobs.append(Job(item: .chapter(chapter), matter: chapter.type.matter))
      case .part(let part):
        jobs.append(Job(item: .part(part), matter: .body))
        for chapter in part.chapters { jobs.append(Job(item: .chapter(chapter), matter: chapter.type.matter)) }
      }
    }
    if let first = jobs.firstIndex(where: { $0.matter == .body }) { jobs[first].firstBody = true }
    let context = cache == nil ? nil : RenderCache.BookContext(book: book, images: images, formats: formats,
                                                                pagePlan: renderer.pagePlan, settings: settings)

    let results = Parallel.map(jobs, parallel: parallel) { job -> Result<(Document, Bool), Error> in
      Result {
        switch job.item {
        case .part(let part):
          return (try Self.write(renderer.render(part), id: part.id, manifestID: "doc-" + part.id,
                                 fileName: XHTMLRenderer.fileName(forDocument: part.id), matter: .body,
                                 firstBody: job.firstBody, images: images, epub: epub, print: print), false)
        case .chapter(let chapter):
          let key = context.map { $0.key(for: chapter, firstBody: job.firstBody) }
          let manifestID = "doc-" + chapter.id
          let fileName = XHTMLRenderer.fileName(forDocument: chapter.id)
          if let cache, let key, let entry = cache.entry(for: key) {
            return (Document(id: chapter.id, manifestID: manifestID, fileName: fileName, matter: job.matter,
                             xhtml: entry.xhtml, printSection: entry.printSection,
                             diagnostics: entry.diagnostics), true)
          }
          let document = try Self.write(renderer.render(chapter), id: chapter.id, manifestID: manifestID,
                                        fileName: fileName, matter: job.matter, firstBody: job.firstBody,
                                        footnoteCalls: true, images: images, epub: epub, print: print)
          if let cache, let key {
            cache.store(RenderCache.Entry(xhtml: document.xhtml, printSection: document.printSection,
                                          diagnostics: document.diagnostics), for: key)
          }
          return (document, false)
        }
      }
    }
    var documents: [Document] = []
    var hits = 0
    for result in results {
      let (document, hit) = try result.get()
      documents.append(document)
      if hit { hits += 1 }
    }
    // The Notes document gathers every chapter's notes: written each time, never cached.
    if let notes = renderer.renderNotesDocument() {
      let id = XHTMLRenderer.notesDocumentID
      documents.append(try Self.write(notes, id: id, manifestID: "doc-" + id,
                                      fileName: XHTMLRenderer.fileName(forDocument: id), matter: .back,
                                      firstBody: false, images: images, epub: epub, print: print))
      hasNotes = true
    } else {
      hasNotes = false
    }
    self.documents = documents
    cacheHits = hits
    diagnostics = documents.flatMap(\.diagnostics).sorted()
  }

  /// Writes out the documents of a book rendered as trees.
  public init(rendered: RenderedBook, root: URL, formats: Set<OutputFormat>) throws {
    book = rendered.book
    renderer = rendered.renderer
    let epub = formats.contains(.epub)
    let print = formats.contains(.print)
    let images = print ? try Self.imageURIs(book: book, root: root) : [:]
    cover = try rendered.cover.map { cover in
      (try Self.write(cover.page, id: "cover", manifestID: "cover", fileName: "cover.xhtml", matter: .front,
                      firstBody: false, images: images, epub: epub, print: false), cover.image)
    }
    titlePage = try Self.write(rendered.titlePage, id: "titlepage", manifestID: "titlepage",
                               fileName: "titlepage.xhtml", matter: .front, firstBody: false, images: images,
                               epub: epub, print: print)
    frontPages = try rendered.frontPages.map { id, page in
      try Self.write(page, id: id, manifestID: id, fileName: XHTMLRenderer.fileName(forDocument: id),
                     matter: .front, firstBody: false, images: images, epub: epub, print: print)
    }
    let chapterIDs = Set(rendered.book.chapters.map(\.id))
    var documents: [Document] = []
    var markedFirstBody = false
    for (id, document, matter) in rendered.readingOrder {
      let firstBody = matter == .body && !markedFirstBody
      if firstBody { markedFirstBody = true }
      documents.append(try Self.write(document, id: id, manifestID: "doc-" + id,
                                      fileName: XHTMLRenderer.fileName(forDocument: id), matter: matter,
                                      firstBody: firstBody, footnoteCalls: chapterIDs.contains(id),
                                      images: images, epub: epub, print: print))
    }
    self.documents = documents
    hasNotes = rendered.notes != nil
    diagnostics = rendered.diagnostics
    cacheHits = 0
  }

  private enum Item: Sendable {
    case chapter(Chapter)
    case part(Part)
  }

  private struct Job: Sendable {
    var item: Item
    var matter: Matter
    var firstBody = false
  }

  /// Writes one rendered document out for the outputs being made.
  ///
  /// For the print edition, the first body-matter document is marked (`first-bodymatter`)
  /// and, with `footnoteCalls` (chapters), each note's text is copied to its call
  /// (``PrintEditionRenderer/addFootnoteCalls(_:)``).
  static func write(
    _ rendered: XHTMLRenderer.Document, id: String, manifestID: String, fileName: String, matter: Matter,
    firstBody: Bool, footnoteCalls: Bool = false, images: [String: String], epub: Bool, print: Bool
  ) throws -> Document {
    let xhtml = epub ? try XMLSerializer.document(rendered.root, doctype: "html") : []
    var printSection: [UInt8] = []
    if print {
      var section = rendered.section
      if firstBody {
        section[attribute: "class"] = (section[attribute: "class"].map { $0 + " " } ?? "") + "first-bodymatter"
      }
      if footnoteCalls { PrintEditionRenderer.addFootnoteCalls(&section) }
      printSection = try XMLSerializer.fragment(PrintEditionRenderer.forPrint(section, images: images),
                                                syntax: .html)
    }
    return Document(id: id, manifestID: manifestID, fileName: fileName, matter: matter, xhtml: xhtml,
                    printSection: printSection, diagnostics: rendered.diagnostics)
  }

  /// Each image as a `data:` URI, by the `src` content documents give it.
  static func imageURIs(book: Book, root: URL) throws -> [String: String] {
    var uris: [String: String] = [:]
    for image in book.images {
      guard let data = image.bytes(in: root).map({ Data($0) }) else {
        throw OctavoError(.cannotWrite, path: image.path, detail: "cannot read the image")
      }
      uris[XHTMLRenderer.imagesPrefix + image.fileName] =
        "data:\(image.mediaType);base64," + data.base64EncodedString()
    }
    return uris
  }
}
