import Foundation

/// The settings of a build.
public struct BuildOptions: Sendable {
  /// The manuscript folder.
  public var manuscript: URL
  /// The folder of style sheets (`epub.css`, `print.css`); built-in defaults fill in what is
  /// missing.
  public var styles: URL?
  /// Where outputs go.
  public var output: URL
  /// What to make.
  public var formats: Set<OutputFormat>
  /// The environment, for `SOURCE_DATE_EPOCH`, the `PATH` a PDF engine is found on and
  /// `OCTAVO_NO_CACHE`.
  public var environment: [String: String]
  /// Whether chapters rendered by earlier builds are reused from `<output>/.cache/`. Also off
  /// when the environment sets `OCTAVO_NO_CACHE` (to anything but `0` or nothing).
  public var useCache: Bool
  /// Whether chapters are parsed and rendered on all cores; the outputs are the same bytes
  /// either way.
  public var parallel: Bool
  /// Which reading systems the EPUB is made for.
  public var profile: EPUBProfile = .compatible
  /// Whether to print the print edition to PDF as well (`<slug>.pdf`).
  public var makesPDF = false
  /// The PDF engine to use; `nil` takes WeasyPrint when it is installed, else Chromium.
  public var pdfEngine: PDFEngine?
  /// Whether to build a draft: errors the book can survive (``Diagnostic/allowsDraft``: a
  /// missing image first of all) no longer stop the build. Missing images become
  /// placeholders, and the outputs say they are a draft (the EPUB's metadata and title
  /// page, the foot of every printed page). Other errors still stop it.
  public var draft = false
  /// Chapters parsed by earlier builds of this process (`octavo watch`), reused when their
  /// text is unchanged.
  package var memo: ChapterParseMemo?
  /// Whether the chapters of a clean build wait for their turn to be rendered as bytes
  /// (``EncodedChapter``) and large ones are rendered a few at a time; `nil`: when the book's
  /// model is large (``EncodedChapter/waits(_:)``). The outputs are the same bytes either way.
  package var chaptersWaitEncoded: Bool?
  /// Called as the build goes through its steps (for a progress line); on the calling
  /// thread, between steps.
  public var progress: (@Sendable (BuildStep) -> Void)?

  /// Creates build settings.
  public init(
    manuscript: URL, styles: URL? = nil, output: URL,
    formats: Set<OutputFormat> = Set(OutputFormat.allCases),
    environment: [String: String] = ProcessInfo.processInfo.environment,
    useCache: Bool = true, parallel: Bool = true
  ) {
    self.manuscript = manuscript
    self.styles = styles
    self.output = output
    self.formats = formats
    self.environment = environment
    self.useCache = useCache
    self.parallel = parallel
  }

  /// The render cache's folder, when the cache is on.
  var cacheFolder: URL? {
    let disabled = environment["OCTAVO_NO_CACHE"].map { !$0.isEmpty && $0 != "0" } ?? false
    return useCache && !disabled ? output.appending(path: ".cache") : nil
  }
}

/// A step of a build, as reported to ``BuildOptions/progress``.
public enum BuildStep: Sendable {
  /// The manuscript is loaded: its chapters parsed and resolved.
  case loaded(chapters: Int, words: Int)
  /// Every chapter is rendered; `cached` of them came from the cache.
  case rendered(chapters: Int, cached: Int)
  /// An output file is in place.
  case wrote(URL, bytes: Int)
}

