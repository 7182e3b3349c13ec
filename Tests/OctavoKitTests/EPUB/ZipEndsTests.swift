import Foundation
import Testing

@testable import OctavoKit

/// The structure check reads only the first bytes and the end of the finished EPUB
/// (``ZipEnds``): it must find what it finds in the whole file, whatever the size of the
/// central directory, and a damaged file must still read as damaged.
@Suite("Zip file ends")
struct ZipEndsTests {
  /// A zip of `count` entries with long names (a central directory of about 110 bytes each).
  static func archive(entries count: Int, in folder: URL) throws -> (URL, [String]) {
    let url = folder.appending(path: "entries-\(count).zip")
    let zip = try ZipWriter(path: url.path)
    let date = Date(timeIntervalSince1970: 1_700_000_000)
    var names = ["mimetype"]
    try zip.add("mimetype", Array("application/epub+zip".utf8), compress: false, modified: date)
    for index in 0..<count {
      let name = "EPUB/text/" + String(repeating: "long-name-", count: 6) + "\(index).xhtml"
      names.append(name)
      try zip.add(name, Array("<p>\(index)</p>".utf8), compress: true, modified: date)
    }
    try zip.close()
    return (url, names)
  }

  @Test(
    "the ends of a zip give the check's findings on the whole file",
    arguments: [0, 10, 3_000])
  func sameFindings(entries count: Int) throws {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-ends-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let (url, names) = try Self.archive(entries: count, in: folder)
    let whole = [UInt8](try Data(contentsOf: url))
    let ends = try #require(ZipEnds(path: url.path))
    #expect(ends.count == whole.count)
    #expect(EPUBStructureCheck.zipProblems(ends, expected: names) == [])
    #expect(EPUBStructureCheck.zipProblems(whole, expected: names) == [])
    // A name missing from what was packaged is noticed the same way.
    let fewer = Array(names.dropLast())
    #expect(
      EPUBStructureCheck.zipProblems(ends, expected: fewer)
        == EPUBStructureCheck.zipProblems(whole, expected: fewer))
    #expect(EPUBStructureCheck.zipProblems(ends, expected: fewer).count == 1)

    // Cut short, the file reads as damaged, as the whole of it does.
    let cut = folder.appending(path: "cut.zip")
    try Data(whole.dropLast(30)).write(to: cut)
    let cutEnds = try #require(ZipEnds(path: cut.path))
    let cutProblems = EPUBStructureCheck.zipProblems(cutEnds, expected: names)
    #expect(!cutProblems.isEmpty)
    #expect(
      cutProblems
        == EPUBStructureCheck.zipProblems(Array(whole.dropLast(30)), expected: names))
    #expect(ZipEnds(path: folder.appending(path: "missing.zip").path) == nil)
  }
}
