import Foundation
import Testing

@testable import OctavoKit

/// ``ZipWriter`` has libzip write the archive straight into its file (no temporary file of
/// libzip's, renamed over it, whose random name would start OpenSSL's random number
/// generator): the file is the one it opened, it reads back whole, and a path that cannot be
/// written is an error at once.
@Suite("Zip written in place")
struct ZipSinkTests {
  static func inode(_ path: String) -> UInt64? {
    var info = stat()
    return stat(path, &info) == 0 ? UInt64(info.st_ino) : nil
  }

  @Test("the archive is written into the file the writer opened, and reads back")
  func writtenInPlace() throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-sink-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appending(path: "book.zip").path
    try Data("an older file".utf8).write(to: URL(filePath: path))
    let zip = try ZipWriter(path: path)
    let opened = try #require(Self.inode(path))
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    try zip.add("mimetype", Array("application/epub+zip".utf8), compress: false, modified: date)
    let text = Array(String(repeating: "words and more words ", count: 2_000).utf8)
    try zip.add("EPUB/a.xhtml", text, compress: true, modified: date)
    let deflated = try #require(Deflate.raw(text, level: Int32(ZipWriter.compressionLevel)))
    try zip.addDeflated("EPUB/b.xhtml", deflated, modified: date)
    try zip.close()

    #expect(Self.inode(path) == opened, "the archive was renamed over the file")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["book.zip"])
    let bytes = [UInt8](try Data(contentsOf: URL(filePath: path)))
    #expect(bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]), "not a zip (or the old bytes kept)")
    let previous = try #require(ZipWriter.Previous(path: path))
    #expect(previous.entry(named: "mimetype")?.isDeflated == false)
    #expect(previous.entry(named: "EPUB/a.xhtml")?.size == UInt64(text.count))
    #expect(previous.entry(named: "EPUB/b.xhtml")?.crc == deflated.crc)
    #expect(
      EPUBStructureCheck.zipProblems(bytes, expected: ["mimetype", "EPUB/a.xhtml", "EPUB/b.xhtml"])
        == [])
  }

  @Test(
    "entries larger than the write buffer, written and copied, unzip to their bytes"
  )
  func bufferedWrites() throws {
    let unzip = try #require(
      OutsideTool.program("unzip"), "unzip is needed (.ci/install-deps test installs it)")
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-sink-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    var state: UInt32 = 7
    let noise = (0..<1_500_000).map { _ -> UInt8 in
      state = state &* 1_103_515_245 &+ 12_345
      return UInt8(truncatingIfNeeded: state >> 16)
    }
    let text = Array(String(repeating: "words and more words, ", count: 150_000).utf8)
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    let entries: [(String, [UInt8], Bool)] = [
      ("mimetype", Array("application/epub+zip".utf8), false), ("noise.bin", noise, false),
      ("text.xhtml", text, true), ("noise.xhtml", noise, true),
      ("small.xhtml", Array("<p>small</p>".utf8), true),
    ]
    let first = folder.appending(path: "first.zip").path
    let zip = try ZipWriter(path: first)
    for (name, bytes, compress) in entries {
      try zip.add(name, bytes, compress: compress, modified: date)
    }
    let deflated = try #require(Deflate.raw(text, level: Int32(ZipWriter.compressionLevel)))
    try zip.addDeflated("deflated.xhtml", deflated, modified: date)
    try zip.close()
    // A second archive copies the deflated entries from the first.
    let second = folder.appending(path: "second.zip").path
    let previous = try #require(ZipWriter.Previous(path: first))
    let copy = try ZipWriter(path: second)
    for (name, bytes, compress) in entries {
      if compress, let entry = previous.entry(named: name) {
        try copy.copy(name, from: previous, index: entry.index, modified: date)
      } else {
        try copy.add(name, bytes, compress: compress, modified: date)
      }
    }
    let entry = try #require(previous.entry(named: "deflated.xhtml"))
    try copy.copy("deflated.xhtml", from: previous, index: entry.index, modified: date)
    try copy.close()
    #expect(
      [UInt8](try Data(contentsOf: URL(filePath: second)))
        == [UInt8](try Data(contentsOf: URL(filePath: first))))
    for path in [first, second] {
      #expect(try runProcess(unzip, ["-tq", path]).status == 0)
      for (name, bytes, _) in entries + [("deflated.xhtml", text, true)] {
        let out = folder.appending(path: "out")
        try? FileManager.default.removeItem(at: out)
        #expect(try runProcess(unzip, ["-q", path, name, "-d", out.path]).status == 0)
        #expect([UInt8](try Data(contentsOf: out.appending(path: name))) == bytes, "\(name)")
      }
    }
  }

  @Test("a file that cannot be made is an error when the writer is created")
  func unwritable() {
    let path = FileManager.default.temporaryDirectory.appending(
      path: "octavo-missing-\(UUID().uuidString)/book.zip"
    ).path
    #expect(throws: OctavoError.self) { try ZipWriter(path: path) }
  }
}
