// Temporary: raw HTML is dropped until the sanitizer lands.
extension XHTMLRenderer {
  func renderMixedBlocks(_ blocks: [Block], _ context: inout ChapterContext) -> [XMLNode] {
    blocks.flatMap { block -> [XMLNode] in
      if case .html = block.kind { return [] }
      return renderBlock(block, &context)
    }
  }
  func renderMixedInlines(_ inlines: [Inline], _ context: inout ChapterContext) -> [XMLNode] {
    inlines.flatMap { inline -> [XMLNode] in
      if case .html = inline.kind { return [] }
      return renderInline(inline, &context)
    }
  }
}