/// The outcome of a build.
public struct BuildResult: Sendable {
  /// Every problem found, sorted; when any is an error, nothing was written, unless the
  /// build is a draft whose errors all allow it (``isDraft``).
  public var diagnostics: [Diagnostic]
  /// Whether the outputs were written as a draft (``BuildOptions/draft``).
  public var isDraft = false
  /// The files written, in the order of `OutputFormat.allCases`.
  public var outputs: [URL]
  /// The book as built: its metadata, images and contents, each chapter with its model (a
  /// chapter unchanged since an earlier build with the cache is the summary that build
  /// kept, without its plain paragraphs; in a book whose model is large, a chapter keeps
  /// only its headings, numbered elements and cross-references, its model let go once
  /// rendered). Load the manuscript
  /// (``Manuscript/load(at:environment:parallel:)``) for every chapter's whole text.
  public var book: Book
  /// How many chapters were taken from the render cache instead of being rendered.
  public var cachedChapters = 0
  /// How many chapters were taken from their summaries instead of being parsed (their
  /// models in ``book`` hold no plain paragraphs: ``ChapterSummary``).
  package var summarizedChapters = 0
  /// How many of those were taken from last build's record of resolving them
  /// (``ResolveRecord``) instead of being resolved.
  package var reusedResolves = 0
  /// How many entries of the EPUB were copied deflated from the EPUB an earlier build wrote
  /// (``PackageCache``) instead of being deflated again.
  package var copiedEntries = 0
  /// The engine that printed the PDF, when one was made (with why it was chosen).
  public var pdfRenderer: PDFRenderer?
}

/// Builds a book: load, check, render, package, write.
public enum BookBuilder {
  /// The style sheet `name` from `folder`, else the built-in copy of `Styles/<name>`.
  public static func stylesheet(_ name: String, in folder: URL?) -> [UInt8] {
    if let folder,
      let data = FileManager.default.contents(atPath: folder.appending(path: name).path)
    {
      return [UInt8](data)
    }
    return Array((DefaultStyles.files[name] ?? "").utf8)
  }

  /// The built-in copy of a shipped style sheet (`epub.css` or `print.css`).
  public static func builtInStylesheet(_ name: String) -> String? { DefaultStyles.files[name] }

  /// The name (before `.epub` or `.html`) of the file in the cache folder that keeps the
  /// output a build replaced, for the next build to write its output over: writing over a
  /// file's blocks costs less than freeing them and taking new ones.
  static let spareName = "spare"

  /// The file name outputs get, from the book's title: its slug, cut at a word boundary so
  /// that the whole name (`.epub` or `.html` included) is at most 200 bytes.
  public static func outputName(for book: Book) -> String {
    let slug = OutputName.cap(
      Slugger.asciiSlug(book.metadata.title), bytes: OutputName.maximumBytes - 10)
    return slug.isEmpty ? "book" : slug
  }

  /// The rules added to a draft's e-book style sheet: the title page's mark and the
  /// placeholders of missing images.
  public static let draftStylesheet = """

    /* Added by octavo build --draft */
    .draft-mark { margin: 2em 0 0; padding: 0.3em 0.6em; border: 2px solid #b45f06; color: #7a3e00;
      font-family: sans-serif; font-weight: bold; text-align: center; text-transform: uppercase;
      letter-spacing: 0.08em; }
    img.missing-image { width: 100%; max-width: 32em; height: auto; }

    """

  /// Checks a manuscript without writing anything: loads it and renders every chapter, so
  /// problems found while rendering (raw HTML that had to be repaired) are reported too.
  public static func check(_ manuscript: Manuscript) -> [Diagnostic] {
    // Rendered as a build renders, writing nothing out (which cannot throw).
    let rendered = try? SerializedBook(book: manuscript.book, root: manuscript.root, formats: [])
    return
      (manuscript.diagnostics + (rendered?.diagnostics ?? [])
      + AccessibilityReport(book: manuscript.book).diagnostics
      + GlyphCoverageCheck(book: manuscript.book).diagnostics()).sorted()
  }

