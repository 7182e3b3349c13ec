/// Every document of a book rendered once, shared by the EPUB and the print edition.
public struct RenderedBook: Sendable {
  /// The book.
  public let book: Book
  /// The renderer that made the documents (and makes the navigation page).
  public let renderer: XHTMLRenderer
  /// The title page.
  public let titlePage: XHTMLRenderer.Document
  /// The cover page and its image, when the book has a cover.
  public let cover: (page: XHTMLRenderer.Document, image: ImageResource)?
  /// The generated copyright and dedication pages, after the title page.
  public let frontPages: [(id: String, document: XHTMLRenderer.Document)]
  /// The Notes document in the back matter, when the book's notes go at its end.
  public let notes: XHTMLRenderer.Document?
  /// Each chapter's and part's document, by its id.
  public let documents: [String: XHTMLRenderer.Document]
  /// Problems found while rendering (raw HTML that had to be repaired), sorted.
  public let diagnostics: [Diagnostic]

  /// Renders every document of `book`.
  public init(book: Book) {
    self.book = book
    renderer = XHTMLRenderer(book: book)
    titlePage = renderer.renderTitlePage()
    frontPages = renderer.renderFrontPages()
    if let path = book.metadata.cover, let image = book.images.first(where: { $0.path == path }) {
      cover = (renderer.renderCoverPage(image: image), image)
    } else {
      cover = nil
    }
    var documents: [String: XHTMLRenderer.Document] = [:]
    for part in book.parts { documents[part.id] = renderer.render(part) }
    for chapter in book.chapters { documents[chapter.id] = renderer.render(chapter) }
    self.documents = documents
    notes = renderer.renderNotesDocument()
    diagnostics = (documents.values.flatMap(\.diagnostics) + (notes?.diagnostics ?? [])).sorted()
  }

  /// The documents in reading order: parts and chapters, with their matter.
  public var readingOrder: [(id: String, document: XHTMLRenderer.Document, matter: Matter)] {
    let notesDocument = notes.map { [(XHTMLRenderer.notesDocumentID, $0, Matter.back)] } ?? []
    return book.contents.flatMap { entry -> [(String, XHTMLRenderer.Document, Matter)] in
      switch entry {
      case .chapter(let chapter):
        return documents[chapter.id].map { [(chapter.id, $0, chapter.type.matter)] } ?? []
      case .part(let part):
        var result: [(String, XHTMLRenderer.Document, Matter)] = []
        if let document = documents[part.id] { result.append((part.id, document, .body)) }
        for chapter in part.chapters {
          if let document = documents[chapter.id] { result.append((chapter.id, document, chapter.type.matter)) }
        }
        return result
      }
    } + notesDocument
  }
}
