import Foundation
import Testing

@testable import OctavoKit

/// Print sections wait in a temporary file (``SpillFile``) instead of memory until the print
/// edition is written: what is read back must be what was appended, from any thread, and the
/// print edition must be the same bytes.
@Suite("Spill file")
struct SpillFileTests {
  @Test("bytes appended from many threads read back as appended, and nothing is left on disk")
  func appendAndRead() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-spill-test-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = try #require(SpillFile(in: folder))
    // The file is unlinked at once: the folder stays empty.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
    let pieces = (0..<64).map { index in
      (0..<(1 + index * 9_973 % 300_000)).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ index) }
    }
    let extents = try Parallel.map(pieces) { piece in Result { try file.append(piece) } }
      .map { try $0.get() }
    #expect(extents.map(\.count) == pieces.map(\.count))
    #expect(Set(extents.map(\.offset)).count == extents.count)
    for (piece, extent) in zip(pieces, extents) {
      #expect(try file.bytes(at: extent) == piece)
    }
    // Copied to another file, in an order of our own, a megabyte at a time.
    let copyPath = folder.appending(path: "copy").path
    let descriptor = open(copyPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    #expect(descriptor >= 0)
    for extent in extents.reversed() { try file.copy(extent, to: descriptor) }
    close(descriptor)
    let copied = [UInt8](try Data(contentsOf: URL(fileURLWithPath: copyPath)))
    #expect(copied == Array(pieces.reversed().joined()))
    #expect(SpillFile(in: folder.appending(path: "missing")) == nil)
  }

  @Test("a copy made by the kernel, through memory from any byte on, or to a pipe is the bytes")
  func copyPaths() throws {
    let file = try #require(SpillFile())
    let bytes = (0..<(3 << 20) + 12_345).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 >> 9) }
    _ = try file.append([1, 2, 3])
    let extent = try file.append(bytes)
    func copied(_ write: (Int32) throws -> Void) throws -> [UInt8] {
      let path = FileManager.default.temporaryDirectory.appending(
        path: "octavo-spill-copy-\(UUID().uuidString)"
      ).path
      defer { unlink(path) }
      let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      try #require(descriptor >= 0)
      try write(descriptor)
      close(descriptor)
      return [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }
    #expect(try copied { try file.copy(extent, to: $0) } == bytes)
    // Where the kernel refuses (here, no file to read), nothing is copied by it.
    var refused = -1
    let none = try copied { refused = SpillFile.sendAll(from: -1, extent, to: $0) }
    #expect(refused == 0)
    #expect(none == [])
    for done in [0, 1, 1 << 20, bytes.count - 1, bytes.count] {
      let rest = try copied { descriptor in
        try file.copyThroughMemory(extent, from: done, to: descriptor)
      }
      #expect(rest == Array(bytes[done...]))
    }
    // Past the end of the file: an error, not a short copy.
    #expect(throws: OctavoError.self) {
      _ = try copied { descriptor in
        try file.copy(
          SpillFile.Extent(offset: extent.offset, count: bytes.count + 1), to: descriptor)
      }
    }
    // To a pipe, read on another thread as it is written.
    var ends: [Int32] = [0, 0]
    try #require(pipe(&ends) == 0)
    let reading = Background { [reader = ends[0]] in
      var result: [UInt8] = []
      var buffer = [UInt8](repeating: 0, count: 65_536)
      while true {
        let count = read(reader, &buffer, buffer.count)
        if count <= 0 { break }
        result += buffer[0..<count]
      }
      close(reader)
      return result
    }
    try file.copy(extent, to: ends[1])
    close(ends[1])
    #expect(reading.value == bytes)
  }

  @Test("the print edition written from spilled sections is the one written from memory")
  func samePrintEdition() throws {
    let root = TestPaths.sampleManuscript
    let manuscript = try Manuscript.load(
      at: root, environment: ["SOURCE_DATE_EPOCH": "1700000000"])
    let kept = try SerializedBook(book: manuscript.book, root: root, formats: [.print])
    let spilled = try SerializedBook(
      book: manuscript.book, root: root, formats: [.print], spillsPrint: true)
    #expect(spilled.printSpill != nil)
    #expect(spilled.documents.allSatisfy { $0.printSection.isEmpty })
    #expect(spilled.documents.allSatisfy { !$0.spilledPrintSection.isEmpty })
    let css = String(decoding: BookBuilder.stylesheet("print.css", in: nil), as: UTF8.self)
    let fromMemory = try PrintEditionRenderer(serialized: kept, stylesheet: css).render()
    let fromFile = try PrintEditionRenderer(serialized: spilled, stylesheet: css).render()
    #expect(fromFile == fromMemory)
    // Written out piece by piece, the file is the same bytes too.
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-spill-\(UUID().uuidString).html")
    defer { try? FileManager.default.removeItem(at: output) }
    try AtomicFile.write(
      pieces: try PrintEditionRenderer(serialized: spilled, stylesheet: css).renderPieces(),
      to: output)
    #expect([UInt8](try Data(contentsOf: output)) == fromMemory)
  }
}
