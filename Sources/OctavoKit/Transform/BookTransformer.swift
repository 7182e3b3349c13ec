import Foundation

/// Runs the transforms that need the whole book: heading ids unique across the book,
/// cross-chapter links resolved, footnotes numbered, images found and typed, words counted.
struct BookTransformer {
  var book: Book
  let files: ManuscriptFile
  var diagnostics: [Diagnostic] = []

  var usedIDs: UniqueNames
  var imageIndex: [String: Int] = [:]
  /// The file names the book's images have.
  var imageNames = UniqueNames()
  /// What reading each image file found, shared by the copies that resolve chapters.
  let imageFiles = ImageFileMemo()

  /// The transformer of `book`, whose chapters at the paths of `replays` are their records'
  /// chapters, loaded without their summaries' skeletons (``replays``).
  init(book: Book, files: ManuscriptFile, replays: [String: ResolveRecord] = [:]) {
    self.book = book
    self.files = files
    self.replays = replays
    usedIDs = Self.newIDSet()
    usedIDs.formUnion(book.chapters.map(\.id))
    usedIDs.formUnion(book.parts.map(\.id))
    // Ids the author chose come first, wherever they stand: a heading's own slug in an
    // earlier chapter is numbered rather than taking an explicit id of a later one.
    for chapter in book.chapters {
      if let passes = replays[chapter.path]?.passes {
        for explicit in passes.explicitIDs { claim(explicit.id, at: explicit.location) }
        continue
      }
      for (id, location) in chapter.explicitHeadingIDs { claim(id, at: location) }
    }
    usedIDs.formUnion(explicitOwners.keys)
  }

  /// Makes the heading at `location` the owner of its explicit id `id` unless an earlier one
  /// is, or the id is a chapter's or part's, or has a generated form.
  private mutating func claim(_ id: String, at location: SourceLocation) {
    guard explicitOwners[id] == nil, !usedIDs.contains(id), !Self.isGeneratedID(id) else {
      return
    }
    explicitOwners[id] = location
  }

  /// Every label of the book, filled by ``numberLabels()`` before links are resolved.
  var crossReferences = CrossReferenceIndex()

  /// Where each explicit id (`{#id}`) is first written; a second use is an error.
  var explicitOwners: [String: SourceLocation] = [:]
  /// ``Chapter/idsInNotes`` of each chapter that has notes, by path, with `notes: book-end`
  /// (empty otherwise): links to these ids lead to the Notes document.
  var idsInNotesByPath: [String: Set<String>] = [:]

  /// Runs every transform and returns the book.
  mutating func run() -> Book {
    // Ids first: links in any chapter may point at headings of any other.
    // The ids written in raw HTML are found in every chapter concurrently first (a walk of
    // all its blocks and inlines); the ids are then given in reading order.
    // A chapter loaded from its record has its ids pass replayed (``replayIDs(_:)``).
    let replays = replays
    let rawHTMLNames = Parallel.map(book.chapters, parallel: parallel) {
      replays[$0.path] != nil ? [] : $0.rawHTMLNames
    }
    var next = 0
    updateChapters { transformer, chapter in
      if transformer.replays[chapter.path] != nil {
        transformer.replayIDs(&chapter)
      } else {
        chapter.whileUnparked {
          transformer.assignRecordingIDs(&$0, rawHTMLNames: rawHTMLNames[next])
        }
      }
      next += 1
    }
    // Numbers next: a reference in any chapter may name an element of any other.
    numberLabels()
    if book.metadata.notes == .bookEnd {
      for chapter in book.chapters {
        if replayed.contains(chapter.path) {
          // The record's chapter has its notes as resolving left them.
          if let ids = replays[chapter.path]?.passes?.idsInNotes {
            idsInNotesByPath[chapter.path] = Set(ids)
          }
        } else if !chapter.footnotes.isEmpty {
          idsInNotesByPath[chapter.path] = chapter.idsInNotes
        }
      }
    }
    // Links need only the other chapters' paths, ids and anchors, and the ids in notes
    // moved to the book's end, not their text.
    let chapterPaths = Dictionary(
      book.chapters.map { chapter -> (String, Chapter) in
        var outline = chapter
        outline.parked = nil
        outline.blocks = []
        outline.footnotes = []
        return (chapter.path, outline)
      }, uniquingKeysWith: { a, _ in a })
    resolveChapters(chapters: chapterPaths)
    resolveCover()
    checkCodeLanguages()
    // Handed over, not shared: the passes after this one (formulas, typography) then change
    // the chapters' arrays in place instead of copying them while the transformer lives.
    let result = book
    book = Book(metadata: book.metadata, contents: [])
    return result
  }

