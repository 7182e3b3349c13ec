import Foundation
import Yams

/// Loads a manuscript folder into a ``Book``: reads `book.yaml` and every chapter, parses
/// the Markdown, then runs the transforms (ids, links, notes, images).
///
/// Problems in the manuscript are collected as diagnostics, never thrown.
struct ManuscriptLoader {
  let root: URL
  let environment: [String: String]
  let files: ManuscriptFile
  var diagnostics: [Diagnostic] = []
  /// Whether chapter files are read and parsed concurrently.
  var parallel: Bool
  /// Chapters parsed by an earlier load in this process, taken when their text is the same.
  var memo: ChapterParseMemo?
  /// Summaries of chapters parsed by earlier builds (``ChapterSummary``): a chapter whose
  /// text is unchanged is taken from its summary instead of being parsed, unless it is in
  /// ``fullPaths``. Each chapter parsed now leaves its summary here (kept until the build
  /// commits the cache). Not used for a book with a page list, whose page breaks depend on
  /// every paragraph's words.
  var summaries: SummaryCache?
  /// Whether unchanged chapters are taken from their summaries in ``memo`` (`octavo serve`
  /// and `watch`), as from ``summaries`` in a build.
  var memoSummaries = false
  /// Chapters parsed whole even when a summary of them is at hand; `nil`: every chapter.
  var fullPaths: Set<String>? = []
  /// The chapters (by path) the last ``load()`` took from their summaries.
  private(set) var summarized: Set<String> = []
  /// The chapters (by path) the last ``load()`` took from their summaries without reading
  /// their files, found unchanged by their identity (``FileIdentity``).
  private(set) var unread: Set<String> = []
  /// Whether chapters taken from their summaries are taken resolved from their records in
  /// ``summaries`` (a build) or ``memo`` (the preview) when those hold (``ResolveRecord``).
  var usesResolveRecords = true
  /// How many chapters taken from their summaries the last ``load()`` took from last
  /// build's record of resolving them (``ResolveRecord``) instead of resolving them.
  private(set) var reusedResolves = 0
  /// The chapters (by path) loaded from their records whose summaries were needed after all
  /// and did not decode: the book the last ``load()`` made is not to be used; a build loads
  /// them again parsed whole.
  private(set) var undecoded: Set<String> = []
  /// Whether summaries keep notes whole (the book's notes go to its end).
  private(set) var keepsNotes = false
  /// Which chapters are parked as bytes once parsed (``Chapter/park()``), so the book's model
  /// is never whole while it loads and the book-wide passes run: none (false), those of more
  /// than ``EncodedChapter/chapterThreshold`` top-level blocks and notes (nil), or every one
  /// that can be (true). Never a chapter with formulas, nor in a book whose notes go to its
  /// end or that has a page list (whose passes read every chapter's text).
  var parking: Bool? = false

  init(root: URL, environment: [String: String], parallel: Bool = true) {
    self.root = root
    self.environment = environment
    self.files = ManuscriptFile(root: root)
    self.parallel = parallel
  }

  static let metadataFile = SourceLocation.metadataFile

  /// Front-matter keys that other tools (Jekyll, Hugo, MkDocs, Docusaurus, Obsidian, pandoc)
  /// use; Octavo has no use for them and passes over them without a warning.
  static let foreignFrontMatterKeys: Set<String> = [
    "layout", "permalink", "date", "lastmod", "last_modified_at", "updated", "created", "modified",
    "published", "publishdate", "expirydate", "draft", "tags", "categories", "category", "keywords",
    "author", "authors", "description", "summary", "excerpt", "excerpt_separator", "abstract",
    "slug", "url", "aliases", "redirect_from", "weight", "sidebar_position", "sidebar_label",
    "sidebar", "nav_order", "parent", "has_children", "hide", "hide_title", "toc", "toc_label",
    "toc_sticky", "showtoc", "tocopen", "template", "image", "cover", "thumbnail", "featured",
    "comments", "share", "series", "lang", "language", "subtitle", "math", "mathjax", "katex",
    "bibliography", "csl", "output", "header-includes", "status", "cssclass", "cssclasses",
    "publish", "pagination_label", "custom_edit_url", "displayed_sidebar", "sidebar_class_name",
  ]

