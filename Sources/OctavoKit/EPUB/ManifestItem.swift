/// One resource of the EPUB: a manifest entry, and whether it is in the spine.
struct ManifestItem: Sendable {
  /// The manifest id (an XML name).
  var id: String
  /// The path relative to the package document.
  var href: String
  /// The media type.
  var mediaType: String
  /// Manifest properties (`nav`, `cover-image`, `svg`…).
  var properties: [String] = []
  /// Whether the item is in the spine, in manifest order.
  var inSpine: Bool = false
}
