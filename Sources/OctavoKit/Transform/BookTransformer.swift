import Foundation

/// Runs the transforms that need the whole book: heading ids unique across the book,
/// cross-chapter links resolved, footnotes numbered, images found and typed, words counted.
struct BookTransformer {
  private(set) var book: Book
  private let files: ManuscriptFile
  private(set) var diagnostics: [Diagnostic] = []

  /// Ids the generated documents use.
  static let reservedIDs: Set<String> = ["toc", "landmarks", "titlepage", "cover", "page-list", "contents", "nav", "ncx", "css", "notes", "copyright-page", "dedication-page", "page-settings"]

  /// A set of ids holding the reserved ones, that never hands out an id of a form Octavo
  /// generates (see ``isGeneratedID(_:)``).
  static func newIDSet() -> UniqueNames {
    UniqueNames(reservedIDs, reserved: hasGeneratedForm)
  }

  /// Whether `id` has a form the renderer gives its own elements: `<chapter>-fn-3`,
  /// `<chapter>-fnref-3`, `<chapter>-fnref-3-2`, `<chapter>-endnotes`, `pagebreak-12`, or is
  /// one of ``reservedIDs``. The author's ids never take these forms, so the generated ones
  /// cannot collide with them.
  static func isGeneratedID(_ id: String) -> Bool {
    reservedIDs.contains(id) || hasGeneratedForm(id)
  }

