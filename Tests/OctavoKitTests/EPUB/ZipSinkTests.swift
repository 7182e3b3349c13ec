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

  @Test("a file that cannot be made is an error when the writer is created")
  func unwritable() {
    let path = FileManager.default.temporaryDirectory.appending(
      path: "octavo-missing-\(UUID().uuidString)/book.zip"
    ).path
    #expect(throws: OctavoError.self) { try ZipWriter(path: path) }
  }
}