  mutating func load() -> (Book, [Diagnostic]) {
    var metadata = BookMetadata(title: "")
    var declared: [MetadataDecoder.DeclaredEntry] = []
    var modified: Date?
    var newest = Date(timeIntervalSince1970: 0)

    let metadataURL = files.root.appending(path: Self.metadataFile)
    switch files.readText(at: metadataURL) {
    case .success(let text):
      newest = max(newest, Self.modificationDate(of: metadataURL))
      let (document, syntaxError) = YAMLDocument.parse(text, file: Self.metadataFile)
      if let syntaxError { diagnostics.append(syntaxError) }
      if let document {
        var decoder = MetadataDecoder(document: document)
        (metadata, declared, modified) = decoder.decode()
        diagnostics += decoder.diagnostics
      }
    case .failure(let error):
      report(error, file: Self.metadataFile)
    }

    // Resolve each listed chapter in order, then read and parse the files concurrently, then
    // give ids in reading order (so the result does not depend on the order work finishes).
    // The file system is asked about the paths concurrently first (it only answers).
    var declaredPaths: [(String, SourceLocation)] = []
    for entry in declared {
      switch entry {
      case .chapter(let path, let location): declaredPaths.append((path, location))
      case .part(_, _, let paths, _): declaredPaths += paths
      }
    }
    // The files' dates make the book's only when `book.yaml` gives none.
    let files = files
    let needsDates = modified == nil
    let found = Parallel.map(declaredPaths.map(\.0), parallel: parallel) { path in
      let resolution = files.resolve(path)
      guard needsDates, case .inside(let url) = resolution else {
        return FoundFile(resolution, nil)
      }
      return FoundFile(resolution, Self.modificationDate(of: url))
    }
    var seen: [String: SourceLocation] = [:]
    var requests: [ChapterRequest?] = []  // One per declared chapter, nil when not readable.
    for ((path, location), found) in zip(declaredPaths, found) {
      requests.append(
        resolveChapter(path, declaredAt: location, found: found, seen: &seen, newest: &newest))
    }
    // Global state of the C libraries is set up here, once, before any work runs concurrently.
    MarkdownParser.prepareForConcurrentUse()
    XMLSerializer.prepareForConcurrentUse()
    if metadata.pageList {
      summaries = nil
      memoSummaries = false
    }
    keepsNotes = metadata.notes == .bookEnd
    if keepsNotes || metadata.pageList || memo != nil { parking = false }
    let worker = self
    memo?.begin()
    var parsed = Parallel.map(requests, parallel: parallel) { request -> ParsedChapter in
      var copy = worker
      return request.map { copy.parseChapter($0) } ?? ParsedChapter(chapter: nil, diagnostics: [])
    }
    memo?.retain(only: Set(requests.compactMap { $0?.relative }))
    // What parsing freed (cmark-gfm's trees, the texts) goes back to the system before the
    // book-wide passes, when most chapters were parsed now: those pages are not all reused.
    if parsed.count(where: { $0.summarizedWords == nil }) * 2 > parsed.count {
      FreeMemory.purge()
    }
    var usedIDs = BookTransformer.newIDSet()
    var contents: [ContentsEntry] = []
    var next = 0
    func take() -> Chapter? {
      defer { next += 1 }
      diagnostics += parsed[next].diagnostics
      return Self.finishChapter(parsed[next], ids: &usedIDs)
    }
    for entry in declared {
      switch entry {
      case .chapter:
        if let chapter = take() { contents.append(.chapter(chapter)) }
      case .part(let title, let id, let paths, let location):
        var chapters: [Chapter] = []
        for _ in paths {
          if let chapter = take() { chapters.append(chapter) }
        }
        let partID = usedIDs.make(
          Self.partID(declared: id, title: title, position: contents.count + 1))
        let partTitle =
          title.collapsingWhitespace.isEmpty
          ? "Part \(contents.filter { if case .part = $0 { true } else { false } }.count + 1)"
          : title.collapsingWhitespace
        contents.append(
          .part(Part(id: partID, title: partTitle, chapters: chapters, location: location)))
      }
    }
    if !declared.isEmpty { reportUnlistedChapters(listed: Set(seen.keys)) }
    // What the summaries need after the book-wide passes, taken now: the parsed chapters
    // are not kept alive through them.
    var summarizedWords: [String: Int] = [:]
    var freshSummaries: [String: SummaryCache.Body] = [:]
    var replays: [String: ResolveRecord] = [:]
    unread = []
    var mayHoldMath = false
    for entry in parsed {
      guard let path = entry.chapter?.path else { continue }
      if let record = entry.record { replays[path] = record }
      if entry.mayHoldMath { mayHoldMath = true }
      if let count = entry.summarizedWords { summarizedWords[path] = count }
      if let body = entry.summary { freshSummaries[path] = body }
      if entry.unread { unread.insert(path) }
    }
    parsed = []

    // Derived metadata.
    if metadata.identifier.isEmpty {
      let seed = ([metadata.title] + metadata.authors.map(\.name)).joined(separator: "\n")
      metadata.identifier = "urn:uuid:" + UUIDv5.make(name: seed).lowercased()
      metadata.isIdentifierDerived = true
    }
    if let coverPath = metadata.cover {
      if case .inside(let url) = files.resolve(coverPath) {
        newest = max(newest, Self.modificationDate(of: url))
      }
    }
    if let epoch = environment["SOURCE_DATE_EPOCH"], let seconds = sourceDateEpoch(epoch) {
      metadata.modified = Date(timeIntervalSince1970: TimeInterval(seconds))
    } else if let modified {
      metadata.modified = modified
    } else {
      metadata.modified = Date(timeIntervalSince1970: newest.timeIntervalSince1970.rounded(.down))
    }

    // The transformer holds the only copy of the chapters, so it can replace them in place.
    var transformer = BookTransformer(
      book: Book(metadata: metadata, contents: contents), files: files, replays: replays)
    contents = []
    transformer.parallel = parallel
    // The records are kept in the summary cache for a build, in the parse memo for the preview.
    let records: (any ResolveRecordStore)? = memoSummaries ? memo : summaries
    if usesResolveRecords, let records {
      transformer.resolveRecords = records
      transformer.keyWalk = { RenderCache.keyWalk(of: $0) }
      transformer.summarizedPaths = Set(summarizedWords.keys)
      if let summaries {
        let keepsNotes = keepsNotes
        transformer.summarySkeleton = { path, digest in
          summaries.summary(path: path, digest: digest, keepsNotes: keepsNotes)?.skeleton
        }
      }
    }
    var book = transformer.run()
    reusedResolves = transformer.reusedResolves
    undecoded = transformer.undecoded
    diagnostics += transformer.diagnostics
    // No chapter made a formula (no pass adds one): the math pass need not look for any.
    if !mayHoldMath { book.hasMath = false }
    if summaries != nil || memoSummaries {
      settleSummaries(words: summarizedWords, fresh: freshSummaries, in: &book)
    }
    diagnostics += MathTypesetter.apply(to: &book, parallel: parallel)
    Typography.apply(to: &book, parallel: parallel, skipping: transformer.typographySet)
    return (book, diagnostics)
  }

