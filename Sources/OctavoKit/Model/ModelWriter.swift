import Foundation

/// Writes a parsed chapter (the model as the Markdown parser leaves it, before the book-wide
/// transforms) as bytes, for the summary cache (``SummaryCache``), and reads it back.
///
/// Every field of every model type is written, so a chapter read back is the chapter that was
/// written; a model type that gains a case or a field must be added here (the switches are
/// exhaustive, so a new case does not compile until it is). Numbers are unsigned LEB128
/// (signed ones zigzag-encoded), strings and byte runs are prefixed by their length. What is
/// only set by later passes (a formula's MathML, a numbered label) is not written: a parsed
/// chapter has none.
struct ModelWriter {
  var bytes: [UInt8] = []
  /// The file most locations are in (the chapter's), written as one byte.
  var file = "" { didSet { fileID = SourceFileNames.id(of: file) } }
  /// The number of ``file`` in ``SourceFileNames``.
  private var fileID: UInt32 = 0

  mutating func number(_ value: UInt64) {
    var value = value
    while value >= 0x80 {
      bytes.append(UInt8(value & 0x7F) | 0x80)
      value >>= 7
    }
    bytes.append(UInt8(value))
  }

  mutating func int(_ value: Int) {
    let wide = Int64(value)
    number(UInt64(bitPattern: (wide << 1) ^ (wide >> 63)))
  }

  mutating func bool(_ value: Bool) { bytes.append(value ? 1 : 0) }

  mutating func raw(_ value: [UInt8]) {
    number(UInt64(value.count))
    bytes += value
  }

  mutating func string(_ value: String) {
    var value = value
    value.withUTF8 { buffer in
      number(UInt64(buffer.count))
      bytes.append(contentsOf: buffer)
    }
  }

  mutating func optional(_ value: String?) {
    bool(value != nil)
    if let value { string(value) }
  }

  mutating func location(_ location: SourceLocation) {
    bool(location.fileID == fileID)
    if location.fileID != fileID { string(location.file) }
    int(location.line)
    int(location.column)
  }

  mutating func range(_ range: SourceRange) {
    location(range.start)
    // The end is almost always in the same file: write the file once.
    bool(range.end.fileID == range.start.fileID)
    if range.end.fileID != range.start.fileID { string(range.end.file) }
    int(range.end.line)
    int(range.end.column)
  }

  mutating func diagnostic(_ diagnostic: Diagnostic) {
    string(diagnostic.severity.rawValue)
    string(diagnostic.code.rawValue)
    string(diagnostic.message)
    bool(diagnostic.location != nil)
    if let location = diagnostic.location { self.location(location) }
  }

  mutating func chapter(_ chapter: Chapter) {
    string(chapter.id)
    string(chapter.path)
    string(chapter.title)
    bool(chapter.isTitleFromHeading)
    string(chapter.type.rawValue)
    text(of: chapter)
    int(chapter.wordCount)
    for map in [chapter.anchors, chapter.rawHTMLIDs, chapter.rawHeadingIDs] {
      number(UInt64(map.count))
      for (key, value) in map.sorted(by: { $0.key < $1.key }) {
        string(key)
        string(value)
      }
    }
    bool(chapter.isTitleFromRawHTML)
    raw(chapter.sourceDigest)
    optional(chapter.runningHead)
    bool(chapter.typography)
    int(chapter.titleHeadingIndex ?? -1)
  }

  /// The chapter's blocks and notes; a parked chapter's bytes as they are (``Chapter/park()``).
  mutating func text(of chapter: Chapter) {
    if let parked = chapter.parked {
      bytes += parked.bytes
      return
    }
    blocks(chapter.blocks)
    number(UInt64(chapter.footnotes.count))
    for note in chapter.footnotes {
      string(note.label)
      int(note.number)
      blocks(note.blocks)
      int(note.referenceCount)
      number(UInt64(note.referencesInNotes.count))
      for reference in note.referencesInNotes.sorted() { int(reference) }
      range(note.range)
    }
  }

  mutating func blocks(_ blocks: [Block]) {
    number(UInt64(blocks.count))
    for block in blocks { self.block(block) }
  }