  /// Whether chapters are resolved concurrently (the book is the same either way).
  var parallel = true

  /// Where the records of resolving chapters taken from their summaries are found and kept
  /// (``ResolveRecord``); nil: every chapter is resolved.
  var resolveRecords: (any ResolveRecordStore)?
  /// What a chapter gives its render-cache key (``ChapterKeyWalk``), worked out when its
  /// record is made; set with ``resolveRecords``.
  var keyWalk: (@Sendable (Chapter) -> ChapterKeyWalk)?
  /// The chapters (by path) taken from their summaries: the only ones whose resolving is
  /// recorded, and taken from a record.
  var summarizedPaths: Set<String> = []
  /// The records of the chapters loaded from them without their summaries' skeletons, by
  /// path (each chapter is its record's chapter, with the id the book gives it): their ids
  /// pass is replayed from ``ResolveRecord/passes`` (``replayIDs(_:)``). A chapter whose
  /// replay or record does not hold is given its skeleton, decoded then (``summarySkeleton``).
  var replays: [String: ResolveRecord] = [:]
  /// The chapters among ``replays`` whose ids pass gave what their record holds.
  var replayed: Set<String> = []
  /// The skeleton of the chapter at a path whose text has a SHA-1, from its summary, when it
  /// decodes.
  var summarySkeleton: (@Sendable (String, [UInt8]) -> Chapter?)?
  /// The chapters whose summaries were needed and did not decode: the book made is not to be
  /// used, and the build loads them again parsed.
  var undecoded: Set<String> = []
  /// What the ids pass did with each chapter whose passes a record is to keep, by path.
  var passLogs: [String: ResolveRecord.Passes] = [:]
  /// The names handed to the used-id set and what it gave back, while a chapter's ids pass is
  /// recorded.
  var idLog: (bases: [String], ids: [String])?
  /// The ids to hand out instead of the used-id set's, in order, for the names expected, while
  /// a chapter's skeleton is given the ids its replay found; ``scriptFailed`` when a name
  /// asked for is not the one expected.
  var scriptedIDs: (bases: [String], ids: [String], next: Int)?
  var scriptFailed = false
  /// The code blocks' languages of the chapters taken from their records, by path
  /// (``ResolveRecord/Passes/codeLanguages``), for ``checkCodeLanguages()``.
  var knownCodeLanguages: [String: [(name: String, location: SourceLocation)]] = [:]

  /// How many chapters the last ``run()`` took from their records instead of resolving them.
  private(set) var reusedResolves = 0
  /// The chapters (by path) whose typographic punctuation the last ``run()`` set already
  /// (``Typography``): those taken from their records, and those whose record it made, so
  /// a record holds the chapter as the book's passes leave it (but for its formulas' MathML,
  /// which no record keeps and the math pass sets after).
  private(set) var typographySet: Set<String> = []
  /// The file-system answers resolving a chapter used, while they are recorded; an answer
  /// that cannot be recorded makes it nil (``ResolveRecord/FileAnswer/now(_:isImage:in:)``).
  var fileAnswers: [ResolveRecord.FileAnswer]?
  /// Whether ``fileAnswers`` are being recorded.
  var recordsAnswers = false

  /// Records the file system's answer for `path` while resolving a chapter whose record is
  /// being made.
  mutating func recordAnswer(_ path: String, isImage: Bool) {
    guard recordsAnswers, fileAnswers != nil else { return }
    record(ResolveRecord.FileAnswer.now(path, isImage: isImage, in: files))
  }

