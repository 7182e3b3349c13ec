/// A chapter's blocks and notes written out as bytes (``ModelWriter/text(of:)``) while a build
/// of a large book waits to work on them (``Chapter/park()``), with what the book-wide passes
/// ask of a chapter before they change it, so that asking does not read the text back.
///
/// A model spends far more memory on its arrays, strings and boxes than on its text: a chapter
/// of 10,000 one-line notes is 5.6 MB as a model and 1.5 MB as bytes. Parked from the moment
/// it is parsed, and read back by one pass at a time, such a chapter is whole only while a
/// pass works on it, and the book's model is never whole.
final class ParkedText: Sendable {
  /// The blocks and notes, as ``ModelWriter/text(of:)`` writes them.
  let bytes: [UInt8]
  /// The top-level blocks and notes (what the model's size grows with).
  let blockCount: Int
  /// The ids given in the text (``Chapter/explicitHeadingIDs``).
  let explicitIDs: [(id: String, location: SourceLocation)]
  /// Whether a block carries a label to number (``Chapter/hasLabels``).
  let hasLabels: Bool
  /// The names of the raw HTML (``Chapter/rawHTMLNames``).
  let rawHTMLNames: [RawHTMLName]
  /// The blocks the outline keeps (``Chapter/outlineOnly(keepingNotes:)``).
  let outline: [Block]
  /// Each note without its text, when kept (``Chapter/park(keepingNoteHeads:)``).
  let noteHeads: [NoteHead]?

  /// A note without its text: what the render cache's key takes of it.
  struct NoteHead: Sendable {
    var label: String
    var number: Int
    var referenceCount: Int
    var referencesInNotes: [Int]
  }

  init(_ chapter: Chapter, keepingNoteHeads: Bool) {
    var writer = ModelWriter()
    writer.file = chapter.path
    writer.text(of: chapter)
    // The writer's array has up to twice the room it uses: the bytes kept are copied out.
    bytes = writer.bytes.withUnsafeBufferPointer { Array($0) }
    blockCount = chapter.blocks.count + chapter.footnotes.count
    explicitIDs = chapter.explicitHeadingIDs
    hasLabels = chapter.hasLabels
    rawHTMLNames = chapter.rawHTMLNames
    outline = Chapter.outlineBlocks(of: chapter.blocks)
    noteHeads =
      keepingNoteHeads
      ? chapter.footnotes.map {
        NoteHead(
          label: $0.label, number: $0.number, referenceCount: $0.referenceCount,
          referencesInNotes: $0.referencesInNotes.sorted())
      } : nil
  }
}

extension Book {
  /// The book with every parked chapter read back (``Chapter/unparked``).
  var unparked: Book {
    guard chapters.contains(where: \.isParked) else { return self }
    var book = self
    book.replaceChapters(chapters.map(\.unparked))
    return book
  }
}

extension Chapter {
  /// Whether the chapter's blocks and notes are parked as bytes (``park()``).
  var isParked: Bool { parked != nil }

  /// Each note without its text, for a chapter parked with them
  /// (``park(keepingNoteHeads:)``); nil otherwise.
  var noteHeads: [ParkedText.NoteHead]? { parked?.noteHeads }

  /// The top-level blocks and notes, parked or not.
  var blockCount: Int { parked?.blockCount ?? blocks.count + footnotes.count }

  /// Writes the blocks and notes out as bytes and lets their model go: a pass that reads or
  /// changes them reads them back first (``unpark()``, ``whileUnparked(_:)``), and the
  /// outline, the raw-HTML names, the ids given in the text and whether anything is labelled
  /// are answered from the bytes' side without reading them (``ParkedText``).
  ///
  /// For a chapter without formulas: their MathML, set by the math pass, is not written.
  /// With `keepingNoteHeads`, each note's number and references are kept beside the bytes
  /// (``noteHeads``), for a chapter resolved already, which the render cache may find by its
  /// key without reading it back.
  mutating func park(keepingNoteHeads: Bool = false) {
    guard parked == nil else { return }
    assert(!containsMath, "\(path) parked with a formula")
    let mayHoldRawHTML = mayHoldRawHTML
    parked = ParkedText(self, keepingNoteHeads: keepingNoteHeads)
    storedBlocks = []
    storedFootnotes = []
    self.mayHoldRawHTML = mayHoldRawHTML
  }

  /// Reads the parked blocks and notes back into the model (nothing when not parked).
  mutating func unpark() {
    guard let parked else { return }
    var reader = ModelReader(parked.bytes, file: path)
    guard let text = try? reader.text(), reader.isAtEnd else {
      // Written by this process a moment ago: bytes that do not read back are a bug.
      preconditionFailure("the parked text of \(path) does not read back")
    }
    let mayHoldRawHTML = mayHoldRawHTML
    self.parked = nil
    storedBlocks = text.blocks
    storedFootnotes = text.footnotes
    self.mayHoldRawHTML = mayHoldRawHTML
  }

  /// The chapter with its text read back (``unpark()``); itself when not parked.
  var unparked: Chapter {
    var chapter = self
    chapter.unpark()
    return chapter
  }

  /// Runs `body` on the chapter's model, reading a parked chapter back first and parking it
  /// again after (with its notes' heads when it had them).
  @discardableResult
  mutating func whileUnparked<Result>(_ body: (inout Chapter) throws -> Result) rethrows
    -> Result
  {
    guard let parked else { return try body(&self) }
    let keepsNoteHeads = parked.noteHeads != nil
    unpark()
    defer { park(keepingNoteHeads: keepsNoteHeads) }
    return try body(&self)
  }

  /// The ids the text gives its headings (`{#id}`), in the body then in the notes, each with
  /// where it is given.
  var explicitHeadingIDs: [(id: String, location: SourceLocation)] {
    if let parked { return parked.explicitIDs }
    var found: [(id: String, location: SourceLocation)] = []
    for blocks in [blocks] + footnotes.map(\.blocks) {
      Block.walk(blocks) { block in
        guard case .heading(let heading) = block.kind, let id = heading.explicitID else { return }
        found.append((id, heading.range.start))
      }
    }
    return found
  }

  /// Whether a block of the body carries a label to number (walked without copying, so a
  /// chapter without labels is not rebuilt).
  var hasLabels: Bool {
    if let parked { return parked.hasLabels }
    var found = false
    Block.walk(blocks) { block in
      guard !found else { return }
      switch block.kind {
      case .heading(let heading): found = heading.explicitID.flatMap(LabelKind.init(label:)) != nil
      case .figure(let image): found = image.label != nil
      case .table(let table): found = table.label != nil
      case .codeBlock(let code): found = code.label != nil
      case .math(let formula): found = formula.label != nil
      case .paragraph(let inlines):
        found = inlines.contains { inline in
          if case .math(let formula) = inline.kind { formula.label != nil } else { false }
        }
      default: break
      }
    }
    return found
  }
}
