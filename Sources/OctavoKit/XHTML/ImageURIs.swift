import Foundation

/// Each image of a book as a `data:` URI, by the `src` content documents give it, for the
/// print edition; each made the first time it is asked for.
///
/// A rebuild renders a chapter or two and takes the others' print sections from the cache:
/// it encodes only the images those chapters show. (All of the book's images were read and
/// Base64-encoded on every build, and the SHA-1 of every URI worked out for the render
/// cache's keys, which now take the digest of the image's bytes: ``digest(of:root:)``.)
struct ImageURIs: Sendable, ExpressibleByDictionaryLiteral {
  private final class Store: @unchecked Sendable {
    let lock = NSLock()
    var made: [String: String]
    let images: [String: ImageResource]
    let root: URL

    init(made: [String: String], images: [String: ImageResource], root: URL) {
      self.made = made
      self.images = images
      self.root = root
    }
  }

  private let store: Store

  /// URIs given whole (tests, and the print edition's pages that show no image).
  init(dictionaryLiteral elements: (String, String)...) {
    self.init(Dictionary(elements, uniquingKeysWith: { _, last in last }))
  }

  /// URIs given whole, by `src`.
  init(_ uris: [String: String]) {
    store = Store(made: uris, images: [:], root: URL(fileURLWithPath: "/"))
  }

  /// The URIs of a book's `images`, whose files are in `root`.
  ///
  /// - Throws: ``OctavoError`` when an image's file cannot be opened for reading (told now,
  ///   as when every image was read here; one that cannot be read when its URI is asked for
  ///   after all keeps its `src`).
  init(images: [ImageResource], root: URL) throws {
    var bySource: [String: ImageResource] = [:]
    for image in images {
      if image.missingSource == nil, image.replacement == nil {
        let descriptor = open(root.appending(path: image.path).path, O_RDONLY | O_CLOEXEC)
        var info = stat()
        let readable =
          descriptor >= 0 && fstat(descriptor, &info) == 0 && info.st_mode & S_IFMT == S_IFREG
        if descriptor >= 0 { close(descriptor) }
        guard readable else {
          throw OctavoError(.cannotWrite, path: image.path, detail: "cannot read the image")
        }
      }
      bySource[XHTMLRenderer.imagesPrefix + image.fileName] = image
    }
    store = Store(made: [:], images: bySource, root: root)
  }

  /// The `data:` URI of the image content documents show as `src`, if it is one of the
  /// book's.
  subscript(src: String) -> String? {
    if let made = store.lock.withLock({ store.made[src] }) { return made }
    guard let image = store.images[src], let bytes = image.bytes(in: store.root) else {
      return nil
    }
    let uri = "data:\(image.mediaType);base64," + Data(bytes).base64EncodedString()
    store.lock.withLock { store.made[src] = uri }
    return uri
  }

  /// The SHA-1 of the bytes `image` puts in the book (its file in `root`, its replacement or
  /// its placeholder), which with its media type stands for its URI; nil when they cannot be
  /// read.
  static func digest(of image: ImageResource, root: URL) -> [UInt8]? {
    image.bytes(in: root).map(SHA1.hash)
  }
}
