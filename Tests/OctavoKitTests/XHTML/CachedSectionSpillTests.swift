import Foundation
import Testing

@testable import OctavoKit

/// A chapter read from the render cache waits for the print edition in the temporary file,
/// as a rendered one does, instead of in memory.
@Suite("Cached print sections spilled")
struct CachedSectionSpillTests {
  @Test("a cached chapter's print section is spilled, and reads back as the same bytes")
  func spilled() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-spill-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: folder) }
    let root = TestPaths.sampleManuscript
    let book = try Manuscript.load(at: root).book
    let first = RenderCache(folder: folder)
    let rendered = try SerializedBook(
      book: book, root: root, formats: [.epub, .print], cache: first, spillsPrint: true)
    first.commit(parallel: true)
    #expect(rendered.cacheHits == 0)
    let again = try SerializedBook(
      book: book, root: root, formats: [.epub, .print], cache: RenderCache(folder: folder),
      spillsPrint: true)
    #expect(again.cacheHits == book.chapters.count)
    #expect(again.printSpill != nil)
    for (cached, fresh) in zip(again.documents, rendered.documents) where cached.cacheKey != nil {
      #expect(cached.printSection.isEmpty && !cached.spilledPrintSection.isEmpty, "\(cached.id)")
      guard case .spilled(let file, let extents) = again.printPiece(cached),
        case .spilled(let freshFile, let freshExtents) = rendered.printPiece(fresh)
      else {
        Issue.record("\(cached.id) is not spilled")
        continue
      }
      #expect(
        try extents.flatMap { try file.bytes(at: $0) }
          == freshExtents.flatMap { try freshFile.bytes(at: $0) })
    }
  }
}
