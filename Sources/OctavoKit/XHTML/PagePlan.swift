/// Where the EPUB's page-break markers go when `book.yaml` asks for a page list: a fixed-
/// length digital pagination, the same for the same manuscript.
///
/// Each chapter and part starts a new page; inside a chapter, a new page starts before the
/// first top-level block once the page holds ``charactersPerPage`` characters of text.
/// Pages break only between blocks, never inside one. A chapter with raw HTML blocks gets
/// only its opening marker, since an HTML element may span several blocks.
struct PagePlan: Sendable {
  /// About how many characters of text make a page.
  static let charactersPerPage = 1_800

  /// One page: its number and where it starts.
  struct Page: Sendable, Hashable {
    /// The page number, from 1.
    var number: Int
    /// The id of the chapter's or part's document.
    var document: String
    /// The index of the top-level block the page starts before.
    var blockIndex: Int
  }

  /// Every page in reading order.
  private(set) var pages: [Page] = []

  /// The page breaks of `book`, or none when it asks for no page list.
  init(book: Book) {
    guard book.metadata.pageList else { return }
    for entry in book.contents {
      switch entry {
      case .chapter(let chapter): add(chapter)
      case .part(let part):
        pages.append(Page(number: pages.count + 1, document: part.id, blockIndex: 0))
        part.chapters.forEach { add($0) }
      }
    }
  }

  private mutating func add(_ chapter: Chapter) {
    pages.append(Page(number: pages.count + 1, document: chapter.id, blockIndex: 0))
    if chapter.blocks.contains(where: { if case .html = $0.kind { true } else { false } }) {
      return
    }
    var characters = 0
    for (index, block) in chapter.blocks.enumerated() {
      if index > 0, characters >= Self.charactersPerPage {
        pages.append(Page(number: pages.count + 1, document: chapter.id, blockIndex: index))
        characters = 0
      }
      characters += Self.textLength(block)
    }
  }

  /// The pages that start in a document, by the block they start before.
  func pages(in document: String) -> [Int: Int] {
    Dictionary(
      pages.filter { $0.document == document }.map { ($0.blockIndex, $0.number) },
      uniquingKeysWith: { a, _ in a })
  }

  /// The id of page `number`'s marker.
  static func markerID(_ number: Int) -> String { "pagebreak-\(number)" }

  /// The number of characters of text in a block, at any depth.
  static func textLength(_ block: Block) -> Int {
    var count = 0
    Block.walk([block]) { inner in
      if case .codeBlock(let code) = inner.kind { count += code.code.count }
      count += Inline.plainText(inner.inlines).count
    }
    return count
  }
}
