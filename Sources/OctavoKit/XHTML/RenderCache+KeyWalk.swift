import Foundation

extension RenderCache {
  /// What a chapter's blocks and notes give its render-cache key
  /// (``BookContext/key(for:firstBody:)``): a digest of each heading's id, each label's
  /// number, each formula's number, each link's target (and a reference's words), each
  /// image's target with the images named by their order of first use, and the images'
  /// indices in that order (whose names, types and bytes the key adds from the book).
  ///
  /// Naming images by their order of first use makes the digest the same before and after
  /// the book's images are numbered (``BookTransformer/resolveChapters(chapters:)``), so
  /// the record of resolving a chapter (``ResolveRecord``), made once its typographic
  /// punctuation is set, keeps it and a rebuild does not walk the chapter again: nothing
  /// the walk reads changes after that (the math pass sets formulas' MathML).
  struct KeyWalk: Sendable, Equatable {
    /// The digest of what the walk found.
    var digest: [UInt8]
    /// The book's (or, in a record, the chapter's) image indices in order of first use.
    var images: [Int]
    /// Whether the chapter holds raw HTML (which may name any chapter's ids and images).
    var hasRawHTML: Bool

    /// The walk with its image indices replaced by `map`'s entries.
    func renumbered(_ map: [Int]) -> KeyWalk {
      var walk = self
      walk.images = images.map { $0 < map.count ? map[$0] : $0 }
      return walk
    }
  }

  /// The walk of `chapter` (``KeyWalk``).
  static func keyWalk(of chapter: Chapter) -> KeyWalk {
    var key = KeyBuilder()
    // The chapter's blocks, then its notes' (walked where they are, not joined first).
    let blockLists = [chapter.blocks] + chapter.footnotes.map(\.blocks)
    var hasRawHTML = false
    var images: [Int] = []
    // Numbers of figures, tables, listings and equations move with every labelled element
    // of earlier chapters (`numbering: book`); the words of a reference ("Figure 3") with
    // them.
    func add(_ numbering: NumberedLabel?) {
      guard let numbering else { return }
      key.add("n \(numbering.id) \(numbering.number) \(numbering.title)")
    }
    for blocks in blockLists {
      Block.walk(blocks) { block in
        switch block.kind {
        case .heading(let heading): key.add(joining: "h#", heading.id)
        case .html: hasRawHTML = true
        case .figure(let image): add(image.numbering)
        case .table(let table): add(table.numbering)
        case .codeBlock(let code): add(code.numbering)
        case .math(let formula): key.add("eq " + (formula.number ?? "-"))
        default: break
        }
      }
    }
    func visit(_ inline: Inline) {
      switch inline.kind {
      case .link(let link) where link.isCrossReference:
        key.add(link.target, text: Inline.plainText(link.content))
      case .math(let formula): key.add("eq " + (formula.number ?? "-"))
      case .link(let link): key.add(link.target)
      case .image(let image):
        switch image.target {
        case .resource(let index):
          if let order = images.firstIndex(of: index) {
            key.add("image #\(order)")
          } else {
            key.add("image #\(images.count)")
            images.append(index)
          }
        case .remote(let url): key.add("remote " + url)
        case .none: key.add("none")
        case .unresolved: key.add("unresolved")
        }
      case .html: hasRawHTML = true
      default: break
      }
    }
    for blocks in blockLists {
      Block.walk(blocks) { block in
        Inline.walk(block.inlines, visit)
        // Captions are not among a block's inlines, and may link and refer too.
        switch block.kind {
        case .table(let table): Inline.walk(table.caption, visit)
        case .codeBlock(let code): Inline.walk(code.caption, visit)
        default: break
        }
      }
    }
    return KeyWalk(digest: SHA1.hash(key.bytes), images: images, hasRawHTML: hasRawHTML)
  }
}
