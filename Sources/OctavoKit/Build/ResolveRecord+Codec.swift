import Foundation

/// A record of resolving a chapter written into and read from the summary cache's
/// `resolved.cache` (``SummaryCache``).
extension ResolveRecord {
  /// The record written out, after the input digest it was made for.
  func encoded(input: [UInt8]) -> [UInt8] {
    var writer = ModelWriter()
    writer.file = chapter.path
    writer.raw(input)
    writer.string(chapter.path)
    writer.number(UInt64(answers.count))
    for answer in answers {
      writer.string(answer.path)
      writer.bool(answer.isImage)
      writer.number(answer.resolution)
      writer.number(UInt64(answer.identity.count))
      for field in answer.identity { writer.number(field) }
    }
    writer.number(UInt64(diagnostics.count))
    for diagnostic in diagnostics { writer.diagnostic(diagnostic) }
    writer.number(UInt64(images.count))
    for image in images {
      writer.string(image.path)
      writer.string(image.mediaType)
      writer.string(image.fileName)
      writer.optional(image.missingSource)
      writer.bool(image.replacement != nil)
      if let replacement = image.replacement { writer.raw(replacement) }
    }
    writer.chapter(chapter)
    writer.number(UInt64(imageNumbers.count))
    for number in imageNumbers { writer.int(number) }
    writer.keyWalk(walk)
    writer.raw(context)
    writer.bool(passes != nil)
    if let passes { writer.passes(passes) }
    return writer.bytes
  }

  /// The record in `bytes` when it was made for `input` (any input: nil) and decodes whole.
  static func decode(_ bytes: [UInt8], input: [UInt8]?) -> ResolveRecord? {
    var reader = ModelReader(bytes)
    do {
      let made = try reader.raw()
      if let input, made != input { return nil }
      reader.file = try reader.string()
      var answers: [FileAnswer] = []
      for _ in 0..<(try reader.count()) {
        let path = try reader.string()
        let isImage = try reader.bool()
        let resolution = try reader.number()
        var identity: [UInt64] = []
        for _ in 0..<(try reader.count()) { identity.append(try reader.number()) }
        answers.append(
          FileAnswer(path: path, isImage: isImage, resolution: resolution, identity: identity))
      }
      var diagnostics: [Diagnostic] = []
      for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
      var images: [ImageResource] = []
      for _ in 0..<(try reader.count()) {
        let path = try reader.string()
        let mediaType = try reader.string()
        let fileName = try reader.string()
        let missingSource = try reader.optional()
        let replacement = try reader.bool() ? try reader.raw() : nil
        images.append(
          ImageResource(
            path: path, mediaType: mediaType, fileName: fileName, missingSource: missingSource,
            replacement: replacement))
      }
      let chapter = try reader.chapter()
      var imageNumbers: [Int] = []
      for _ in 0..<(try reader.count()) { imageNumbers.append(try reader.int()) }
      guard imageNumbers.count == images.count, imageNumbers.allSatisfy({ $0 >= 0 }) else {
        return nil
      }
      let walk = try reader.keyWalk()
      let context = try reader.raw()
      let passes = try reader.bool() ? try reader.passes() : nil
      guard reader.isAtEnd, chapter.path == reader.file else { return nil }
      return ResolveRecord(
        answers: answers, diagnostics: diagnostics, images: images, chapter: chapter,
        walk: walk, imageNumbers: imageNumbers, context: context, passes: passes)
    } catch {
      return nil
    }
  }
}

extension ModelWriter {
  /// What the passes before resolving did with a chapter (``ResolveRecord/Passes``).
  fileprivate mutating func passes(_ passes: ResolveRecord.Passes) {
    number(UInt64(passes.explicitIDs.count))
    for explicit in passes.explicitIDs {
      string(explicit.id)
      location(explicit.location)
      bool(explicit.owned)
    }
    number(UInt64(passes.bases.count))
    for (base, id) in zip(passes.bases, passes.ids) {
      string(base)
      string(id)
    }
    number(UInt64(passes.diagnostics.count))
    for diagnostic in passes.diagnostics { self.diagnostic(diagnostic) }
    bool(passes.idsInNotes != nil)
    if let ids = passes.idsInNotes {
      number(UInt64(ids.count))
      for id in ids { string(id) }
    }
    number(UInt64(passes.codeLanguages.count))
    for language in passes.codeLanguages {
      string(language.name)
      location(language.location)
    }
  }
}

extension ModelReader {
  fileprivate mutating func passes() throws -> ResolveRecord.Passes {
    var explicitIDs: [ResolveRecord.Passes.ExplicitID] = []
    for _ in 0..<(try count()) {
      explicitIDs.append(.init(id: try string(), location: try location(), owned: try bool()))
    }
    var bases: [String] = []
    var ids: [String] = []
    for _ in 0..<(try count()) {
      bases.append(try string())
      ids.append(try string())
    }
    var diagnostics: [Diagnostic] = []
    for _ in 0..<(try count()) { diagnostics.append(try diagnostic()) }
    var idsInNotes: [String]?
    if try bool() {
      var ids: [String] = []
      for _ in 0..<(try count()) { ids.append(try string()) }
      idsInNotes = ids
    }
    var codeLanguages: [(name: String, location: SourceLocation)] = []
    for _ in 0..<(try count()) { codeLanguages.append((try string(), try location())) }
    return ResolveRecord.Passes(
      explicitIDs: explicitIDs, bases: bases, ids: ids, diagnostics: diagnostics,
      idsInNotes: idsInNotes, codeLanguages: codeLanguages)
  }
}

