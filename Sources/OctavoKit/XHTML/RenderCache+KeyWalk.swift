import Foundation

extension RenderCache {
  /// What a chapter's blocks and notes give its render-cache key (``ChapterKeyWalk``, kept
  /// with the chapter's model).
  typealias KeyWalk = ChapterKeyWalk

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
    // Set while the inlines of the chapter's own blocks are visited (not captions or notes).
    var inChapterInlines = false
    var hasCrossReference = false
    func visit(_ inline: Inline) {
      switch inline.kind {
      case .link(let link) where link.isCrossReference:
        if inChapterInlines { hasCrossReference = true }
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
    for (index, blocks) in blockLists.enumerated() {
      Block.walk(blocks) { block in
        inChapterInlines = index == 0
        Inline.walk(block.inlines, visit)
        inChapterInlines = false
        // Captions are not among a block's inlines, and may link and refer too.
        switch block.kind {
        case .table(let table): Inline.walk(table.caption, visit)
        case .codeBlock(let code): Inline.walk(code.caption, visit)
        default: break
        }
      }
    }
    return KeyWalk(
      digest: SHA1.hash(key.bytes), images: images, hasRawHTML: hasRawHTML,
      hasCrossReference: hasCrossReference)
  }
}