  // MARK: - Chapters

  /// A chapter file to read: its manuscript-relative path and where it is on disk.
  struct ChapterRequest: Sendable {
    var relative: String
    var url: URL
  }

  /// A chapter file read and parsed, before it gets its book-wide id, and what was found.
  struct ParsedChapter: Sendable {
    var chapter: Chapter?
    var explicitID: String?
    var diagnostics: [Diagnostic]
    /// The summary of the chapter made now, written out without its word count (known after
    /// the book-wide passes) and staged (``SummaryCache/stage(_:)``), when summaries are kept.
    var summary: SummaryCache.Body?
    /// The words of a chapter taken from its summary.
    var summarizedWords: Int?
    /// The chapter as a summary keeps it, for the parse memo's summaries.
    var skeleton: Chapter?
    /// Whether ``skeleton`` keeps the notes whole.
    var skeletonKeepsNotes = false
    /// Whether the chapter may hold a formula: `false` only when it was parsed now and made none.
    var mayHoldMath = true
    /// Whether the chapter came from its summary without its file being read.
    var unread = false
    /// For a chapter loaded from its record of resolving without its summary's skeleton
    /// (``chapter`` is the record's): the record, its chapter left out.
    var record: ResolveRecord?
  }

  /// After the book-wide passes: a chapter taken from its summary gets the words the whole
  /// chapter has; a chapter parsed now leaves its summary, with its words, in the cache.
  private mutating func settleSummaries(
    words: [String: Int], fresh: [String: SummaryCache.Body], in book: inout Book
  ) {
    summarized = Set(words.keys)
    var chapters = book.chapters
    for index in chapters.indices {
      let chapter = chapters[index]
      if let count = words[chapter.path] {
        chapters[index].wordCount = count
        continue
      }
      if let body = fresh[chapter.path] {
        summaries?.keep(
          path: chapter.path, digest: chapter.sourceDigest, keepsNotes: keepsNotes,
          words: chapter.wordCount, body: body)
      }
      if memoSummaries {
        memo?.settle(chapter.path, digest: chapter.sourceDigest, words: chapter.wordCount)
      }
    }
    if !words.isEmpty { book.replaceChapters(chapters) }
  }

