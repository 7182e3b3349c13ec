/// One chapter file of the manuscript, parsed.
public struct Chapter: Sendable {
  /// The chapter's id: from front matter, else from the file name. Unique in the book.
  public var id: String
  /// The file's path relative to the manuscript folder.
  public var path: String
  /// The title: from front matter, else the first heading, else the file name.
  public var title: String
  /// Whether the title comes from a heading in the text.
  public var isTitleFromHeading: Bool
  /// The chapter's kind, which decides front, body or back matter.
  public var type: ChapterType
  /// The content.
  public var blocks: [Block] {
    get {
      assert(parked == nil, "the blocks of \(path) read while parked")
      return storedBlocks
    }
    set {
      assert(parked == nil, "the blocks of \(path) set while parked")
      storedBlocks = newValue
      mayHoldRawHTML = true
    }
    _modify {
      assert(parked == nil, "the blocks of \(path) changed while parked")
      yield &storedBlocks
      mayHoldRawHTML = true
    }
  }
  /// The footnotes, numbered in order of first reference.
  public var footnotes: [Footnote] {
    get {
      assert(parked == nil, "the notes of \(path) read while parked")
      return storedFootnotes
    }
    set {
      assert(parked == nil, "the notes of \(path) set while parked")
      storedFootnotes = newValue
      mayHoldRawHTML = true
    }
    _modify {
      assert(parked == nil, "the notes of \(path) changed while parked")
      yield &storedFootnotes
      mayHoldRawHTML = true
    }
  }
  var storedBlocks: [Block]
  var storedFootnotes: [Footnote]
  /// The blocks and notes written out as bytes while a build of a large book waits to work
  /// on them (``park()``); nil when they are in ``blocks`` and ``footnotes``.
  var parked: ParkedText?
  /// Whether ``blocks`` or ``footnotes`` may hold raw HTML: `false` only when the parser made
  /// none in them, so the walks that look for it (``rawHTMLNames``, the checks of links in raw
  /// HTML) are skipped. Replacing either sets it back to `true`; a pass that rebuilds them
  /// without adding raw HTML (none adds any: only the parser and the model's decoder make
  /// it) keeps what it was.
  var mayHoldRawHTML = true
  /// The number of words in the text.
  public var wordCount: Int
  /// Fragments a link may name (`#getting-started`), mapped to the id they have in outputs.
  /// Holds each heading's GitHub-style slug and explicit id.
  public var anchors: [String: String] = [:]
  /// Ids written in the chapter's raw HTML, mapped to the id each has in outputs (the same,
  /// or numbered when another chapter uses it already).
  public var rawHTMLIDs: [String: String] = [:]
  /// Ids for headings written in raw HTML, by the slug of their text.
  public var rawHeadingIDs: [String: String] = [:]
  /// Whether the title comes from a heading written in raw HTML (`<h1>…</h1>`).
  public var isTitleFromRawHTML = false
  /// The SHA-1 of the chapter file's text as read (front matter included), which the render
  /// cache uses to know the chapter again; empty for chapters not read from a file.
  public var sourceDigest: [UInt8] = []
  /// The running head of the print edition (`running-head:` in front matter), when the
  /// title is too long to head a page; else the title, shortened.
  public var runningHead: String?
  /// Whether typographic punctuation is set in this chapter (`typography:` in its front
  /// matter; on unless the chapter or the book turns it off).
  public var typography = true
  /// The walk of the chapter its render-cache key takes (``ChapterKeyWalk``), when the
  /// record of resolving it holds one (``ResolveRecord``); nil: the key walks the chapter.
  /// Not written by ``ModelWriter``: it stands for the resolved chapter it was made from.
  var keyWalk: ChapterKeyWalk?

  /// Creates a chapter.
  public init(
    id: String, path: String, title: String, isTitleFromHeading: Bool = false,
    type: ChapterType = .chapter, blocks: [Block] = [], footnotes: [Footnote] = [],
    wordCount: Int = 0
  ) {
    self.id = id
    self.path = path
    self.title = title
    self.isTitleFromHeading = isTitleFromHeading
    self.type = type
    self.storedBlocks = blocks
    self.storedFootnotes = footnotes
    self.wordCount = wordCount
  }

  /// Where the chapter's file begins.
  public var location: SourceLocation { SourceLocation(file: path) }

  /// The chapter's headings as a tree (level 1 at the top).
  public var outline: [OutlineEntry] { OutlineEntry.tree(from: headings) }

  /// Whether the chapter's first block is a level-1 heading.
  public var startsWithTitleHeading: Bool {
    guard let first = blocks.first, case .heading(let heading) = first.kind else { return false }
    return heading.level == 1
  }

  /// The heading (its index in ``headings``) that shows the chapter's title on the page, if
  /// a Markdown heading does: the heading the title comes from, or a level-1 heading at the
  /// very top under a front-matter title. Set by the loader.
  public var titleHeadingIndex: Int?

  /// Whether the page shows the title by itself, so no title heading need be added.
  var showsOwnTitle: Bool { titleHeadingIndex != nil || isTitleFromRawHTML }

  /// Every heading of the chapter in document order, at any depth.
  public var headings: [Heading] {
    var result: [Heading] = []
    Block.walk(blocks) { block in
      if case .heading(let heading) = block.kind { result.append(heading) }
    }
    return result
  }
}

/// A chapter's kind, after the EPUB Structural Semantics Vocabulary.
public enum ChapterType: String, Sendable, Hashable, CaseIterable {
  case chapter, preface, foreword, introduction, prologue, epilogue, afterword, appendix
  case acknowledgments, dedication, epigraph, colophon, glossary, bibliography, index
  case conclusion, halftitlepage
  case copyrightPage = "copyright-page"
  case other

  /// Front, body or back matter.
  public var matter: Matter {
    switch self {
    case .dedication, .epigraph, .foreword, .preface, .halftitlepage, .copyrightPage: .front
    case .chapter, .introduction, .prologue, .epilogue, .conclusion, .other: .body
    case .afterword, .appendix, .acknowledgments, .colophon, .glossary, .bibliography, .index:
      .back
    }
  }
}

/// The three divisions of a book.
public enum Matter: String, Sendable, Hashable {
  case front = "frontmatter"
  case body = "bodymatter"
  case back = "backmatter"
}

/// A heading in a chapter's outline, with the headings below it.
public struct OutlineEntry: Sendable {
  /// The heading.
  public var heading: Heading
  /// The headings nested under this one.
  public var children: [OutlineEntry]

  /// Builds a tree from headings in document order.
  static func tree(from headings: [Heading]) -> [OutlineEntry] {
    var index = 0
    func build(above level: Int) -> [OutlineEntry] {
      var entries: [OutlineEntry] = []
      while index < headings.count, headings[index].level > level {
        let heading = headings[index]
        index += 1
        entries.append(OutlineEntry(heading: heading, children: build(above: heading.level)))
      }
      return entries
    }
    return build(above: 0)
  }
}
