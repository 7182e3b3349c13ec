import Foundation

/// Ids: the ones Octavo reserves, and each heading's and raw-HTML element's id, unique in the book.
extension BookTransformer {
  /// Ids the generated documents use.
  static let reservedIDs: Set<String> = [
    "toc", "landmarks", "titlepage", "cover", "page-list", "contents", "nav", "ncx", "css", "notes",
    "copyright-page", "dedication-page", "page-settings", "loi", "lot", "lol",
  ]

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
    // Every other form ends in a digit.
    guard let last = id.utf8.last, last >= 0x30 && last <= 0x39 else { return false }
    func digits(_ part: Substring) -> Bool {
      !part.isEmpty && part.utf8.allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
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
    if reservedIDs.contains(id) {
      return "the id '\(id)' is reserved for a page Octavo makes; choose another"
    }
    if isGeneratedID(id) {
      return
        "the id '\(id)' has the form of the ids Octavo gives notes, note references and page breaks; choose another"
    }
    return nil
  }

  /// Gives every heading and raw-HTML element of `chapter` its id, unique in the book; called
  /// in reading order. `rawHTMLNames` are the chapter's ``Chapter/rawHTMLNames``, when found
  /// already. In place: blocks without a heading are not copied.
  mutating func assignIDs(_ chapter: inout Chapter, rawHTMLNames: [RawHTMLName]? = nil) {
    // Ids change, no raw HTML is added.
    let mayHoldRawHTML = chapter.mayHoldRawHTML
    var localSlugs: [String: Int] = [:]
    var anchors: [String: String] = [:]
    func assign(_ heading: Heading) -> Heading {
      var heading = heading
      if let explicit = heading.explicitID {
        if let reason = Self.reservedReason(explicit) {
          diagnostics.append(Diagnostic(.error, .reservedID, reason, at: heading.range.start))
          heading.id = unique(explicit)
        } else if explicitOwners[explicit] != heading.range.start {
          diagnostics.append(
            Diagnostic(
              .error, .duplicateID,
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
    // Taken out of the chapter, the array is the only reference to its storage and is
    // written in place (the property's observer would otherwise make the write a copy).
    var blocks = chapter.blocks
    chapter.blocks = []
    Self.mapHeadings(&blocks, assign)
    chapter.blocks = blocks
    // The chapter's title is its level-1 heading; sections then go down one level at a time.
    var previousLevel = 1
    for heading in chapter.headings {
      if heading.level > previousLevel + 1 {
        diagnostics.append(
          Diagnostic(
            .warning, .headingLevelSkip,
            "heading level \(heading.level) follows level \(previousLevel); readers who move by headings expect level \(previousLevel + 1)",
            at: heading.range.start))
      }
      previousLevel = heading.level
    }
    // Headings may stand in notes too.
    var notes = chapter.footnotes
    chapter.footnotes = []
    for index in notes.indices where Self.holdsHeading(notes[index].blocks) {
      Self.mapHeadings(&notes[index].blocks, assign)
    }
    chapter.footnotes = notes
    // Ids written in raw HTML: kept when unique in the book. Headings written in raw HTML
    // get an id from their text, as on GitHub.
    chapter.mayHoldRawHTML = mayHoldRawHTML
    for name in rawHTMLNames ?? chapter.rawHTMLNames {
      switch name {
      case .id(let id):
        guard chapter.rawHTMLIDs[id] == nil else { continue }
        let output = unique(id)
        chapter.rawHTMLIDs[id] = output
        if anchors[id] == nil { anchors[id] = output }
      case .headingText(let text):
        let slug = Slugger.slug(text)
        guard !slug.isEmpty, chapter.rawHeadingIDs[slug] == nil else { continue }
        let id = unique(slug)
        chapter.rawHeadingIDs[slug] = id
        if anchors[slug] == nil { anchors[slug] = id }
      }
    }
    chapter.anchors = anchors
  }

  mutating func unique(_ base: String) -> String {
    let id: String
    if let script = scriptedIDs {
      if script.next < script.ids.count, script.bases[script.next] == base {
        id = script.ids[script.next]
      } else {
        scriptFailed = true
        id = base
      }
      scriptedIDs?.next += 1
    } else {
      id = usedIDs.make(base)
    }
    if idLog != nil {
      idLog?.bases.append(base)
      idLog?.ids.append(id)
    }
    return id
  }

  /// Replaces each heading of `blocks`, at any depth, by `transform`'s result.
  ///
  /// Static, so that a `transform` that changes the transformer (``unique(_:)``) does not
  /// make the call copy it: an instance method would hold a second reference to the used-id
  /// set while `transform` inserts into it, and each chapter's first insert copied the set.
  static func mapHeadings(_ blocks: inout [Block], _ transform: (Heading) -> Heading) {
    // In place: a block without a heading in it is not copied (most of a book's blocks).
    for index in blocks.indices {
      switch blocks[index].kind {
      case .heading(let heading): blocks[index].kind = .heading(transform(heading))
      case .blockQuote, .alert, .list:
        guard Self.holdsHeading(blocks[index].childBlocks) else { continue }
        blocks[index] = blocks[index].mapChildBlocks { children in
          var children = children
          Self.mapHeadings(&children, transform)
          return children
        }
      default: continue
      }
    }
  }

  /// Whether a heading stands in `blocks` at any depth.
  static func holdsHeading(_ blocks: [Block]) -> Bool {
    var found = false
    Block.walk(blocks) { block in
      if case .heading = block.kind { found = true }
    }
    return found
  }
}
