import Foundation

// Raw HTML inside Markdown. The HTML and the Markdown around it are parsed together: every
// Markdown-rendered node stands in the HTML as an <o-slot data-i="N"> placeholder, the
// string is parsed by libxml2's HTML parser and cleaned by the allow-list of
// HTMLSanitizer, and the placeholders are then replaced by the rendered nodes. So
// `<div align="center">` … Markdown … `</div>` keeps its structure, and nothing raw is
// ever pasted into the output.
extension XHTMLRenderer {
  func renderMixedBlocks(_ blocks: [Block], _ context: inout ChapterContext) -> [XMLNode] {
    var pieces: [RawPiece] = []
    for block in blocks {
      switch block.kind {
      case .html(let raw):
        pieces.append(.html(raw, block.range.start))
      case .paragraph(let inlines) where inlines.contains(where: Self.opensBlock):
        // Its HTML may continue in the next HTML block (`<br/><table>` then `<tr>…`): parse
        // the paragraph's pieces with the blocks around it.
        for inline in inlines {
          if case .html(let raw) = inline.kind {
            pieces.append(.html(raw, inline.range.start))
          } else {
            pieces.append(.rendered(renderInline(inline, &context)))
          }
        }
        pieces.append(.rendered([.text("\n")]))
      default:
        pieces.append(.rendered(renderBlock(block, &context)))
      }
    }
    return sanitize(pieces, flow: true, &context)
  }

  func renderMixedInlines(_ inlines: [Inline], flow: Bool = false, _ context: inout ChapterContext)
    -> [XMLNode]
  {
    var pieces: [RawPiece] = []
    for inline in inlines {
      if case .html(let raw) = inline.kind {
        pieces.append(.html(raw, inline.range.start))
      } else {
        pieces.append(.rendered(renderInline(inline, &context)))
      }
    }
    return sanitize(pieces, flow: flow, &context)
  }

  /// Whether an inline is raw HTML that opens a block-level element.
  static func opensBlock(_ inline: Inline) -> Bool {
    if case .html(let html) = inline.kind { return opensBlock(html.tag) }
    return false
  }

  /// Raw HTML as written (and parsed at load), or nodes rendered from Markdown.
  enum RawPiece {
    case html(RawHTML, SourceLocation)
    case rendered([XMLNode])
  }

  /// Parses and cleans the pieces together. When the HTML swallows a placeholder (an
  /// unterminated quote or comment), every raw piece is cleaned on its own instead, so no
  /// Markdown content is lost.
  private func sanitize(_ pieces: [RawPiece], flow: Bool, _ context: inout ChapterContext)
    -> [XMLNode]
  {
    var html = ""
    var slots: [[XMLNode]] = []
    for piece in pieces {
      switch piece {
      case .html(let raw, _): html += raw.source
      case .rendered(let nodes):
        // Plain text goes in as escaped text; only elements need a placeholder (an unknown
        // element inside a <table> would make the HTML parser close the table).
        if let text = HTMLSlots.plainText(nodes) {
          html += HTMLSlots.escape(text)
        } else {
          html += HTMLSlots.placeholder(slots.count) + (flow ? "\n" : "")
          slots.append(nodes)
        }
      }
    }
    let locations = pieces.compactMap { piece -> (String, SourceLocation)? in
      if case .html(let raw, let location) = piece { (raw.source, location) } else { nil }
    }
    // Raw HTML alone was parsed when it was read; mixed with Markdown, it is parsed with the
    // Markdown's placeholders.
    let parsed: [XMLNode]
    if pieces.count == 1, case .html(let raw, _) = pieces[0] {
      parsed = raw.fragment
    } else {
      parsed = MarkupParser.parseHTMLFragment(HTMLFragment.withoutDocumentTags(html))
    }
    let before = context
    let merged = sanitize(parsed, flow: flow, locations: locations, &context)
    if HTMLSlots.count(merged) == slots.count {
      return ContentModel.closeSummaries(HTMLSlots.fill(merged, slots, phrasing: !flow))
    }
    context = before
    var nodes: [XMLNode] = []
    // Markdown between the tags of an element removed with its content (`<style>` CSS in an
    // inline `<svg>`) goes with it, as it would in one parse; an element never closed in
    // the block takes nothing with it (Markdown after an unclosed tag is never lost).
    var open: [String: Int] = [:]
    var lastClose: [String: Int] = [:]
    for (index, piece) in pieces.enumerated() {
      guard case .html(let raw, _) = piece else { continue }
      for match in raw.source.matches(of: HTMLFragment.removedWithContentTag) where !match.1.isEmpty
      {
        lastClose[match.2.lowercased()] = index
      }
    }
    for (index, piece) in pieces.enumerated() {
      switch piece {
      case .html(let raw, let location):
        nodes += sanitize(raw.fragment, flow: flow, locations: [(raw.source, location)], &context)
        for match in raw.source.matches(of: HTMLFragment.removedWithContentTag) {
          let name = match.2.lowercased()
          open[name, default: 0] += match.1.isEmpty ? 1 : -1
          if open[name, default: 0] <= 0 { open[name] = nil }
        }
      case .rendered(let rendered):
        if !open.keys.contains(where: { index < lastClose[$0, default: -1] }) { nodes += rendered }
      }
    }
    return nodes
  }

