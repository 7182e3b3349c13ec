import Foundation
import Testing

@testable import OctavoKit

/// A build takes an unchanged chapter's summary without reading its file when the file's
/// identity (device, inode, size, modification and status-change times) is the one an
/// earlier build recorded with the text's SHA-1; any change to the file must still be seen.
@Suite("File identity")
struct FileIdentityTests {
  typealias Incremental = IncrementalBuildTests

  /// What happens to chapter 5 between two builds.
  enum Change: String, CaseIterable {
    /// Nothing: its file is not read.
    case unchanged
    /// Its modification time set to now, its text the same (`touch`).
    case touched
    /// Edited in place, the same size, a new modification time.
    case sameSizeNewTime
    /// Edited in place, the same size, its modification time set back (`touch -r`,
    /// `rsync -t`): only the status-change time tells.
    case sameSizeTimeSetBack
    /// Replaced by another file (renamed over it) of the same size and modification time:
    /// the inode tells.
    case replacedSameSizeAndTime
  }

  static let edited = "c5.md"

  static func status(_ url: URL) throws -> stat {
    var info = stat()
    try #require(stat(url.path, &info) == 0)
    return info
  }

  /// Sets the modification time of `url` (the access time too).
  static func setTime(_ url: URL, _ time: timespec) {
    let times = [time, time]
    #expect(utimensat(AT_FDCWD, url.path, times, 0) == 0)
  }

  /// Chapter 5's text with one word changed for another of the same length.
  static func sameSizeEdit(_ text: String) throws -> [UInt8] {
    let edited = text.replacingOccurrences(of: "Opening words", with: "Closing words")
    try #require(edited != text && edited.utf8.count == text.utf8.count)
    return Array(edited.utf8)
  }

  /// Overwrites `url` in place (same inode).
  static func overwrite(_ url: URL, _ bytes: [UInt8]) throws {
    let handle = try FileHandle(forWritingTo: url)
    try handle.write(contentsOf: bytes)
    try handle.close()
  }

  static func apply(_ change: Change, to book: TemporaryManuscript) throws {
    let url = book.root.appending(path: edited)
    let before = try status(url)
    let text = try String(contentsOf: url, encoding: .utf8)
    switch change {
    case .unchanged:
      break
    case .touched:
      #expect(utimensat(AT_FDCWD, url.path, nil, 0) == 0)
    case .sameSizeNewTime:
      try overwrite(url, try sameSizeEdit(text))
    case .sameSizeTimeSetBack:
      try overwrite(url, try sameSizeEdit(text))
      setTime(url, before.st_mtim)
    case .replacedSameSizeAndTime:
      let other = book.root.appending(path: "c5.md.new")
      try Data(try sameSizeEdit(text)).write(to: other)
      setTime(other, before.st_mtim)
      #expect(rename(other.path, url.path) == 0)
    }
    let after = try status(url)
    #expect(after.st_size == before.st_size)
    switch change {
    case .sameSizeTimeSetBack:
      #expect(after.st_ino == before.st_ino)
      #expect(after.st_mtim.tv_sec == before.st_mtim.tv_sec)
      #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    case .replacedSameSizeAndTime:
      #expect(after.st_ino != before.st_ino)
      #expect(after.st_mtim.tv_nsec == before.st_mtim.tv_nsec)
    default: break
    }
  }

  /// The chapters a load from the cache in `output` takes without reading their files.
  static func unread(_ book: TemporaryManuscript, cache output: URL) throws -> Set<String> {
    try Manuscript.load(
      at: book.root, environment: Incremental.environment, parallel: true, memo: nil,
      summaries: SummaryCache(folder: output.appending(path: ".cache")), memoSummaries: false,
      fullPaths: []
    ).unread
  }