extension SummaryCache: ResolveRecordStore {
  /// The record of resolving the chapter at `path` made for `input`, when there is one that
  /// decodes; kept for the next build.
  func resolved(path: String, input: [UInt8]) -> ResolveRecord? {
    let key = Self.resolvedKey(path: path)
    guard let bytes = records.stored(key), let record = ResolveRecord.decode(bytes, input: input),
      record.chapter.path == path
    else { return nil }
    records.keepStored(key)
    return record
  }

  /// The head of the summary of the chapter at `path` whose text has `digest` and the record
  /// of resolving it, when both decode and the record holds what the passes before resolving
  /// did with that text (``ResolveRecord/Passes``): the chapter is then loaded without its
  /// skeleton, decoded only if the book's answers turn out to differ. Both are kept for the
  /// next build.
  func replay(path: String, digest: [UInt8], keepsNotes: Bool)
    -> (head: ChapterSummary.Head, record: ResolveRecord)?
  {
    let key = Self.key(path: path, digest: digest, keepsNotes: keepsNotes)
    let recordKey = Self.resolvedKey(path: path)
    guard let bytes = table.stored(key), let recordBytes = records.stored(recordKey),
      let head = ChapterSummary.decodeHead(bytes, path: path),
      let record = ResolveRecord.decode(recordBytes, input: nil), record.passes != nil,
      record.chapter.path == path, record.chapter.sourceDigest == digest
    else { return nil }
    table.keepStored(key)
    records.keepStored(recordKey)
    return (head, record)
  }

  /// Keeps `record`, made for `input`, as the record of the chapter at its path (written by
  /// ``commit()``).
  func keep(_ record: ResolveRecord, input: [UInt8]) {
    records.keep(record.encoded(input: input), for: Self.resolvedKey(path: record.chapter.path))
  }

  private static func resolvedKey(path: String) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(recordsFormat)
    key.add(path)
    return key.digest
  }
}

extension BookTransformer {
  /// A digest of everything resolving a chapter reads from outside it, once the ids and
  /// numbers are given: every chapter's path, id and anchors (a link may lead anywhere; a
  /// path that is a chapter is not looked up on disk), the labels and what they name, the
  /// ids in notes moved to the book's end, the settings the pass reads and where the
  /// manuscript is.
  /// `chapters` are the outlines resolving is given (every chapter by path).
  func resolveContext(chapters: [String: Chapter]) -> [UInt8] {
    var key = RenderCache.KeyBuilder()
    key.add(SummaryCache.format)
    key.add(files.root.path)
    key.add(book.metadata.language)
    key.add(book.metadata.notes.rawValue)
    key.add("typography \(book.metadata.typography)")
    for path in chapters.keys.sorted() {
      guard let chapter = chapters[path] else { continue }
      key.add(chapter.path)
      key.add(chapter.id)
      key.add(sorted: chapter.anchors)
    }
    for (path, ids) in idsInNotesByPath.sorted(by: { $0.key < $1.key }) {
      key.add(path)
      key.add(ids.sorted().joined(separator: "\u{0}"))
    }
    for (name, target) in crossReferences.targets.sorted(by: { $0.key < $1.key }) {
      key.add(name)
      key.add(target.kind.rawValue)
      key.add(target.label)
      key.add(target.chapterID)
      key.add(target.id)
      key.add(target.number ?? "\u{0}")
      key.add(target.title)
      key.add("\(target.location.file) \(target.location.line) \(target.location.column)")
    }
    key.add(crossReferences.notedDuplicates.sorted().joined(separator: "\u{0}"))
    return SHA1.hash(key.bytes)
  }

  /// A digest of a chapter taken from its summary as the ids and numbering left it, and of
  /// `context` (``resolveContext(chapters:)``): the summary (its path and text's SHA-1, with the
  /// summary cache's format and whether it kept the notes, in `context`), then what those
  /// passes give it: its id, anchors and ids written in raw HTML, each heading's id (in its
  /// notes too) and each label's number.
  static func resolveInput(of chapter: Chapter, context: [UInt8]) -> [UInt8] {
    var key = RenderCache.KeyBuilder()
    key.add(context)
    key.add(chapter.path)
    key.add(chapter.sourceDigest)
    key.add(chapter.id)
    key.add(sorted: chapter.anchors)
    key.add(sorted: chapter.rawHTMLIDs)
    key.add(sorted: chapter.rawHeadingIDs)
    func add(_ numbering: NumberedLabel?) {
      guard let numbering else { return key.add("-") }
      key.add(joining: numbering.id, " ", numbering.number, " " + numbering.title)
    }
    for blocks in [chapter.blocks] + chapter.footnotes.map(\.blocks) {
      Block.walk(blocks) { block in
        switch block.kind {
        case .heading(let heading): key.add(joining: "h#", heading.id)
        case .figure(let image): add(image.numbering)
        case .table(let table): add(table.numbering)
        case .codeBlock(let code): add(code.numbering)
        case .math(let formula): key.add("eq " + (formula.number ?? "-"))
        case .paragraph(let inlines):
          for inline in inlines {
            if case .math(let formula) = inline.kind { key.add("eq " + (formula.number ?? "-")) }
          }
        default: break
        }
      }
    }
    return SHA1.hash(key.bytes)
  }
}
