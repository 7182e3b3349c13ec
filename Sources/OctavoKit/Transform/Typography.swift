/// Sets typographic punctuation in the text of a book: quotation marks in the style of the
/// book's language, apostrophes, en and em dashes (`--`, `---`), ellipses (`...`) and, in
/// French, the narrow no-break spaces inside « » and before ; : ! ?.
///
/// Only prose changes: code spans, code blocks, raw HTML blocks and tags, text inside raw
/// `<code>`/`<kbd>`/`<samp>`/`<var>`/`<tt>`/`<pre>`, URLs shown as link text and `book.yaml`
/// values are left as written. Quotation marks are judged across inline
/// boundaries (`"*word*"` gets an opening and a closing mark). Off for the whole book with
/// `typography: false` in `book.yaml`, or for one chapter with it in the front matter.
struct Typography: Sendable {
  /// How a language writes quotation marks.
  struct Style: Sendable {
    var openDouble: Character
    var closeDouble: Character
    var openSingle: Character
    var closeSingle: Character
    /// French spacing: narrow no-break spaces inside guillemets and before ; : ! ?.
    var frenchSpacing = false
  }

  /// The quotation styles Octavo knows, by primary language subtag.
  static let styles: [String: Style] = [
    "en": Style(openDouble: "“", closeDouble: "”", openSingle: "‘", closeSingle: "’"),
    "de": Style(openDouble: "„", closeDouble: "“", openSingle: "‚", closeSingle: "‘"),
    "fr": Style(
      openDouble: "«", closeDouble: "»", openSingle: "‘", closeSingle: "’", frenchSpacing: true),
    "es": Style(openDouble: "«", closeDouble: "»", openSingle: "“", closeSingle: "”"),
    "it": Style(openDouble: "«", closeDouble: "»", openSingle: "“", closeSingle: "”"),
    "nl": Style(openDouble: "“", closeDouble: "”", openSingle: "‘", closeSingle: "’"),
    "pt": Style(openDouble: "“", closeDouble: "”", openSingle: "‘", closeSingle: "’"),
  ]

  static let apostrophe: Character = "’"
  static let narrowNoBreakSpace: Character = "\u{202F}"

  /// The style for `language`, or `nil` when Octavo does not know how it quotes (its
  /// straight quotes are then kept; dashes and ellipses are still set).
  let style: Style?

  init(language: String) {
    let primary = language.split(separator: "-").first.map { $0.lowercased() } ?? ""
    style = Self.styles[primary]
  }

  // MARK: - The book

  /// Sets typographic punctuation in every chapter of `book` that does not turn it off,
  /// each chapter on its own core when `parallel` is true (the result is the same). The
  /// chapters are taken out of the book while they are converted, so none exists twice.
  /// Sets typographic punctuation in `book`'s chapters but those in `skipping` (by path),
  /// whose punctuation is set already (``BookTransformer/typographySet``).
  static func apply(to book: inout Book, parallel: Bool = true, skipping: Set<String> = []) {
    guard book.metadata.typography else { return }
    let typography = Typography(language: book.metadata.language)
    let placeholder = Chapter(id: "", path: "", title: "")
    var flat: [Chapter] = []
    for index in book.contents.indices {
      switch book.contents[index] {
      case .chapter(let chapter):
        flat.append(chapter)
        book.contents[index] = .chapter(placeholder)
      case .part(var part):
        flat += part.chapters
        part.chapters = part.chapters.map { _ in placeholder }
        book.contents[index] = .part(part)
      }
    }
    Parallel.update(&flat, parallel: parallel) { _, chapter in
      guard !skipping.contains(chapter.path) else { return }
      typography.apply(to: &chapter)
    }
    book.replaceChapters(flat)
  }

  /// Sets typographic punctuation in `chapter`, unless its front matter turns it off.
  func apply(to chapter: inout Chapter) {
    guard chapter.typography else { return }
    chapter.title = convert(chapter.title)
    // In place: a chapter of 10,000 notes would otherwise make 10,000 new arrays of blocks.
    for index in chapter.blocks.indices {
      chapter.blocks[index] = convert(chapter.blocks[index])
    }
    for note in chapter.footnotes.indices {
      for index in chapter.footnotes[note].blocks.indices {
        chapter.footnotes[note].blocks[index] = convert(chapter.footnotes[note].blocks[index])
      }
    }
  }

