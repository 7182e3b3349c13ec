import Foundation
import Testing

@testable import OctavoKit

/// The print edition's contents section is kept in the render cache under the hash of the
/// trees it is written from: a rebuild whose contents are unchanged takes it from there, and
/// one whose contents changed writes it anew.
@Suite("Contents section cache")
struct ContentsSectionCacheTests {
  /// The cache entries (`.render` files) in `output`'s cache whose bytes hold `text`.
  private static func entries(in output: URL, holding text: String) throws -> [URL] {
    let cache = output.appending(path: ".cache")
    return try FileManager.default.contentsOfDirectory(atPath: cache.path)
      .filter { $0.hasSuffix(".render") }
      .map { cache.appending(path: $0) }
      .filter { url in
        let bytes = try Data(contentsOf: url)
        return bytes.range(of: Data(text.utf8)) != nil
      }
  }

  @Test("an unchanged contents section comes from the cache; a changed heading writes it anew")
  func takenFromCache() throws {
    let book = try IncrementalBuildTests.manuscript()
    defer { book.remove() }
    let output = IncrementalBuildTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let first = try IncrementalBuildTests.build(book.root, into: output)
    #expect(String(decoding: first.html, as: UTF8.self).contains("Harbour 3</a>"))
    let marker = "<nav id=\"toc\""
    let stored = try Self.entries(in: output, holding: marker)
    try #require(stored.count == 1)

    // The entry is altered behind the cache's back (its length kept): a rebuild after an edit
    // that leaves the contents as they were prints the altered bytes, so they came from it.
    var bytes = [UInt8](try Data(contentsOf: stored[0]))
    let heading = Array("Harbour 3</a>".utf8)
    let at = try #require(
      bytes.indices.first { bytes[$0...].starts(with: heading) })
    bytes.replaceSubrange(at..<at + heading.count, with: Array("Hxrbour 3</a>".utf8))
    try Data(bytes).write(to: stored[0])
    try book.write(
      Array((IncrementalBuildTests.chapter(5) + "\nOne more paragraph.\n").utf8), to: "c5.md")
    let edited = try IncrementalBuildTests.build(book.root, into: output)
    #expect(String(decoding: edited.html, as: UTF8.self).contains("Hxrbour 3</a>"))

    // A heading renamed changes the contents: the section is written again, from the book.
    try book.write(
      Array(IncrementalBuildTests.chapter(5, heading: "Quay").utf8), to: "c5.md")
    let renamed = try IncrementalBuildTests.build(book.root, into: output)
    let text = String(decoding: renamed.html, as: UTF8.self)
    #expect(text.contains("Quay 5</a>") && !text.contains("Hxrbour 3</a>"))
    #expect(renamed == (try IncrementalBuildTests.reference(book.root)))
    #expect(try Self.entries(in: output, holding: marker).count == 1)
  }
}
