import Foundation

/// What the rest of the book needs from one chapter, kept between builds so that an unchanged
/// chapter is not parsed at all (``SummaryCache``).
///
/// The summary holds the chapter as the parser left it (front matter, title, every heading,
/// note, link, image, label, code block, table, formula and piece of raw HTML, with their
/// source positions) but with the paragraphs that hold nothing but plain text emptied
/// (``skeleton(of:)``): those are most of a book, and no other chapter, no book-level
/// document and no book-wide pass sees anything of them but their word count. The book-wide
/// transforms (ids, numbering, links, notes, images) therefore give the summary the same ids,
/// anchors, numbers and link targets as the whole chapter, and the same render-cache key;
/// the chapter's words, counted when it was last parsed, and its parse diagnostics come with
/// it. Its rendering must then come from the render cache and its checks from the check
/// cache: when either is missing, the build parses the whole chapter after all.
struct ChapterSummary: Sendable {
  /// The parsed chapter with its plain paragraphs emptied.
  var skeleton: Chapter
  /// The id its front matter gives, if any.
  var explicitID: String?
  /// What parsing it reported.
  var diagnostics: [Diagnostic]
  /// Its words, counted by the book-wide pass on the whole chapter.
  var wordCount: Int
  /// Whether it may hold a formula: `false` when its parse made none, as for a chapter parsed
  /// now (``ManuscriptLoader/ParsedChapter/mayHoldMath``), so the math pass need not walk a
  /// book whose chapters made none. Kept in the summary cache and the parse memo.
  var mayHoldMath = true

  /// `chapter` (as parsed) with its plain text left out, at any depth, and in its notes
  /// too unless `keepsNotes` (the notes of a book whose notes go to its end are shown by the
  /// Notes document, made on every build).
  ///
  /// Plain text is text and code spans without any of the characters the book-wide passes
  /// look for in running text (`@` and `\` for references, `#` and `{` for stray labels, `[`,
  /// `]` and `^` for undefined notes), breaks, and emphasis of those. A paragraph of nothing
  /// else is emptied; it stays (empty) rather than going, so block indices, tight lists and
  /// the first block are as they were. A paragraph whose running text has none of those
  /// characters keeps only its links, images, note references, formulas and raw HTML, in
  /// their order. Any other paragraph, and every heading, table, code block and caption, is
  /// kept whole.
  static func skeleton(of chapter: Chapter, keepsNotes: Bool) -> Chapter {
    var chapter = chapter
    chapter.blocks = skeleton(chapter.blocks)
    if !keepsNotes {
      for index in chapter.footnotes.indices {
        chapter.footnotes[index].blocks = skeleton(chapter.footnotes[index].blocks)
      }
    }
    return chapter
  }

  private static func skeleton(_ blocks: [Block]) -> [Block] {
    blocks.map { block in
      switch block.kind {
      case .paragraph(let inlines):
        guard inlines.allSatisfy(hasNoMarkers) else { return block }
        var block = block
        block.kind = .paragraph(withoutPlainText(inlines))
        return block
      case .blockQuote, .list, .alert:
        return block.mapChildBlocks { skeleton($0) }
      default:
        return block
      }
    }
  }

  /// `inlines` without their plain text (emphasis that holds something else keeps it).
  private static func withoutPlainText(_ inlines: [Inline]) -> [Inline] {
    inlines.compactMap { inline in
      var inline = inline
      switch inline.kind {
      case .text, .code, .softBreak, .lineBreak: return nil
      case .emphasis(let children):
        let kept = withoutPlainText(children)
        if kept.isEmpty { return nil }
        inline.kind = .emphasis(kept)
      case .strong(let children):
        let kept = withoutPlainText(children)
        if kept.isEmpty { return nil }
        inline.kind = .strong(kept)
      case .strikethrough(let children):
        let kept = withoutPlainText(children)
        if kept.isEmpty { return nil }
        inline.kind = .strikethrough(kept)
      case .link, .image, .html, .footnoteReference, .math: break
      }
      return inline
    }
  }