  func convert(_ block: Block) -> Block {
    // A paragraph a summary emptied has no text: kept as it is, not boxed again.
    if case .paragraph(let inlines) = block.kind, inlines.isEmpty { return block }
    var block = block.mapChildBlocks { $0.map(convert) }
    switch block.kind {
    case .paragraph(let inlines): block.kind = .paragraph(convert(inlines))
    case .heading(var heading):
      heading.content = convert(heading.content)
      block.kind = .heading(heading)
    case .table(var table):
      table.header = table.header.map(convert)
      table.rows = table.rows.map { $0.map(convert) }
      block.kind = .table(table)
    case .figure(var image):
      image.alt = convert(image.alt)
      if !image.isDecorative { image.title = image.title.map(convert) }
      block.kind = .figure(image)
    default: break
    }
    return block
  }

  // MARK: - Inlines

  /// A piece of a run of inline content, as the converter sees it.
  enum Piece {
    /// Text that may change.
    case text(String)
    /// Text that stays as written (inside raw `<code>`, `<kbd>`…) but is context for what
    /// follows.
    case frozen(String)
    /// Something that stays as it is but reads as this character (code as a letter, a
    /// line break as a space); `nil` when it does not count (raw HTML tags).
    case fixed(Character?)
  }

  /// Converts a run of inline content (a paragraph's, a heading's, a cell's).
  func convert(_ inlines: [Inline]) -> [Inline] {
    // Most runs have nothing to set: keep them as they are rather than build a copy (a
    // quick look at every text first, frozen or not, then the exact test).
    if !Self.containsImage(inlines), !anyTextMayChange(inlines) { return inlines }
    var pieces: [Piece] = []
    var rawCodeDepth = 0
    flatten(inlines, into: &pieces, rawCodeDepth: &rawCodeDepth)
    if !mayChange(pieces), !Self.containsImage(inlines) { return inlines }
    var converted = convert(pieces)[...]
    return rebuild(inlines, from: &converted)
  }

  /// Whether an image (whose alt text and title are converted on their own) is in `inlines`.
  static func containsImage(_ inlines: [Inline]) -> Bool {
    inlines.contains { inline in
      switch inline.kind {
      case .image: true
      case .emphasis(let children), .strong(let children), .strikethrough(let children):
        containsImage(children)
      case .link(let link): containsImage(link.content)
      default: false
      }
    }
  }

  /// Whether any text in `inlines`, at any depth, holds something that could be set.
  func anyTextMayChange(_ inlines: [Inline]) -> Bool {
    inlines.contains { inline in
      switch inline.kind {
      case .text(let text): mayChange(text)
      case .emphasis(let children), .strong(let children), .strikethrough(let children):
        anyTextMayChange(children)
      case .link(let link): anyTextMayChange(link.content)
      default: false
      }
    }
  }

  /// Whether any text piece of a run holds something to set.
  func mayChange(_ pieces: [Piece]) -> Bool {
    pieces.contains { piece in
      if case .text(let text) = piece { return mayChange(text) }
      return false
    }
  }

  /// Whether a link shows its own address (an autolink), which must stay as written.
  static func showsAddress(_ link: Link) -> Bool {
    let text = Inline.plainText(link.content)
    return text == link.destination || "mailto:" + text == link.destination || text.contains("://")
      || text.hasPrefix("www.")
  }

  /// Raw HTML elements whose text is code, kept as written.
  static let rawCodeTags: Set<String> = ["code", "kbd", "samp", "tt", "var", "pre"]

  private func flatten(_ inlines: [Inline], into pieces: inout [Piece], rawCodeDepth: inout Int) {
    for inline in inlines {
      switch inline.kind {
      case .text(let text): pieces.append(rawCodeDepth > 0 ? .frozen(text) : .text(text))
      case .emphasis(let children), .strong(let children), .strikethrough(let children):
        flatten(children, into: &pieces, rawCodeDepth: &rawCodeDepth)
      case .link(let link):
        if Self.showsAddress(link) {
          pieces.append(.fixed("x"))
        } else {
          flatten(link.content, into: &pieces, rawCodeDepth: &rawCodeDepth)
        }
      case .code, .image, .footnoteReference, .math: pieces.append(.fixed("x"))
      case .softBreak, .lineBreak: pieces.append(.fixed(" "))
      case .html(let html):
        // cmark-gfm gives inline HTML tag by tag: text between `<code>` and `</code>` is kept.
        if let tag = html.tag, !tag.isSelfClosing, Self.rawCodeTags.contains(tag.name) {
          rawCodeDepth = tag.isClosing ? max(0, rawCodeDepth - 1) : rawCodeDepth + 1
        }
        pieces.append(.fixed(nil))
      }
    }
  }

