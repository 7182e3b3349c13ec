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

/// Reads what ``ModelWriter`` wrote; throws ``Malformed`` at the first thing that is off.
struct ModelReader {
  struct Malformed: Error {}

  private let data: [UInt8]
  private var offset = 0
  /// The file most locations are in (as ``ModelWriter/file``).
  var file = "" { didSet { fileID = SourceFileNames.id(of: file) } }
  /// The number of ``file`` in ``SourceFileNames``.
  private var fileID: UInt32 = 0

  init(_ data: [UInt8], file: String = "") {
    self.data = data
    self.file = file
    fileID = SourceFileNames.id(of: file)
  }

  var isAtEnd: Bool { offset == data.count }

  mutating func number() throws -> UInt64 {
    var value: UInt64 = 0
    var shift: UInt64 = 0
    while true {
      guard offset < data.count, shift < 64 else { throw Malformed() }
      let byte = data[offset]
      offset += 1
      value |= UInt64(byte & 0x7F) << shift
      if byte < 0x80 { return value }
      shift += 7
    }
  }

  mutating func count() throws -> Int {
    let value = try number()
    guard value <= UInt64(data.count - offset) + 1 else { throw Malformed() }
    return Int(value)
  }

  mutating func int() throws -> Int {
    let value = try number()
    return Int(Int64(bitPattern: (value >> 1) ^ (0 &- (value & 1))))
  }

  mutating func bool() throws -> Bool {
    guard offset < data.count, data[offset] <= 1 else { throw Malformed() }
    offset += 1
    return data[offset - 1] == 1
  }

  mutating func raw() throws -> [UInt8] {
    let count = try count()
    guard count <= data.count - offset else { throw Malformed() }
    defer { offset += count }
    return Array(data[offset..<offset + count])
  }

  mutating func string() throws -> String {
    let count = try count()
    guard count <= data.count - offset else { throw Malformed() }
    defer { offset += count }
    return String(decoding: data[offset..<offset + count], as: UTF8.self)
  }

  mutating func optional() throws -> String? {
    try bool() ? try string() : nil
  }

  mutating func location() throws -> SourceLocation {
    let id = try bool() ? fileID : SourceFileNames.id(of: try string())
    return SourceLocation(fileID: id, line: try int(), column: try int())
  }

  mutating func range() throws -> SourceRange {
    let start = try location()
    let id = try bool() ? start.fileID : SourceFileNames.id(of: try string())
    return SourceRange(
      start: start, end: SourceLocation(fileID: id, line: try int(), column: try int()))
  }

  mutating func diagnostic() throws -> Diagnostic {
    guard let severity = Diagnostic.Severity(rawValue: try string()),
      let code = DiagnosticCode(rawValue: try string())
    else { throw Malformed() }
    let message = try string()
    let location = try bool() ? try self.location() : nil
    // Set as written: the message and file were escaped when the diagnostic was made.
    var diagnostic = Diagnostic(severity, code, "", at: nil)
    diagnostic.message = message
    diagnostic.location = location
    return diagnostic
  }

  mutating func chapter() throws -> Chapter {
    let id = try string()
    let path = try string()
    let title = try string()
    let isTitleFromHeading = try bool()
    guard let type = ChapterType(rawValue: try string()) else { throw Malformed() }
    let blocks = try self.blocks()
    var footnotes: [Footnote] = []
    for _ in 0..<(try count()) {
      let label = try string()
      let number = try int()
      let blocks = try self.blocks()
      let referenceCount = try int()
      var references = Set<Int>()
      for _ in 0..<(try count()) { references.insert(try int()) }
      var note = Footnote(
        label: label, number: number, blocks: blocks, referenceCount: referenceCount,
        range: try range())
      note.referencesInNotes = references
      footnotes.append(note)
    }
    var chapter = Chapter(
      id: id, path: path, title: title, isTitleFromHeading: isTitleFromHeading, type: type,
      blocks: blocks, footnotes: footnotes, wordCount: try int())
    var maps: [[String: String]] = []
    for _ in 0..<3 {
      var map: [String: String] = [:]
      for _ in 0..<(try count()) { map[try string()] = try string() }
      maps.append(map)
    }
    chapter.anchors = maps[0]
    chapter.rawHTMLIDs = maps[1]
    chapter.rawHeadingIDs = maps[2]
    chapter.isTitleFromRawHTML = try bool()
    chapter.sourceDigest = try raw()
    chapter.runningHead = try optional()
    chapter.typography = try bool()
    let titleHeading = try int()
    chapter.titleHeadingIndex = titleHeading < 0 ? nil : titleHeading
    return chapter
  }

  mutating func blocks() throws -> [Block] {
    let count = try count()
    var blocks: [Block] = []
    blocks.reserveCapacity(count)
    for _ in 0..<count { blocks.append(try block()) }
    return blocks
  }

