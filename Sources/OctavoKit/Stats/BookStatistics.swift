/// Counts for a book and each of its chapters: words, characters, reading time, footnotes,
/// images and headings.
///
/// Words are counted as the loader counts them (``Chapter/wordCount``: running text, inline
/// code, code blocks, images' alternative text and footnotes). Characters are those of the
/// same text, spaces included and markup left out, counted as a reader sees them (grapheme
/// clusters). Reading
/// time assumes ``wordsPerMinute`` words a minute, a common figure for adult silent reading
/// of non-technical prose, rounded up to a whole minute for any chapter with text.
public struct BookStatistics: Sendable, Codable, Equatable {
  /// The reading speed reading times assume, in words a minute.
  public static let wordsPerMinute = 230

  /// The counts for one chapter (or, in ``total``, the whole book).
  public struct Counts: Sendable, Codable, Equatable {
    /// The chapter's id (empty in the total).
    public var id: String
    /// The chapter's file, relative to the manuscript (empty in the total).
    public var path: String
    /// The chapter's title (the book's title in the total).
    public var title: String
    /// Words of text.
    public var words: Int
    /// Characters of text, spaces included.
    public var characters: Int
    /// Minutes of reading at ``BookStatistics/wordsPerMinute``, rounded up.
    public var readingMinutes: Int
    /// Footnotes.
    public var footnotes: Int
    /// Images (each use counts).
    public var images: Int
    /// Headings, at any level.
    public var headings: Int
  }

  /// One entry per chapter, in reading order.
  public var chapters: [Counts]
  /// The sums over the book (reading time computed from the total words).
  public var total: Counts

  /// Counts `book`.
  public init(book: Book) {
    chapters = book.chapters.map(Self.counts)
    let words = chapters.reduce(0) { $0 + $1.words }
    total = Counts(
      id: "", path: "", title: book.metadata.title, words: words,
      characters: chapters.reduce(0) { $0 + $1.characters },
      readingMinutes: Self.minutes(forWords: words),
      footnotes: chapters.reduce(0) { $0 + $1.footnotes },
      images: chapters.reduce(0) { $0 + $1.images },
      headings: chapters.reduce(0) { $0 + $1.headings })
  }

  /// Minutes needed to read `words` words, rounded up.
  public static func minutes(forWords words: Int) -> Int {
    (words + wordsPerMinute - 1) / wordsPerMinute
  }

  static func counts(_ chapter: Chapter) -> Counts {
    let blocks = chapter.blocks + chapter.footnotes.flatMap(\.blocks)
    var characters = 0
    var images = 0
    Block.walk(blocks) { block in
      if case .codeBlock(let code) = block.kind { characters += code.code.count }
    }
    Block.walkInlines(blocks) { inline in
      switch inline.kind {
      case .text(let text), .code(let text): characters += text.count
      case .softBreak, .lineBreak: characters += 1
      case .image: images += 1
      default: break
      }
    }
    return Counts(
      id: chapter.id, path: chapter.path, title: chapter.title, words: chapter.wordCount,
      characters: characters, readingMinutes: minutes(forWords: chapter.wordCount),
      footnotes: chapter.footnotes.count, images: images, headings: chapter.headings.count)
  }
}