  /// Whether `id` has one of the forms of ``isGeneratedID(_:)`` other than a reserved id.
  @Sendable static func hasGeneratedForm(_ id: String) -> Bool {
    if id.hasSuffix("-endnotes") { return true }
    func digits(_ part: Substring) -> Bool { !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 } }
    let parts = id.split(separator: "-", omittingEmptySubsequences: false)
    guard parts.count >= 2, let last = parts.last, digits(last) else { return false }
    if parts.count == 2 && parts[0] == "pagebreak" { return true }
    let previous = parts[parts.count - 2]
    if parts.count >= 3 && (previous == "fn" || previous == "fnref") { return true }
    if parts.count >= 4 && parts[parts.count - 3] == "fnref" && digits(previous) { return true }
    return false
  }

  /// Why the author cannot use `id`, when it is reserved or has a generated form.
  static func reservedReason(_ id: String) -> String? {
    if reservedIDs.contains(id) { return "the id '\(id)' is reserved for a page Octavo makes; choose another" }
    if isGeneratedID(id) {
      return "the id '\(id)' has the form of the ids Octavo gives notes, note references and page breaks; choose another"
    }
    return nil
  }

  private var usedIDs: UniqueNames
  private var imageIndex: [String: Int] = [:]
  /// The file names the book's images have.
  private var imageNames = UniqueNames()

  init(book: Book, files: ManuscriptFile) {
    self.book = book
    self.files = files
    usedIDs = Self.newIDSet()
    usedIDs.formUnion(book.chapters.map(\.id))
    usedIDs.formUnion(book.parts.map(\.id))
    // Ids the author chose come first, wherever they stand: a heading's own slug in an
    // earlier chapter is numbered rather than taking an explicit id of a later one.
    for chapter in book.chapters {
      Block.walk(chapter.blocks + chapter.footnotes.flatMap(\.blocks)) { block in
        guard case .heading(let heading) = block.kind, let id = heading.explicitID,
              explicitOwners[id] == nil, !usedIDs.contains(id), !Self.isGeneratedID(id) else { return }
        explicitOwners[id] = heading.range.start
      }
    }
    usedIDs.formUnion(explicitOwners.keys)
  }

  /// Raw HTML already parsed, by its text: ids, headings, images and links are read from it
  /// in two passes, and each block is parsed once.
  private var parsedHTML: [String: [XMLElement]] = [:]

  private mutating func rawElements(_ html: String) -> [XMLElement] {
    if let elements = parsedHTML[html] { return elements }
    let elements = RawHTMLScanner.elements(in: html)
    parsedHTML[html] = elements
    return elements
  }

  /// Where each explicit id (`{#id}`) is first written; a second use is an error.
  private var explicitOwners: [String: SourceLocation] = [:]

  /// Runs every transform and returns the book.
  mutating func run() -> Book {
    // Ids first: links in any chapter may point at headings of any other.
    updateChapters { transformer, chapter in chapter = transformer.assignIDs(chapter) }
    // Links need only the other chapters' paths, ids and anchors, not their text.
    let chapterPaths = Dictionary(book.chapters.map { chapter -> (String, Chapter) in
      var outline = chapter
      outline.blocks = []
      outline.footnotes = []
      return (chapter.path, outline)
    }, uniquingKeysWith: { a, _ in a })
    resolveChapters(chapters: chapterPaths)
    resolveCover()
    return book
  }

  /// Whether chapters are resolved concurrently (the book is the same either way).
  var parallel = true

  /// What resolving one chapter on its own found: its problems, and the images it uses in
  /// order of first use (indices in the chapter are into this list until renumbered).
  private struct Findings: Sendable {
    var diagnostics: [Diagnostic]
    var images: [ImageResource]
  }

  /// Resolves links, images and notes of every chapter, concurrently: each chapter is
  /// resolved by a copy of the transformer that starts with no images, then the images are
  /// merged in reading order (so the book's images are in order of first use, as when
  /// chapters are resolved one after another) and each chapter's image indices renumbered.
  private mutating func resolveChapters(chapters: [String: Chapter]) {
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
    let findings = ResultSlots<Findings>(count: flat.count)
    Parallel.update(&flat, parallel: parallel) { index, chapter in
      var local = worker
      chapter = local.resolve(chapter, chapters: chapters)
      findings.store(Findings(diagnostics: local.diagnostics, images: local.book.images), at: index)
    }
    for index in flat.indices {
      let found = findings[index]
      diagnostics += found.diagnostics
      let map = found.images.map {
        imageIndex[$0.path] ?? addImage($0.path, mediaType: $0.mediaType, missingSource: $0.missingSource,
                                              replacement: $0.replacement)
      }
      if map != Array(map.indices) {
        flat[index].blocks = Self.renumberImages(flat[index].blocks, map)
        for note in flat[index].footnotes.indices {
          flat[index].footnotes[note].blocks = Self.renumberImages(flat[index].footnotes[note].blocks, map)
        }
      }
    }
    book.replaceChapters(flat)
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
    if case .resource(let index) = image.target, index < map.count { image.target = .resource(map[index]) }
    image.alt = renumberImages(image.alt, map)
    return image
  }

  /// Replaces each chapter in place, in reading order, so only one chapter exists twice at a
  /// time (no second copy of the whole book).
  private mutating func updateChapters(_ update: (inout BookTransformer, inout Chapter) -> Void) {
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

  // MARK: - Ids

  private mutating func assignIDs(_ chapter: Chapter) -> Chapter {
    var chapter = chapter
    var localSlugs: [String: Int] = [:]
    var anchors: [String: String] = [:]
    func assign(_ heading: Heading) -> Heading {
      var heading = heading
      if let explicit = heading.explicitID {
        if let reason = Self.reservedReason(explicit) {
          diagnostics.append(Diagnostic(.error, .reservedID, reason, at: heading.range.start))
          heading.id = unique(explicit)
        } else if explicitOwners[explicit] != heading.range.start {
          diagnostics.append(Diagnostic(.error, .duplicateID,
                                        "the id '\(explicit)' is already used in the book",
                                        at: heading.range.start))
          heading.id = unique(explicit)
        } else {
          heading.id = explicit
        }
        anchors[explicit] = heading.id
      } else {
        var base = Slugger.slug(heading.plainText)
        if base.isEmpty { base = "section" }
        // GitHub numbers repeated slugs within a document: intro, intro-1, intro-2.
        let count = localSlugs[base, default: 0]
        localSlugs[base] = count + 1
        let local = count == 0 ? base : "\(base)-\(count)"
        heading.id = unique(local)
        anchors[local] = heading.id
      }
      return heading
    }
    chapter.blocks = mapHeadings(chapter.blocks, assign)
    // The chapter's title is its level-1 heading; sections then go down one level at a time.
    var previousLevel = 1
    for heading in chapter.headings {
      if heading.level > previousLevel + 1 {
        diagnostics.append(Diagnostic(
          .warning, .headingLevelSkip,
          "heading level \(heading.level) follows level \(previousLevel); readers who move by headings expect level \(previousLevel + 1)",
          at: heading.range.start))
      }
      previousLevel = heading.level
    }
    // Headings may stand in notes too.
    chapter.footnotes = chapter.footnotes.map { note in
      var note = note
      note.blocks = mapHeadings(note.blocks, assign)
      return note
    }
    // Ids written in raw HTML: kept when unique in the book. Headings written in raw HTML
    // get an id from their text, as on GitHub.
    Block.walk(chapter.blocks) { block in
      guard case .html(let html) = block.kind else { return }
      collectRawIDs(html, into: &chapter, anchors: &anchors)
      for text in RawHTMLScanner.headings(in: rawElements(html)) {
        let slug = Slugger.slug(text)
        guard !slug.isEmpty, chapter.rawHeadingIDs[slug] == nil else { continue }
        let id = unique(slug)
        chapter.rawHeadingIDs[slug] = id
        if anchors[slug] == nil { anchors[slug] = id }
      }
    }
    Block.walkInlines(chapter.blocks) { inline in
      if case .html(let html) = inline.kind { collectRawIDs(html, into: &chapter, anchors: &anchors) }
    }
    chapter.anchors = anchors
    return chapter
  }

  private mutating func collectRawIDs(_ html: String, into chapter: inout Chapter,
                                      anchors: inout [String: String]) {
    for element in rawElements(html) {
      guard let id = RawHTMLScanner.id(of: element), chapter.rawHTMLIDs[id] == nil else { continue }
      let output = unique(id)
      chapter.rawHTMLIDs[id] = output
      if anchors[id] == nil { anchors[id] = output }
    }
  }

  private mutating func unique(_ base: String) -> String {
    usedIDs.make(base)
  }

  private func mapHeadings(_ blocks: [Block], _ transform: (Heading) -> Heading) -> [Block] {
    blocks.map { block in
      var block = block
      if case .heading(let heading) = block.kind {
        block.kind = .heading(transform(heading))
        return block
      }
      return block.mapChildBlocks { mapHeadings($0, transform) }
    }
  }

  // MARK: - Links, images, notes

  private mutating func resolve(_ chapter: Chapter, chapters: [String: Chapter]) -> Chapter {
    var chapter = chapter
    var context = InlineContext(chapter: chapter, chapters: chapters)
    chapter.blocks = rewrite(chapter.blocks, &context)
    // Footnotes: number in order of first reference; report the unused ones.
    var numbered: [Footnote] = []
    // The first definition of each label, found by a dictionary: no search per reference.
    let notes = Dictionary(chapter.footnotes.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
    // A note referred to only from inside another note joins the list as that note is
    // rewritten: walk the list by index, so it is numbered too.
    var position = 0
    while position < context.noteOrder.count {
      let label = context.noteOrder[position]
      position += 1
      guard var note = notes[label] else { continue }
      note.number = numbered.count + 1
      note.referenceCount = context.noteReferences[label, default: 0]
      context.inNote = true
      note.blocks = rewrite(note.blocks, &context)
      context.inNote = false
      numbered.append(note)
    }
    // References from notes count too, and a later note may refer to an earlier one.
    for index in numbered.indices {
      numbered[index].referenceCount = context.noteReferences[numbered[index].label, default: 0]
      numbered[index].referencesInNotes = context.referencesInNotes[numbered[index].label, default: []]
    }
    for note in chapter.footnotes where context.noteReferences[note.label] == nil {
      diagnostics.append(Diagnostic(.warning, .unusedFootnote,
                                    "footnote '\(note.label)' is never referenced; it is left out",
                                    at: note.range.start))
    }
    chapter.footnotes = numbered
    chapter.wordCount = context.words
    // Raw HTML may point at images too.
    Block.walk(chapter.blocks) { block in
      if case .html(let html) = block.kind { checkRawHTML(html, chapter: chapter, chapters: chapters, at: block.range) }
    }
    Block.walkInlines(chapter.blocks) { inline in
      if case .html(let html) = inline.kind { checkRawHTML(html, chapter: chapter, chapters: chapters, at: inline.range) }
    }
    return chapter
  }

  private struct InlineContext {
    let chapter: Chapter
    let chapters: [String: Chapter]
    var noteOrder: [String] = []
    var noteReferences: [String: Int] = [:]
    /// Occurrences of each note's references that stand inside notes.
    var referencesInNotes: [String: Set<Int>] = [:]
    /// Whether a note's blocks are being rewritten.
    var inNote = false
    var words = 0

    init(chapter: Chapter, chapters: [String: Chapter]) {
      self.chapter = chapter
      self.chapters = chapters
    }
  }

  private mutating func rewrite(_ blocks: [Block], _ context: inout InlineContext) -> [Block] {
    blocks.map { block in
      var block = block
      switch block.kind {
      case .paragraph(let inlines): block.kind = .paragraph(rewrite(inlines, &context))
      case .heading(var heading):
        heading.content = rewrite(heading.content, &context)
        block.kind = .heading(heading)
      case .blockQuote, .list, .alert:
        block = block.mapChildBlocks { rewrite($0, &context) }
      case .table(var table):
        table.header = table.header.map { rewrite($0, &context) }
        table.rows = table.rows.map { row in row.map { rewrite($0, &context) } }
        block.kind = .table(table)
      case .figure(var image):
        image.alt = rewrite(image.alt, &context)
        resolveImage(&image, chapter: context.chapter, at: block.range)
        if case .resource = image.target {
          block.kind = .figure(image)
        } else {
          // A remote or missing image is not a figure: show it inline.
          block.kind = .paragraph([Inline(.image(image), range: block.range)])
        }
      case .codeBlock(let code):
        context.words += Self.countWords(code.code)
      default: break
      }
      return block
    }
  }

  private mutating func rewrite(_ inlines: [Inline], _ context: inout InlineContext) -> [Inline] {
    inlines.map { inline in
      var inline = inline
      switch inline.kind {
      case .text(let text):
        context.words += Self.countWords(text)
        // cmark leaves a reference to an undefined footnote as text.
        if Self.containsNoteMarker(text) {
          for match in text.matches(of: /\[\^([^\]\s]+)\]/) where !text[match.range.upperBound...].hasPrefix(":") {
            // A text node lies on one line: point at the reference inside it.
            var location = inline.range.start
            if inline.range.end.line == location.line {
              location.column += text.utf8.distance(from: text.startIndex, to: match.range.lowerBound)
            }
            diagnostics.append(Diagnostic(.warning, .undefinedFootnote,
                                          "footnote '\(match.1)' is not defined; the reference is shown as text",
                                          at: location))
          }
        }
      case .code(let code):
        context.words += Self.countWords(code)
      case .emphasis(let children): inline.kind = .emphasis(rewrite(children, &context))
      case .strong(let children): inline.kind = .strong(rewrite(children, &context))
      case .strikethrough(let children): inline.kind = .strikethrough(rewrite(children, &context))
      case .link(var link):
        link.content = rewrite(link.content, &context)
        link.target = resolveLink(link.destination, from: context.chapter,
                                  chapters: context.chapters, at: inline.range)
        inline.kind = .link(link)
      case .image(var image):
        image.alt = rewrite(image.alt, &context)
        resolveImage(&image, chapter: context.chapter, at: inline.range)
        inline.kind = .image(image)
      case .footnoteReference(let label, _):
        let count = context.noteReferences[label, default: 0] + 1
        if count == 1 { context.noteOrder.append(label) }
        context.noteReferences[label] = count
        if context.inNote { context.referencesInNotes[label, default: []].insert(count) }
        inline.kind = .footnoteReference(label: label, occurrence: count)
      default: break
      }
      return inline
    }
  }

  /// Whether `text` holds `[^`, read as bytes (no bridging to Foundation).
  static func containsNoteMarker(_ text: String) -> Bool {
    var previous: UInt8 = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "^"), previous == UInt8(ascii: "[") { return true }
      previous = byte
    }
    return false
  }

  /// Words in `text`: runs between spaces, and each Chinese or Japanese character, since
  /// those scripts do not put spaces between words.
  static func countWords(_ text: String) -> Int {
    var count = 0
    var inWord = false
    // Most text is ASCII: read bytes, and ask Unicode's tables only about the rest.
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      for byte in text.utf8 {
        // The ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space.
        let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
        if !isSpace && !inWord { count += 1 }
        inWord = !isSpace
      }
      return count
    }
    for scalar in text.unicodeScalars {
      switch scalar.value {
      case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F:
        count += 1
        inWord = false
        continue
      default: break
      }
      let isSpace = scalar.properties.isWhitespace
      if !isSpace && !inWord { count += 1 }
      inWord = !isSpace
    }
    return count
  }

  /// Resolves a link destination written in `chapter`.
  mutating func resolveLink(_ destination: String, from chapter: Chapter,
                            chapters: [String: Chapter], at range: SourceRange) -> LinkTarget {
    switch LinkResolver.classify(destination) {
    case .external(let url):
      return .external(url)
    case .unsafe(let scheme):
      diagnostics.append(Diagnostic(.warning, .unsafeURL,
                                    "link with the '\(scheme):' scheme removed", at: range.start))
      return .none
    case .invalid(let url):
      diagnostics.append(Diagnostic(.warning, .unsafeURL,
                                    "'\(url)' is not a valid URL; the link is shown as text",
                                    at: range.start))
      return .none
    case .local(let path, let fragment):
      var target = chapter
      if !path.isEmpty {
        guard let resolved = LinkResolver.resolve(path, relativeTo: chapter.path) else {
          diagnostics.append(Diagnostic(.warning, .linkToNonBookFile,
                                        "link to '\(path)' leads outside the manuscript; it is shown as text",
                                        at: range.start))
          return .none
        }
        // A link written for a site generator (`chapter.html`) finds the chapter's Markdown.
        let markdownTwin = resolved.hasSuffix(".html") || resolved.hasSuffix(".htm")
          ? (resolved as NSString).deletingPathExtension + ".md" : nil
        guard let other = chapters[resolved] ?? markdownTwin.flatMap({ chapters[$0] }) else {
          let exists: Bool
          if case .inside = files.resolve(resolved) { exists = true } else { exists = false }
          if !exists, resolved.lowercased().hasSuffix(".md") {
            diagnostics.append(Diagnostic(.warning, .brokenChapterLink,
                                          "link to '\(path)', which does not exist; it is shown as text",
                                          at: range.start))
          } else {
            diagnostics.append(Diagnostic(.warning, .linkToNonBookFile,
                                          "link to '\(path)', which is not a chapter of the book; it is shown as text",
                                          at: range.start))
          }
          return .none
        }
        target = other
      }
      guard let fragment, !fragment.isEmpty else {
        if path.isEmpty { return .none }
        return .chapter(id: target.id, fragment: nil)
      }
      if let id = target.anchors[fragment] ?? target.anchors[fragment.lowercased()]
        ?? target.anchors[Slugger.slug(fragment)] {
        return .chapter(id: target.id, fragment: id)
      }
      diagnostics.append(Diagnostic(.warning, .brokenAnchor,
                                    "no heading or id '\(fragment)' in \(target.path); the link leads to the chapter's start",
                                    at: range.start))
      return .chapter(id: target.id, fragment: nil)
    }
  }

  // MARK: - Images

  private mutating func resolveImage(_ image: inout Image, chapter: Chapter, at range: SourceRange) {
    if image.altText.trimmingCharacters(in: .whitespaces).isEmpty, !image.isDecorative {
      diagnostics.append(Diagnostic(.warning, .imageWithoutAlt,
                                    "image '\(image.source)' has no alt text", at: range.start))
    }
    image.target = imageTarget(image.source, chapter: chapter.path, at: range)
  }

  /// Resolves an image source written in `chapter`. Problems with images in raw HTML are
  /// warnings (`isRawHTML`): the image is then shown as its alt text.
  mutating func imageTarget(_ source: String, chapter: String, at range: SourceRange,
                            isRawHTML: Bool = false) -> ImageTarget {
    switch LinkResolver.classify(source) {
    case .external(let url):
      if url.hasPrefix("mailto:") || url.hasPrefix("tel:") { return .none }
      diagnostics.append(Diagnostic(.warning, .remoteImage,
                                    "remote image '\(source)' is not fetched; its alt text links to it",
                                    at: range.start))
      return .remote(url)
    case .unsafe(let scheme):
      diagnostics.append(Diagnostic(.warning, .unsafeURL,
                                    "image with the '\(scheme):' scheme removed", at: range.start))
      return .none
    case .invalid(let url):
      diagnostics.append(Diagnostic(.warning, .unsafeURL,
                                    "image '\(url)' is not a valid URL; its alt text is shown",
                                    at: range.start))
      return .none
    case .local(let path, _):
      guard let resolved = LinkResolver.resolve(path, relativeTo: chapter) else {
        diagnostics.append(Diagnostic(isRawHTML ? .warning : .error, .pathOutsideManuscript,
                                      "image '\(source)' is outside the manuscript folder",
                                      at: range.start))
        return isRawHTML ? .none : .resource(placeholder(for: source, key: "outside:" + source))
      }
      if let index = imageIndex[resolved] { return .resource(index) }
      guard let index = registerImage(resolved, source: source, at: range.start, code: .missingImage,
                                      severity: isRawHTML ? .warning : .error)
      else {
        // An error: a draft is built with a placeholder in its place.
        return isRawHTML ? .none : .resource(placeholder(for: source, key: resolved))
      }
      return .resource(index)
    }
  }

  /// Adds the image at manuscript path `path` to the book; reports a problem and returns
  /// `nil` when it is missing, outside the folder or not a supported image.
  private mutating func registerImage(_ path: String, source: String, at location: SourceLocation,
                                      code: DiagnosticCode, severity: Diagnostic.Severity = .error) -> Int? {
    let url: URL
    switch files.resolve(path) {
    case .outside:
      diagnostics.append(Diagnostic(severity, .pathOutsideManuscript,
                                    "image '\(source)' is outside the manuscript folder", at: location))
      return nil
    case .missing:
      diagnostics.append(Diagnostic(severity, code, "image '\(source)' does not exist", at: location))
      return nil
    case .inside(let resolved):
      url = resolved
    }
    if let kind = ManuscriptFile.specialKind(of: url) {
      diagnostics.append(Diagnostic(severity, .specialFile, "image '\(source)' is \(kind), not a file; it is not read",
                                    at: location))
      return nil
    }
    guard let handle = try? FileHandle(forReadingFrom: url) else {
      diagnostics.append(Diagnostic(severity, code, "cannot read image '\(source)'", at: location))
      return nil
    }
    defer { try? handle.close() }
    let head = (try? handle.read(upToCount: 4096)) ?? Data()
    guard let mediaType = ImageSniffer.mediaType(of: head) else {
      diagnostics.append(Diagnostic(severity, code == .badCover ? .badCover : .unsupportedImage,
                                    "'\(source)' is not a PNG, JPEG, GIF, WebP or SVG image",
                                    at: location))
      return nil
    }
    var replacement: [UInt8]?
    if mediaType == "image/svg+xml" {
      // An SVG is a document: what could run or fetch comes out before it reaches the book.
      let rest = (try? handle.readToEnd()) ?? Data()
      let sanitized = SVGSanitizer.sanitize([UInt8](head) + [UInt8](rest))
      guard let bytes = sanitized.bytes else {
        diagnostics.append(Diagnostic(severity, code == .badCover ? .badCover : .unsupportedImage,
                                      "'\(source)' is not a well-formed SVG image (\(sanitized.failure ?? "unreadable"))",
                                      at: location))
        return nil
      }
      if !sanitized.removed.isEmpty {
        diagnostics.append(Diagnostic(.warning, .unsafeSVG,
                                      "SVG image '\(source)': removed \(sanitized.removed.joined(separator: ", "))",
                                      at: location))
        replacement = bytes
      }
    }
    return addImage(path, mediaType: mediaType, replacement: replacement)
  }

  /// The placeholder image that stands in for an image that cannot be used (one per
  /// `key`, the path it resolves to), added to the book the first time.
  private mutating func placeholder(for source: String, key: String) -> Int {
    let path = "\u{0}missing/" + key
    if let index = imageIndex[path] { return index }
    return addImage(path, mediaType: "image/svg+xml", missingSource: source)
  }

  /// Adds an image found good to the book, under a file name no other image has.
  private mutating func addImage(_ path: String, mediaType: String, missingSource: String? = nil,
                                 replacement: [UInt8]? = nil) -> Int {
    var stem = OutputName.cap(Slugger.asciiSlug(
      (path as NSString).deletingPathExtension.split(separator: "/").last.map(String.init) ?? "image"), bytes: 100)
    if stem.isEmpty { stem = "image" }
    if missingSource != nil { stem = "missing-" + stem }
    let name = imageNames.make(stem, suffix: "." + ImageSniffer.fileExtension(for: mediaType))
    book.images.append(ImageResource(path: path, mediaType: mediaType, fileName: name,
                                     missingSource: missingSource, replacement: replacement))
    imageIndex[path] = book.images.count - 1
    return book.images.count - 1
  }

  /// Checks the images and links written in raw HTML the way Markdown ones are checked
  /// (problems are warnings: the sanitizer shows a bad image as its alt text), and adds the
  /// images to the book. Unsafe link URLs are left to the sanitizer, which removes and reports
  /// them.
  private mutating func checkRawHTML(_ html: String, chapter: Chapter, chapters: [String: Chapter],
                                     at range: SourceRange) {
    for element in rawElements(html) {
      if element.name == "img", let source = element[attribute: "src"], !source.isEmpty {
        if element[attribute: "alt"] == nil {
          diagnostics.append(Diagnostic(.warning, .imageWithoutAlt,
                                        "image '\(source)' has no alt text", at: range.start))
        }
        _ = imageTarget(source, chapter: chapter.path, at: range, isRawHTML: true)
      } else if element.name == "a", let href = element[attribute: "href"],
                case .local = LinkResolver.classify(href) {
        _ = resolveLink(href, from: chapter, chapters: chapters, at: range)
      }
    }
  }

  private mutating func resolveCover() {
    guard let cover = book.metadata.cover else { return }
    let location = book.metadata.coverLocation ?? SourceLocation(file: ManuscriptLoader.metadataFile)
    guard let path = LinkResolver.resolve(cover, relativeTo: ManuscriptLoader.metadataFile) else {
      diagnostics.append(Diagnostic(.error, .pathOutsideManuscript,
                                    "cover '\(cover)' is outside the manuscript folder", at: location))
      book.metadata.cover = nil
      return
    }
    if imageIndex[path] == nil,
       registerImage(path, source: cover, at: location, code: .badCover) == nil {
      book.metadata.cover = nil
      return
    }
    book.metadata.cover = path
  }
}