  private func rebuild(_ inlines: [Inline], from texts: inout ArraySlice<String>) -> [Inline] {
    inlines.map { inline in
      var inline = inline
      switch inline.kind {
      case .text: inline.kind = .text(texts.popFirst() ?? "")
      case .emphasis(let children): inline.kind = .emphasis(rebuild(children, from: &texts))
      case .strong(let children): inline.kind = .strong(rebuild(children, from: &texts))
      case .strikethrough(let children):
        inline.kind = .strikethrough(rebuild(children, from: &texts))
      case .link(var link):
        if !Self.showsAddress(link) {
          link.content = rebuild(link.content, from: &texts)
          inline.kind = .link(link)
        }
      case .image(var image):
        image.alt = convert(image.alt)
        if !image.isDecorative { image.title = image.title.map(convert) }
        inline.kind = .image(image)
      default: break
      }
      return inline
    }
  }

  /// Converts a plain string (a chapter title, a caption).
  func convert(_ text: String) -> String { convert([.text(text)]).first ?? text }

  /// Whether `text` holds anything the converter changes: a straight quote, `--`, `...`,
  /// or in French a guillemet or `;` `:` `!` `?`. Text without any comes out as it went in,
  /// so most of a book skips the character-by-character pass.
  func mayChange(_ text: String) -> Bool {
    let french = style?.frenchSpacing == true
    let quotes = style != nil
    return text.withUTF8Buffer { bytes in
      var previous: UInt8 = 0
      var beforePrevious: UInt8 = 0
      var index = 0
      // Outside French, eight bytes at a time while none is a quote, `-` or `.` (most text):
      // only those bytes can answer yes, so the bytes skipped change nothing.
      if !french, let base = bytes.baseAddress, bytes.count >= 8 {
        while index + 8 <= bytes.count {
          let word = ByteWord.load(base + index)
          if ByteWord.holds(word, 0x22) || ByteWord.holds(word, 0x27)
            || ByteWord.holds(word, 0x2D) || ByteWord.holds(word, 0x2E)
          {
            break
          }
          index += 8
        }
        if index >= 2 {
          previous = base[index - 1]
          beforePrevious = base[index - 2]
        }
      }
      while index < bytes.count {
        let byte = bytes[index]
        index += 1
        switch byte {
        case 0x22, 0x27: if quotes { return true }  // " '
        case 0x2D: if previous == 0x2D { return true }  // --
        case 0x2E: if previous == 0x2E && beforePrevious == 0x2E { return true }  // ...
        case 0x3B, 0x3A, 0x21, 0x3F: if french { return true }  // ; : ! ?
        case 0xC2: if french { return true }  // the lead byte of « and »
        default: break
        }
        beforePrevious = previous
        previous = byte
      }
      return false
    }
  }