  /// Records `answer` (nil: an answer that cannot be recorded, so no record is made) while
  /// resolving a chapter whose record is being made.
  mutating func record(_ answer: ResolveRecord.FileAnswer?) {
    guard recordsAnswers, fileAnswers != nil else { return }
    guard let answer else {
      fileAnswers = nil
      return
    }
    fileAnswers?.append(answer)
  }

  /// What resolving one chapter on its own found: its problems, and the images it uses in
  /// order of first use (indices in the chapter are into this list until renumbered).
  private struct Findings: Sendable {
    var diagnostics: [Diagnostic]
    var images: [ImageResource]
    /// For a chapter taken from its record: the book's numbers its images had when the
    /// record was made (``ResolveRecord/imageNumbers``), which its model uses.
    var heldNumbers: [Int]?
    /// For a chapter whose record is to be made once its images are numbered: the record
    /// so far, and the input it is made for.
    var pending: (record: ResolveRecord, input: [UInt8])?
    /// For a chapter taken from its record: its code blocks' languages, when recorded.
    var codeLanguages: [(name: String, location: SourceLocation)]?
  }

  /// Resolves links, images and notes of every chapter, concurrently: each chapter is
  /// resolved by a copy of the transformer that starts with no images, then the images are
  /// merged in reading order (so the book's images are in order of first use, as when
  /// chapters are resolved one after another) and each chapter's image indices renumbered.
  mutating func resolveChapters(chapters: [String: Chapter]) {
    // A chapter taken from its summary is taken from last build's record of resolving it
    // when nothing the pass reads has changed (``ResolveRecord``).
    let records = summarizedPaths.isEmpty ? nil : resolveRecords
    let context = records.map { _ in resolveContext(chapters: chapters) }
    // Take the chapters out of the contents, so each exists once while it is replaced.
    var flat: [Chapter] = []
    for index in book.contents.indices {
      switch book.contents[index] {
      case .chapter(let chapter):
        flat.append(chapter)
        book.contents[index] = .chapter(Chapter(id: "", path: "", title: ""))
      case .part(var part):
        flat += part.chapters
        part.chapters = part.chapters.map { _ in Chapter(id: "", path: "", title: "") }
        book.contents[index] = .part(part)
      }
    }
    var template = self
    template.diagnostics = []
    template.book.images = []
    template.imageIndex = [:]
    template.imageNames = UniqueNames()
    let worker = template
    let typography =
      book.metadata.typography ? Typography(language: book.metadata.language) : nil
    let findings = ResultSlots<Findings>(count: flat.count)
    let reused = ResultSlots<Bool>(count: flat.count)
    let typographyDone = ResultSlots<Bool>(count: flat.count)
    let undecodedSlots = ResultSlots<Bool>(count: flat.count)
    Parallel.update(&flat, parallel: parallel) { index, chapter in
      // A parked chapter is worked on in the allocator's first arena, as it was parsed
      // (``FreeMemory/onFirstArena(when:_:)``).
      FreeMemory.onFirstArena(when: chapter.isParked) {
        var local = worker
        var input: [UInt8]?
        // A parked chapter is read back below and parked again once resolved (with its
        // notes' heads when it has its key walk, for the render cache's key); its
        // typography is set and its code languages listed meanwhile, so no later pass
        // reads it back for them. One taken whole from its record stays parked.
        let parks = chapter.isParked
        undecodedSlots.store(false, at: index)
        // A chapter loaded from its record, its ids as the record holds (``replayIDs(_:)``):
        // taken when what resolving reads from the rest of the book is as it was, else
        // resolved from its skeleton given those ids.
        if let records, let context, worker.replayed.contains(chapter.path),
          let record = worker.replays[chapter.path], let passes = record.passes
        {
          let holds =
            record.context == context && record.chapter.id == chapter.id
            && record.holds(in: worker.files, memo: worker.imageFiles)
          let skeleton = holds ? nil : worker.skeletonWithIDs(of: chapter, passes: passes)
          if holds || skeleton == nil {
            // (A skeleton that does not decode: the book is made again with it parsed.)
            if !holds { undecodedSlots.store(true, at: index) }
            chapter.keyWalk = record.walk
            findings.store(
              Findings(
                diagnostics: record.diagnostics, images: record.images,
                heldNumbers: record.imageNumbers, codeLanguages: passes.codeLanguages),
              at: index)
            reused.store(true, at: index)
            typographyDone.store(true, at: index)
            return
          }
          if let skeleton { chapter = skeleton }
        }
        chapter.unpark()
        if let records, let context, worker.summarizedPaths.contains(chapter.path) {
          let key = Self.resolveInput(of: chapter, context: context)
          if let record = records.resolved(path: chapter.path, input: key),
            record.chapter.id == chapter.id, record.holds(in: worker.files, memo: worker.imageFiles)
          {
            chapter = record.chapter
            chapter.keyWalk = record.walk
            if parks { chapter.park(keepingNoteHeads: true) }
            findings.store(
              Findings(
                diagnostics: record.diagnostics, images: record.images,
                heldNumbers: record.imageNumbers, codeLanguages: record.passes?.codeLanguages),
              at: index)
            reused.store(true, at: index)
            typographyDone.store(true, at: index)
            return
          }
          input = key
          local.recordsAnswers = true
          local.fileAnswers = []
        }
        chapter = local.resolve(chapter, chapters: chapters)
        reused.store(false, at: index)
        typographyDone.store(input != nil || parks, at: index)
        // Typography here rather than after the images are numbered and the formulas set:
        // it reads neither, and neither reads the text it sets.
        if input != nil || parks, let typography { typography.apply(to: &chapter) }
        var found = Findings(diagnostics: local.diagnostics, images: local.book.images)
        if parks { found.codeLanguages = Self.codeLanguages(of: chapter) }
        if records != nil, let input, let answers = local.fileAnswers {
          chapter.keyWalk = worker.keyWalk?(chapter)
          // Kept once the images are numbered (the record holds the chapter numbered so).
          var passes = worker.passLogs[chapter.path]
          passes?.codeLanguages = Self.codeLanguages(of: chapter)
          found.pending = (
            ResolveRecord(
              answers: answers, diagnostics: local.diagnostics, images: local.book.images,
              chapter: Chapter(id: "", path: "", title: ""), walk: chapter.keyWalk,
              context: context ?? [], passes: passes),
            input
          )
        }
        if parks { chapter.park(keepingNoteHeads: chapter.keyWalk != nil) }
        findings.store(found, at: index)
      }
    }
    reusedResolves = flat.indices.filter { reused[$0] }.count
    undecoded.formUnion(flat.indices.filter { undecodedSlots[$0] }.map { flat[$0].path })
    knownCodeLanguages = [:]
    for index in flat.indices {
      if let languages = findings[index].codeLanguages {
        knownCodeLanguages[flat[index].path] = languages
      }
    }
    typographySet = Set(flat.indices.filter { typographyDone[$0] }.map { flat[$0].path })
    // The book's image numbers are given in reading order; the chapters are renumbered
    // after, concurrently (each chapter's walk depends only on its own map).
    // A chapter taken from its record has the numbers its images had then: renumbered only
    // when they moved.
    var numbers: [[Int]] = []
    var maps: [[Int]?] = []
    numbers.reserveCapacity(flat.count)
    maps.reserveCapacity(flat.count)
    for index in flat.indices {
      let found = findings[index]
      diagnostics += found.diagnostics
      let map = found.images.map {
        imageIndex[$0.path]
          ?? addImage(
            $0.path, mediaType: $0.mediaType, missingSource: $0.missingSource,
            replacement: $0.replacement)
      }
      numbers.append(map)
      maps.append(Self.renumbering(from: found.heldNumbers ?? Array(map.indices), to: map))
    }
    let renumbering = maps
    let given = numbers
    let pendingAny = records != nil && flat.indices.contains { findings[$0].pending != nil }
    Parallel.update(
      &flat, parallel: parallel && (pendingAny || maps.contains { $0 != nil })
    ) { index, chapter in
      let map = given[index]
      if map != Array(map.indices) { chapter.keyWalk = chapter.keyWalk?.renumbered(map) }
      if let renumber = renumbering[index] {
        chapter.whileUnparked { chapter in
          chapter.blocks = Self.renumberImages(chapter.blocks, renumber)
          for note in chapter.footnotes.indices {
            chapter.footnotes[note].blocks = Self.renumberImages(
              chapter.footnotes[note].blocks, renumber)
          }
        }
      }
      if let records, var (record, input) = findings[index].pending {
        record.chapter = chapter
        record.chapter.keyWalk = nil
        record.imageNumbers = map
        records.keep(record, input: input)
      }
    }
    book.replaceChapters(flat)
  }

