import Foundation

/// Chapters already parsed, kept in memory by a long-running process (`octavo watch`,
/// `octavo serve`) so that a rebuild parses only the chapter files whose text changed.
///
/// A chapter's parse depends only on its manuscript-relative path and its text (front
/// matter included): ids, links and everything book-wide come later, from the whole book.
/// An entry is found by the path and the SHA-1 of the text, so an edited file is parsed again
/// and an unchanged one is taken as it was. After each load, entries of files the manuscript
/// no longer lists are dropped.
///
/// Each entry also holds the chapter's summary (``ChapterSummary``), once a load has
/// counted its words: a rebuild takes unchanged chapters from their summaries, as a build
/// takes them from the summary cache, and parses (here: takes whole) only those whose
/// rendering is not at hand. The preview keeps each chapter's rendered document here too
/// (``documents``), for the next rebuild.
package final class ChapterParseMemo: @unchecked Sendable {
  private struct Entry {
    var digest: [UInt8]
    var parsed: ManuscriptLoader.ParsedChapter
    /// The summary, once its words are known, and whether it keeps the notes whole.
    var summary: (ChapterSummary, keepsNotes: Bool)?
    /// The file's identity when its text had this digest, once settled
    /// (``FileIdentity/isSettled``).
    var identity: FileIdentity?
  }

  private let lock = NSLock()
  private var entries: [String: Entry] = [:]
  private var hits = 0
  private var parseCount = 0
  /// The documents the preview rendered, by render-cache key.
  let documents = DocumentMemo()
  /// The records of resolving the chapters taken from their summaries, by path, with the
  /// input each was made for (``ResolveRecordStore``): the preview's early cut-off, kept as
  /// they were made rather than encoded.
  private var records: [String: (input: [UInt8], record: ResolveRecord)] = [:]

  /// An empty memo.
  package init() {}

  /// How many chapter files were parsed and kept here, in all.
  package var parses: Int {
    lock.lock()
    defer { lock.unlock() }
    return parseCount
  }

  /// How many chapters the last load took from the memo (whole or summarized).
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

  /// The summary of the chapter at `path` with text `digest`, made with notes kept whole or
  /// not, once a load has counted its words.
  func summary(_ path: String, digest: [UInt8], keepsNotes: Bool) -> ChapterSummary? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[path], entry.digest == digest,
      let (summary, kept) = entry.summary, kept == keepsNotes
    else { return nil }
    hits += 1
    return summary
  }

  /// Keeps a chapter read as `identity` (if known); `isNew`: it was parsed now (not taken
  /// from here).
  func keep(
    _ parsed: ManuscriptLoader.ParsedChapter, path: String, digest: [UInt8],
    identity: FileIdentity? = nil, isNew: Bool = true
  ) {
    lock.lock()
    let kept = identity?.isSettled == true ? identity : nil
    entries[path] = Entry(digest: digest, parsed: parsed, identity: kept)
    if isNew { parseCount += 1 }
    lock.unlock()
  }

  /// The digest of the text of the file at `path` when the file still has the identity it
  /// had when a kept chapter's text was read from it: the text need not be read and hashed
  /// again (as ``SummaryCache`` does for a build).
  func digest(_ path: String, identity: FileIdentity) -> [UInt8]? {
    lock.lock()
    defer { lock.unlock() }
    guard let entry = entries[path], let known = entry.identity, known == identity else {
      return nil
    }
    return entry.digest
  }

  /// Records that the file at `path`, as `identity`, holds the text of `digest`, when the
  /// memo keeps a chapter of that text and the identity is settled.
  func remember(_ path: String, identity: FileIdentity, digest: [UInt8]) {
    lock.lock()
    defer { lock.unlock() }
    guard identity.isSettled, var entry = entries[path], entry.digest == digest else { return }
    entry.identity = identity
    entries[path] = entry
  }

  /// Completes the summary of the chapter at `path` with its word count.
  func settle(_ path: String, digest: [UInt8], words: Int) {
    lock.lock()
    defer { lock.unlock() }
    guard var entry = entries[path], entry.digest == digest,
      let skeleton = entry.parsed.skeleton
    else { return }
    entry.summary = (
      ChapterSummary(
        skeleton: skeleton, explicitID: entry.parsed.explicitID,
        diagnostics: entry.parsed.diagnostics, wordCount: words,
        mayHoldMath: entry.parsed.mayHoldMath),
      entry.parsed.skeletonKeepsNotes
    )
    entries[path] = entry
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
    records = records.filter { paths.contains($0.key) }
    lock.unlock()
  }
}

extension ChapterParseMemo: ResolveRecordStore {
  /// The record of resolving the chapter at `path` made for `input`, when there is one.
  func resolved(path: String, input: [UInt8]) -> ResolveRecord? {
    lock.lock()
    defer { lock.unlock() }
    guard let kept = records[path], kept.input == input else { return nil }
    return kept.record
  }

  /// Keeps `record`, made for `input`, as the record of the chapter at its path.
  func keep(_ record: ResolveRecord, input: [UInt8]) {
    lock.lock()
    records[record.chapter.path] = (input, record)
    lock.unlock()
  }
}
