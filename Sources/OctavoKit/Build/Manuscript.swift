import Foundation

/// A loaded manuscript: the book model and every problem found in it.
///
/// This is the entry point for checking a manuscript in your own tests:
///
/// ```swift
/// let manuscript = try Manuscript.load(at: URL(fileURLWithPath: "Manuscript"))
/// #expect(manuscript.check().filter { $0.severity == .error }.isEmpty)
/// #expect(manuscript.chapters.count == 6)
/// ```
public struct Manuscript: Sendable {
  /// The manuscript folder.
  public var root: URL
  /// The book, as far as it could be loaded.
  public var book: Book
  /// Every problem found, sorted by file and position.
  public var diagnostics: [Diagnostic]
  /// The chapters (by path) taken from their summaries rather than parsed: they hold their
  /// headings, notes, links and labels but not their plain paragraphs (``ChapterSummary``).
  package var summarized: Set<String> = []
  /// The chapters among ``summarized`` whose files were not read: their identity showed
  /// them unchanged (``FileIdentity``).
  var unread: Set<String> = []
  /// How many of ``summarized`` were taken from last build's record of resolving them
  /// (``ResolveRecord``) instead of being resolved.
  package var reusedResolves = 0
  /// The chapters loaded from their records whose summaries were needed after all and did
  /// not decode: the book is not to be used; a build loads them again parsed whole.
  var undecoded: Set<String> = []

  /// Loads the manuscript in `root`.
  ///
  /// - Parameters:
  ///   - environment: where `SOURCE_DATE_EPOCH` is read from; the process environment by
  ///     default.
  ///   - parallel: whether chapter files are parsed concurrently (the result is the same).
  /// - Throws: ``OctavoError`` when the folder does not exist. Problems in the manuscript
  ///   are reported in ``diagnostics`` instead.
  public static func load(
    at root: URL, environment: [String: String] = ProcessInfo.processInfo.environment,
    parallel: Bool = true
  ) throws -> Manuscript {
    try load(at: root, environment: environment, parallel: parallel, memo: nil)
  }

  /// Loads the manuscript in `root`, taking chapters whose text is unchanged from `memo`
  /// (and keeping the ones parsed now in it).
  package static func load(
    at root: URL, environment: [String: String], parallel: Bool, memo: ChapterParseMemo?
  ) throws -> Manuscript {
    try load(
      at: root, environment: environment, parallel: parallel, memo: memo, summaries: nil,
      memoSummaries: false, fullPaths: [])
  }

  /// Loads the manuscript in `root`, taking unchanged chapters from `summaries` (or, with
  /// `memoSummaries`, from the summaries in `memo`) unless their path is in `fullPaths`
  /// (``ChapterSummary``), and from `memo`; with `resolveRecords`, a chapter taken from
  /// its summary is taken resolved from its record in `summaries` when it holds
  /// (``ResolveRecord``). `parking` tells which parsed chapters wait as bytes
  /// (``Chapter/park()``): none (false, for a book a caller reads), the large ones (nil),
  /// every one that can (true, for tests).
  static func load(
    at root: URL, environment: [String: String], parallel: Bool, memo: ChapterParseMemo?,
    summaries: SummaryCache?, memoSummaries: Bool, fullPaths: Set<String>?,
    resolveRecords: Bool = true, parking: Bool? = false
  ) throws -> Manuscript {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory),
      isDirectory.boolValue
    else {
      throw OctavoError(.manuscriptNotFound, path: root.path)
    }
    var loader = ManuscriptLoader(root: root, environment: environment, parallel: parallel)
    loader.memo = memo
    loader.summaries = summaries
    loader.memoSummaries = memoSummaries && memo != nil
    loader.fullPaths = fullPaths
    loader.usesResolveRecords = resolveRecords
    loader.parking = parking
    let (book, diagnostics) = loader.load()
    var manuscript = Manuscript(root: root, book: book, diagnostics: diagnostics.sorted())
    manuscript.summarized = loader.summarized
    manuscript.reusedResolves = loader.reusedResolves
    manuscript.unread = loader.unread
    manuscript.undecoded = loader.undecoded
    return manuscript
  }

  /// Every problem `octavo check` reports: the diagnostics found while loading, plus those
  /// only rendering finds (raw HTML that had to be repaired or cleaned), sorted by file and
  /// position.
  public func check() -> [Diagnostic] {
    BookBuilder.check(self)
  }

  /// Every chapter in reading order.
  public var chapters: [Chapter] { book.chapters }
  /// Each chapter's heading tree, in reading order.
  public var outline: [(chapter: String, headings: [OutlineEntry])] {
    book.chapters.map { ($0.path, $0.outline) }
  }
  /// The number of words in the book.
  public var wordCount: Int { book.wordCount }
  /// The errors among the diagnostics.
  public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
  /// The warnings among the diagnostics.
  public var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }
}
