/// Tells an image's type from its first bytes, never from its file name.
enum ImageSniffer {
  /// The media type of the image in `bytes`, or `nil` when it is not a supported image
  /// (PNG, JPEG, GIF, WebP or SVG).
  static func mediaType(of bytes: some Collection<UInt8>) -> String? {
    let head = Array(bytes.prefix(512))
    if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return "image/png" }
    if head.starts(with: [0xFF, 0xD8, 0xFF]) { return "image/jpeg" }
    if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) {
      return "image/gif"
    }
    if head.count >= 12, head.starts(with: Array("RIFF".utf8)),
      Array(head[8..<12]) == Array("WEBP".utf8)
    {
      return "image/webp"
    }
    // SVG: XML text whose root element is <svg>.
    var text = String(decoding: head, as: UTF8.self)
    if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
    let trimmed = text.drop { $0.isWhitespace }
    if trimmed.hasPrefix("<svg")
      || (trimmed.hasPrefix("<?xml") || trimmed.hasPrefix("<!--")
        || trimmed.hasPrefix("<!DOCTYPE svg"))
        && String(decoding: Array(bytes.prefix(4096)), as: UTF8.self).contains("<svg")
    {
      return "image/svg+xml"
    }
    return nil
  }

  /// The usual file extension for a media type.
  static func fileExtension(for mediaType: String) -> String {
    switch mediaType {
    case "image/png": "png"
    case "image/jpeg": "jpg"
    case "image/gif": "gif"
    case "image/webp": "webp"
    case "image/svg+xml": "svg"
    default: "bin"
    }
  }
}
