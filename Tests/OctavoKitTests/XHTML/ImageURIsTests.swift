import Foundation
import Testing

@testable import OctavoKit

/// The images' `data:` URIs made when first asked for (``ImageURIs``), and the digests of
/// their bytes the check cache records by file identity (``CheckCache/imageDigest(of:root:)``).
@Suite("Image URIs and digests")
struct ImageURIsTests {
  static func folder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appending(
      path: "octavo-images-\(UUID().uuidString)")
    try FileManager.default.createDirectory(
      at: url.appending(path: "images"), withIntermediateDirectories: true)
    return url
  }

  static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 1, 2, 3, 4, 5]
  static let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".utf8)

  static func images() -> [ImageResource] {
    [
      ImageResource(path: "images/a.png", mediaType: "image/png", fileName: "a.png"),
      ImageResource(path: "images/b.svg", mediaType: "image/svg+xml", fileName: "b.svg"),
      ImageResource(
        path: "images/gone.png", mediaType: "image/svg+xml", fileName: "gone.svg",
        missingSource: "images/gone.png"),
      ImageResource(
        path: "images/c.svg", mediaType: "image/svg+xml", fileName: "c.svg",
        replacement: Array("<svg/>".utf8)),
    ]
  }

  static func uri(_ type: String, _ bytes: [UInt8]) -> String {
    "data:\(type);base64," + Data(bytes).base64EncodedString()
  }

  @Test("each URI is the image's bytes in Base64, read when it is first asked for")
  func lazy() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data(Self.png).write(to: root.appending(path: "images/a.png"))
    try Data(Self.svg).write(to: root.appending(path: "images/b.svg"))
    let uris = try ImageURIs(images: Self.images(), root: root)
    #expect(uris["../images/a.png"] == Self.uri("image/png", Self.png))
    // The file of an image not asked for yet is read only when it is.
    try Data(Self.png).write(to: root.appending(path: "images/b.svg"))
    #expect(uris["../images/b.svg"] == Self.uri("image/svg+xml", Self.png))
    try FileManager.default.removeItem(at: root.appending(path: "images/a.png"))
    #expect(uris["../images/a.png"] == Self.uri("image/png", Self.png))
    #expect(
      uris["../images/gone.svg"]
        == Self.uri(
          "image/svg+xml", Array(ImageResource.placeholderSVG(for: "images/gone.png").utf8)))
    #expect(uris["../images/c.svg"] == Self.uri("image/svg+xml", Array("<svg/>".utf8)))
    #expect(uris["../images/other.png"] == nil)
    let given: ImageURIs = ["images/x.png": "data:x"]
    #expect(given["images/x.png"] == "data:x")
  }

  @Test("an image file that cannot be read stops the URIs from being made")
  func unreadable() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    try Data(Self.png).write(to: root.appending(path: "images/a.png"))
    // A folder where the SVG should be.
    try FileManager.default.createDirectory(
      at: root.appending(path: "images/b.svg"), withIntermediateDirectories: true)
    #expect(throws: OctavoError.self) { try ImageURIs(images: Self.images(), root: root) }
  }

  @Test("the check cache's digest is taken for a file of the recorded identity, else worked out")
  func recordedDigest() throws {
    let root = try Self.folder()
    defer { try? FileManager.default.removeItem(at: root) }
    let file = root.appending(path: "images/a.png")
    try Data(Self.png).write(to: file)
    let image = Self.images()[0]
    let cacheFolder = root.appending(path: ".cache")
    let metadata = BookMetadata(title: "T")
    let fresh = CheckCache(folder: cacheFolder, metadata: metadata)
    #expect(fresh.imageDigest(of: image, root: root) == SHA1.hash(Self.png))
    // An earlier build's record for this very file is taken without reading the file.
    let identity = try #require(FileIdentity(path: file.path))
    var writer = RenderCache.ByteWriter()
    for field in identity.fields { writer.add(field) }
    let planted = [UInt8](repeating: 7, count: 20)
    writer.bytes += planted
    CacheTableFile.write(
      [CheckCache.imageSlot(path: image.path): writer.bytes],
      to: cacheFolder.appending(path: CheckCache.fileName),
      magic: Array("OCTAVO-CHECK-CACHE\n".utf8), format: CheckCache.format)
    let recorded = CheckCache(folder: cacheFolder, metadata: metadata)
    #expect(recorded.imageDigest(of: image, root: root) == planted)
    // The file written again (another inode, other times): its bytes are hashed.
    try FileManager.default.removeItem(at: file)
    try Data(Self.svg).write(to: file)
    let changed = CheckCache(folder: cacheFolder, metadata: metadata)
    #expect(changed.imageDigest(of: image, root: root) == SHA1.hash(Self.svg))
    // Placeholders and replacements are hashed from the bytes the book uses.
    #expect(
      changed.imageDigest(of: Self.images()[3], root: root) == SHA1.hash(Array("<svg/>".utf8)))
  }
}
