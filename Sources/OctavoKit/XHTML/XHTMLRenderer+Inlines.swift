import Foundation

/// Inlines: text, emphasis, links, images and note calls, rendered into a chapter's document.
extension XHTMLRenderer {
  func renderInlines(_ inlines: [Inline], _ context: inout ChapterContext) -> [XMLNode] {
    if inlines.contains(where: { if case .html = $0.kind { true } else { false } }) {
      return renderMixedInlines(inlines, &context)
    }
    // Text and soft breaks, most of the inlines, are appended as they are: no array is made
    // for each of them (renderInline renders them the same way).
    var nodes: [XMLNode] = []
    nodes.reserveCapacity(inlines.count)
    for inline in inlines {
      switch inline.kind {
      case .text(let text): nodes.append(.text(text))
      case .softBreak: nodes.append(.text("\n"))
      default: nodes.append(contentsOf: renderInline(inline, &context))
      }
    }
    return nodes
  }

  func renderInline(_ inline: Inline, _ context: inout ChapterContext) -> [XMLNode] {
    switch inline.kind {
    case .text(let text): return [.text(text)]
    case .emphasis(let children): return [.el("em", [], renderInlines(children, &context))]
    case .strong(let children): return [.el("strong", [], renderInlines(children, &context))]
    case .strikethrough(let children): return [.el("del", [], renderInlines(children, &context))]
    case .code(let code): return [.el("code", [], [.text(code)])]
    case .math(let formula): return renderInlineFormula(formula)
    case .softBreak: return [.text("\n")]
    case .lineBreak: return [.el("br"), .text("\n")]
    case .html: return renderMixedInlines([inline], &context)
    case .link(let link):
      // A remote image or a link written in raw HTML must not put a link inside this one.
      let content = ContentModel.fit(
        renderInlines(link.content, &context), phrasing: true,
        insideAnchor: true)
      guard let href = href(for: link.target, inDocument: context.documentID) else {
        return content
      }
      var attributes = [("href", href)]
      if link.isCrossReference { attributes.append(("class", "xref")) }
      if let title = link.title, !title.isEmpty { attributes.append(("title", title)) }
      return [.el("a", attributes, content)]
    case .image(let image):
      return renderImage(image)
    case .footnoteReference(let label, let occurrence):
      guard let note = context.notes[label] else {
        return [.text("[^\(label)]")]
      }
      let chapterID = context.chapter.id
      let id =
        occurrence == 1
        ? "\(chapterID)-fnref-\(note.number)" : "\(chapterID)-fnref-\(note.number)-\(occurrence)"
      let notesDocument =
        book.metadata.notes == .bookEnd ? Self.fileName(forDocument: Self.notesDocumentID) : ""
      return [
        .el(
          "a",
          [
            ("id", id), ("class", "noteref"),
            ("href", "\(notesDocument)#\(chapterID)-fn-\(note.number)"),
            ("epub:type", "noteref"), ("role", "doc-noteref"),
          ], [.text(String(note.number))])
      ]
    }
  }

  /// The href a link target gets in a content document, or `nil` when it is shown as text.
  func href(for target: LinkTarget, inDocument documentID: String) -> String? {
    switch target {
    case .external(let url): return url
    case .chapter(let id, let fragment):
      if id == documentID { return "#" + (fragment ?? id) }
      return Self.fileName(forDocument: id) + (fragment.map { "#" + $0 } ?? "")
    case .none, .unresolved: return nil
    }
  }

  func renderImage(_ image: Image) -> [XMLNode] {
    let alt = image.isDecorative ? "" : image.altText
    switch image.target {
    case .resource(let index) where index < book.images.count && book.images[index].isPlaceholder:
      // A draft's stand-in: the alt text says what is missing.
      let source = book.images[index].missingSource ?? ""
      let said = alt.isEmpty ? "" : " (\(alt))"
      return [
        .el(
          "img",
          [
            ("src", Self.imagesPrefix + book.images[index].fileName),
            ("alt", "Missing image: \(source)\(said)"), ("class", "missing-image"),
          ])
      ]
    case .resource(let index) where index < book.images.count:
      var attributes = [("src", Self.imagesPrefix + book.images[index].fileName), ("alt", alt)]
      if image.isDecorative {
        attributes.append(("role", "presentation"))
      } else if let title = image.title, !title.isEmpty {
        attributes.append(("title", title))
      }
      return [.el("img", attributes)]
    case .remote(let url):
      return [Self.remoteImageLink(url: url, alt: alt)]
    default:
      return alt.isEmpty ? [] : [.el("span", [("class", "missing-image")], [.text(alt)])]
    }
  }

  /// A remote image, never fetched: its alt text linked to it.
  static func remoteImageLink(url: String, alt: String) -> XMLNode {
    .el("a", [("class", "remote-image"), ("href", url)], [.text(alt.isEmpty ? "[image]" : alt)])
  }

  /// Elements that end a paragraph when they start inside one (``ContentModel``).
  static var blockTags: Set<String> { ContentModel.paragraphClosers }

  /// Whether a piece of inline raw HTML opens a block-level element.
  static func opensBlock(_ tag: RawHTML.Tag?) -> Bool {
    guard let tag, !tag.isClosing else { return false }
    return blockTags.contains(tag.name)
  }

  /// The image resource a raw HTML `src` names, relative to `chapter`.
  func imageResource(forSource source: String, in chapter: Chapter) -> ImageResource? {
    guard case .local(let path, _) = LinkResolver.classify(source),
      let resolved = LinkResolver.resolve(path, relativeTo: chapter.path)
    else { return nil }
    return imagesByPath[resolved]
  }
}
