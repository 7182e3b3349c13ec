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
    "fr": Style(openDouble: "«", closeDouble: "»", openSingle: "‘", closeSingle: "’", frenchSpacing: true),
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
  static func apply(to book: inout Book, parallel: Bool = true) {
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
      guard chapter.typography else { return }
      chapter.title = typography.convert(chapter.title)
      chapter.blocks = chapter.blocks.map(typography.convert)
      for note in chapter.footnotes.indices {
        chapter.footnotes[note].blocks = chapter.footnotes[note].blocks.map(typography.convert)
      }
    }
    var next = 0
    for index in book.contents.indices {
      switch book.contents[index] {
      case .chapter:
        book.contents[index] = .chapter(flat[next])
        next += 1
      case .part(var part):
        for chapterIndex in part.chapters.indices {
          part.chapters[chapterIndex] = flat[next]
          next += 1
        }
        book.contents[index] = .part(part)
      }
    }
  }

  func convert(_ block: Block) -> Block {
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
      case .emphasis(let children), .strong(let children), .strikethrough(let children): containsImage(children)
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

  /// The name of the tag `html` opens (`<code class="x">` → `code`) or closes (`</code>` →
  /// `/code`), lowercased.
  static func tagName(_ html: String) -> String? {
    guard html.hasPrefix("<"), !html.hasSuffix("/>") else { return nil }
    let body = html.dropFirst()
    let closing = body.hasPrefix("/")
    let name = (closing ? body.dropFirst() : body).prefix { $0.isLetter || $0.isNumber }.lowercased()
    return name.isEmpty ? nil : (closing ? "/" : "") + name
  }

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
      case .code, .image, .footnoteReference: pieces.append(.fixed("x"))
      case .softBreak, .lineBreak: pieces.append(.fixed(" "))
      case .html(let html):
        if let name = Self.tagName(html) {
          if Self.rawCodeTags.contains(name) { rawCodeDepth += 1 }
          if name.hasPrefix("/"), Self.rawCodeTags.contains(String(name.dropFirst())) {
            rawCodeDepth = max(0, rawCodeDepth - 1)
          }
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
      case .strikethrough(let children): inline.kind = .strikethrough(rebuild(children, from: &texts))
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

  /// Whether `text` holds anything the converter would change: a straight quote, `--`,
  /// `...`, or in French a mark that takes a narrow no-break space. Text without any is
  /// left exactly as it is, so it is not taken apart character by character.
  func mayChange(_ text: String) -> Bool {
    let french = style?.frenchSpacing == true
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in text.utf8 {
      if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'") { return true }
      if byte == UInt8(ascii: "-"), previous == UInt8(ascii: "-") { return true }
      if byte == UInt8(ascii: "."), previous == UInt8(ascii: "."), beforePrevious == UInt8(ascii: ".") { return true }
      if french {
        if byte == UInt8(ascii: ";") || byte == UInt8(ascii: ":") || byte == UInt8(ascii: "!")
          || byte == UInt8(ascii: "?") { return true }
        if previous == 0xC2, byte == 0xAB || byte == 0xBB { return true }  // « »
      }
      beforePrevious = previous
      previous = byte
    }
    return false
  }

  /// Converts the text pieces of a run; returns one string per `.text` piece, in order.
  func convert(_ pieces: [Piece]) -> [String] {
    guard mayChange(pieces) else {
      return pieces.compactMap { piece in
        switch piece {
        case .text(let text), .frozen(let text): text
        case .fixed: nil
        }
      }
    }
    // Every character of the run with the piece it belongs to (nil for fixed ones).
    var characters: [(Character, Int?)] = []
    var frozen: [Int: String] = [:]
    var textIndex = 0
    for piece in pieces {
      switch piece {
      case .text(let text):
        characters += text.map { ($0, textIndex) }
        textIndex += 1
      case .frozen(let text):
        frozen[textIndex] = text
        // Context only: it reads as a word.
        if !text.isEmpty { characters.append(("x", nil)) }
        textIndex += 1
      case .fixed(let character?):
        characters.append((character, nil))
      case .fixed(nil):
        break
      }
    }
    var outputs = (0..<textIndex).map { frozen[$0] ?? "" }
    var previous: Character?
    var openSingles = 0
    var skipSpaces = false
    var index = 0
    func next(_ offset: Int = 1) -> Character? {
      index + offset < characters.count ? characters[index + offset].0 : nil
    }
    func nextIs(_ character: Character, in piece: Int, count: Int) -> Bool {
      (1..<count).allSatisfy { index + $0 < characters.count && characters[index + $0] == (character, piece) }
    }
    while index < characters.count {
      let (character, piece) = characters[index]
      guard let piece else {
        previous = character
        skipSpaces = false
        index += 1
        continue
      }
      var emitted: [Character] = [character]
      var consumed = 1
      let french = style?.frenchSpacing == true
      if skipSpaces, character == " " || character == "\u{00A0}" {
        index += 1
        continue
      }
      skipSpaces = false
      switch character {
      case "-" where nextIs("-", in: piece, count: 3):
        emitted = ["—"]
        consumed = 3
      case "-" where nextIs("-", in: piece, count: 2):
        emitted = ["–"]
        consumed = 2
      case "." where nextIs(".", in: piece, count: 3):
        emitted = ["…"]
        consumed = 3
      case "\"" where style != nil:
        emitted = [Self.opens(after: previous) ? style!.openDouble : style!.closeDouble]
      case "'" where style != nil:
        let nextCharacter = next()
        if Self.opens(after: previous) {
          if nextCharacter?.isNumber == true {
            emitted = [Self.apostrophe]  // ’90s
          } else {
            emitted = [style!.openSingle]
            openSingles += 1
          }
        } else if let nextCharacter, nextCharacter.isLetter, previous?.isLetter == true {
          emitted = [Self.apostrophe]  // don’t
        } else if openSingles > 0 {
          emitted = [style!.closeSingle]
          openSingles -= 1
        } else {
          emitted = [Self.apostrophe]  // the Joneses’
        }
      default: break
      }
      if french, let mark = emitted.first {
        if mark == "«" {
          emitted = ["«", Self.narrowNoBreakSpace]
          skipSpaces = true
        } else if mark == "»" {
          Self.dropTrailingSpaces(&outputs[piece])
          if outputs[piece].last != Self.narrowNoBreakSpace { emitted = [Self.narrowNoBreakSpace, "»"] }
        } else if ";:!?".contains(mark), consumed == 1 {
          let after = next()
          let ends = after == nil || after!.isWhitespace || "»”’)]".contains(after!) || (mark != ":" && "!?".contains(after!))
          if ends, let last = outputs[piece].last, last == " " || last == "\u{00A0}" {
            outputs[piece].removeLast()
            emitted = [Self.narrowNoBreakSpace, mark]
          } else if ends, let previous, !previous.isWhitespace, !";:!?".contains(previous),
                    previous != Self.narrowNoBreakSpace {
            emitted = [Self.narrowNoBreakSpace, mark]
          }
        }
      }
      outputs[piece].append(contentsOf: emitted)
      previous = emitted.last
      index += consumed
    }
    return outputs
  }

  /// Whether a quotation mark after `previous` opens a quotation.
  static func opens(after previous: Character?) -> Bool {
    guard let previous else { return true }
    return previous.isWhitespace || "([{—–-/“‘«„‚\u{202F}".contains(previous)
  }

  static func dropTrailingSpaces(_ text: inout String) {
    while let last = text.last, last == " " || last == "\u{00A0}" { text.removeLast() }
  }
}
