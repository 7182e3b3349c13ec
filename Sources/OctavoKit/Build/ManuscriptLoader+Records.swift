import Foundation

/// Chapters loaded from their records of resolving (``ResolveRecord``), what the file system
/// says about the chapters listed, and the files the contents leave out.
extension ManuscriptLoader {
  /// What the file system said about a declared chapter path: where it leads, and when the
  /// file it leads to was last modified.
  struct FoundFile: Sendable {
    var resolution: ManuscriptFile.Resolution
    var modified: Date?

    init(_ resolution: ManuscriptFile.Resolution, _ modified: Date?) {
      self.resolution = resolution
      self.modified = modified
    }
  }

  /// The chapter at `relative`, whose text has `digest`, loaded from its record of resolving
  /// and its summary's head without the summary's skeleton
  /// (``SummaryCache/replay(path:digest:keepsNotes:)``), when records are used and both are at
  /// hand.
  func fromRecord(
    _ relative: String, digest: [UInt8], in summaries: SummaryCache, unread: Bool
  ) -> ParsedChapter? {
    guard usesResolveRecords,
      case (let head, var record)? = summaries.replay(
        path: relative, digest: digest, keepsNotes: keepsNotes)
    else { return nil }
    let chapter = record.chapter
    record.chapter = Chapter(id: chapter.id, path: chapter.path, title: "")
    // Parked as a parsed one is (``parking``): a rebuild mostly takes it from the render
    // cache by its key walk and notes' heads, without reading it back.
    return ParsedChapter(
      chapter: parked(chapter, mayHoldMath: head.mayHoldMath, keepingNoteHeads: true),
      explicitID: head.explicitID, diagnostics: head.diagnostics,
      summarizedWords: head.wordCount, mayHoldMath: head.mayHoldMath, unread: unread,
      record: record)
  }

  /// Warns about each Markdown file in the folder that `book.yaml` does not list.
  mutating func reportUnlistedChapters(listed: Set<String>) {
    guard
      let enumerator = FileManager.default.enumerator(
        at: files.root, includingPropertiesForKeys: [.isRegularFileKey],
        options: [.skipsHiddenFiles])
    else { return }
    var unlisted: [String] = []
    for case let url as URL in enumerator where url.pathExtension.lowercased() == "md" {
      let path = String(url.standardizedFileURL.path.dropFirst(files.root.path.count + 1))
      if !listed.contains(path) { unlisted.append(path) }
    }
    for path in unlisted.sorted() {
      diagnostics.append(
        Diagnostic(
          .warning, .unlistedChapterFile,
          "'\(path)' is not listed in book.yaml contents",
          at: SourceLocation(file: path)))
    }
  }
}
