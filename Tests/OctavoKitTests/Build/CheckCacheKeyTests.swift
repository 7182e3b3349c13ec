import Foundation
import Testing

@testable import OctavoKit

/// The check cache works each chapter's keys out once a build (``CheckCache``): the keys it
/// remembers must be the ones it would work out.
@Suite("Check cache keys")
struct CheckCacheKeyTests {
  @Test("a remembered key is the one worked out, and a chapter whose text changed gets its new key")
  func rememberedKeys() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: Keys\nlanguage: en\ncontents: [one.md, two.md]\n",
      "one.md": "# One\n\nText.\n",
      "two.md": "# Two\n\nMore text.\n",
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-check-keys-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let metadata = manuscript.book.metadata
    let cache = CheckCache(folder: folder, metadata: metadata)
    let described = CheckCache.described(metadata)
    for chapter in manuscript.book.chapters {
      for kind in ["accessibility", "glyphs"] {
        let expected = CheckCache.key(for: chapter, kind: kind, metadata: described)
        #expect(cache.key(for: chapter, kind: kind) == expected)
        #expect(cache.key(for: chapter, kind: kind) == expected)
        var edited = chapter
        edited.sourceDigest = SHA1.hash(Array("other text".utf8))
        let changed = CheckCache.key(for: edited, kind: kind, metadata: described)
        #expect(changed != expected)
        #expect(cache.key(for: edited, kind: kind) == changed)
        #expect(cache.key(for: chapter, kind: kind) == expected)
      }
    }
  }
}