  /// The map that takes a chapter's image numbers `held[i]` to `numbers[i]` (each chapter
  /// image `i`), or nil when they are the same.
  static func renumbering(from held: [Int], to numbers: [Int]) -> [Int]? {
    guard held != numbers else { return nil }
    var map = Array(0...(held.max() ?? 0))
    for (index, number) in held.enumerated() where index < numbers.count {
      map[number] = numbers[index]
    }
    return map
  }

  /// `blocks` with each image index `i` replaced by `map[i]`; blocks without images are
  /// kept as they are.
  static func renumberImages(_ blocks: [Block], _ map: [Int]) -> [Block] {
    blocks.map { block in
      var hasImage = false
      Block.walkInlines([block]) { if case .image = $0.kind { hasImage = true } }
      guard hasImage else { return block }
      var block = block
      switch block.kind {
      case .paragraph(let inlines): block.kind = .paragraph(renumberImages(inlines, map))
      case .heading(var heading):
        heading.content = renumberImages(heading.content, map)
        block.kind = .heading(heading)
      case .table(var table):
        table.header = table.header.map { renumberImages($0, map) }
        table.rows = table.rows.map { row in row.map { renumberImages($0, map) } }
        block.kind = .table(table)
      case .figure(let image): block.kind = .figure(renumbered(image, map))
      default: block = block.mapChildBlocks { renumberImages($0, map) }
      }
      return block
    }
  }

