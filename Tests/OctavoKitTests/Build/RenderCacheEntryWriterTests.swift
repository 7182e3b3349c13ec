import Foundation
import Testing

@testable import OctavoKit

/// A chapter's cache entry written piece by piece as its bytes are made
/// (``RenderCache/EntryWriter``) is the file ``RenderCache/encode(_:key:)`` gives for the
/// whole entry, whatever the pieces' sizes; an entry abandoned or never finished is not kept.
@Suite("Render cache entries written as they come")
struct RenderCacheEntryWriterTests {
  static func folder() -> URL {
    FileManager.default.temporaryDirectory.appending(path: "octavo-entry-\(UUID().uuidString)")
  }

  static func names(in folder: URL) -> [String] {
    ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
  }

  /// Bytes that differ from place to place, so a piece written twice or out of order shows.
  static func bytes(_ count: Int, seed: Int) -> [UInt8] {
    (0..<count).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ seed &* 7 &+ $0 >> 8) }
  }

  static let diagnostics = [
    Diagnostic(
      .warning, .rawHTMLRepaired, "a note",
      at: SourceLocation(file: "01-one.md", line: 3, column: 9)),
    Diagnostic(.error, .headingLevelSkip, "no place", at: nil),
  ]

  /// (XHTML bytes, print bytes, piece size, diagnostics): empty parts, parts larger than the
  /// writer's 64 KiB buffer, pieces of one byte and of more than the buffer.
  static let cases: [(Int, Int, Int, Bool)] = [
    (0, 0, 1, false), (17, 0, 1, true), (0, 40, 7, false), (5_000, 3_000, 1, true),
    (200_000, 150_000, 4_096, true), (70_000, 1, 70_000, false), (1, 300_000, 100_000, true),
  ]

  @Test("pieces of any size give the bytes of the whole entry", arguments: cases.indices)
  func samePieces(_ index: Int) throws {
    let (xhtmlCount, printCount, pieceSize, withDiagnostics) = Self.cases[index]
    let entry = RenderCache.Entry(
      xhtml: Self.bytes(xhtmlCount, seed: 1), printSection: Self.bytes(printCount, seed: 2),
      diagnostics: withDiagnostics ? Self.diagnostics : [])
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = RenderCache(folder: folder)
    let writer = try #require(RenderCache.EntryWriter(cache: cache, key: "k\(index)"))
    writer.beginXHTML()
    for start in stride(from: 0, to: xhtmlCount, by: pieceSize) {
      writer.add(entry.xhtml[start..<min(start + pieceSize, xhtmlCount)])
    }
    writer.beginPrintSection()
    for start in stride(from: 0, to: printCount, by: pieceSize) {
      writer.add(entry.printSection[start..<min(start + pieceSize, printCount)])
    }
    #expect(writer.finish(diagnostics: entry.diagnostics))
    cache.commit()
    let written = try #require(FileBytes.read(folder.appending(path: "k\(index).render").path))
    #expect(written == RenderCache.encode(entry, key: "k\(index)"))
    #expect(RenderCache(folder: folder).entry(for: "k\(index)") == entry)
    let stored = try #require(RenderCache(folder: folder).storedEntry(for: "k\(index)"))
    #expect(try stored.readXHTML() == entry.xhtml)
    #expect(stored.diagnostics == entry.diagnostics)
  }

  @Test("an abandoned entry, or one never finished, leaves no file and no entry")
  func notKept() throws {
    let folder = Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let cache = RenderCache(folder: folder)
    do {
      let abandoned = try #require(RenderCache.EntryWriter(cache: cache, key: "a"))
      abandoned.beginXHTML()
      abandoned.add(Self.bytes(100, seed: 3)[...])
      abandoned.abandon()
      abandoned.beginPrintSection()
      #expect(!abandoned.finish(diagnostics: []))
      let unfinished = try #require(RenderCache.EntryWriter(cache: cache, key: "b"))
      unfinished.beginXHTML()
      unfinished.add(Self.bytes(100_000, seed: 4)[...])
      // Its file exists while it is written, under a temporary name.
      #expect(Self.names(in: folder).contains { $0.hasPrefix(".b.render") })
    }
    cache.commit()
    #expect(Self.names(in: folder) == [])
    #expect(cache.entry(for: "a") == nil)
    #expect(cache.entry(for: "b") == nil)
  }
}
