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
  private var outcomes: [String: Outcome] = [:]

  /// The outcome for manuscript path `path`, from `read` the first time it is asked for.
  func outcome(for path: String, _ read: () -> Outcome) -> Outcome {
    lock.lock()
    let known = outcomes[path]
    lock.unlock()
    if let known { return known }
    // Two chapters may read the same file at once; both find the same.
    let outcome = read()
    lock.lock()
    outcomes[path] = outcome
    lock.unlock()
    return outcome
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