  /// Runs a build. Problems in the manuscript are returned as diagnostics; an error among them
  /// stops the build before anything is written.
  ///
  /// - Throws: ``OctavoError`` when the build cannot go on (folder missing, output not
  ///   writable, a library failure).
  public static func build(_ options: BuildOptions) throws -> BuildResult {
    // Unchanged chapters come from their summaries (kept in memory by a process that keeps
    // parsed chapters: `octavo watch`). A summarized chapter whose rendering or checks
    // are not cached (a heading it links to changed…) is parsed whole on a second go; should
    // that miss again, every chapter is.
    let summaries =
      options.memo == nil ? options.cacheFolder.map { SummaryCache(folder: $0) } : nil
    var fullPaths: Set<String>? = []
    while true {
      do {
        return try build(options, summaries: summaries, fullPaths: fullPaths)
      } catch let missing as SerializedBook.MissingRendering {
        if let paths = fullPaths, !paths.isSuperset(of: missing.paths) {
          fullPaths = paths.union(missing.paths)
        } else {
          fullPaths = nil
        }
      }
    }
  }

  private static func build(
    _ options: BuildOptions, summaries: SummaryCache?, fullPaths: Set<String>?
  ) throws -> BuildResult {
    // The check and package caches' files are read while the book loads.
    let checkTable = options.cacheFolder.map { folder in
      Background(parallel: options.parallel) { CheckCache.table(in: folder) }
    }
    let packageCacheRead =
      options.formats.contains(.epub)
      ? options.cacheFolder.map { folder in
        Background(parallel: options.parallel) { PackageCache(folder: folder) }
      } : nil
    var manuscript = try Manuscript.load(
      at: options.manuscript, environment: options.environment,
      parallel: options.parallel, memo: options.memo, summaries: summaries,
      memoSummaries: options.cacheFolder != nil, fullPaths: fullPaths,
      parking: options.memo == nil ? options.chaptersWaitEncoded : false)
    // A chapter loaded from its record whose summary was needed and did not decode.
    if !manuscript.undecoded.isEmpty {
      throw SerializedBook.MissingRendering(paths: manuscript.undecoded)
    }
    if options.draft { manuscript.book.metadata.isDraft = true }
    var result = BuildResult(
      diagnostics: manuscript.diagnostics, outputs: [], book: manuscript.book)
    result.isDraft = options.draft
    options.progress?(.loaded(chapters: manuscript.chapters.count, words: manuscript.wordCount))
    // What the checks found in unchanged chapters is read from the cache.
    let checks = checkTable.map { CheckCache(table: $0.value, metadata: manuscript.book.metadata) }
    let summarized = manuscript.summarized
    if !summarized.isEmpty {
      // A summary is no chapter to report errors about or to scan.
      if options.draft
        ? !manuscript.diagnostics.allowsDraft : manuscript.diagnostics.hasErrors
      {
        throw SerializedBook.MissingRendering(paths: summarized)
      }
      let glyphs = options.formats.contains(.print) || options.makesPDF
      let chapters = manuscript.book.chapters
      let held = Parallel.map(chapters, parallel: options.parallel) {
        !summarized.contains($0.path) || checks?.holds($0, glyphs: glyphs) == true
      }
      let unscanned = zip(chapters, held).filter { !$1 }.map(\.0)
      if !unscanned.isEmpty {
        throw SerializedBook.MissingRendering(paths: Set(unscanned.map(\.path)))
      }
    }
    // A claim the content contradicts stops the build like any other error.
    let accessibility = AccessibilityReport(
      book: manuscript.book,
      scans: Parallel.map(manuscript.book.chapters, parallel: options.parallel) { chapter in
        FreeMemory.onFirstArena(when: chapter.isParked) {
          checks?.accessibility(of: chapter) ?? AccessibilityReport.scan(chapter)
        }
      })
    let stops =
      options.draft
      ? !manuscript.diagnostics.allowsDraft || !accessibility.diagnostics.allowsDraft
      : manuscript.diagnostics.hasErrors || accessibility.diagnostics.hasErrors
    guard !stops else {
      // Report everything `octavo check` would, so fixing the errors brings no second wave.
      // The book returned is whole: no chapter stays parked.
      manuscript.book = manuscript.book.unparked
      result.book = manuscript.book
      result.diagnostics = check(manuscript)
      return result
    }

    // Find the PDF engine before writing anything, so a missing engine changes no file.
    let bookHasMath =
      manuscript.book.hasMath ?? manuscript.book.chapters.contains(where: \.containsMath)
    var pdfRenderer =
      options.makesPDF
      ? try PDFRenderer.locate(
        options.pdfEngine, environment: options.environment,
        projectFolders: [
          URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
          options.manuscript.deletingLastPathComponent(),
        ], hasMath: bookHasMath)
      : nil
    pdfRenderer?.date = manuscript.book.metadata.modified
    let name = outputName(for: manuscript.book)
    // What an interrupted earlier build of this book left in the output folder goes first.
    for suffix in [".epub", ".html", ".pdf"] {
      AtomicFile.removeStale(for: options.output.appending(path: name + suffix))
    }
    let cache = options.cacheFolder.map { RenderCache(folder: $0) }
    let packageCache = packageCacheRead?.value
    // The print edition is made for the PDF even when only the EPUB was asked for.
    var formats = options.formats
    if pdfRenderer != nil { formats.insert(.print) }
    // The characters each chapter uses, for the print faces' check after the print edition.
    let chapterCount = manuscript.chapters.count
    let glyphUses =
      formats.contains(.print)
      ? Parallel.map(manuscript.book.chapters, parallel: options.parallel) { chapter in
        FreeMemory.onFirstArena(when: chapter.isParked) {
          checks?.glyphUses(of: chapter) ?? GlyphCoverageCheck.uses(in: chapter)
        }
      } : nil
    // The glyph check of the print faces (fontconfig loaded, the faces read) needs only those
    // uses and the print settings, and the print edition's walk of every inline for a
    // cross-reference only the book. On a rebuild (most chapters taken from their summaries)
    // they run beside the rendering of the few chapters left, which leaves a core idle;
    // on a clean build, whose rendering keeps every core busy, they run with the print
    // edition as before.
    let rendersFew = summarized.count * 2 >= chapterCount && !summarized.isEmpty
    // The package cache's findings are decoded while the few chapters left render.
    if rendersFew { packageCache?.decodeAhead(parallel: options.parallel) }
    let glyphCheck =
      rendersFew
      ? glyphUses.map { Self.glyphCheck(manuscript.book, chapterUses: $0, options: options) } : nil
    let crossReferences =
      rendersFew && formats.contains(.print)
      ? Background(parallel: options.parallel) { [book = manuscript.book] in
        PrintEditionRenderer.hasCrossReference(book)
      } : nil
    // Every chapter rendered once (or found in the cache), written out for the outputs.
    // The EPUB's documents are deflated as they are written and the deflated bytes, like the
    // print sections, wait in a temporary file. A chapter found in the render cache is
    // left in the cache's file: the EPUB copies its entry from the last EPUB and the print
    // edition copies its section from the file. The chapters' models are kept: letting
    // each go once it is rendered (`releasesChapters`) saves 6.5 MiB at 1M words but costs
    // 11 % of the clean build's CPU in frees (docs/performance.md). A book whose model is
    // large (100,000 notes: 56 MB) is the exception: its chapters wait as bytes, each read
    // back by the task that renders it, so the whole model is let go before rendering
    // begins (`waiting`); not on a rebuild, whose chapters mostly come from the cache
    // by their models' keys.
    // The digests of the images' bytes for the render cache's keys, recorded by the check
    // cache with each image file's identity.
    let root = options.manuscript
    let imageDigest: (@Sendable (ImageResource) -> [UInt8]?)? = checks.map { checks in
      { @Sendable image in checks.imageDigest(of: image, root: root) }
    }
    let waitsEncoded =
      !rendersFew && (options.chaptersWaitEncoded ?? EncodedChapter.waits(manuscript.book))
    let book = manuscript.book
    manuscript.book.contents = []
    result.book.contents = []
    // What parsing and the passes freed goes back to the system before every chapter is
    // rendered (the pages rendering takes are then new ones, not those kept dirty); not on
    // a rebuild, which renders a chapter or two and frees little.
    if !rendersFew { FreeMemory.purge() }
    var rendered = try SerializedBook(
      book: consume book, root: options.manuscript, formats: formats,
      cache: cache, settings: "profile " + options.profile.rawValue,
      parallel: options.parallel, summarized: summarized,
      deflateLevel: formats.contains(.epub) ? Int32(ZipWriter.compressionLevel) : nil,
      spillsPrint: true, spillsXHTML: true, leavesCachedBytes: true,
      releasesChapters: waitsEncoded, waiting: waitsEncoded ? EncodedChapter.waiting : nil,
      imageDigest: imageDigest)
    result.book = rendered.book
    guard options.draft ? rendered.diagnostics.allowsDraft : !rendered.diagnostics.hasErrors else {
      result.diagnostics = (result.diagnostics + rendered.diagnostics).sorted()
      return result
    }
    result.cachedChapters = rendered.cacheHits
    result.summarizedChapters = summarized.count
    result.reusedResolves = manuscript.reusedResolves
    options.progress?(.rendered(chapters: chapterCount, cached: rendered.cacheHits))
    func wrote(_ url: URL) {
      result.outputs.append(url)
      let size = (try? FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
      options.progress?(.wrote(url, bytes: size))
    }
    var fontDiagnostics: [Diagnostic] = []
    var printDiagnostics: [Diagnostic] = []
    // The print edition (it needs only the sections) and its glyph check are made while the
    // EPUB is written, under a temporary name: it goes in place once the EPUB did.
    let makesPrint = options.formats.contains(.print) || pdfRenderer != nil
    var sections = rendered
    sections.releaseXHTML()
    let printing =
      makesPrint
      ? Background(parallel: options.parallel) { [sections] in
        Result {
          try stagePrintEdition(
            sections, name: name, glyphCheck: glyphCheck, chapterUses: glyphUses,
            hasCrossReference: crossReferences?.value, cache: cache, options: options)
        }
      } : nil
    // The EPUB and print edition this build replaces are kept in the cache folder as the next
    // build's spares (``AtomicFile/Staged/retire()``), or removed, while the build goes on;
    // it returns (or throws) once that is done.
    var removals: [Background<Void>] = []
    defer { for removal in removals { _ = removal.value } }
    // Should the EPUB fail, the print edition waits for nothing and goes.
    var printPlaced = false
    defer {
      if !printPlaced, case .success(let staged)? = printing?.value { staged.file.discard() }
    }
    if options.formats.contains(.epub) {
      var fonts: [EmbeddedFont] = []
      if let styles = options.styles {
        (fonts, fontDiagnostics) = EmbeddedFont.load(
          from: styles.appending(path: EmbeddedFont.folderName))
      }
      var css = stylesheet("epub.css", in: options.styles)
      if options.draft { css += Array(draftStylesheet.utf8) }
      var packager = EPUBPackager(
        serialized: rendered, root: options.manuscript, stylesheet: css, fonts: fonts)
      packager.profile = options.profile
      packager.accessibility = accessibility
      let destination = options.output.appending(path: name + ".epub")
      packager.spare = options.cacheFolder?.appending(path: Self.spareName + ".epub")
      if let packageCache {
        packager.reuse = packageCache.reuse(
          for: destination, keys: rendered.documents.compactMap(\.cacheKey))
      }
      let written = try packager.writeForReuse(to: destination)
      if let replaced = written.replaced {
        removals.append(Background(parallel: options.parallel) { replaced.retire() })
      }
      packageCache?.keep(written, destination: destination)
      result.copiedEntries = written.copied
      wrote(destination)
    }
    rendered.releaseXHTML()
    if let printing {
      let staged = try printing.value.get()
      printPlaced = true
      if try staged.file.commitLeavingReplaced() {
        removals.append(
          Background(parallel: options.parallel) { [file = staged.file] in file.retire() })
      }
      let destination = staged.file.destination
      wrote(destination)
      printDiagnostics += staged.diagnostics
      if let pdfRenderer, pdfRenderer.engine == .weasyprint, bookHasMath {
        printDiagnostics.append(
          Diagnostic(
            .warning, .mathPrintedAsTeX,
            "WeasyPrint prints no MathML: the book's formulas print as their TeX; leave out --engine weasyprint to print them with Chromium",
            at: nil))
      }
      if let pdfRenderer {
        let pdf = options.output.appending(path: name + ".pdf")
        let warnings = try pdfRenderer.render(html: destination, to: pdf)
        printDiagnostics += warnings.map {
          Diagnostic(
            .warning, .pdfEngineWarning, "\(pdfRenderer.engine.rawValue): \($0)",
            at: SourceLocation(file: destination.lastPathComponent))
        }
        result.pdfRenderer = pdfRenderer
        wrote(pdf)
      }
    }
    // The outputs are in place: keep what was rendered for the next build.
    cache?.commit(parallel: options.parallel)
    cache?.prune()
    // The three tables are files of their own, written at once (after the pruning, which
    // removes temporary files it finds in the folder).
    let tables: [@Sendable () -> Void] = [
      { checks?.commit() }, { summaries?.commit() }, { packageCache?.commit() },
    ]
    _ = Parallel.map(tables, parallel: options.parallel) { $0() }
    result.diagnostics =
      (result.diagnostics + rendered.diagnostics + fontDiagnostics + printDiagnostics).sorted()
    return result
  }

  /// The glyph check of the print faces (fontconfig loaded, the faces read) on the characters
  /// each chapter of `book` uses, begun on another thread.
  private static func glyphCheck(
    _ book: Book, chapterUses: [GlyphCoverageCheck.Uses]?, options: BuildOptions
  ) -> Background<[Diagnostic]> {
    Background(parallel: options.parallel) {
      GlyphCoverageCheck(book: book, chapterUses: chapterUses, parallel: options.parallel)
        .diagnostics()
    }
  }

  /// Writes the print edition of `sections` under a temporary name (``AtomicFile/Staged``),
  /// with the diagnostics of the glyph check of the print faces (`glyphCheck`, begun
  /// earlier; when there is none, run beside the print edition's writing on the characters
  /// each chapter uses, `chapterUses`, taken before the chapters' models were let go).
  /// Whether the book has a cross-reference is `hasCrossReference`, when worked out already;
  /// the contents' section is kept in `cache`.
  private static func stagePrintEdition(
    _ sections: SerializedBook, name: String, glyphCheck: Background<[Diagnostic]>?,
    chapterUses: [GlyphCoverageCheck.Uses]?, hasCrossReference: Bool?, cache: RenderCache?,
    options: BuildOptions
  ) throws -> (file: AtomicFile.Staged, diagnostics: [Diagnostic]) {
    let book = sections.book
    let glyphs = glyphCheck ?? Self.glyphCheck(book, chapterUses: chapterUses, options: options)
    let css = String(decoding: stylesheet("print.css", in: options.styles), as: UTF8.self)
    var printer = PrintEditionRenderer(serialized: sections, stylesheet: css)
    printer.hasCrossReference = hasCrossReference
    printer.cache = cache
    let file: AtomicFile.Staged
    do {
      file = try AtomicFile.stage(
        pieces: try printer.renderPieces(), to: options.output.appending(path: name + ".html"),
        spare: options.cacheFolder?.appending(path: Self.spareName + ".html"))
    } catch {
      _ = glyphs.value
      throw error
    }
    return (file, glyphs.value)
  }
}
