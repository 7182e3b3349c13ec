import Foundation
import Testing

@testable import OctavoKit

/// A rendered chapter is written to the cache folder as soon as it is stored, under a
/// temporary name, so a build does not hold every chapter until it ends; it becomes an entry
/// only when the build commits, and a build that never commits leaves nothing behind.
@Suite("Render cache staging")
struct RenderCacheStagingTests {
  static let entry = RenderCache.Entry(
    xhtml: Array("<html>one</html>".utf8), printSection: Array("<section>one</section>".utf8),
    diagnostics: [])

  static func names(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  @Test("stored entries are files at once, entries only after the commit")
  func committed() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-staging-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = RenderCache(folder: folder)
    cache.store(Self.entry, for: "k1")
    cache.store(Self.entry, for: "k2")
    // Written, but not yet under their names: no other build can read them.
    #expect(Self.names(in: folder).count == 2)
    #expect(Self.names(in: folder).allSatisfy { $0.hasPrefix(".") && $0.hasSuffix(".tmp") })
    #expect(RenderCache(folder: folder).entry(for: "k1") == nil)
    cache.commit()
    #expect(Self.names(in: folder) == ["k1.render", "k2.render"])
    #expect(RenderCache(folder: folder).entry(for: "k1") == Self.entry)
    #expect(RenderCache(folder: folder).entry(for: "k2") == Self.entry)
  }

  @Test("a cache dropped without a commit leaves no file")
  func dropped() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-staging-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
      let cache = RenderCache(folder: folder)
      cache.store(Self.entry, for: "k1")
      #expect(Self.names(in: folder).count == 1)
    }
    #expect(Self.names(in: folder) == [])
  }
}