  /// Resolves a declared chapter path (`found`: the file system's answers about it); reports
  /// paths outside the folder, missing files and files listed twice.
  private mutating func resolveChapter(
    _ path: String, declaredAt location: SourceLocation, found: FoundFile,
    seen: inout [String: SourceLocation], newest: inout Date
  ) -> ChapterRequest? {
    let url: URL
    switch found.resolution {
    case .outside:
      diagnostics.append(
        Diagnostic(
          .error, .pathOutsideManuscript,
          "'\(path)' is outside the manuscript folder", at: location))
      seen[path] = location  // listed: not "unlisted" too when it is a link leading out
      return nil
    case .missing:
      diagnostics.append(
        Diagnostic(
          .error, .missingChapterFile,
          "chapter file '\(path)' does not exist", at: location))
      return nil
    case .inside(let resolved):
      url = resolved
    }
    let relative = String(url.path.dropFirst(files.root.path.count + 1))
    if let first = seen[relative] {
      diagnostics.append(
        Diagnostic(
          .error, .duplicateChapterFile,
          "'\(path)' is listed twice (first at line \(first.line))",
          at: location))
      return nil
    }
    seen[relative] = location
    if let modified = found.modified { newest = max(newest, modified) }
    return ChapterRequest(relative: relative, url: url)
  }

  /// Gives a parsed chapter its id, unique in the book; called in reading order.
  private static func finishChapter(_ parsed: ParsedChapter, ids: inout UniqueNames) -> Chapter? {
    guard var chapter = parsed.chapter else { return nil }
    let explicitID = parsed.explicitID
    let relative = chapter.path
    let stem =
      (relative as NSString).deletingPathExtension.split(separator: "/").last.map(String.init)
      ?? relative
    // The id names the chapter's file in the EPUB: at most 100 bytes.
    var baseID = OutputName.cap(
      explicitID.map(Slugger.asciiSlug) ?? Slugger.asciiSlug(stem), bytes: 100)
    if baseID.isEmpty { baseID = "chapter" }
    if let first = baseID.first, !first.isLetter { baseID = "c" + baseID }
    chapter.id = ids.make(baseID)
    return chapter
  }

