/// How the chapters of a book whose model is large wait for their turn to be rendered
/// (``SerializedBook``): written out as bytes, a fraction of their size as models, and read
/// back by the task that renders them. The build's is ``EncodedChapter/waiting``.
struct ChapterWaiting: Sendable {
  /// The chapter written out, or nil when it waits as a model.
  var writeOut: @Sendable (Chapter) -> [UInt8]?
  /// The chapter at `path` read back from what ``writeOut`` made of it.
  var readBack: @Sendable (_ path: String, _ bytes: [UInt8]) throws -> Chapter
}
