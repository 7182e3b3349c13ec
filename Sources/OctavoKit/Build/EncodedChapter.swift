import Foundation

/// A resolved chapter kept as bytes (``ModelWriter``) while it waits to be rendered, and
/// read back (``decoded()``) by the task that renders it.
///
/// A model spends far more memory on its arrays, strings and boxes than on its text: a book of
/// 100,000 one-line notes takes about 56 MB as models and 15 MB as bytes. Kept as bytes, a
/// chapter waiting for its turn costs little, and only the chapters being rendered are whole
/// (``SerializedBook``, through ``waiting``, for a book whose model is large: ``waits(_:)``).
struct EncodedChapter: Sendable {
  /// The chapter's manuscript path.
  let path: String
  /// The chapter written out.
  let bytes: [UInt8]

  /// Books whose chapters hold more top-level blocks and notes than this in all
  /// (``Chapter/blockCount``: about 17 MB of model) may have their chapters wait as bytes.
  static let blockThreshold = 60_000
  /// ...when one of their chapters holds more than this: rendering two such chapters at once
  /// takes as much memory again as the whole model (a chapter of 10,000 notes, 20,000 blocks
  /// and notes, makes 22 MB of trees). A book of many chapters of ordinary size (4M words in
  /// 400 chapters of about 240 blocks) gains nothing from it: its peak is while it loads, and
  /// writing its chapters out and reading them back costs 9 % more CPU time.
  static let chapterThreshold = 5_000

  /// Whether the chapters of `book` should wait as bytes: its model is large
  /// (``blockThreshold``) and so is one of its chapters (``chapterThreshold``).
  static func waits(_ book: Book) -> Bool {
    var total = 0
    var largest = 0
    for chapter in book.chapters {
      let count = chapter.blockCount
      total += count
      largest = max(largest, count)
    }
    return total > blockThreshold && largest > chapterThreshold
  }

  /// How a build's chapters wait as bytes (``SerializedBook``).
  static let waiting = ChapterWaiting(
    writeOut: { EncodedChapter($0)?.bytes },
    readBack: { path, bytes in try EncodedChapter(path: path, bytes: bytes).decoded() })

  /// Bytes written earlier for the chapter at `path`.
  init(path: String, bytes: [UInt8]) {
    self.path = path
    self.bytes = bytes
  }

  /// `chapter` written out, or nil when it cannot be read back whole: a formula's MathML,
  /// set by the math pass, is not written (``ModelWriter``).
  init?(_ chapter: Chapter) {
    guard !chapter.containsMath else { return nil }
    var writer = ModelWriter()
    writer.file = chapter.path
    writer.chapter(chapter)
    writer.bool(chapter.mayHoldRawHTML)
    writer.keyWalk(chapter.keyWalk)
    path = chapter.path
    // The writer's array has up to twice the room it uses: the bytes kept are copied out.
    bytes = writer.bytes.withUnsafeBufferPointer { Array($0) }
  }

  /// The chapter as it was written.
  ///
  /// - Throws: ``OctavoError`` when the bytes do not read back (a bug in Octavo: they were
  ///   written by this process).
  func decoded() throws -> Chapter {
    var reader = ModelReader(bytes, file: path)
    do {
      var chapter = try reader.chapter()
      chapter.mayHoldRawHTML = try reader.bool()
      chapter.keyWalk = try reader.keyWalk()
      guard reader.isAtEnd, chapter.path == path else { throw ModelReader.Malformed() }
      return chapter
    } catch {
      throw OctavoError(.xml, detail: "the chapter \(path) kept as bytes does not read back")
    }
  }
}