  /// Whether the running text of `inline` (outside links and images, which are kept whole)
  /// has none of the characters the book-wide passes look for.
  private static func hasNoMarkers(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .text(let text), .code(let text):
      return !text.utf8.contains { byte in
        switch byte {
        case UInt8(ascii: "@"), UInt8(ascii: "\\"), UInt8(ascii: "#"), UInt8(ascii: "{"),
          UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "^"):
          true
        default: false
        }
      }
    case .emphasis(let children), .strong(let children), .strikethrough(let children):
      return children.allSatisfy(hasNoMarkers)
    case .softBreak, .lineBreak, .link, .image, .html, .footnoteReference, .math: return true
    }
  }

  /// The summary without its word count, written out (the word count is known only after
  /// the book-wide passes; ``entry(words:body:)`` puts it in front).
  func encodedBody() -> [UInt8] {
    var writer = ModelWriter()
    writer.file = skeleton.path
    writer.string(skeleton.path)
    writer.optional(explicitID)
    writer.number(UInt64(diagnostics.count))
    for diagnostic in diagnostics { writer.diagnostic(diagnostic) }
    writer.bool(mayHoldMath)
    writer.chapter(skeleton)
    return writer.bytes
  }

  /// A cache entry: the word count, then the body.
  static func entry(words: Int, body: [UInt8]) -> [UInt8] {
    var writer = ModelWriter()
    writer.int(words)
    return writer.bytes + body
  }

  func encoded() -> [UInt8] { Self.entry(words: wordCount, body: encodedBody()) }

  /// What a summary holds before its skeleton: its words, the id its front matter gives and
  /// what parsing reported, read without decoding the skeleton.
  struct Head: Sendable {
    var wordCount: Int
    var explicitID: String?
    var diagnostics: [Diagnostic]
    /// Whether the chapter may hold a formula (``ChapterSummary/mayHoldMath``).
    var mayHoldMath: Bool
  }

  /// The head of the summary in `bytes` written for the chapter at `path`, when it decodes.
  static func decodeHead(_ bytes: [UInt8], path: String) -> Head? {
    var reader = ModelReader(bytes)
    do {
      let wordCount = try reader.int()
      reader.file = try reader.string()
      guard reader.file == path else { return nil }
      let explicitID = try reader.optional()
      var diagnostics: [Diagnostic] = []
      for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
      return Head(
        wordCount: wordCount, explicitID: explicitID, diagnostics: diagnostics,
        mayHoldMath: try reader.bool())
    } catch {
      return nil
    }
  }

  static func decode(_ bytes: [UInt8]) -> ChapterSummary? {
    var reader = ModelReader(bytes)
    do {
      let wordCount = try reader.int()
      reader.file = try reader.string()
      let explicitID = try reader.optional()
      var diagnostics: [Diagnostic] = []
      for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
      let mayHoldMath = try reader.bool()
      let skeleton = try reader.chapter()
      guard reader.isAtEnd, skeleton.path == reader.file else { return nil }
      return ChapterSummary(
        skeleton: skeleton, explicitID: explicitID, diagnostics: diagnostics,
        wordCount: wordCount, mayHoldMath: mayHoldMath)
    } catch {
      return nil
    }
  }
}

/// The chapter summaries (``ChapterSummary``) of earlier builds, in one file of
/// `<output>/.cache/` (``fileName``), each found by the chapter's path and the SHA-1 of its
/// text (a chapter's parse depends on nothing else) with the format and Octavo's version.
///
/// As with the other caches: a file of another version, or one that does not decode, is
/// ignored, and so is an entry that does not decode; what this build used or made is written
/// only by ``commit()``, after the outputs are in place, and the file then holds nothing else.
final class SummaryCache: @unchecked Sendable {
  static let format = "octavo-summary-cache 2 " + OctavoVersion.current
  static let fileName = "summaries.cache"
  private static let magic = Array("OCTAVO-SUMMARY-CACHE\n".utf8)

  let table: CacheTable
  /// The records of resolving chapters taken from their summaries (``ResolveRecord``), in a
  /// file of their own (``recordsFileName``): in a rebuild they are mostly as they were read,
  /// and a table whose entries are unchanged is not written again.
  let records: CacheTable
  static let recordsFileName = "resolved.cache"
  static let recordsFormat = "octavo-resolved-cache 3 " + OctavoVersion.current
  private static let recordsMagic = Array("OCTAVO-RESOLVED-CACHE\n".utf8)

  private let decodesLock = NSLock()
  private var decodes = 0
  /// How many summaries this cache decoded whole (skeletons included), for tests.
  var summariesDecoded: Int { decodesLock.withLock { decodes } }