  /// Converts the text pieces of a run; returns one string per `.text` piece, in order.
  func convert(_ pieces: [Piece]) -> [String] {
    // Every scalar of the run with the piece it belongs to (-1 for fixed ones). Every mark
    // the converter reads or writes is one scalar, so scalars serve, and they are far
    // cheaper than characters.
    var scalars: [Unicode.Scalar] = []
    var owners: [Int] = []
    var frozen: [Int: String] = [:]
    var textIndex = 0
    for piece in pieces {
      switch piece {
      case .text(let text):
        for scalar in text.unicodeScalars {
          scalars.append(scalar)
          owners.append(textIndex)
        }
        textIndex += 1
      case .frozen(let text):
        frozen[textIndex] = text
        // Context only: it reads as a word.
        if !text.isEmpty {
          scalars.append("x")
          owners.append(-1)
        }
        textIndex += 1
      case .fixed(let character?):
        scalars.append(character.unicodeScalars.first ?? "x")
        owners.append(-1)
      case .fixed(nil):
        break
      }
    }
    var outputs = (0..<textIndex).map {
      String.UnicodeScalarView((frozen[$0] ?? "").unicodeScalars)
    }
    let quotes = style.map { style in
      (
        openDouble: Self.scalar(style.openDouble), closeDouble: Self.scalar(style.closeDouble),
        openSingle: Self.scalar(style.openSingle), closeSingle: Self.scalar(style.closeSingle)
      )
    }
    let french = style?.frenchSpacing == true
    let apostrophe = Self.scalar(Self.apostrophe)
    let narrow = Self.scalar(Self.narrowNoBreakSpace)
    var previous: Unicode.Scalar?
    var openSingles = 0
    var skipSpaces = false
    var index = 0
    func next(_ offset: Int = 1) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }
    func nextIs(_ scalar: Unicode.Scalar, in piece: Int, count: Int) -> Bool {
      (1..<count).allSatisfy {
        index + $0 < scalars.count && scalars[index + $0] == scalar && owners[index + $0] == piece
      }
    }
    while index < scalars.count {
      let scalar = scalars[index]
      let piece = owners[index]
      guard piece >= 0 else {
        previous = scalar
        skipSpaces = false
        index += 1
        continue
      }
      if skipSpaces, scalar == " " || scalar == "\u{00A0}" {
        index += 1
        continue
      }
      skipSpaces = false
      // Most scalars are none of the marks below: copy them at once.
      switch scalar {
      case "-", ".", "\"", "'", ";", ":", "!", "?", "«", "»": break
      default:
        outputs[piece].append(scalar)
        previous = scalar
        index += 1
        continue
      }
      var emitted: [Unicode.Scalar] = [scalar]
      var consumed = 1
      switch scalar {
      case "-" where nextIs("-", in: piece, count: 3):
        emitted = ["—"]
        consumed = 3
      case "-" where nextIs("-", in: piece, count: 2):
        emitted = ["–"]
        consumed = 2
      case "." where nextIs(".", in: piece, count: 3):
        emitted = ["…"]
        consumed = 3
      case "\"":
        if let quotes {
          emitted = [Self.opens(after: previous) ? quotes.openDouble : quotes.closeDouble]
        }
      case "'":
        guard let quotes else { break }
        let nextScalar = next()
        if Self.opens(after: previous) {
          if let nextScalar, Self.isNumber(nextScalar) {
            emitted = [apostrophe]  // ’90s
          } else {
            emitted = [quotes.openSingle]
            openSingles += 1
          }
        } else if let nextScalar, Self.isLetter(nextScalar), let previous, Self.isLetter(previous) {
          emitted = [apostrophe]  // don’t
        } else if openSingles > 0 {
          emitted = [quotes.closeSingle]
          openSingles -= 1
        } else {
          emitted = [apostrophe]  // the Joneses’
        }
      default: break
      }
      if french, let mark = emitted.first {
        if mark == "«" {
          emitted = ["«", narrow]
          skipSpaces = true
        } else if mark == "»" {
          Self.dropTrailingSpaces(&outputs[piece])
          if outputs[piece].last != narrow { emitted = [narrow, "»"] }
        } else if ";:!?".unicodeScalars.contains(mark), consumed == 1 {
          let after = next()
          let ends =
            after == nil || after!.properties.isWhitespace
            || "»”’)]".unicodeScalars.contains(after!)
            || (mark != ":" && "!?".unicodeScalars.contains(after!))
          if ends, let last = outputs[piece].last, last == " " || last == "\u{00A0}" {
            outputs[piece].removeLast()
            emitted = [narrow, mark]
          } else if ends, let previous, !previous.properties.isWhitespace,
            !";:!?".unicodeScalars.contains(previous), previous != narrow
          {
            emitted = [narrow, mark]
          }
        }
      }
      outputs[piece].append(contentsOf: emitted)
      previous = emitted.last
      index += consumed
    }
    return outputs.map { String($0) }
  }

  static func scalar(_ character: Character) -> Unicode.Scalar { character.unicodeScalars.first! }

  static func isLetter(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      ? (scalar.value | 0x20 >= 0x61 && scalar.value | 0x20 <= 0x7A)
      : scalar.properties.isAlphabetic
  }

  static func isNumber(_ scalar: Unicode.Scalar) -> Bool {
    scalar.isASCII
      ? (scalar.value >= 0x30 && scalar.value <= 0x39) : scalar.properties.numericType != nil
  }

  /// Whether a quotation mark after `previous` opens a quotation.
  static func opens(after previous: Unicode.Scalar?) -> Bool {
    guard let previous else { return true }
    return previous.properties.isWhitespace
      || "([{—–-/“‘«„‚\u{202F}".unicodeScalars.contains(previous)
  }

  static func dropTrailingSpaces(_ text: inout String.UnicodeScalarView) {
    while let last = text.last, last == " " || last == "\u{00A0}" { text.removeLast() }
  }
}
