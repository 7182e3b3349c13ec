import Foundation
import Testing

@testable import OctavoKit

/// The file a commit replaces is kept as a spare for the next write to go over (so a rebuild
/// neither frees the old output's blocks nor takes new ones), but never when anyone else can
/// still see it: a reader that has it open, or another name for it.
@Suite("Spare files")
struct SpareFileTests {
  /// A new empty folder, removed by the caller.
  private static func folder() throws -> URL { try AtomicFileTests.folder() }

  /// Writes `text` to `destination` as a build writes an output: staged with the spare, put
  /// in place, the file it replaced retired.
  private static func write(_ text: String, to destination: URL, spare: URL) throws {
    let staged = try AtomicFile.stage(
      pieces: [.bytes(Array(text.utf8))], to: destination, spare: spare)
    if try staged.commitLeavingReplaced() { staged.retire() }
  }

  private static func inode(_ path: URL) -> ino_t? {
    var info = stat()
    return lstat(path.path, &info) == 0 ? info.st_ino : nil
  }

  private static func text(_ url: URL) -> String? {
    try? String(contentsOf: url, encoding: .utf8)
  }

  /// Whether the file system of the temporary folder grants write leases (Linux file systems
  /// do; a network one may not). Where it does not, a spare is never written over: removed
  /// instead, which every test here also allows, but the reuse itself cannot be seen.
  static let leasesWork: Bool = {
    guard let folder = try? AtomicFileTests.folder() else { return false }
    defer { try? FileManager.default.removeItem(at: folder) }
    let path = folder.appending(path: "probe").path
    let descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o600)
    guard descriptor >= 0 else { return false }
    defer { close(descriptor) }
    return AtomicFile.isOpenOnlyHere(descriptor)
  }()

  @Test(
    "the replaced file becomes the spare, and the next file is written over it, cut to its length")
  func writesOverSpare() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.html")
    let spare = folder.appending(path: "spare.html")
    try Self.write("the first, longest text", to: destination, spare: spare)
    #expect(!FileManager.default.fileExists(atPath: spare.path))
    let first = Self.inode(destination)
    try Self.write("second text", to: destination, spare: spare)
    #expect(Self.text(spare) == "the first, longest text")
    #expect(Self.inode(spare) == first)
    try Self.write("third", to: destination, spare: spare)
    #expect(Self.text(destination) == "third")
    if Self.leasesWork { #expect(Self.inode(destination) == first) }
    #expect(Self.text(spare) == "second text")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "book.html", "spare.html",
      ])
  }

  @Test("a spare some reader still has open is removed, never written over")
  func openSpareIsLeft() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.epub")
    let spare = folder.appending(path: "spare.epub")
    try Self.write("read while two builds go by", to: destination, spare: spare)
    let reader = open(destination.path, O_RDONLY)
    try #require(reader >= 0)
    defer { close(reader) }
    let held = Self.inode(destination)
    try Self.write("second", to: destination, spare: spare)
    #expect(Self.inode(spare) == held)
    try Self.write("third", to: destination, spare: spare)
    #expect(Self.text(destination) == "third")
    #expect(Self.inode(destination) != held)
    #expect(Self.text(spare) == "second")
    var buffer = [UInt8](repeating: 0, count: 64)
    let count = pread(reader, &buffer, buffer.count, 0)
    #expect(
      String(decoding: buffer.prefix(max(count, 0)), as: UTF8.self) == "read while two builds go by"
    )
  }

  @Test("a spare some reader has mapped (its descriptor closed) is removed, never written over")
  func mappedSpareIsLeft() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.epub")
    let spare = folder.appending(path: "spare.epub")
    let text = "mapped while two builds go by"
    try Self.write(text, to: destination, spare: spare)
    let descriptor = open(destination.path, O_RDONLY)
    try #require(descriptor >= 0)
    let mapping = mmap(nil, text.utf8.count, PROT_READ, MAP_SHARED, descriptor, 0)
    close(descriptor)
    try #require(mapping != MAP_FAILED)
    defer { munmap(mapping, text.utf8.count) }
    try Self.write("second", to: destination, spare: spare)
    try Self.write("third", to: destination, spare: spare)
    #expect(Self.text(destination) == "third")
    let mapped = UnsafeRawBufferPointer(start: mapping, count: text.utf8.count)
    #expect(String(decoding: mapped, as: UTF8.self) == text)
  }

  @Test("a replaced file with another name is removed, and the other name keeps its bytes")
  func linkedFileIsNotKept() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.html")
    let spare = folder.appending(path: "spare.html")
    let copy = folder.appending(path: "copy.html")
    try Self.write("linked", to: destination, spare: spare)
    try #require(link(destination.path, copy.path) == 0)
    try Self.write("new", to: destination, spare: spare)
    #expect(!FileManager.default.fileExists(atPath: spare.path))
    #expect(Self.text(copy) == "linked")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "book.html", "copy.html",
      ])
  }

  @Test("a link planted as the spare is removed, and what it leads to is untouched")
  func plantedLink() throws {
    let folder = try Self.folder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let destination = folder.appending(path: "book.html")
    let spare = folder.appending(path: "spare.html")
    let target = folder.appending(path: "target.txt")
    try Data("kept".utf8).write(to: target)
    try FileManager.default.createSymbolicLink(at: spare, withDestinationURL: target)
    try Self.write("written", to: destination, spare: spare)
    #expect(Self.text(destination) == "written")
    #expect(Self.text(target) == "kept")
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() == [
        "book.html", "target.txt",
      ])
  }

  @Test("outputs written over the spares of longer ones are what a clean build writes")
  func shorterBookOverSpares() throws {
    let book = try IncrementalBuildTests.manuscript()
    defer { book.remove() }
    let output = IncrementalBuildTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let long = try IncrementalBuildTests.build(book.root, into: output)
    _ = try IncrementalBuildTests.build(book.root, into: output)
    let cache = output.appending(path: ".cache")
    let spares = ["epub", "html"].map { cache.appending(path: "\(BookBuilder.spareName).\($0)") }
    #expect(try spares.map { [UInt8](try Data(contentsOf: $0)) } == [long.epub, long.html])
    let spareInodes = spares.map(Self.inode)

    // One chapter left: both outputs are shorter than the spares they are written over.
    try book.write(
      Array("title: Cache\nlanguage: en\ncontents: [c1.md]\n".utf8), to: "book.yaml")
    for number in 2...IncrementalBuildTests.chapterCount {
      try FileManager.default.removeItem(at: book.root.appending(path: "c\(number).md"))
    }
    let short = try IncrementalBuildTests.build(book.root, into: output)
    #expect(short.epub.count < long.epub.count && short.html.count < long.html.count)
    #expect(short == (try IncrementalBuildTests.reference(book.root)))
    let outputs = try FileManager.default.contentsOfDirectory(atPath: output.path)
      .filter { !$0.hasPrefix(".") }.sorted()
    #expect(outputs == ["cache.epub", "cache.html"])
    if Self.leasesWork {
      #expect(outputs.map { Self.inode(output.appending(path: $0)) } == spareInodes)
    }
  }
}
