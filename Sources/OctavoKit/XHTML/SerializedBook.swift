import Foundation

/// Every document of a book rendered and written out as bytes, once, for both outputs: the
/// EPUB's XHTML file and the print edition's section. It is the one way documents are
/// rendered: builds, `octavo check`, the live preview and the tests all go through it, and
/// ``EPUBPackager`` and ``PrintEditionRenderer`` package what it wrote.
///
/// Chapters are rendered on all cores, each in its own task (every libxml2 document is
/// made and freed inside the task). Only bytes are kept, not trees, so memory stays close
/// to the size of the outputs. With a ``RenderCache``, a chapter whose inputs have not
/// changed is read from the cache instead of being rendered.
struct SerializedBook: Sendable {
  /// The book.
  let book: Book
  /// The renderer (for the navigation page).
  let renderer: XHTMLRenderer
  /// The cover page and its image, when the book has a cover (not in the print edition).
  let cover: (document: Document, image: ImageResource)?
  /// The title page.
  let titlePage: Document
  /// The generated copyright and dedication pages, after the title page.
  let frontPages: [Document]
  /// The parts and chapters in reading order, then the Notes document when the book's notes
  /// go at its end.
  private(set) var documents: [Document]
  /// Whether the last of ``documents`` is the Notes document (`notes: book-end`).
  let hasNotes: Bool
  /// Where the print sections of the parts, chapters and Notes document rendered are kept
  /// until the print edition is written, when the book was made with `spillsPrint`.
  let printSpill: SpillFile?
  /// Problems found while rendering, sorted.
  let diagnostics: [Diagnostic]
  /// How many chapters came from the cache.
  let cacheHits: Int
  /// The table of contents, made the first time an output asks for it (``contents``).
  private let contentsOnce = Once<TableOfContents>()

  /// The book's table of contents (with the Notes document when there is one), made once
  /// for the navigation document, the NCX and the print edition.
  var contents: TableOfContents {
    contentsOnce.value {
      TableOfContents(book: book, notesTitle: hasNotes ? renderer.words.notes : nil)
    }
  }

  /// A value made the first time it is asked for, by whichever thread asks (or given
  /// before: ``set(_:)``).
  final class Once<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Value?

    /// Gives the value, unless one was made already.
    func set(_ value: Value) {
      lock.withLock { if made == nil { made = value } }
    }