  private func sanitize(
    _ parsed: [XMLNode], flow: Bool, locations: [(String, SourceLocation)],
    _ context: inout ChapterContext
  ) -> [XMLNode] {
    let chapter = context.chapter
    let documentID = context.documentID
    var sanitizer = HTMLSanitizer(
      allowedIDs: Set(chapter.rawHTMLIDs.values).subtracting(context.usedRawIDs),
      resolveLink: { href in
        RawLinkResolution.resolve(
          href, in: chapter, chapters: chaptersByPath, idsInNotes: idsInNotesByPath
        ).flatMap {
          self.href(for: $0, inDocument: documentID)
        }
      },
      resolveImage: { source, alt in
        let altText = alt ?? ""
        switch LinkResolver.classify(source) {
        case .external(let url):
          return [Self.remoteImageLink(url: url, alt: altText)]
        case .unsafe, .invalid:
          return altText.isEmpty ? [] : [.text(altText)]
        case .local:
          guard let resource = self.imageResource(forSource: source, in: chapter) else {
            return altText.isEmpty ? [] : [.text(altText)]
          }
          // An explicit empty alt marks a decorative image: hide it from assistive technology.
          var attributes = [("src", Self.imagesPrefix + resource.fileName), ("alt", altText)]
          if let alt, alt.trimmingCharacters(in: .whitespaces).isEmpty {
            attributes.append(("role", "presentation"))
          }
          return [.el("img", attributes)]
        }
      })
    let renamed = Self.renameIDs(parsed, chapter.rawHTMLIDs)
    var nodes = sanitizer.sanitize(renamed, context: flow ? HTMLSanitizer.Context.flow : .phrasing)
    nodes = Self.identifyHeadings(nodes, chapter: chapter, used: &context.usedRawIDs)
    for case .element(let element) in nodes {
      element.forEachElement { if let id = $0[attribute: "id"] { context.usedRawIDs.insert(id) } }
    }
    for (raw, location) in locations where raw.contains(HTMLFragment.doctype) {
      context.diagnostics.append(
        Diagnostic(
          .warning, .rawHTMLRepaired,
          "raw HTML: removed a <!DOCTYPE> declaration; entities it declares are never expanded",
          at: location))
    }
    for note in sanitizer.notes {
      let location = HTMLSanitizer.locate(note, in: locations) ?? chapter.location
      context.diagnostics.append(
        Diagnostic(.warning, .rawHTMLRepaired, "raw HTML: \(note)", at: location))
    }
    return nodes
  }

  /// Gives raw-HTML ids the names the transform chose for them (`top` → `top-2` when
  /// another chapter has a `top` already).
  static func renameIDs(_ nodes: [XMLNode], _ names: [String: String]) -> [XMLNode] {
    nodes.map { node in
      guard case .element(var element) = node else { return node }
      if let id = element[attribute: "id"], let name = names[id], name != id {
        element[attribute: "id"] = name
      } else if element.name == "a", let id = element[attribute: "name"], let name = names[id],
        name != id
      {
        element[attribute: "name"] = name
      }
      element.children = renameIDs(element.children, names)
      return .element(element)
    }
  }

  /// Gives headings written in raw HTML the id their text's slug has in the chapter's anchors
  /// (the transform reserved it), so `#project-name` links to `<h1>Project Name</h1>` work.
  static func identifyHeadings(_ nodes: [XMLNode], chapter: Chapter, used: inout Set<String>)
    -> [XMLNode]
  {
    nodes.map { node in
      guard case .element(var element) = node else { return node }
      if ContentModel.headings.contains(element.name),
        element[attribute: "id"] == nil,
        let id = chapter.rawHeadingIDs[Slugger.slug(RawHTML.headingText(element))],
        !used.contains(id)
      {
        element[attribute: "id"] = id
        used.insert(id)
      }
      element.children = identifyHeadings(element.children, chapter: chapter, used: &used)
      return .element(element)
    }
  }

}

/// Resolves links written in raw HTML the way Markdown links are resolved, without
/// reporting (the transform already reported them).
enum RawLinkResolution {
  /// `idsInNotes` holds, by chapter path, the ids that stand in notes moved to the Notes
  /// document (`notes: book-end`; empty otherwise).
  static func resolve(
    _ href: String, in chapter: Chapter, chapters: [String: Chapter],
    idsInNotes: [String: Set<String>] = [:]
  ) -> LinkTarget? {
    switch LinkResolver.classify(href) {
    case .external(let url): return .external(url)
    case .unsafe, .invalid: return nil
    case .local(let path, let fragment):
      var target = chapter
      if !path.isEmpty {
        guard let resolved = LinkResolver.resolve(path, relativeTo: chapter.path),
          let other = chapters[resolved]
            ?? chapters[(resolved as NSString).deletingPathExtension + ".md"]
        else { return nil }
        target = other
      }
      guard let fragment, !fragment.isEmpty else {
        return path.isEmpty ? nil : .chapter(id: target.id, fragment: nil)
      }
      if let id = target.anchors[fragment] ?? target.anchors[fragment.lowercased()]
        ?? target.anchors[Slugger.slug(fragment)]
      {
        if idsInNotes[target.path]?.contains(id) == true {
          return .chapter(id: NotePlacement.bookEndDocumentID, fragment: id)
        }
        return .chapter(id: target.id, fragment: id)
      }
      return path.isEmpty ? nil : .chapter(id: target.id, fragment: nil)
    }
  }
}