  static func renumberImages(_ inlines: [Inline], _ map: [Int]) -> [Inline] {
    inlines.map { inline in
      var inline = inline
      switch inline.kind {
      case .emphasis(let children): inline.kind = .emphasis(renumberImages(children, map))
      case .strong(let children): inline.kind = .strong(renumberImages(children, map))
      case .strikethrough(let children): inline.kind = .strikethrough(renumberImages(children, map))
      case .link(var link):
        link.content = renumberImages(link.content, map)
        inline.kind = .link(link)
      case .image(let image): inline.kind = .image(renumbered(image, map))
      default: break
      }
      return inline
    }
  }

  static func renumbered(_ image: Image, _ map: [Int]) -> Image {
    var image = image
    if case .resource(let index) = image.target, index < map.count {
      image.target = .resource(map[index])
    }
    image.alt = renumberImages(image.alt, map)
    return image
  }

  /// Replaces each chapter in place, in reading order, so only one chapter exists twice at a
  /// time (no second copy of the whole book).
  mutating func updateChapters(_ update: (inout BookTransformer, inout Chapter) -> Void) {
    for index in book.contents.indices {
      switch book.contents[index] {
      case .chapter(var chapter):
        book.contents[index] = .chapter(Chapter(id: "", path: "", title: ""))
        update(&self, &chapter)
        book.contents[index] = .chapter(chapter)
      case .part(var part):
        book.contents[index] = .part(Part(id: part.id, title: part.title, chapters: []))
        for chapterIndex in part.chapters.indices {
          var chapter = part.chapters[chapterIndex]
          part.chapters[chapterIndex] = Chapter(id: "", path: "", title: "")
          update(&self, &chapter)
          part.chapters[chapterIndex] = chapter
        }
        book.contents[index] = .part(part)
      }
    }
  }

}