  /// The cache in `folder`.
  init(folder: URL) {
    table = CacheTable(
      file: folder.appending(path: Self.fileName), magic: Self.magic, format: Self.format)
    records = CacheTable(
      file: folder.appending(path: Self.recordsFileName), magic: Self.recordsMagic,
      format: Self.recordsFormat)
  }

  static func key(path: String, digest: [UInt8], keepsNotes: Bool) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(format)
    key.add(keepsNotes ? "notes kept" : "notes summarized")
    key.add(path)
    key.add(digest)
    return key.digest
  }

  /// The summary of the chapter at `path` whose text has `digest`, made keeping its notes
  /// whole or not (``ChapterSummary/skeleton(of:keepsNotes:)``), when one decodes.
  func summary(path: String, digest: [UInt8], keepsNotes: Bool) -> ChapterSummary? {
    let key = Self.key(path: path, digest: digest, keepsNotes: keepsNotes)
    guard let bytes = table.stored(key) else { return nil }
    decodesLock.withLock { decodes += 1 }
    guard let summary = ChapterSummary.decode(bytes),
      summary.skeleton.path == path, summary.skeleton.sourceDigest == digest
    else { return nil }
    table.keepStored(key)
    return summary
  }

  /// Keeps the summary of the chapter at `path` whose text has `digest`, written out by
  /// ``ChapterSummary/encodedBody()`` (and staged: ``stage(_:)``), with its word count, for the
  /// next build (written by ``commit()``).
  func keep(path: String, digest: [UInt8], keepsNotes: Bool, words: Int, body: Body) {
    let key = Self.key(path: path, digest: digest, keepsNotes: keepsNotes)
    switch body {
    case .bytes(let bytes):
      table.keep(ChapterSummary.entry(words: words, body: bytes), for: key)
    case .spilled(let extent, let file):
      table.keep(
        head: ChapterSummary.entry(words: words, body: []), spilled: extent, in: file, for: key)
    }
  }

  /// A chapter's summary, made while it is parsed, waiting for the book-wide passes to count
  /// its words and for ``commit()`` to write it: in memory, or in a temporary file.
  enum Body: Sendable {
    case bytes([UInt8])
    case spilled(SpillFile.Extent, SpillFile)
  }

  private let spillLock = NSLock()
  /// Where the summaries made in this build wait: not looked for yet (`nil`), made, or not
  /// made (`.some(nil)`: they stay in memory), when the first is staged.
  private var spill: SpillFile??

  /// `body` put aside until the build commits: in a temporary file (a book of 100,000 notes
  /// makes 6 MB of summaries, which would otherwise live through loading and rendering), or
  /// kept as it is when no temporary file can be made or written.
  func stage(_ body: [UInt8]) -> Body {
    let file = spillLock.withLock {
      if spill == nil { spill = .some(SpillFile()) }
      return spill!
    }
    guard let file, let extent = try? file.append(body) else { return .bytes(body) }
    return .spilled(extent, file)
  }

  /// The SHA-1 of the text of the chapter file at `path` recorded by an earlier build that
  /// found the file with this `identity` (``FileIdentity``), if any.
  func digest(path: String, identity: FileIdentity) -> [UInt8]? {
    guard let bytes = table.stored(Self.identityKey(path: path)) else { return nil }
    var reader = RenderCache.ByteReader(data: bytes)
    for field in identity.fields {
      guard reader.number() == field else { return nil }
    }
    guard let digest = reader.take(20), reader.isAtEnd else { return nil }
    return digest
  }

  /// Records that the chapter file at `path`, found with `identity`, holds a text whose
  /// SHA-1 is `digest`, for the next build (written by ``commit()``); nothing when the
  /// identity is not settled (``FileIdentity/isSettled``).
  func keep(path: String, identity: FileIdentity, digest: [UInt8]) {
    guard identity.isSettled, digest.count == 20 else { return }
    var writer = RenderCache.ByteWriter()
    for field in identity.fields { writer.add(field) }
    writer.bytes += digest
    table.keep(writer.bytes, for: Self.identityKey(path: path))
  }

  private static func identityKey(path: String) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(format)
    key.add("file identity")
    key.add(path)
    return key.digest
  }

  /// Writes the summaries this build used or made (and no others), atomically. A failure to
  /// write is not an error: the next build parses every chapter.
  func commit() {
    table.commit()
    records.commit()
  }

  static func decodeTable(_ bytes: [UInt8]) -> [String: [UInt8]]? {
    CacheTableFile.decode(bytes, magic: magic, format: format)
  }
}