  mutating func block() throws -> Block {
    let range = try self.range()
    let kind: Block.Kind
    switch try number() {
    case 0: kind = .paragraph(try inlines())
    case 1:
      let level = try int()
      let content = try inlines()
      let explicitID = try optional()
      let id = try string()
      kind = .heading(
        Heading(
          level: level, content: content, explicitID: explicitID, id: id, range: try self.range()))
    case 2: kind = .blockQuote(try blocks())
    case 3:
      let isOrdered = try bool()
      let start = try int()
      let isTight = try bool()
      var items: [ListItem] = []
      for _ in 0..<(try count()) {
        let task = try int()
        let blocks = try self.blocks()
        items.append(
          ListItem(task: task < 0 ? nil : task == 1, blocks: blocks, range: try self.range()))
      }
      kind = .list(List(isOrdered: isOrdered, start: start, isTight: isTight, items: items))
    case 4:
      let language = try optional()
      let code = try string()
      let label = try optional()
      let caption = try inlines()
      let firstLine = try int()
      var lines = Set<Int>()
      for _ in 0..<(try count()) { lines.insert(try int()) }
      var block = CodeBlock(
        language: language, code: code, label: label, caption: caption,
        firstLineNumber: firstLine == Int.min ? nil : firstLine, highlightedLines: lines)
      block.numbering = try numbering()
      kind = .codeBlock(block)
    case 5: kind = .html(RawHTML(try string()))
    case 6: kind = .thematicBreak
    case 7:
      var alignments: [Table.Alignment] = []
      for _ in 0..<(try count()) {
        guard let alignment = Table.Alignment(rawValue: try string()) else { throw Malformed() }
        alignments.append(alignment)
      }
      var header: [[Inline]] = []
      for _ in 0..<(try count()) { header.append(try inlines()) }
      var rows: [[[Inline]]] = []
      for _ in 0..<(try count()) {
        var row: [[Inline]] = []
        for _ in 0..<(try count()) { row.append(try inlines()) }
        rows.append(row)
      }
      let caption = try inlines()
      var table = Table(
        alignments: alignments, header: header, rows: rows, caption: caption,
        label: try optional())
      table.numbering = try numbering()
      kind = .table(table)
    case 8: kind = .figure(try image())
    case 9:
      guard let alertKind = Alert.Kind(rawValue: try string()) else { throw Malformed() }
      kind = .alert(Alert(kind: alertKind, blocks: try blocks()))
    case 10: kind = .math(try formula())
    default: throw Malformed()
    }
    return Block(kind, range: range)
  }

  mutating func inlines() throws -> [Inline] {
    let count = try count()
    var inlines: [Inline] = []
    inlines.reserveCapacity(count)
    for _ in 0..<count { inlines.append(try inline()) }
    return inlines
  }

  mutating func inline() throws -> Inline {
    let range = try self.range()
    let kind: Inline.Kind
    switch try number() {
    case 0: kind = .text(try string())
    case 1: kind = .emphasis(try inlines())
    case 2: kind = .strong(try inlines())
    case 3: kind = .strikethrough(try inlines())
    case 4: kind = .code(try string())
    case 5:
      let destination = try string()
      let title = try optional()
      let content = try inlines()
      let isCrossReference = try bool()
      kind = .link(
        Link(
          destination: destination, title: title, content: content, target: try linkTarget(),
          isCrossReference: isCrossReference))
    case 6: kind = .image(try image())
    case 7: kind = .html(RawHTML(try string()))
    case 8: kind = .softBreak
    case 9: kind = .lineBreak
    case 10: kind = .footnoteReference(label: try string(), occurrence: try int())
    case 11: kind = .math(try formula())
    default: throw Malformed()
    }
    return Inline(kind, range: range)
  }

  mutating func image() throws -> Image {
    let source = try string()
    let title = try optional()
    var image = Image(source: source, title: title, alt: try inlines())
    image.label = try optional()
    image.numbering = try numbering()
    switch try number() {
    case 0: image.target = .unresolved
    case 1: image.target = .resource(try int())
    case 2: image.target = .remote(try string())
    case 3: image.target = .none
    default: throw Malformed()
    }
    return image
  }

  mutating func linkTarget() throws -> LinkTarget {
    switch try number() {
    case 0: return .unresolved
    case 1: return .external(try string())
    case 2: return .chapter(id: try string(), fragment: try optional())
    case 3: return LinkTarget.none
    default: throw Malformed()
    }
  }

  mutating func numbering() throws -> NumberedLabel? {
    guard try bool() else { return nil }
    return NumberedLabel(
      label: try string(), id: try string(), number: try string(), title: try string())
  }

  /// What ``ModelWriter/keyWalk(_:)`` wrote.
  mutating func keyWalk() throws -> ChapterKeyWalk? {
    guard try bool() else { return nil }
    let digest = try raw()
    var images: [Int] = []
    for _ in 0..<(try count()) { images.append(try int()) }
    return ChapterKeyWalk(
      digest: digest, images: images, hasRawHTML: try bool(), hasCrossReference: try bool())
  }

  mutating func formula() throws -> Formula {
    let tex = try string()
    let isDisplay = try bool()
    let label = try optional()
    var formula = Formula(tex: tex, isDisplay: isDisplay, label: label, number: try optional())
    var starts: [SourceLocation] = []
    for _ in 0..<(try count()) { starts.append(try location()) }
    formula.lineStarts = starts
    formula.hasErrors = try bool()
    return formula
  }
}
