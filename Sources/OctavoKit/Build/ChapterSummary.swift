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

  /// `chapter` (as parsed) with every paragraph that holds only plain text made empty, at
  /// any depth outside notes. A paragraph stays (empty) rather than going, so block indices,
  /// tight lists and the first block are as they were. Plain text is text (and code spans,
  /// breaks, emphasis of those) without any of the characters the book-wide passes look for:
  /// `@` and `\` (references), `#` and `{` (stray labels), `[` and `^` (undefined notes).
  static func skeleton(of chapter: Chapter) -> Chapter {
    var chapter = chapter
    chapter.blocks = skeleton(chapter.blocks)
    return chapter
  }

  private static func skeleton(_ blocks: [Block]) -> [Block] {
    blocks.map { block in
      switch block.kind {
      case .paragraph(let inlines):
        guard !inlines.isEmpty, inlines.allSatisfy(isPlain) else { return block }
        var block = block
        block.kind = .paragraph([])
        return block
      case .blockQuote, .list, .alert:
        return block.mapChildBlocks { skeleton($0) }
      default:
        return block
      }
    }
  }

  private static func isPlain(_ inline: Inline) -> Bool {
    switch inline.kind {
    case .text(let text), .code(let text):
      return !text.utf8.contains { byte in
        byte == UInt8(ascii: "@") || byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "#")
          || byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") || byte == UInt8(ascii: "^")
      }
    case .softBreak, .lineBreak: return true
    case .emphasis(let children), .strong(let children), .strikethrough(let children):
      return children.allSatisfy(isPlain)
    case .link, .image, .html, .footnoteReference, .math: return false
    }
  }

  func encoded() -> [UInt8] {
    var writer = ModelWriter()
    writer.file = skeleton.path
    writer.string(skeleton.path)
    writer.optional(explicitID)
    writer.int(wordCount)
    writer.number(UInt64(diagnostics.count))
    for diagnostic in diagnostics { writer.diagnostic(diagnostic) }
    writer.chapter(skeleton)
    return writer.bytes
  }

  static func decode(_ bytes: [UInt8]) -> ChapterSummary? {
    var reader = ModelReader(bytes)
    do {
      reader.file = try reader.string()
      let explicitID = try reader.optional()
      let wordCount = try reader.int()
      var diagnostics: [Diagnostic] = []
      for _ in 0..<(try reader.count()) { diagnostics.append(try reader.diagnostic()) }
      let skeleton = try reader.chapter()
      guard reader.isAtEnd, skeleton.path == reader.file else { return nil }
      return ChapterSummary(
        skeleton: skeleton, explicitID: explicitID, diagnostics: diagnostics,
        wordCount: wordCount)
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
  static let format = "octavo-summary-cache 1 " + OctavoVersion.current
  static let fileName = "summaries.cache"
  private static let magic = Array("OCTAVO-SUMMARY-CACHE\n".utf8)

  private let file: URL
  private let lock = NSLock()
  private var stored: [String: [UInt8]] = [:]
  private var kept: [String: [UInt8]] = [:]

  /// The cache in `folder`.
  init(folder: URL) {
    file = folder.appending(path: Self.fileName)
    if let data = FileManager.default.contents(atPath: file.path),
      let table = Self.decodeTable([UInt8](data))
    {
      stored = table
    }
  }

  static func key(path: String, digest: [UInt8]) -> String {
    var key = RenderCache.KeyBuilder()
    key.add(format)
    key.add(path)
    key.add(digest)
    return SHA1.hash(key.bytes).map { String(format: "%02x", $0) }.joined()
  }

  /// The summary of the chapter at `path` whose text has `digest`, when one decodes.
  func summary(path: String, digest: [UInt8]) -> ChapterSummary? {
    let key = Self.key(path: path, digest: digest)
    lock.lock()
    let bytes = stored[key]
    lock.unlock()
    guard let bytes, let summary = ChapterSummary.decode(bytes),
      summary.skeleton.path == path, summary.skeleton.sourceDigest == digest
    else { return nil }
    lock.lock()
    kept[key] = bytes
    lock.unlock()
    return summary
  }

  /// Keeps `summary` for the next build (written by ``commit()``).
  func keep(_ summary: ChapterSummary) {
    let key = Self.key(path: summary.skeleton.path, digest: summary.skeleton.sourceDigest)
    let bytes = summary.encoded()
    lock.lock()
    kept[key] = bytes
    lock.unlock()
  }

  /// Writes the summaries this build used or made (and no others), atomically. A failure to
  /// write is not an error: the next build parses every chapter.
  func commit() {
    lock.lock()
    let entries = kept
    lock.unlock()
    var writer = RenderCache.ByteWriter()
    writer.bytes = Self.magic
    writer.add(Array(Self.format.utf8))
    writer.add(UInt64(entries.count))
    for (key, bytes) in entries.sorted(by: { $0.key < $1.key }) {
      writer.add(Array(key.utf8))
      writer.add(bytes)
    }
    guard
      (try? FileManager.default.createDirectory(
        at: file.deletingLastPathComponent(), withIntermediateDirectories: true)) != nil
    else { return }
    try? AtomicFile.write(writer.bytes, to: file)
  }

  static func decodeTable(_ bytes: [UInt8]) -> [String: [UInt8]]? {
    var reader = RenderCache.ByteReader(data: bytes)
    guard reader.take(magic.count) == magic, reader.string() == format,
      let count = reader.number(), count < 10_000_000
    else { return nil }
    var table: [String: [UInt8]] = [:]
    for _ in 0..<count {
      guard let key = reader.string(), let value = reader.bytes() else { return nil }
      table[key] = value
    }
    return reader.isAtEnd ? table : nil
  }
}
