import Foundation

/// Links, notes and word counts: each chapter's links resolved against the others' ids, its
/// notes numbered in order of first reference, its words counted.
extension BookTransformer {
  mutating func resolve(_ chapter: Chapter, chapters: [String: Chapter]) -> Chapter {
    var chapter = chapter
    // Links, notes and words change; no raw HTML is added.
    let mayHoldRawHTML = chapter.mayHoldRawHTML
    var context = InlineContext(
      chapter: chapter, chapters: chapters,
      labelWords: GeneratedWords(language: book.metadata.language).labels)
    chapter.blocks = rewrite(chapter.blocks, &context)
    // Footnotes: number in order of first reference; report the unused ones.
    var numbered: [Footnote] = []
    numbered.reserveCapacity(chapter.footnotes.count)
    // The first definition of each label, found by a dictionary: no search per reference.
    let notes = Dictionary(
      chapter.footnotes.map { ($0.label, $0) }, uniquingKeysWith: { first, _ in first })
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
      numbered[index].referencesInNotes =
        context.referencesInNotes[numbered[index].label, default: []]
    }
    for note in chapter.footnotes where context.noteReferences[note.label] == nil {
      diagnostics.append(
        Diagnostic(
          .warning, .unusedFootnote,
          "footnote '\(note.label)' is never referenced; it is left out",
          at: note.range.start))
    }
    chapter.footnotes = numbered
    chapter.wordCount = context.words
    chapter.mayHoldRawHTML = mayHoldRawHTML
    guard mayHoldRawHTML else { return chapter }
    // Raw HTML may point at images too.
    Block.walk(chapter.blocks) { block in
      if case .html(let html) = block.kind {
        checkRawHTML(html, chapter: chapter, chapters: chapters, at: block.range)
      }
    }
    Block.walkInlines(chapter.blocks) { inline in
      if case .html(let html) = inline.kind {
        checkRawHTML(html, chapter: chapter, chapters: chapters, at: inline.range)
      }
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
    /// Whether a link's text is being rewritten (no reference is made a link inside it).
    var inLink = false
    /// The words references show ("Figure"), in the book's language.
    var labelWords: LabelWords
    var words = 0

    init(chapter: Chapter, chapters: [String: Chapter], labelWords: LabelWords) {
      self.chapter = chapter
      self.chapters = chapters
      self.labelWords = labelWords
    }
  }

  private mutating func rewrite(_ blocks: [Block], _ context: inout InlineContext) -> [Block] {
    blocks.map { block in
      var block = block
      switch block.kind {
      // A paragraph a summary emptied has nothing to rewrite: kept as it is, not boxed again.
      case .paragraph(let inlines) where inlines.isEmpty: break
      case .paragraph(let inlines):
        // Unchanged inlines (most of a book) leave the block as it is.
        if let rewritten = rewritten(inlines, &context) { block.kind = .paragraph(rewritten) }
      case .heading(var heading):
        if let rewritten = rewritten(heading.content, &context) {
          heading.content = rewritten
          block.kind = .heading(heading)
        }
      case .blockQuote, .list, .alert:
        block = block.mapChildBlocks { rewrite($0, &context) }
      case .table(var table):
        table.header = table.header.map { rewrite($0, &context) }
        table.rows = table.rows.map { row in row.map { rewrite($0, &context) } }
        table.caption = rewrite(table.caption, &context)
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
      case .codeBlock(var code):
        context.words += Self.countWords(code.code)
        if !code.caption.isEmpty {
          code.caption = rewrite(code.caption, &context)
          block.kind = .codeBlock(code)
        }
      default: break
      }
      return block
    }
  }

  private mutating func rewrite(_ inlines: [Inline], _ context: inout InlineContext) -> [Inline] {
    rewritten(inlines, &context) ?? inlines
  }

  /// `inlines` with links resolved, notes counted and references made links, or nil when
  /// that leaves every inline as it was: the array is copied only from the first inline that
  /// changes (most paragraphs hold no link, note or reference).
  private mutating func rewritten(_ inlines: [Inline], _ context: inout InlineContext)
    -> [Inline]?
  {
    var result: [Inline]?
    for index in inlines.indices {
      let change = rewrite(inlines[index], &context)
      if case .same = change {
        result?.append(inlines[index])
        continue
      }
      if result == nil {
        result = []
        result!.reserveCapacity(inlines.count)
        result!.append(contentsOf: inlines[..<index])
      }
      switch change {
      case .same: break
      case .one(let inline): result!.append(inline)
      case .many(let list): result!.append(contentsOf: list)
      }
    }
    return result
  }

  /// What the rewrite makes of one inline.
  private enum InlineChange {
    /// The inline as it was.
    case same
    /// Another inline in its place.
    case one(Inline)
    /// Inlines in its place (a text with references to numbered elements).
    case many([Inline])
  }

