import Foundation

/// What reading each image file of the manuscript found, kept for one run of the book-wide
/// transforms (``BookTransformer``), so a file shown by many chapters is read, sniffed and
/// (an SVG) sanitized once, not once per chapter. Shared by the copies of the transformer
/// that resolve chapters concurrently; a new run starts empty, so an image edited between
/// builds is read again.
final class ImageFileMemo: @unchecked Sendable {
  /// What reading one image file found.
  enum Outcome: Sendable {
    case outside
    case missing
    /// Not a regular file: the kind, as a phrase.
    case special(String)
    case unreadable
    case notAnImage
    /// An SVG that does not parse: why.
    case badSVG(String?)
    /// An image the book can use: its media type, the sanitized bytes when an SVG had to be
    /// changed, and what was removed.
    case image(mediaType: String, replacement: [UInt8]?, removed: [String])
  }

  private let lock = NSLock()
  private var outcomes: [String: (Outcome, ResolveRecord.FileAnswer?)] = [:]
  /// The file-system answers asked for, by `i` (an image) or `l` (a link) and the path.
  private var answers: [String: [ResolveRecord.FileAnswer?]] = [:]

  /// The outcome for manuscript path `path`, from `read` the first time it is asked for,
  /// and what `answer` said of the file just before it was read (what a record of the pass
  /// keeps, ``ResolveRecord``: a change made after it gives the file another identity).
  func outcome(
    for path: String, answer: () -> ResolveRecord.FileAnswer?, _ read: () -> Outcome
  ) -> (Outcome, ResolveRecord.FileAnswer?) {
    lock.lock()
    let known = outcomes[path]
    lock.unlock()
    if let known { return known }
    // Two chapters may read the same file at once; both find the same.
    let found = (answer(), read())
    let result = (found.1, found.0)
    lock.lock()
    outcomes[path] = result
    if answers["i" + path] == nil { answers["i" + path] = [found.0] }
    lock.unlock()
    return result
  }

  /// What the file system says now of `path` (``ResolveRecord/FileAnswer/now(_:isImage:in:)``),
  /// asked once per run whichever chapters' records ask it.
  func answer(for path: String, isImage: Bool, in files: ManuscriptFile)
    -> ResolveRecord.FileAnswer?
  {
    let key = (isImage ? "i" : "l") + path
    lock.lock()
    let known = answers[key]
    lock.unlock()
    if let known { return known[0] }
    let answer = ResolveRecord.FileAnswer.now(path, isImage: isImage, in: files)
    lock.lock()
    answers[key] = [answer]
    lock.unlock()
    return answer
  }

  /// Reads the image at manuscript path `path`: where it is, what kind of file, its media
  /// type from its first bytes, and an SVG's bytes with what could run or fetch removed.
  static func read(_ path: String, in files: ManuscriptFile) -> Outcome {
    let url: URL
    switch files.resolve(path) {
    case .outside: return .outside
    case .missing: return .missing
    case .inside(let resolved): url = resolved
    }
    if let kind = ManuscriptFile.specialKind(of: url) { return .special(kind) }
    guard let handle = try? FileHandle(forReadingFrom: url) else { return .unreadable }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 4096)) ?? Data()
    guard let mediaType = ImageSniffer.mediaType(of: head) else { return .notAnImage }
    guard mediaType == "image/svg+xml" else {
      return .image(mediaType: mediaType, replacement: nil, removed: [])
    }
    // An SVG is a document: what could run or fetch comes out before it reaches the book.
    let rest = (try? handle.readToEnd()) ?? Data()
    let sanitized = SVGSanitizer.sanitize([UInt8](head) + [UInt8](rest))
    guard let bytes = sanitized.bytes else { return .badSVG(sanitized.failure) }
    return .image(
      mediaType: mediaType, replacement: sanitized.removed.isEmpty ? nil : bytes,
      removed: sanitized.removed)
  }
}
