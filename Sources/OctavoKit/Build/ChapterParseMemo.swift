import Foundation

/// Chapters already parsed, kept in memory by a long-running process (`octavo watch`,
/// `octavo serve`) so that a rebuild parses only the chapter files whose text changed.
///
/// A chapter's parse depends only on its manuscript-relative path and its text (front
/// matter included): ids, links and everything book-wide come later, from the whole book.
/// An entry is found by the path and the SHA-1 of the text, so an edited file is parsed again
/// and an unchanged one is taken as it was. After each load, entries of files the manuscript
/// no longer lists are dropped.
package final class ChapterParseMemo: @unchecked Sendable {
  private let lock = NSLock()
  private var entries: [String: (digest: [UInt8], parsed: ManuscriptLoader.ParsedChapter)] = [:]
  private var hits = 0

  /// An empty memo.
  package init() {}

  /// How many chapters the last load took from the memo.
  package var lastHits: Int {
    lock.lock()
    defer { lock.unlock() }
    return hits
  }

  func parsed(_ path: String, digest: [UInt8]) -> ManuscriptLoader.ParsedChapter? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[path], entry.digest == digest else { return nil }
    hits += 1
    return entry.parsed
  }

  func keep(_ parsed: ManuscriptLoader.ParsedChapter, path: String, digest: [UInt8]) {
    lock.lock()
    entries[path] = (digest, parsed)
    lock.unlock()
  }

  /// Starts a load: the hit count goes back to zero.
  func begin() {
    lock.lock()
    hits = 0
    lock.unlock()
  }

  /// Drops the entries of files not in `paths`.
  func retain(only paths: Set<String>) {
    lock.lock()
    entries = entries.filter { paths.contains($0.key) }
    lock.unlock()
  }
}
