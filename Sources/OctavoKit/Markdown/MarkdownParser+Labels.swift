/// Labels for cross-references written the ways pandoc-crossref and Quarto read them: an
/// attribute block after a figure's image (`![Caption](a.png){#fig:id}`), and a caption
/// paragraph next to a table (`Table: Caption {#tbl:id}`, `: Caption {#tbl:id}`) or a code
/// block (`Listing: Caption {#lst:id}`). Headings take `{#sec:id}` as any explicit id.
extension MarkdownParser {
  /// Whether `text` may hold a label or a caption line: a `{#`, or a line that starts with
  /// `:`, `Table:` or `Listing:` (either case). Read as bytes, so a chapter without any is
  /// not walked again.
  static func mayHaveLabels(_ text: String) -> Bool {
    text.withUTF8Buffer(mayHaveLabels)
  }

  /// ``mayHaveLabels(_:)`` on the UTF-8 bytes. A line's first eight bytes are kept, lower
  /// case (ASCII letters only: no other character lower-cases to the letters of `table` or
  /// `listing`), in one word.
  static func mayHaveLabels(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    let table = word("table:")
    let listing = word("listing:")
    var previous: UInt8 = UInt8(ascii: "\n")
    var lineStart = true
    var line: UInt64 = 0
    var lineCount = 0
    guard let base = bytes.baseAddress else { return false }
    var index = 0
    while index < bytes.count {
      // Past a line's start only `{#` and the line feed matter: eight bytes at a time while
      // they hold neither `#` nor a line feed.
      if !lineStart {
        let start = index
        while index + 8 <= bytes.count {
          let eight = ByteWord.load(base + index)
          if ByteWord.holds(eight, UInt8(ascii: "#")) || ByteWord.holds(eight, 0x0A) { break }
          index += 8
        }
        if index != start { previous = base[index - 1] }
        if index >= bytes.count { break }
      }
      let byte = base[index]
      index += 1
      if byte == UInt8(ascii: "#"), previous == UInt8(ascii: "{") { return true }
      if lineStart {
        if byte == UInt8(ascii: ":") && lineCount == 0 { return true }
        if byte == UInt8(ascii: "\n") {
          line = 0
          lineCount = 0
        } else if lineCount < 8 {
          let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
          line |= UInt64(lower) << UInt64(8 * lineCount)
          lineCount += 1
          if byte == UInt8(ascii: ":") {
            if (lineCount == 6 && line == table) || (lineCount == 8 && line == listing) {
              return true
            }
          }
        } else {
          lineStart = false
        }
      }
      if byte == UInt8(ascii: "\n") {
        lineStart = true
        line = 0
        lineCount = 0
      }
      previous = byte
    }
    return false
  }

  /// Up to eight ASCII bytes in one word, the first in the lowest byte.
  private static func word(_ text: StaticString) -> UInt64 {
    var value: UInt64 = 0
    for index in 0..<min(text.utf8CodeUnitCount, 8) {
      value |= UInt64(text.utf8Start[index]) << UInt64(8 * index)
    }
    return value
  }

