import Foundation
import Testing

@testable import OctavoKit

/// The render-cache key's pieces added without making strings
/// (``RenderCache/KeyBuilder/add(joining:_:_:_:)``, ``RenderCache/KeyBuilder/add(_:text:)``)
/// are the bytes the strings gave, so keys do not change.
@Suite("Render-cache key pieces")
struct RenderCacheKeyBuilderTests {
  static func bytes(_ build: (inout RenderCache.KeyBuilder) -> Void) -> [UInt8] {
    var key = RenderCache.KeyBuilder()
    build(&key)
    return key.bytes
  }

  @Test("a string is its length and its bytes")
  func string() {
    for text in ["", "a", "é ü 例え", String(repeating: "x", count: 70_000)] {
      let expected = Self.bytes { $0.add(Array(text.utf8)) }
      #expect(Self.bytes { $0.add(text) } == expected)
      // A substring's string, not contiguous at first, gives the same.
      let bridged = String(text.dropFirst(0))
      #expect(Self.bytes { $0.add(bridged) } == expected)
    }
  }

  @Test("pieces joined are the joined string")
  func joined() {
    let parts = ["", "h#", "section-1", "é", "#"]
    for a in parts {
      for b in parts {
        for c in parts {
          #expect(Self.bytes { $0.add(joining: a, b, c) } == Self.bytes { $0.add(a + b + c) })
          #expect(
            Self.bytes { $0.add(joining: a, b, c, a) } == Self.bytes { $0.add(a + b + c + a) })
        }
      }
    }
  }

  @Test(
    "a link target is its description",
    arguments: [
      LinkTarget.unresolved, .none, .external("https://example.org/a"),
      .chapter(id: "chapter-1", fragment: nil), .chapter(id: "c", fragment: "section-2"),
      .chapter(id: "c", fragment: ""), .chapter(id: "", fragment: "é"),
    ])
  func target(_ target: LinkTarget) {
    let description = RenderCache.BookContext.describe(target)
    #expect(Self.bytes { $0.add(target) } == Self.bytes { $0.add(description) })
    for text in ["", "Figure 3", "é"] {
      #expect(
        Self.bytes { $0.add(target, text: text) }
          == Self.bytes { $0.add(description + " " + text) })
    }
  }
}