  mutating func block(_ block: Block) {
    range(block.range)
    switch block.kind {
    case .paragraph(let inlines):
      number(0)
      self.inlines(inlines)
    case .heading(let heading):
      number(1)
      int(heading.level)
      inlines(heading.content)
      optional(heading.explicitID)
      string(heading.id)
      range(heading.range)
    case .blockQuote(let children):
      number(2)
      blocks(children)
    case .list(let list):
      number(3)
      bool(list.isOrdered)
      int(list.start)
      bool(list.isTight)
      number(UInt64(list.items.count))
      for item in list.items {
        int(item.task.map { $0 ? 1 : 0 } ?? -1)
        blocks(item.blocks)
        range(item.range)
      }
    case .codeBlock(let code):
      number(4)
      optional(code.language)
      string(code.code)
      optional(code.label)
      inlines(code.caption)
      int(code.firstLineNumber ?? Int.min)
      number(UInt64(code.highlightedLines.count))
      for line in code.highlightedLines.sorted() { int(line) }
      numbering(code.numbering)
    case .html(let html):
      number(5)
      string(html.source)
    case .thematicBreak:
      number(6)
    case .table(let table):
      number(7)
      number(UInt64(table.alignments.count))
      for alignment in table.alignments { string(alignment.rawValue) }
      number(UInt64(table.header.count))
      for cell in table.header { inlines(cell) }
      number(UInt64(table.rows.count))
      for row in table.rows {
        number(UInt64(row.count))
        for cell in row { inlines(cell) }
      }
      inlines(table.caption)
      optional(table.label)
      numbering(table.numbering)
    case .figure(let image):
      number(8)
      self.image(image)
    case .alert(let alert):
      number(9)
      string(alert.kind.rawValue)
      blocks(alert.blocks)
    case .math(let formula):
      number(10)
      self.formula(formula)
    }
  }

  mutating func inlines(_ inlines: [Inline]) {
    number(UInt64(inlines.count))
    for inline in inlines { self.inline(inline) }
  }

  mutating func inline(_ inline: Inline) {
    range(inline.range)
    switch inline.kind {
    case .text(let text):
      number(0)
      string(text)
    case .emphasis(let children):
      number(1)
      inlines(children)
    case .strong(let children):
      number(2)
      inlines(children)
    case .strikethrough(let children):
      number(3)
      inlines(children)
    case .code(let code):
      number(4)
      string(code)
    case .link(let link):
      number(5)
      string(link.destination)
      optional(link.title)
      inlines(link.content)
      bool(link.isCrossReference)
      linkTarget(link.target)
    case .image(let image):
      number(6)
      self.image(image)
    case .html(let html):
      number(7)
      string(html.source)
    case .softBreak:
      number(8)
    case .lineBreak:
      number(9)
    case .footnoteReference(let label, let occurrence):
      number(10)
      string(label)
      int(occurrence)
    case .math(let formula):
      number(11)
      self.formula(formula)
    }
  }

  mutating func image(_ image: Image) {
    string(image.source)
    optional(image.title)
    inlines(image.alt)
    optional(image.label)
    numbering(image.numbering)
    switch image.target {
    case .unresolved: number(0)
    case .resource(let index):
      number(1)
      int(index)
    case .remote(let url):
      number(2)
      string(url)
    case .none: number(3)
    }
  }

  mutating func linkTarget(_ target: LinkTarget) {
    switch target {
    case .unresolved: number(0)
    case .external(let url):
      number(1)
      string(url)
    case .chapter(let id, let fragment):
      number(2)
      string(id)
      optional(fragment)
    case .none: number(3)
    }
  }

  mutating func numbering(_ label: NumberedLabel?) {
    bool(label != nil)
    guard let label else { return }
    string(label.label)
    string(label.id)
    string(label.number)
    string(label.title)
  }

  /// A chapter's render-cache key walk (``ChapterKeyWalk``), or its absence.
  mutating func keyWalk(_ walk: ChapterKeyWalk?) {
    bool(walk != nil)
    guard let walk else { return }
    raw(walk.digest)
    number(UInt64(walk.images.count))
    for index in walk.images { int(index) }
    bool(walk.hasRawHTML)
    bool(walk.hasCrossReference)
  }

  mutating func formula(_ formula: Formula) {
    string(formula.tex)
    bool(formula.isDisplay)
    optional(formula.label)
    optional(formula.number)
    number(UInt64(formula.lineStarts.count))
    for start in formula.lineStarts { location(start) }
    bool(formula.hasErrors)
  }
}
