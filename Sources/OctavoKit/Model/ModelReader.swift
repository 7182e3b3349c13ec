import Foundation

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
    let (blocks, footnotes) = try text()
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

  /// What ``ModelWriter/text(of:)`` wrote: a chapter's blocks and notes.
  mutating func text() throws -> (blocks: [Block], footnotes: [Footnote]) {
    let blocks = try self.blocks()
    var footnotes: [Footnote] = []
    let count = try count()
    footnotes.reserveCapacity(count)
    for _ in 0..<count {
      let label = try string()
      let number = try int()
      let blocks = try self.blocks()
      let referenceCount = try int()
      var references = Set<Int>()
      for _ in 0..<(try self.count()) { references.insert(try int()) }
      var note = Footnote(
        label: label, number: number, blocks: blocks, referenceCount: referenceCount,
        range: try range())
      note.referencesInNotes = references
      footnotes.append(note)
    }
    return (blocks, footnotes)
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
