import Foundation

/// What resolving one chapter taken from its summary found last build (links, notes and
/// images resolved, ``BookTransformer/resolve(_:chapters:)``, and typographic punctuation
/// set, ``Typography``), kept beside the summaries
/// (``SummaryCache/records``, `resolved.cache`) so a rebuild takes it instead of resolving
/// the chapter again when nothing the pass reads has changed (an early cut-off), with what
/// the chapter gives its render-cache key (``ChapterKeyWalk``).
///
/// A record is found by the chapter's path and an input digest
/// (``BookTransformer/resolveInput(of:context:)``): the chapter as the ids and numbering left
/// it and everything resolving it reads from the rest of the book
/// (``BookTransformer/resolveContext(chapters:)``). What it read from the file system (whether each
/// linked file exists, each image's identity, ``FileAnswer``) is checked again before the
/// record is taken; any answer that differs, or that could not be recorded, and the chapter
/// is resolved as on a clean build.
struct ResolveRecord: Sendable {
  /// One question the pass asked the file system, and its answer.
  struct FileAnswer: Sendable, Equatable {
    /// The manuscript-relative path asked about.
    var path: String
    /// Whether the path was read as an image (its identity recorded), not only looked up.
    var isImage: Bool
    /// What ``ManuscriptFile/resolve(_:)`` said: 0 inside, 1 outside, 2 missing.
    var resolution: UInt64
    /// The image's ``FileIdentity/fields`` when it is inside the folder.
    var identity: [UInt64]

    /// The answer the file system gives now for `path`; nil when it cannot stand for the
    /// file's content (an image that is not a regular file, or changed too recently to tell,
    /// ``FileIdentity/isSettled``).
    static func now(_ path: String, isImage: Bool, in files: ManuscriptFile) -> FileAnswer? {
      switch files.resolve(path) {
      case .outside: return FileAnswer(path: path, isImage: isImage, resolution: 1, identity: [])
      case .missing: return FileAnswer(path: path, isImage: isImage, resolution: 2, identity: [])
      case .inside(let url):
        guard isImage else {
          return FileAnswer(path: path, isImage: false, resolution: 0, identity: [])
        }
        guard let identity = FileIdentity(path: url.path), identity.isSettled else { return nil }
        return FileAnswer(path: path, isImage: true, resolution: 0, identity: identity.fields)
      }
    }
  }

  /// The file-system answers the pass used.
  var answers: [FileAnswer]
  /// What the pass reported for the chapter.
  var diagnostics: [Diagnostic]
  /// The images the chapter uses, in order of first use (its image indices are into this list).
  var images: [ImageResource]
  /// The chapter as the pass left it.
  var chapter: Chapter
  /// What the chapter gives its render-cache key (with its own image indices).
  var walk: ChapterKeyWalk?
  /// The book's numbers of the chapter's images (by their index in ``images``) when the
  /// record was made, which ``chapter`` uses.
  var imageNumbers: [Int] = []
  /// What resolving read from the rest of the book when the record was made
  /// (``BookTransformer/resolveContext(chapters:)``).
  var context: [UInt8] = []
  /// What the ids pass did with the chapter when the record was made, for a chapter without
  /// labels (numbering leaves it alone); nil for one with labels.
  var passes: Passes?

  /// What the book-wide passes before resolving did with one chapter that has no labels, and
  /// what they read from the rest of the book: a rebuild replays it instead of decoding the
  /// chapter's summary and walking it (``BookTransformer/replayIDs(_:)``), and takes the
  /// record's chapter as the ids pass's result only when every answer the book gives now is
  /// the one recorded.
  struct Passes: Sendable {
    /// An id written on a heading (`{#id}`), where, and whether the chapter was its owner
    /// (the first to write it, ``BookTransformer/explicitOwners``) when the record was made.
    struct ExplicitID: Sendable, Equatable {
      var id: String
      var location: SourceLocation
      var owned: Bool
    }

    /// The ids written on the chapter's headings, in the order the book walks them (its
    /// blocks, then its notes').
    var explicitIDs: [ExplicitID]
    /// The names handed to the book's used-id set, in order (``BookTransformer/unique(_:)``).
    var bases: [String]
    /// What the set handed back for each of ``bases``: the chapter's ids.
    var ids: [String]
    /// What the ids pass reported for the chapter.
    var diagnostics: [Diagnostic]
    /// ``Chapter/idsInNotes`` (sorted) of a chapter with notes, with `notes: book-end`; nil
    /// otherwise.
    var idsInNotes: [String]?
    /// The fence names of the code blocks of the chapter as resolved (its notes in their new
    /// order), each with its first block's place, in reading order
    /// (``BookTransformer/checkCodeLanguages()``).
    var codeLanguages: [(name: String, location: SourceLocation)] = []
  }

  /// Whether every file-system answer still holds (each path asked once per run, `memo`).
  func holds(in files: ManuscriptFile, memo: ImageFileMemo) -> Bool {
    answers.allSatisfy { memo.answer(for: $0.path, isImage: $0.isImage, in: files) == $0 }
  }
}

/// Where the records of resolving chapters are found and kept between builds (the summary
/// cache's `resolved.cache` in a build, ``SummaryCache``).
protocol ResolveRecordStore: Sendable {
  /// The record of resolving the chapter at `path` made for `input`, when there is one.
  func resolved(path: String, input: [UInt8]) -> ResolveRecord?
  /// Keeps `record`, made for `input`, as the record of the chapter at its path.
  func keep(_ record: ResolveRecord, input: [UInt8])
}