  @Test(arguments: Change.allCases)
  func rebuildAfter(_ change: Change) throws {
    let book = try Incremental.manuscript()
    defer { book.remove() }
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let n = Incremental.chapterCount

    // Files written a moment ago are not trusted by their identity (`identityOfAFile`).
    _ = try ChapterSummaryTests.build(book.root, into: output)
    Thread.sleep(forTimeInterval: Double(FileIdentity.settledAge) + 1.2)
    // Now they are old enough: this build reads them once more and records them…
    let settled = try ChapterSummaryTests.build(book.root, into: output)
    #expect(settled.summarized == n)
    // …and the next takes every chapter without reading it, writing the same bytes.
    #expect(try Self.unread(book, cache: output).count == n)
    let unread = try ChapterSummaryTests.build(book.root, into: output)
    #expect(unread.0 == settled.0)

    try Self.apply(change, to: book)
    let rebuilt = try ChapterSummaryTests.build(book.root, into: output)
    let reference = try Incremental.reference(book.root)
    #expect(rebuilt.0 == reference)
    switch change {
    case .unchanged:
      #expect(rebuilt.0 == settled.0)
      #expect(rebuilt.summarized == n)
      #expect(try Self.unread(book, cache: output).count == n)
    case .touched:
      // Read and hashed again: the same text, so still its summary; its new identity is
      // too recent to be recorded.
      #expect(rebuilt.0 == settled.0)
      #expect(rebuilt.summarized == n)
      #expect(
        try Self.unread(book, cache: output)
          == Set((1...n).map { "c\($0).md" }).subtracting([Self.edited]))
    case .sameSizeNewTime, .sameSizeTimeSetBack, .replacedSameSizeAndTime:
      #expect(rebuilt.0 != settled.0)
      #expect(rebuilt.summarized == n - 1)
      #expect(!(try Self.unread(book, cache: output).contains(Self.edited)))
    }
  }

  /// A file's identity: equal for the same file, and unsettled while its times are recent.
  @Test func identityOfAFile() throws {
    let folder = Incremental.temporaryFolder()
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appending(path: "a.md")
    try Data("# A\n".utf8).write(to: file)
    let fresh = try #require(FileIdentity(path: file.path))
    #expect(!fresh.isSettled)
    #expect(FileIdentity(path: file.path) == fresh)
    #expect(FileIdentity(path: folder.path) == nil)
    #expect(FileIdentity(path: folder.appending(path: "missing.md").path) == nil)
    // Times far in the past: settled; but the change of its time is recent, so not yet.
    Self.setTime(file, timespec(tv_sec: 1_000_000_000, tv_nsec: 5))
    let backdated = try #require(FileIdentity(path: file.path))
    #expect(backdated != fresh)
    #expect(!backdated.isSettled)
  }

  /// The chapters a load with `memo` (as `serve` and `watch` load) took without reading their
  /// files, and the load.
  static func memoLoad(_ book: TemporaryManuscript, memo: ChapterParseMemo) throws -> Manuscript {
    try Manuscript.load(
      at: book.root, environment: Incremental.environment, parallel: true, memo: memo,
      summaries: nil, memoSummaries: true, fullPaths: [])
  }

  /// `serve` and `watch` keep parsed chapters in memory; the memo remembers each file's
  /// identity as a build's cache does, so an unchanged file is neither read nor hashed on the
  /// next rebuild, and every change is still seen.
  @Test(arguments: Change.allCases)
  func parseMemoAfter(_ change: Change) throws {
    let book = try Incremental.manuscript()
    defer { book.remove() }
    let output = Incremental.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    let n = Incremental.chapterCount
    let memo = ChapterParseMemo()

    // Files written a moment ago are read on every load until their times are old enough.
    #expect(try Self.memoLoad(book, memo: memo).unread.isEmpty)
    #expect(try Self.memoLoad(book, memo: memo).unread.isEmpty)
    Thread.sleep(forTimeInterval: Double(FileIdentity.settledAge) + 1.2)
    // This load reads them once more and remembers their identities; the next reads none.
    #expect(try Self.memoLoad(book, memo: memo).unread.isEmpty)
    #expect(try Self.memoLoad(book, memo: memo).unread.count == n)
    #expect(memo.lastHits == n)

    try Self.apply(change, to: book)
    let loaded = try Self.memoLoad(book, memo: memo)
    let unread = Set((1...n).map { "c\($0).md" })
    #expect(loaded.unread == (change == .unchanged ? unread : unread.subtracting([Self.edited])))
    // What a build with the memo writes is what a clean build writes.
    let built = try Incremental.build(book.root, into: output, memo: memo)
    #expect(built == (try Incremental.reference(book.root)))
  }
}
