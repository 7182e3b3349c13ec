import Foundation

/// A resolved chapter kept as bytes (``ModelWriter``) while it waits to be rendered, and
/// read back (``decoded()``) by the task that renders it.
///
/// A model spends far more memory on its arrays, strings and boxes than on its text: a book of
/// 100,000 one-line notes takes about 56 MB as models and 15 MB as bytes. Kept as bytes, a
/// chapter waiting for its turn costs little, and only the chapters being rendered are whole
/// (``SerializedBook``, for a book whose model is large: ``waits(_:)``).
struct EncodedChapter: Sendable {
  /// The chapter's manuscript path.
  let path: String
  /// The chapter written out.
  let bytes: [UInt8]

  /// Books whose chapters hold more blocks and notes than this (top-level ones, counted by
  /// ``blockCount(of:)``) have their chapters wait as bytes: about 30 MB of model, where
  /// letting each chapter go and reading it back costs less than the memory it holds.
  static let blockThreshold = 60_000

  /// Whether the chapters of `book` should wait as bytes: its model is large
  /// (``blockThreshold``).
  static func waits(_ book: Book) -> Bool {
    book.chapters.reduce(0) { $0 + blockCount(of: $1) } > blockThreshold
  }

  /// The top-level blocks and notes of `chapter`: what its model's size grows with.
  static func blockCount(of chapter: Chapter) -> Int {
    chapter.blocks.count + chapter.footnotes.count
  }

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
    writer.bool(chapter.keyWalk != nil)
    if let walk = chapter.keyWalk {
      writer.raw(walk.digest)
      writer.number(UInt64(walk.images.count))
      for index in walk.images { writer.int(index) }
      writer.bool(walk.hasRawHTML)
      writer.bool(walk.hasCrossReference)
    }
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
      if try reader.bool() {
        let digest = try reader.raw()
        var images: [Int] = []
        for _ in 0..<(try reader.count()) { images.append(try reader.int()) }
        chapter.keyWalk = ChapterKeyWalk(
          digest: digest, images: images, hasRawHTML: try reader.bool(),
          hasCrossReference: try reader.bool())
      }
      guard reader.isAtEnd, chapter.path == path else { throw ModelReader.Malformed() }
      return chapter
    } catch {
      throw OctavoError(.xml, detail: "the chapter \(path) kept as bytes does not read back")
    }
  }
}