  private mutating func rewrite(_ inline: Inline, _ context: inout InlineContext) -> InlineChange {
    var inline = inline
    switch inline.kind {
    case .text(let text):
      context.words += Self.countWords(text)
      // References to figures, tables… (`@fig:arch`), outside links: they become links.
      if !context.inLink { reportStrayLabels(in: text, at: inline.range) }
      if !context.inLink, Self.mayHoldReference(text) {
        if let references = resolveReferences(
          in: text, at: inline.range, words: context.labelWords)
        {
          return .many(references)
        }
      }
      // cmark leaves a reference to an undefined footnote as text.
      if Self.containsNoteMarker(text) {
        for match in text.matches(of: Self.undefinedNotePattern)
        where !text[match.range.upperBound...].hasPrefix(":") {
          // A text node lies on one line: point at the reference inside it.
          var location = inline.range.start
          if inline.range.end.line == location.line {
            location.column += text.utf8.distance(
              from: text.startIndex, to: match.range.lowerBound)
          }
          diagnostics.append(
            Diagnostic(
              .warning, .undefinedFootnote,
              "footnote '\(match.1)' is not defined; the reference is shown as text",
              at: location))
        }
      }
      return .same
    case .code(let code):
      context.words += Self.countWords(code)
      return .same
    case .emphasis(let children):
      guard let rewritten = rewritten(children, &context) else { return .same }
      inline.kind = .emphasis(rewritten)
    case .strong(let children):
      guard let rewritten = rewritten(children, &context) else { return .same }
      inline.kind = .strong(rewritten)
    case .strikethrough(let children):
      guard let rewritten = rewritten(children, &context) else { return .same }
      inline.kind = .strikethrough(rewritten)
    case .link(var link):
      let wasInLink = context.inLink
      context.inLink = true
      link.content = rewrite(link.content, &context)
      context.inLink = wasInLink
      link.target = resolveLink(
        link.destination, from: context.chapter,
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
    default: return .same
    }
    return .one(inline)
  }

  /// A note reference cmark left as text (the note is not defined), compiled once.
  nonisolated(unsafe) static let undefinedNotePattern = /\[\^([^\]\s]+)\]/

  /// Whether `text` holds `[^`, read as bytes (no bridging to Foundation).
  static func containsNoteMarker(_ text: String) -> Bool {
    // Each `^` is found with `memchr` (most text has none) and the byte before it looked at.
    text.withUTF8Buffer { bytes in
      guard let base = bytes.baseAddress else { return false }
      var offset = 1
      while offset < bytes.count,
        let found = memchr(base + offset, 0x5E, bytes.count - offset)
      {
        let at = UnsafeRawPointer(found).assumingMemoryBound(to: UInt8.self) - base
        if base[at - 1] == UInt8(ascii: "[") { return true }
        offset = at + 1
      }
      return false
    }
  }

  /// Words in `text`: runs between spaces, and each Chinese or Japanese character, since
  /// those scripts do not put spaces between words.
  static func countWords(_ text: String) -> Int {
    // Most text is ASCII: read bytes (in one pass, given up at the first byte that is not
    // ASCII), and ask Unicode's tables only about the rest.
    let asciiCount: Int? = text.withUTF8Buffer { bytes in
      var count = 0
      var inWord = false
      for byte in bytes {
        if byte >= 0x80 { return nil }
        // The ASCII white space: tab, line feed, vertical tab, form feed, carriage return, space.
        let isSpace = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
        if !isSpace && !inWord { count += 1 }
        inWord = !isSpace
      }
      return count
    }
    if let asciiCount { return asciiCount }
    var count = 0
    var inWord = false
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
  mutating func resolveLink(
    _ destination: String, from chapter: Chapter,
    chapters: [String: Chapter], at range: SourceRange
  ) -> LinkTarget {
    switch LinkResolver.classify(destination) {
    case .external(let url):
      return .external(url)
    case .unsafe(let scheme):
      diagnostics.append(
        Diagnostic(
          .warning, .unsafeURL,
          "link with the '\(scheme):' scheme removed", at: range.start))
      return .none
    case .invalid(let url):
      diagnostics.append(
        Diagnostic(
          .warning, .unsafeURL,
          "'\(url)' is not a valid URL; the link is shown as text",
          at: range.start))
      return .none
    case .local(let path, let fragment):
      var target = chapter
      if !path.isEmpty {
        guard let resolved = LinkResolver.resolve(path, relativeTo: chapter.path) else {
          diagnostics.append(
            Diagnostic(
              .warning, .linkToNonBookFile,
              "link to '\(path)' leads outside the manuscript; it is shown as text",
              at: range.start))
          return .none
        }
        // A link written for a site generator (`chapter.html`) finds the chapter's Markdown.
        let markdownTwin =
          resolved.hasSuffix(".html") || resolved.hasSuffix(".htm")
          ? (resolved as NSString).deletingPathExtension + ".md" : nil
        guard let other = chapters[resolved] ?? markdownTwin.flatMap({ chapters[$0] }) else {
          let exists: Bool
          if case .inside = files.resolve(resolved) { exists = true } else { exists = false }
          recordAnswer(resolved, isImage: false)
          if !exists, resolved.lowercased().hasSuffix(".md") {
            diagnostics.append(
              Diagnostic(
                .warning, .brokenChapterLink,
                "link to '\(path)', which does not exist; it is shown as text",
                at: range.start))
          } else {
            diagnostics.append(
              Diagnostic(
                .warning, .linkToNonBookFile,
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
        ?? target.anchors[Slugger.slug(fragment)]
      {
        // An element in a note moved to the book's end is in the Notes document.
        if idsInNotesByPath[target.path]?.contains(id) == true {
          return .chapter(id: NotePlacement.bookEndDocumentID, fragment: id)
        }
        return .chapter(id: target.id, fragment: id)
      }
      diagnostics.append(
        Diagnostic(
          .warning, .brokenAnchor,
          "no heading or id '\(fragment)' in \(target.path); the link leads to the chapter's start",
          at: range.start))
      return .chapter(id: target.id, fragment: nil)
    }
  }
}