  /// Reads and parses one chapter file. Touches nothing shared, so files are parsed
  /// concurrently; `self` is a copy whose diagnostics start empty.
  private mutating func parseChapter(_ request: ChapterRequest) -> ParsedChapter {
    diagnostics = []
    let relative = request.relative
    let url = request.url
    let takesSummary = fullPaths.map { !$0.contains(relative) } ?? false
    // A build finds the text's SHA-1 by the file's identity when the file is as an earlier
    // build found it (``FileIdentity``), and takes the summary without reading the text; the
    // parse memo of `serve` and `watch` remembers identities the same way.
    let identities = memoSummaries ? nil : summaries
    let identity = identities != nil || memo != nil ? FileIdentity(path: url.path) : nil
    if takesSummary, let identities, let identity,
      let digest = identities.digest(path: relative, identity: identity)
    {
      if let replay = fromRecord(relative, digest: digest, in: identities, unread: true) {
        identities.keep(path: relative, identity: identity, digest: digest)
        return replay
      }
      if let summary = identities.summary(path: relative, digest: digest, keepsNotes: keepsNotes) {
        identities.keep(path: relative, identity: identity, digest: digest)
        return ParsedChapter(
          chapter: parked(summary.skeleton, mayHoldMath: summary.mayHoldMath),
          explicitID: summary.explicitID,
          diagnostics: summary.diagnostics, summarizedWords: summary.wordCount,
          mayHoldMath: summary.mayHoldMath, unread: true)
      }
    }
    var text: String?
    let remembered = identity.flatMap { memo?.digest(relative, identity: $0) }
    if remembered == nil {
      do { text = try files.readText(at: url).get() } catch {
        report(error, file: relative)
        return ParsedChapter(chapter: nil, explicitID: nil, diagnostics: diagnostics)
      }
    }
    let digest = remembered ?? SHA1.hash(utf8: text ?? "")
    if let identity { memo?.remember(relative, identity: identity, digest: digest) }
    // The identity was taken before the text was read: a change made since gives the file
    // another one, and the next build reads the file again.
    if let identity { identities?.keep(path: relative, identity: identity, digest: digest) }
    if takesSummary, !memoSummaries, let summaries,
      let replay = fromRecord(relative, digest: digest, in: summaries, unread: remembered != nil)
    {
      return replay
    }
    if takesSummary {
      let summary =
        memoSummaries
        ? memo?.summary(relative, digest: digest, keepsNotes: keepsNotes)
        : summaries?.summary(path: relative, digest: digest, keepsNotes: keepsNotes)
      if let summary {
        return ParsedChapter(
          chapter: parked(summary.skeleton, mayHoldMath: summary.mayHoldMath),
          explicitID: summary.explicitID,
          diagnostics: summary.diagnostics, summarizedWords: summary.wordCount,
          mayHoldMath: summary.mayHoldMath, unread: remembered != nil)
      }
    }
    if let memo, var kept = memo.parsed(relative, digest: digest) {
      kept.unread = remembered != nil
      if !memoSummaries || (kept.skeleton != nil && kept.skeletonKeepsNotes == keepsNotes) {
        return kept
      }
      return settle(kept, relative: relative, digest: digest, identity: identity, isNew: false)
    }
    // (A remembered digest has its entry in the memo: the text was read above.)
    // A large text is parsed alone, and on the first arena of the allocator: its cmark-gfm
    // tree and model (15 and 7 times the text for a chapter of 10,000 notes) do not live
    // beside another's, and the pages one frees are the next one's (``FreeMemory``).
    let markdown = text ?? ""
    text = nil
    let weight = markdown.utf8.count
    return Self.parseGate.run(weight: weight) {
      FreeMemory.onFirstArena(when: weight > Self.parseGate.limit / 2) {
        let parsed = parseChapter(markdown, relative: relative, digest: digest)
        return settle(parsed, relative: relative, digest: digest, identity: identity, isNew: true)
      }
    }
  }

  /// Texts of more than half this many bytes are parsed one at a time (``parseGate``).
  static let parseGate = MemoryGate(limit: 1 << 20)

  /// `parsed` kept where this build keeps chapters (the preview's memo, the summary cache),
  /// and parked (``parking``).
  private mutating func settle(
    _ parsed: ParsedChapter, relative: String, digest: [UInt8], identity: FileIdentity?,
    isNew: Bool
  ) -> ParsedChapter {
    var parsed = parsed
    if memoSummaries, let chapter = parsed.chapter {
      parsed.skeleton = ChapterSummary.skeleton(of: chapter, keepsNotes: keepsNotes)
      parsed.skeletonKeepsNotes = keepsNotes
    }
    memo?.keep(parsed, path: relative, digest: digest, identity: identity, isNew: isNew)
    if let summaries, let chapter = parsed.chapter {
      parsed.summary = summaries.stage(
        ChapterSummary(
          skeleton: ChapterSummary.skeleton(of: chapter, keepsNotes: keepsNotes),
          explicitID: parsed.explicitID, diagnostics: parsed.diagnostics, wordCount: 0,
          mayHoldMath: parsed.mayHoldMath
        ).encodedBody())
    }
    parsed.chapter = self.parked(parsed.chapter, mayHoldMath: parsed.mayHoldMath)
    return parsed
  }

  /// `chapter` parked when ``parking`` says so (a parsed chapter, a summary's skeleton or a
  /// chapter from its record): never one that may hold a formula. With `keepingNoteHeads`,
  /// for a resolved chapter (``Chapter/park(keepingNoteHeads:)``).
  func parked(_ chapter: Chapter?, mayHoldMath: Bool, keepingNoteHeads: Bool = false)
    -> Chapter?
  {
    guard var chapter, !mayHoldMath,
      parking ?? (chapter.blockCount > EncodedChapter.chapterThreshold)
    else { return chapter }
    chapter.park(keepingNoteHeads: keepingNoteHeads)
    return chapter
  }

  static func modificationDate(of url: URL) -> Date {
    (try? FileManager.default.attributesOfItem(atPath: url.path)[.modificationDate] as? Date)
      ?? Date(timeIntervalSince1970: 0)
  }
}
