/// Sets typographic punctuation in the text of a book: quotation marks in the style of the
/// book's language, apostrophes, en and em dashes (`--`, `---`), ellipses (`...`) and, in
/// French, the narrow no-break spaces inside « » and before ; : ! ?.
///
/// Only prose changes: code spans, code blocks, raw HTML blocks and tags, text inside raw
/// `<code>`/`<kbd>`/`<samp>`/`<var>`/`<tt>`/`<pre>`, URLs shown as link text and `book.yaml`
/// values are left as written. Quotation marks are judged across inline
/// boundaries (`"*word*"` gets an opening and a closing mark). Off for the whole book with
/// `typography: false` in `book.yaml`, or for one chapter with it in the front matter.
struct Typography {
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

  /// The book with typographic punctuation in every chapter that does not turn it off.
  static func apply(to book: Book) -> Book {
    guard book.metadata.typography else { return book }
    let typography = Typography(language: book.metadata.language)
    var book = book
    func convert(_ chapter: Chapter) -> Chapter {
      guard chapter.typography else { return chapter }
      var chapter = chapter
      chapter.title = typography.convert(chapter.title)
      chapter.blocks = chapter.blocks.map(typography.convert)
      chapter.footnotes = chapter.footnotes.map { note in
        var note = note
        note.blocks = note.blocks.map(typography.convert)
        return note
      }
      return chapter
    }
    book.contents = book.contents.map { entry in
      switch entry {
      case .chapter(let chapter): return .chapter(convert(chapter))
      case .part(var part):
        part.chapters = part.chapters.map(convert)
        return .part(part)
      }
    }
    return book
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
    var pieces: [Piece] = []
    var rawCodeDepth = 0
    flatten(inlines, into: &pieces, rawCodeDepth: &rawCodeDepth)
    var converted = convert(pieces)[...]
    return rebuild(inlines, from: &converted)
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

  /// Converts the text pieces of a run; returns one string per `.text` piece, in order.
  func convert(_ pieces: [Piece]) -> [String] {
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
