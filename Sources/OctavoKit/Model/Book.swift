/// A whole book: its metadata and its contents in reading order.
///
/// A `Book` is what loading a manuscript produces. It knows nothing of output formats;
/// renderers turn it into XHTML, an EPUB and a print edition.
public struct Book: Sendable {
  /// Title, contributors, language and the rest of `book.yaml`.
  public var metadata: BookMetadata
  /// The top-level entries of the table of contents, in reading order.
  public var contents: [ContentsEntry]
  /// The images the chapters use, each once, in order of first use.
  public var images: [ImageResource]
  /// Whether any chapter holds a formula, once the math pass has looked; nil before.
  var hasMath: Bool?

  /// Creates a book.
  public init(metadata: BookMetadata, contents: [ContentsEntry], images: [ImageResource] = []) {
    self.metadata = metadata
    self.contents = contents
    self.images = images
  }

  /// Every chapter in reading order, parts flattened.
  public var chapters: [Chapter] {
    contents.flatMap { entry -> [Chapter] in
      switch entry {
      case .chapter(let chapter): [chapter]
      case .part(let part): part.chapters
      }
    }
  }

  /// Puts `chapters` back into the contents: one per chapter, in reading order, as
  /// ``chapters`` gives them (passes that work on the flat list use this).
  mutating func replaceChapters(_ chapters: [Chapter]) {
    var next = 0
    for index in contents.indices {
      switch contents[index] {
      case .chapter:
        contents[index] = .chapter(chapters[next])
        next += 1
      case .part(var part):
        for chapterIndex in part.chapters.indices {
          part.chapters[chapterIndex] = chapters[next]
          next += 1
        }
        contents[index] = .part(part)
      }
    }
  }

  /// The parts, in reading order.
  public var parts: [Part] {
    contents.compactMap { if case .part(let part) = $0 { part } else { nil } }
  }

  /// The chapter with the given id.
  public func chapter(withID id: String) -> Chapter? {
    chapters.first { $0.id == id }
  }

  /// The chapter loaded from the given manuscript-relative path.
  public func chapter(atPath path: String) -> Chapter? {
    chapters.first { $0.path == path }
  }

  /// The number of words in all chapters.
  public var wordCount: Int { chapters.reduce(0) { $0 + $1.wordCount } }
}

/// One entry of a book's contents: a chapter, or a part that groups chapters.
public enum ContentsEntry: Sendable {
  case chapter(Chapter)
  case part(Part)
}

/// A titled group of chapters, such as "Part One".
public struct Part: Sendable {
  /// The part's id, unique in the book.
  public var id: String
  /// The part's title.
  public var title: String
  /// The part's chapters, in reading order.
  public var chapters: [Chapter]
  /// Where the part is declared in `book.yaml`.
  public var location: SourceLocation?

  /// Creates a part.
  public init(id: String, title: String, chapters: [Chapter], location: SourceLocation? = nil) {
    self.id = id
    self.title = title
    self.chapters = chapters
    self.location = location
  }
}