  /// `blocks` with labels and captions attached, at any depth.
  static func attachLabels(_ blocks: [Block]) -> [Block] {
    var result: [Block] = []
    result.reserveCapacity(blocks.count)
    var index = 0
    while index < blocks.count {
      var block = blocks[index].mapChildBlocks { attachLabels($0) }
      index += 1
      switch block.kind {
      case .paragraph(let inlines):
        if let image = labelledFigure(inlines) { block.kind = .figure(image) }
      case .table(var table):
        // The caption after the table (pandoc-crossref's habit), else the one before it.
        if let next = index < blocks.count ? blocks[index] : nil,
          let (caption, label) = captionParagraph(next, prefixes: ["Table:", "table:", ":"])
        {
          (table.caption, table.label) = (caption, label)
          block.range.end = next.range.end
          index += 1
        } else if let previous = result.last,
          let (caption, label) = captionParagraph(previous, prefixes: ["Table:", "table:", ":"])
        {
          (table.caption, table.label) = (caption, label)
          block.range.start = previous.range.start
          result.removeLast()
        }
        block.kind = .table(table)
      case .codeBlock(var code) where code.label == nil && code.caption.isEmpty:
        if let previous = result.last,
          let (caption, label) = captionParagraph(previous, prefixes: ["Listing:", "listing:"])
        {
          (code.caption, code.label) = (caption, label)
          block.range.start = previous.range.start
          result.removeLast()
        } else if let next = index < blocks.count ? blocks[index] : nil,
          let (caption, label) = captionParagraph(next, prefixes: ["Listing:", "listing:"])
        {
          (code.caption, code.label) = (caption, label)
          block.range.end = next.range.end
          index += 1
        }
        block.kind = .codeBlock(code)
      default: break
      }
      result.append(block)
    }
    return result
  }

  /// The figure an image followed by a label makes (`![Caption](a.png){#fig:id}`), when the
  /// paragraph holds nothing else.
  static func labelledFigure(_ inlines: [Inline]) -> Image? {
    guard inlines.count == 2, case .image(var image) = inlines[0].kind,
      case .text(let text) = inlines[1].kind,
      let (before, id) = trailingAttributes(text), before.isEmpty, let id,
      LabelKind(label: id) != nil
    else { return nil }
    image.label = id
    return image
  }

  /// The caption and label of a caption paragraph that starts with one of `prefixes`
  /// (`Table: Caption {#tbl:id}`); nil when `block` is no such paragraph.
  static func captionParagraph(_ block: Block, prefixes: [String]) -> ([Inline], String?)? {
    guard case .paragraph(var inlines) = block.kind, let first = inlines.first,
      case .text(let text) = first.kind,
      let prefix = prefixes.first(where: { text.hasPrefix($0) })
    else { return nil }
    let rest = text.dropFirst(prefix.count)
    // `:` alone must be followed by a space (`: Caption`), not start a word.
    guard prefix != ":" || rest.first == " " else { return nil }
    let trimmed = String(rest.drop { $0 == " " })
    if trimmed.isEmpty {
      inlines.removeFirst()
    } else {
      inlines[0].kind = .text(trimmed)
    }
    var label: String?
    if let last = inlines.last, case .text(let text) = last.kind,
      let (before, id) = trailingAttributes(text)
    {
      label = id
      if before.isEmpty {
        inlines.removeLast()
      } else {
        inlines[inlines.count - 1].kind = .text(before)
      }
    }
    while let last = inlines.last, case .softBreak = last.kind { inlines.removeLast() }
    return (inlines, label)
  }

  /// Splits an attribute block off the end of `text` (`Caption {#tbl:id .class key=value}`):
  /// the text before it, without trailing spaces, and the id it names; nil when `text` does
  /// not end in an attribute block.
  static func trailingAttributes(_ text: String) -> (before: String, id: String?)? {
    var trimmed = Substring(text)
    while let last = trimmed.last, last == " " || last == "\t" { trimmed.removeLast() }
    guard trimmed.hasSuffix("}"), let open = trimmed.lastIndex(of: "{") else { return nil }
    let inside = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
    let tokens = inside.split(whereSeparator: { $0 == " " || $0 == "\t" })
    guard !tokens.isEmpty,
      tokens.allSatisfy({ token in
        token == "-" || (token.count > 1 && (token.hasPrefix("#") || token.hasPrefix(".")))
          || (token.contains("=") && !token.hasPrefix("="))
      })
    else { return nil }
    let ids = tokens.filter { $0.hasPrefix("#") }.map { String($0.dropFirst()) }
    guard ids.count <= 1 else { return nil }
    var before = trimmed[..<open]
    while let last = before.last, last == " " || last == "\t" { before.removeLast() }
    return (String(before), ids.first)
  }
}
