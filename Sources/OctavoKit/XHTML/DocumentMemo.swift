import Foundation

/// Chapters rendered by an earlier snapshot of a live preview, kept in memory by their
/// render-cache key (``RenderCache/BookContext/key(for:firstBody:)``), so a rebuild renders
/// only the chapters whose inputs changed: the in-memory counterpart of ``RenderCache``.
/// After each snapshot, only the documents it used or made are kept.
final class DocumentMemo: @unchecked Sendable {
  private let lock = NSLock()
  private var documents: [String: SerializedBook.Document] = [:]
  private var used: Set<String> = []

  /// The document rendered under `key`, if it is kept.
  func document(for key: String) -> SerializedBook.Document? {
    lock.lock()
    defer { lock.unlock() }
    used.insert(key)
    return documents[key]
  }

  /// Keeps a rendered document under its key.
  func keep(_ document: SerializedBook.Document, for key: String) {
    lock.lock()
    used.insert(key)
    documents[key] = document
    lock.unlock()
  }

  /// Drops the documents the last snapshot did not use.
  func retainUsed() {
    lock.lock()
    documents = documents.filter { used.contains($0.key) }
    used = []
    lock.unlock()
  }
}