    func value(_ make: () -> Value) -> Value {
      lock.lock()
      defer { lock.unlock() }
      if let made { return made }
      let value = make()
      made = value
      return value
    }
  }

  /// Renders and writes out every document of `book`.
  ///
  /// - Parameters:
  ///   - root: the manuscript folder, where images are read from (for the print edition).
  ///   - formats: the outputs being made; only their bytes are written.
  ///   - cache: where unchanged chapters are found and new ones stored, if anywhere.
  ///   - settings: what else the build is made with that the cache must tell apart (the
  ///     EPUB profile…), as text; part of every cache key.
  ///   - parallel: whether chapters are rendered on all cores (the bytes are the same).
  ///   - keepsTrees: whether each document keeps its rendered tree (``Document/tree``) as well
  ///     as its bytes.
  /// - Throws: ``OctavoError`` when an image cannot be read or libxml2 fails; never when
  ///   `formats` is empty (nothing is read or written then).
  ///   - summarized: the chapters (by path) that are only summaries of themselves, whose
  ///     rendering must come from the cache; when it is not there, ``MissingRendering`` is
  ///     thrown (after every chapter was looked up) and the build parses them whole.
  ///   - memory: chapters rendered by an earlier snapshot of the live preview, taken when
  ///     their key is the same, and where the chapters rendered now are kept.
  ///   - deflateLevel: when given, each part, chapter and Notes document rendered is
  ///     deflated at this level on the thread that rendered it, and only the deflated bytes
  ///     are kept (``Document/deflatedXHTML``), for the zip; the cover, title and front
  ///     pages, and chapters read from the cache, keep their XHTML.
  ///   - spillsPrint: whether the print sections of the parts, chapters and Notes document
  ///     rendered go to a temporary file (``printSpill``) as soon as they are written, instead
  ///     of staying in memory (when no temporary file can be made, they stay in memory).
  ///   - spillsXHTML: whether each document deflated here (with a `deflateLevel`) waits for
  ///     the zip in a temporary file of its own (``Deflate/Output/spill(to:)``) instead of in
  ///     memory (when no temporary file can be made, it stays in memory).
  ///   - leavesCachedBytes: whether a chapter read from the cache keeps its bytes in the
  ///     cache's file (``Document/storedEntry``) instead of in memory: for a build, whose
  ///     packager copies the XHTML from the last EPUB and whose print edition copies the
  ///     section from the file; not for the preview, which serves the bytes.
  ///   - releasesChapters: whether ``book`` keeps only each chapter's outline
  ///     (``Book/outlineOnly``) and each chapter's whole model is let go as soon as the
  ///     chapter is rendered (when the caller holds no other copy of it).
  ///   - waiting: when given, each chapter waits for its turn written out as bytes by
  ///     `waiting` (``ChapterWaiting``) and is read back by the task that renders it, and large
  ///     chapters are rendered a few at a time (``renderGateLimit``): only the chapters being
  ///     rendered are whole models then (with `releasesChapters`, when the caller holds no
  ///     other copy of the book). For a book whose model is large; the bytes are the same.
  ///   - imageDigest: where the SHA-1 of an image's bytes may be found without reading and
  ///     hashing them (``CheckCache/imageDigest(of:root:)``), for the render cache's keys.
  init(
    book: consuming Book, root: URL, formats: Set<OutputFormat>, cache: RenderCache? = nil,
    settings: String = "", parallel: Bool = true, keepsTrees: Bool = false,
    summarized: Set<String> = [], memory: DocumentMemo? = nil, deflateLevel: Int32? = nil,
    spillsPrint: Bool = false, spillsXHTML: Bool = false, leavesCachedBytes: Bool = false,
    releasesChapters: Bool = false, waiting: ChapterWaiting? = nil,
    imageDigest: (@Sendable (ImageResource) -> [UInt8]?)? = nil
  ) throws {
    XMLSerializer.prepareForConcurrentUse()
    // Parked chapters (``Chapter/park()``) wait as they are: a chapter is read back only to
    // be rendered or keyed (``renderChapter``), and the book kept holds their outlines.
    let kept =
      releasesChapters || book.chapters.contains(where: \.isParked) ? book.outlineOnly : copy book
    self.book = kept
    let renderer = XHTMLRenderer(book: copy book, keeping: kept)
    self.renderer = renderer
    let print = formats.contains(.print)
    let images: ImageURIs = print ? try ImageURIs(images: book.images, root: root) : [:]
    let output = Output(
      epub: formats.contains(.epub), print: print, images: images, keepsTrees: keepsTrees)
    let printSpill = print && spillsPrint ? SpillFile() : nil
    self.printSpill = printSpill
    let xhtmlSpill =
      formats.contains(.epub) && deflateLevel != nil && spillsXHTML ? SpillFile() : nil
    /// What becomes of a document rendered here once its bytes are written (and cached).
    @Sendable func finish(_ document: inout Document) throws {
      if let deflateLevel { document.deflateXHTML(level: deflateLevel) }
      try spill(&document)
    }
    // Parts, chapters and the Notes document hand their bytes on as they are written, when
    // nothing needs them whole (the preview's memory holds a chapter's; a chapter's cache
    // entry is written as they come, `RenderCache.EntryWriter`).
    let sinks = Sinks(deflateLevel: deflateLevel, printSpill: printSpill)
    /// Moves the document's print section to ``printSpill``, and its deflated XHTML to a
    /// temporary file, when there are ones.
    @Sendable func spill(_ document: inout Document) throws {
      if let printSpill, !document.printSection.isEmpty {
        document.spilledPrintSection = [try printSpill.append(document.printSection)]
        document.printSection = []
      }
      if let xhtmlSpill { try document.deflatedXHTML?.spill(to: xhtmlSpill) }
    }

    if let path = kept.metadata.cover, let image = kept.images.first(where: { $0.path == path }) {
      let page = renderer.renderCoverPage(image: image)
      cover = (
        try Self.write(
          page, id: "cover", manifestID: "cover", fileName: "cover.xhtml", matter: .front,
          firstBody: false, output: output.withoutPrint), image
      )
    } else {
      cover = nil
    }
    titlePage = try Self.write(
      renderer.renderTitlePage(), id: "titlepage", manifestID: "titlepage",
      fileName: "titlepage.xhtml", matter: .front, firstBody: false,
      output: output)
    frontPages = try renderer.renderFrontPages().map { id, page in
      try Self.write(
        page, id: id, manifestID: id, fileName: XHTMLRenderer.fileName(forDocument: id),
        matter: .front, firstBody: false, output: output)
    }

    // Reading order, and which document opens the body matter (the print edition marks it).
    var jobs: [Job] = []
    for entry in book.contents {
      switch entry {
      case .chapter(let chapter):
        jobs.append(Job(item: .chapter(chapter), matter: chapter.type.matter))
      case .part(let part):
        jobs.append(Job(item: .part(part), matter: .body))
        for chapter in part.chapters {
          jobs.append(Job(item: .chapter(chapter), matter: chapter.type.matter))
        }
      }
    }
    if let first = jobs.firstIndex(where: { $0.matter == .body }) { jobs[first].firstBody = true }
    let gate = MemoryGate(limit: Self.renderGateLimit)
    let keyed = cache != nil || memory != nil
    let imageDigests =
      keyed && print
      ? kept.images.map { imageDigest?($0) ?? ImageURIs.digest(of: $0, root: root) ?? [] } : nil
    let context =
      keyed
      ? RenderCache.BookContext(
        book: copy book, imageDigests: imageDigests, formats: formats,
        pagePlan: renderer.pagePlan, settings: settings) : nil

    @Sendable func render(_ job: Job) -> Result<(Document, Bool), Error> {
      Result {
        switch job.item {
        case .part(let part):
          var document = try Self.write(
            renderer.render(part), id: part.id, manifestID: "doc-" + part.id,
            fileName: XHTMLRenderer.fileName(forDocument: part.id), matter: .body,
            firstBody: job.firstBody, output: output, sinks: sinks)
          try finish(&document)
          return (document, false)
        case .chapter(let chapter):
          // A parked chapter (thousands of notes: a rebuild's edited one) renders where it
          // was parsed and resolved, on the first arena, in the pages they freed.
          return try FreeMemory.onFirstArena(when: chapter.isParked) {
            try renderChapter(chapter, job)
          }
        case .waiting(let path, let bytes):
          return try gate.run(weight: bytes.count) {
            // A large chapter renders alone: its print section is written on two threads.
            let alone = job.rendersAlone
            return try FreeMemory.onFirstArena(when: alone) {
              try renderChapter(try waiting!.readBack(path, bytes), job, alone: alone)
            }
          }
        }
      }
    }
    /// Renders a chapter, or finds it in the cache or the preview's memory.
    @Sendable func renderChapter(_ chapter: Chapter, _ job: Job, alone: Bool = false) throws
      -> (Document, Bool)
    {
      // A parked chapter is read back for its key unless it has its key walk and notes'
      // heads (a chapter taken from its record), and to be rendered when the cache does
      // not have it.
      var chapter = chapter
      if chapter.keyWalk == nil || chapter.noteHeads == nil { chapter.unpark() }
      let key = context.map { $0.key(for: chapter, firstBody: job.firstBody) }
      let manifestID = "doc-" + chapter.id
      let fileName = XHTMLRenderer.fileName(forDocument: chapter.id)
      if let memory, let key, let document = memory.document(for: key) {
        return (document, true)
      }
      if leavesCachedBytes, let cache, let key, let stored = cache.storedEntry(for: key) {
        var document = Document(
          id: chapter.id, manifestID: manifestID, fileName: fileName, matter: job.matter,
          xhtml: [], printSection: [], diagnostics: stored.diagnostics, cacheKey: key)
        document.storedEntry = stored
        return (document, true)
      }
      if let cache, let key, let entry = cache.entry(for: key) {
        var document = Document(
          id: chapter.id, manifestID: manifestID, fileName: fileName, matter: job.matter,
          xhtml: entry.xhtml, printSection: entry.printSection,
          diagnostics: entry.diagnostics, cacheKey: key)
        // The print section waits in the temporary file as a rendered one does; the XHTML
        // is kept as it is (its entry may be copied from the last EPUB, not deflated).
        try spill(&document)
        return (document, true)
      }
      if summarized.contains(chapter.path) {
        throw MissingRendering(paths: [chapter.path])
      }
      // A chapter's cache entry is written as its bytes are made, when its file can be
      // made; the preview's memory keeps the bytes whole.
      let entry =
        memory == nil
        ? cache.flatMap { cache in
          key.flatMap { RenderCache.EntryWriter(cache: cache, key: $0) }
        } : nil
      chapter.unpark()
      var document = try Self.write(
        renderer.render(chapter), id: chapter.id, manifestID: manifestID,
        fileName: fileName, matter: job.matter, firstBody: job.firstBody,
        footnoteCalls: true, splitsPrint: alone && parallel, output: output,
        sinks: cache == nil && memory == nil || entry != nil ? sinks : nil, entry: entry)
      if cache != nil { document.cacheKey = key }
      FreeMemory.release(afterWriting: document.writtenBytes)
      if let memory, let key { memory.keep(document, for: key) }
      if let entry {
        entry.finish(diagnostics: document.diagnostics)
      } else if let cache, let key {
        cache.store(
          RenderCache.Entry(
            xhtml: document.xhtml, printSection: document.printSection,
            diagnostics: document.diagnostics), for: key)
      }
      try finish(&document)
      return (document, false)
    }
    // Each task takes its job out of its slot and leaves its result there: once `book` is
    // let go, a chapter's whole model lives only as long as its rendering.
    // A rebuild renders a chapter or two and leaves a core idle: the contents (a walk of
    // every chapter's blocks for its headings) are made meanwhile, not after.
    let contentsAhead =
      parallel && !summarized.isEmpty
      ? Background { [kept] in TableOfContents(book: kept) } : nil
    var slots = jobs.map(Slot.job)
    jobs = []
    _ = consume book
    if let waiting {
      // Each chapter's model is let go as soon as it is written out (its slot held the last
      // copy), and the pages of them all go back before the first chapter is rendered.
      Parallel.update(&slots, parallel: parallel) { _, slot in
        guard case .job(var job) = slot, case .chapter(let chapter) = job.item,
          let bytes = waiting.writeOut(chapter)
        else { return }
        job.item = .waiting(path: chapter.path, bytes: bytes)
        slot = .job(job)
      }
      FreeMemory.purge()
    }
    // A large chapter waiting as bytes renders alone, after the others and on this thread,
    // so that a core is free for the later half of its print section (a worker waiting at
    // the gate would hold it).
    Parallel.update(&slots, parallel: parallel) { _, slot in
      guard case .job(let job) = slot, !job.rendersAlone else { return }
      slot = .done(render(job))
    }
    for index in slots.indices {
      guard case .job(let job) = slots[index] else { continue }
      slots[index] = .done(render(job))
    }
    let results = slots.map { slot -> Result<(Document, Bool), Error> in
      if case .done(let result) = slot {
        result
      } else {
        .failure(OctavoError(.xml, detail: "a document was not rendered"))
      }
    }
    // Every summarized chapter missing from the cache is named, so one more load does.
    let missing = results.reduce(into: Set<String>()) { paths, result in
      if case .failure(let error as MissingRendering) = result { paths.formUnion(error.paths) }
    }
    if !missing.isEmpty { throw MissingRendering(paths: missing) }
    var documents: [Document] = []
    var hits = 0
    for result in results {
      let (document, hit) = try result.get()
      documents.append(document)
      if hit { hits += 1 }
    }
    // The Notes document gathers every chapter's notes: written each time, never cached.
    if let notes = renderer.renderNotesDocument() {
      let id = XHTMLRenderer.notesDocumentID
      var document = try Self.write(
        notes, id: id, manifestID: "doc-" + id,
        fileName: XHTMLRenderer.fileName(forDocument: id), matter: .back,
        firstBody: false, output: output, sinks: sinks)
      try finish(&document)
      documents.append(document)
      hasNotes = true
    } else {
      hasNotes = false
    }
    if let contentsAhead {
      contentsOnce.set(
        contentsAhead.value.addingNotes(title: hasNotes ? renderer.words.notes : nil))
    }
    self.documents = documents
    cacheHits = hits
    diagnostics = documents.flatMap(\.diagnostics).sorted()
  }

  /// The same documents written out for `formats`, from the trees kept with `keepsTrees`:
  /// the live preview renders once and writes the EPUB or the print edition only when it is
  /// asked for. A document without a tree (read from the cache) is kept as it is.
  ///
  /// - Throws: ``OctavoError`` when an image cannot be read or libxml2 fails.
  func writingOut(_ formats: Set<OutputFormat>, root: URL) throws -> SerializedBook {
    let print = formats.contains(.print)
    let output = Output(
      epub: formats.contains(.epub), print: print,
      images: print ? try ImageURIs(images: book.images, root: root) : [:], keepsTrees: false)
    func rewrite(_ document: Document, output: Output) throws -> Document {
      guard let tree = document.tree else { return document }
      return try Self.write(
        tree, id: document.id, manifestID: document.manifestID, fileName: document.fileName,
        matter: document.matter, firstBody: document.firstBody,
        footnoteCalls: document.footnoteCalls, output: output)
    }
    return SerializedBook(
      copying: self,
      cover: try cover.map { (try rewrite($0.document, output: output.withoutPrint), $0.image) },
      titlePage: try rewrite(titlePage, output: output),
      frontPages: try frontPages.map { try rewrite($0, output: output) },
      documents: try documents.map { try rewrite($0, output: output) })
  }

  /// Drops every document's EPUB bytes (the EPUB is written): the print edition, written
  /// next, needs only the sections.
  mutating func releaseXHTML() {
    for index in documents.indices { documents[index].releaseXHTML() }
  }

  /// A document's print section as a piece of the print edition's file: its bytes, or where
  /// they are in ``printSpill`` or in the render cache's file (``Document/storedEntry``).
  func printPiece(_ document: Document) -> AtomicFile.Piece {
    if let stored = document.storedEntry, document.printSection.isEmpty {
      return .spilled(stored.file, [stored.printSection])
    }
    if !document.spilledPrintSection.isEmpty, let printSpill {
      return .spilled(printSpill, document.spilledPrintSection)
    }
    return .bytes(document.printSection)
  }

  /// Whether a content document holds MathML (`<math` as markup: in text it is `&lt;math`).
  static func holdsMath(_ xhtml: [UInt8]) -> Bool {
    xhtml.withUnsafeBufferPointer { holdsMath($0) }
  }

  /// Whether the bytes hold `<math` followed by a space or `>`.
  static func holdsMath(_ xhtml: UnsafeBufferPointer<UInt8>) -> Bool {
    // `memchr` finds each "<"; "math" and a space or ">" must follow it.
    guard let base = xhtml.baseAddress else { return false }
    let count = xhtml.count
    var offset = 0
    while count - offset >= 6 {
      guard let found = memchr(base + offset, 60, count - offset - 5) else { return false }
      let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
      if base[at + 1] == 109, base[at + 2] == 97, base[at + 3] == 116, base[at + 4] == 104,
        base[at + 5] == 32 || base[at + 5] == 62
      {
        return true
      }
      offset = at + 1
    }
    return false
  }

  private init(
    copying other: SerializedBook, cover: (document: Document, image: ImageResource)?,
    titlePage: Document, frontPages: [Document], documents: [Document]
  ) {
    book = other.book
    renderer = other.renderer
    self.cover = cover
    self.titlePage = titlePage
    self.frontPages = frontPages
    self.documents = documents
    hasNotes = other.hasNotes
    printSpill = other.printSpill
    diagnostics = other.diagnostics
    cacheHits = other.cacheHits
  }

  private enum Item: Sendable {
    case chapter(Chapter)
    /// A chapter waiting as bytes (``ChapterWaiting``).
    case waiting(path: String, bytes: [UInt8])
    case part(Part)
  }

  /// How many bytes of chapters kept as bytes (``ChapterWaiting``) are rendered at once,
  /// whatever the number of cores: a chapter's model and trees take about 19 times its bytes
  /// (a chapter of 10,000 notes: 1.5 MB as bytes, 5.6 MB as a model, 22 MB of trees), so
  /// such a chapter is rendered alone (two at once took the notes book from 75 to 104 MiB),
  /// and on the allocator's first arena (``FreeMemory/onFirstArena(when:_:)``), as is any
  /// chapter of more than half this; small chapters render together up to this.
  static let renderGateLimit = 1 << 20

  /// What each document is written out as.
  struct Output: Sendable {
    /// Whether the EPUB's XHTML file is written.
    var epub: Bool
    /// Whether the print edition's section is written.
    var print: Bool
    /// Each image as a `data:` URI, for the print edition.
    var images: ImageURIs
    /// Whether the rendered tree is kept.
    var keepsTrees: Bool

    /// The same, without the print edition's section (the cover page has none).
    var withoutPrint: Output {
      var output = self
      output.print = false
      return output
    }
  }

  private struct Job: Sendable {
    var item: Item
    var matter: Matter
    var firstBody = false

    /// Whether the job is a chapter waiting as more than half ``renderGateLimit`` of bytes,
    /// which is rendered alone.
    var rendersAlone: Bool {
      if case .waiting(_, let bytes) = item {
        bytes.count > SerializedBook.renderGateLimit / 2
      } else {
        false
      }
    }
  }

  /// A job to do, or what doing it gave.
  private enum Slot: Sendable {
    case job(Job)
    case done(Result<(Document, Bool), Error>)
  }

  /// Summarized chapters whose rendering is not in the cache: they must be parsed whole.
  struct MissingRendering: Error {
    var paths: Set<String>
  }

  /// Writes one rendered document out for the outputs being made.
  ///
  /// For the print edition, the first body-matter document is marked (`first-bodymatter`)
  /// and, with `footnoteCalls` (chapters), each note's text is copied to its call
  /// (``PrintSection/FootnoteCalls``, while the section is adapted for print). With `sinks`,
  /// the XHTML is deflated and the print section spilled as they are written (the document
  /// then holds neither's bytes whole). With `splitsPrint` (a large chapter rendered alone),
  /// the later half of the print section is adapted and written on another thread meanwhile
  /// (``PrintSection/writeForPrint(_:images:printsAddresses:footnoteCalls:nodesPerPiece:splitting:into:)``).
  static func write(
    _ rendered: XHTMLRenderer.Document, id: String, manifestID: String, fileName: String,
    matter: Matter,
    firstBody: Bool, footnoteCalls: Bool = false, splitsPrint: Bool = false, output: Output,
    sinks: Sinks? = nil, entry: RenderCache.EntryWriter? = nil
  ) throws -> Document {
    var xhtml: [UInt8] = []
    var deflated: (deflated: Deflate.Output, holdsMath: Bool)?
    entry?.beginXHTML()
    if output.epub {
      if let level = sinks?.deflateLevel {
        deflated = try deflatedDocument(rendered.root, level: level, entry: entry)
        // zlib failed: the document is written again whole below, and the cache entry,
        // which had its pieces, is not kept.
        if deflated == nil { entry?.abandon() }
      }
      // Given to libxml2 a few thousand nodes at a time, as the print section is.
      if deflated == nil {
        xhtml = try XMLSerializer.document(rendered.root, doctype: "html", nodesPerPiece: 4096)
        entry?.add(xhtml[...])
      }
    }
    var printSection: [UInt8] = []
    var spilled: [SpillFile.Extent] = []
    entry?.beginPrintSection()
    if output.print {
      var section = rendered.section
      if firstBody {
        section[attribute: "class"] =
          (section[attribute: "class"].map { $0 + " " } ?? "") + "first-bodymatter"
      }
      let calls = footnoteCalls ? PrintSection.FootnoteCalls(section: section) : nil
      if let spill = sinks?.printSpill {
        spilled = try spilledSection(
          section, images: output.images, footnoteCalls: calls, splitting: splitsPrint,
          into: spill, entry: entry)
      } else {
        // Adapted and written a piece at a time, as when spilled: a chapter of 10,000 notes
        // never holds its whole adapted copy (about 25 MB), only the section's bytes, which
        // its cache entry keeps.
        try PrintSection.writeForPrint(
          section, images: output.images, footnoteCalls: calls, splitting: splitsPrint
        ) {
          printSection += $0
        }
        entry?.add(printSection[...])
      }
    }
    var document = Document(
      id: id, manifestID: manifestID, fileName: fileName, matter: matter, xhtml: xhtml,
      printSection: printSection, diagnostics: rendered.diagnostics,
      tree: output.keepsTrees ? rendered : nil, firstBody: firstBody, footnoteCalls: footnoteCalls)
    if let deflated {
      document.deflatedXHTML = deflated.deflated
      document.holdsMath = deflated.holdsMath
    }
    document.spilledPrintSection = spilled
    return document
  }

}
