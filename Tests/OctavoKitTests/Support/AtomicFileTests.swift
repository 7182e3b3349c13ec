import Foundation
import Testing

@testable import OctavoKit

/// A staged file goes in place by an exchange with the file it replaces (not a rename over
/// it, which makes ext4 write the new file out first), and by a rename where there is none:
/// either way the destination holds the new bytes, nothing is left under the temporary name,
/// and what stands at the destination that is no regular file is left alone.
@Suite("Atomic file")
struct AtomicFileTests {
  /// A new empty folder, removed by the caller.
  static func folder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-atomic-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
  }

  @Test("a file written over another replaces it; a reader of the old one keeps its bytes")
  func replacesFile() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.html")
    try AtomicFile.write(Array("old bytes".utf8), to: destination)
    let reader = open(destination.path, O_RDONLY)
    #expect(reader >= 0)
    defer { close(reader) }
    var before = stat()
    #expect(lstat(destination.path, &before) == 0)
    try AtomicFile.write(Array("the new bytes".utf8), to: destination)
    #expect(try String(contentsOf: destination, encoding: .utf8) == "the new bytes")
    var after = stat()
    #expect(lstat(destination.path, &after) == 0)
    #expect(after.st_ino != before.st_ino)
    // The old file is gone from the folder but still open here, whole.
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["book.html"])
    var buffer = [UInt8](repeating: 0, count: 32)
    let count = pread(reader, &buffer, buffer.count, 0)
    #expect(Array(buffer.prefix(max(count, 0))) == Array("old bytes".utf8))
  }

  @Test("exchange swaps two regular files, and refuses a missing file, a folder and a link")
  func exchange() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let first = folder.appending(path: "first").path
    let second = folder.appending(path: "second").path
    try Data("one".utf8).write(to: URL(fileURLWithPath: first))
    #expect(!AtomicFile.exchange(first, second))
    #expect(!FileManager.default.fileExists(atPath: second))
    try Data("two".utf8).write(to: URL(fileURLWithPath: second))
    #expect(AtomicFile.exchange(first, second))
    #expect(try String(contentsOfFile: first, encoding: .utf8) == "two")
    #expect(try String(contentsOfFile: second, encoding: .utf8) == "one")
    let subfolder = folder.appending(path: "sub").path
    try FileManager.default.createDirectory(atPath: subfolder, withIntermediateDirectories: true)
    #expect(!AtomicFile.exchange(first, subfolder))
    let link = folder.appending(path: "link").path
    try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: second)
    #expect(!AtomicFile.exchange(first, link))
    #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link) == second)
  }

  @Test("a folder at the destination fails the write and is left as it was; a link is replaced")
  func folderAndLink() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.epub")
    try FileManager.default.createDirectory(at: destination, withIntermediateDirectories: true)
    try Data("inside".utf8).write(to: destination.appending(path: "kept"))
    #expect(throws: OctavoError.self) {
      try AtomicFile.write(Array("bytes".utf8), to: destination)
    }
    #expect(try FileManager.default.contentsOfDirectory(atPath: destination.path) == ["kept"])
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["book.epub"])
    // A link is replaced by the file, as a rename replaces it; what it led to is untouched.
    let target = folder.appending(path: "target")
    try Data("target".utf8).write(to: target)
    let link = folder.appending(path: "link.html")
    try FileManager.default.createSymbolicLink(at: link, withDestinationURL: target)
    try AtomicFile.write(Array("written".utf8), to: link)
    #expect(
      (try? FileManager.default.destinationOfSymbolicLink(atPath: link.path)) == nil)
    #expect(try String(contentsOf: link, encoding: .utf8) == "written")
    #expect(try String(contentsOf: target, encoding: .utf8) == "target")
  }

  @Test(
    "a commit that leaves the replaced file under the temporary name, and a rebuild that removes it"
  )
  func leavesReplaced() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.html")
    let first = try AtomicFile.stage(to: destination) { try Data("first".utf8).write(to: $0) }
    #expect(try !first.commitLeavingReplaced())
    let second = try AtomicFile.stage(to: destination) { try Data("second".utf8).write(to: $0) }
    #expect(try second.commitLeavingReplaced())
    #expect(try String(contentsOf: destination, encoding: .utf8) == "second")
    #expect(try String(contentsOf: second.temporary, encoding: .utf8) == "first")
    second.discard()
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["book.html"])

    // A build over the outputs of another leaves nothing of them behind once it returns.
    let book = try TemporaryManuscript([
      "book.yaml": "title: Replaced\nlanguage: en\ncontents: [one.md]\n",
      "one.md": "# One\n\nText.\n",
    ])
    defer { book.remove() }
    let output = folder.appending(path: "out")
    for text in ["Text.", "Other text."] {
      try book.write(Array("# One\n\n\(text)\n".utf8), to: "one.md")
      let result = try BookBuilder.build(
        BuildOptions(
          manuscript: book.root, output: output,
          environment: ["SOURCE_DATE_EPOCH": "1700000000"]))
      #expect(!result.diagnostics.hasErrors)
      #expect(
        try FileManager.default.contentsOfDirectory(atPath: output.path).sorted() == [
          ".cache", "replaced.epub", "replaced.html",
        ])
    }
  }
}
