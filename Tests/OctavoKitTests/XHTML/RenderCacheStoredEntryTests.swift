import Foundation
import Testing

@testable import OctavoKit

/// A build leaves a chapter found in the render cache in the cache's file
/// (``RenderCache/storedEntry(for:)``): only the entry's head, the two lengths and its
/// diagnostics are read, and the same checks as a whole read hold.
@Suite("Render cache entries left in their files")
struct RenderCacheStoredEntryTests {
  static let entries: [RenderCache.Entry] = [
    RenderCache.Entry(
      xhtml: Array("<html>one</html>".utf8), printSection: Array("<section>one</section>".utf8),
      diagnostics: []),
    RenderCache.Entry(
      xhtml: Array("<html>two, with a warning</html>".utf8), printSection: [],
      diagnostics: [
        Diagnostic(
          .warning, .rawHTMLRepaired, "repaired", at: SourceLocation(file: "c.md", line: 3)),
        Diagnostic(.warning, .rawHTMLRepaired, "repaired too", at: nil),
      ]),
    RenderCache.Entry(xhtml: [], printSection: [], diagnostics: []),
  ]

  static func folder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-stored-\(UUID().uuidString)")
  }

  /// A cache in a new folder holding each of ``entries`` under `k0`, `k1`…
  static func filled() -> (cache: RenderCache, folder: URL) {
    let folder = folder()
    let cache = RenderCache(folder: folder)
    for (index, entry) in entries.enumerated() { cache.store(entry, for: "k\(index)") }
    cache.commit(parallel: false)
    return (RenderCache(folder: folder), folder)
  }

  @Test("a stored entry reads back as the whole entry")
  func sameAsWhole() throws {
    let (cache, folder) = Self.filled()
    defer { try? FileManager.default.removeItem(at: folder) }
    for (index, entry) in Self.entries.enumerated() {
      let stored = try #require(cache.storedEntry(for: "k\(index)"))
      #expect(try stored.readXHTML() == entry.xhtml)
      #expect(try stored.file.bytes(at: stored.printSection) == entry.printSection)
      #expect(stored.diagnostics == entry.diagnostics)
      #expect(cache.entry(for: "k\(index)") == entry)
    }
    #expect(cache.storedEntry(for: "absent") == nil)
  }

  @Test("an entry cut short, with bytes after its end, or under another key is not taken")
  func untrusted() throws {
    let (_, folder) = Self.filled()
    defer { try? FileManager.default.removeItem(at: folder) }
    // A cache for each look-up: one cache opens a bounded number of entries.
    var cache: RenderCache { RenderCache(folder: folder) }
    let file = folder.appending(path: "k1.render")
    let whole = try [UInt8](Data(contentsOf: file))
    // Every length short of the whole.
    for count in 0..<whole.count {
      try Data(whole.prefix(count)).write(to: file)
      #expect(cache.storedEntry(for: "k1") == nil, "cut to \(count) bytes")
      #expect(cache.entry(for: "k1") == nil, "cut to \(count) bytes")
    }
    try Data(whole + [0]).write(to: file)
    #expect(cache.storedEntry(for: "k1") == nil)
    #expect(cache.entry(for: "k1") == nil)
    // Entry k0's file under k1's name: its key is not k1.
    try Data(contentsOf: folder.appending(path: "k0.render")).write(to: file)
    #expect(cache.storedEntry(for: "k1") == nil)
    #expect(cache.entry(for: "k1") == nil)
    // A folder in place of an entry.
    try FileManager.default.removeItem(at: file)
    try FileManager.default.createDirectory(at: file, withIntermediateDirectories: false)
    #expect(cache.storedEntry(for: "k1") == nil)
  }

  @Test("a stored entry keeps its bytes when the cache replaces or removes its file")
  func heldOpen() throws {
    let (cache, folder) = Self.filled()
    defer { try? FileManager.default.removeItem(at: folder) }
    let stored = try #require(cache.storedEntry(for: "k0"))
    // Another entry renamed over it, as a commit does, then removed, as a prune does.
    let file = folder.appending(path: "k0.render")
    let other = folder.appending(path: "other.tmp")
    try Data(contentsOf: folder.appending(path: "k1.render")).write(to: other)
    #expect(rename(other.path, file.path) == 0)
    #expect(try stored.readXHTML() == Self.entries[0].xhtml)
    try FileManager.default.removeItem(at: file)
    #expect(try stored.file.bytes(at: stored.printSection) == Self.entries[0].printSection)
  }

  @Test("a book's cached chapters left in the cache give the bytes a rendering gives")
  func leftInTheCache() throws {
    let folder = Self.folder()
    let output = Self.folder()
    defer {
      try? FileManager.default.removeItem(at: folder)
      try? FileManager.default.removeItem(at: output)
    }
    try FileManager.default.createDirectory(at: output, withIntermediateDirectories: true)
    let root = TestPaths.sampleManuscript
    let book = try Manuscript.load(at: root).book
    let first = RenderCache(folder: folder)
    let rendered = try SerializedBook(
      book: book, root: root, formats: [.epub, .print], cache: first, spillsPrint: true)
    first.commit(parallel: true)
    let again = try SerializedBook(
      book: book, root: root, formats: [.epub, .print], cache: RenderCache(folder: folder),
      spillsPrint: true, leavesCachedBytes: true)
    #expect(again.cacheHits == book.chapters.count)
    for (cached, fresh) in zip(again.documents, rendered.documents) where cached.cacheKey != nil {
      #expect(cached.storedEntry != nil && cached.xhtml.isEmpty, "\(cached.id)")
      #expect(cached.printSection.isEmpty && cached.spilledPrintSection.isEmpty, "\(cached.id)")
      #expect(try cached.xhtmlBytes() == fresh.xhtml, "\(cached.id)")
      #expect(cached.diagnostics == fresh.diagnostics, "\(cached.id)")
      guard case .spilled(let file, let extents) = again.printPiece(cached),
        case .spilled(let freshFile, let freshExtents) = rendered.printPiece(fresh)
      else {
        Issue.record("\(cached.id) is not read from a file")
        continue
      }
      #expect(file !== again.printSpill, "\(cached.id) was spilled")
      let bytes = try extents.flatMap { try file.bytes(at: $0) }
      #expect(!bytes.isEmpty, "\(cached.id)")
      #expect(try bytes == freshExtents.flatMap { try freshFile.bytes(at: $0) }, "\(cached.id)")
    }
    // The EPUB: written from the rendered book; written from the one left in the cache,
    // told that an earlier EPUB holds every chapter under its key but that EPUB is gone (so
    // each document is read from the cache after all); the same bytes.
    let css = BookBuilder.stylesheet("epub.css", in: nil)
    let freshEPUB = output.appending(path: "fresh.epub")
    let written = try EPUBPackager(serialized: rendered, root: root, stylesheet: css)
      .writeForReuse(to: freshEPUB)
    // Every chapter's document by its render-cache key; the entries made in memory by a
    // digest of their bytes.
    #expect(written.keys.values.filter { !$0.hasPrefix("content ") }.count == book.chapters.count)
    var packager = EPUBPackager(serialized: again, root: root, stylesheet: css)
    packager.reuse = EPUBPackager.Reuse(
      documents: written.documents,
      previous: (archive: output.appending(path: "gone.epub"), keys: written.keys))
    let files = try packager.entries()
    #expect(files.filter { $0.stored != nil }.count == book.chapters.count)
    let fromCache = output.appending(path: "from-cache.epub")
    let again2 = try packager.writeForReuse(to: fromCache)
    #expect(again2.copied == 0)
    #expect(try Data(contentsOf: fromCache) == Data(contentsOf: freshEPUB))
    // Told of nothing: every document is read at once.
    let plain = try EPUBPackager(serialized: again, root: root, stylesheet: css).entries()
    #expect(plain.allSatisfy { $0.stored == nil })
  }
}
