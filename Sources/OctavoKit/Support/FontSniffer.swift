/// Tells a font's format from its first bytes, never from its file name.
enum FontSniffer {
  /// The font formats EPUB readers take.
  enum Format: String, Sendable, CaseIterable {
    case woff2, woff, otf, ttf

    /// The media type written in the manifest.
    var mediaType: String { "font/" + rawValue }
  }

  /// The format of the font in `bytes`, or `nil` when it is none Octavo embeds.
  static func format(of bytes: some Collection<UInt8>) -> Format? {
    let head = Array(bytes.prefix(4))
    guard head.count == 4 else { return nil }
    switch head {
    case Array("wOF2".utf8): return .woff2
    case Array("wOFF".utf8): return .woff
    case Array("OTTO".utf8): return .otf
    case [0x00, 0x01, 0x00, 0x00], Array("true".utf8): return .ttf
    default: return nil
    }
  }
}
