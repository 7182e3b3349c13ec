import Foundation

/// Checks that the print edition's faces can set the book: a warning at the first use of
/// each character that none of the body (or code) families has, which would print as an
/// empty box (OCT501), and of bold or italic where the chosen family has no such face,
/// which an engine prints regular or slants by itself (OCT502).
///
/// The families are those the print edition names (``PrintFaces``), looked up through
/// fontconfig (``FontLookup``) as the PDF engines look them up.
struct GlyphCoverageCheck {
  /// Where a character or a style is first used, and in which kind of text.
  struct Uses {
    var text: [Unicode.Scalar: SourceLocation] = [:]
    var code: [Unicode.Scalar: SourceLocation] = [:]
    var styles: [FontLookup.Style: SourceLocation] = [:]
  }

  let book: Book
  /// Each chapter's uses in reading order, when the caller has them already (the build takes
  /// unchanged chapters' from its check cache); `nil` scans every chapter.
  var chapterUses: [Uses]?
  /// Whether chapters are scanned concurrently.
  var parallel = true

  /// The diagnostics, in reading order.
  func diagnostics() -> [Diagnostic] {
    let uses =
      chapterUses?.reduce(into: Uses()) { $0.merge($1) } ?? Self.uses(in: book, parallel: parallel)
    let body = PrintFaces.body(book.metadata.printSettings)
    let asked = Set(uses.text.keys).union(uses.code.keys)
    let families = FontLookup.families(
      Array(Set(body + PrintFaces.monospace)).sorted(), characters: asked)
    guard !families.isEmpty else { return [] }
    let byName = Dictionary(families.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    var diagnostics: [Diagnostic] = []

    func check(
      _ characters: [Unicode.Scalar: SourceLocation], against names: [String], what: String
    ) {
      let installed = names.compactMap { byName[$0] }.filter(\.isInstalled)
      for (scalar, location) in characters.sorted(by: { $0.value < $1.value })
      where !installed.contains(where: { $0.covered.contains(scalar) }) {
        let code = "U+" + String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4)
        diagnostics.append(
          Diagnostic(
            .warning, .glyphMissing,
            "no print face has \(code) '\(scalar)' (\(scalar.properties.name ?? "unnamed")): it prints as an empty box; the \(what) faces are \(installed.map(\.name).joined(separator: ", ")); install a font that has it and name it in print.font-family",
            at: location))
      }
    }
    check(uses.text, against: body, what: "text")
    check(uses.code, against: PrintFaces.monospace, what: "code")

    // The face the text is set in: the first family of the list that is installed.
    if let chosen = body.compactMap({ byName[$0] }).first(where: \.isInstalled) {
      for (style, location) in uses.styles.sorted(by: { $0.value < $1.value })
      where !chosen.styles.contains(style) {
        diagnostics.append(
          Diagnostic(
            .warning, .faceMissing,
            "'\(chosen.name)' has no \(style) face: this \(style) text prints \(style.italic ? "slanted by the engine, or upright" : "regular"); choose a family with \(style) in print.font-family",
            at: location))
      }
    }
    return diagnostics.sorted()
  }

  /// The first use of every character (in text and in code) and of each style in the book:
  /// each chapter scanned on its own (concurrently), then merged in reading order.
  static func uses(in book: Book, parallel: Bool = true) -> Uses {
    var uses = Uses()
    for found in Parallel.map(book.chapters, parallel: parallel, uses(in:)) {
      uses.merge(found)
    }
    return uses
  }

  /// The first use of every character (in text and in code) and of each style in `chapter`.
  @Sendable static func uses(in chapter: Chapter) -> Uses {
    let chapter = chapter.unparked
    var scanner = Scanner()
    scanner.visitBlocks(chapter.blocks)
    for note in chapter.footnotes { scanner.visitBlocks(note.blocks) }
    return scanner.uses
  }

  /// Walks one chapter's text. Most of it is ASCII: an ASCII character is looked up in a
  /// bit set, and Unicode's tables are asked only about a character not seen before.
  private struct Scanner {
    var uses = Uses()
    /// The ASCII characters already noted, in text and in code (bit `n` of word `n / 64`).
    var textASCII: (UInt64, UInt64) = (0, 0)
    var codeASCII: (UInt64, UInt64) = (0, 0)

    mutating func note(_ text: String, at start: SourceLocation, code: Bool) {
      // Read as UTF-8 bytes: an ASCII character is one byte; any other is decoded from its
      // bytes (a String's are valid UTF-8). One column per character, as before.
      text.withUTF8Buffer { bytes in
        // First the run's ASCII start, read into a bit set of its own: when it holds no
        // printable character not noted before (most runs, once a chapter is under way),
        // nothing in it is recorded and the scan below starts after it.
        var low: UInt64 = 0
        var high: UInt64 = 0
        var prefix = 0
        while prefix < bytes.count {
          let byte = bytes[prefix]
          if byte >= 0x80 { break }
          let bit = UInt64(1) << UInt64(byte & 63)
          if byte < 64 { low |= bit } else { high |= bit }
          prefix += 1
        }
        let noted = code ? codeASCII : textASCII
        let fresh =
          (low & ~noted.0 & Self.printableLow) | (high & ~noted.1 & Self.printableHigh)
        var index = fresh == 0 ? prefix : 0
        var column = start.column + index
        while index < bytes.count {
          let lead = bytes[index]
          if lead < 0x80 {
            // Spaces and control characters draw nothing.
            if lead > 0x20, lead != 0x7F,
              code ? Self.insert(lead, into: &codeASCII) : Self.insert(lead, into: &textASCII)
            {
              record(Unicode.Scalar(lead), at: start, column: column, code: code)
            }
            index += 1
            column += 1
            continue
          }
          var value: UInt32
          var count: Int
          if lead < 0xE0 {
            (value, count) = (UInt32(lead & 0x1F), 2)
          } else if lead < 0xF0 {
            (value, count) = (UInt32(lead & 0x0F), 3)
          } else {
            (value, count) = (UInt32(lead & 0x07), 4)
          }
          for offset in 1..<count { value = value << 6 | UInt32(bytes[index + offset] & 0x3F) }
          if let scalar = Unicode.Scalar(value),
            (code ? uses.code[scalar] : uses.text[scalar]) == nil,
            // Spaces and invisible format characters draw nothing.
            !(scalar.properties.isWhitespace || scalar.properties.isDefaultIgnorableCodePoint
              || scalar.properties.generalCategory == .control)
          {
            record(scalar, at: start, column: column, code: code)
          }
          index += count
          column += 1
        }
      }
    }

    /// The printable ASCII characters (0x21 to 0x7E) in the two words of a bit set.
    private static let printableLow = ~UInt64(0) << 33
    private static let printableHigh = ~UInt64(0) >> 1

    /// Sets the bit of the ASCII character `byte` in `bits`; whether it was not set before.
    @inline(__always)
    private static func insert(_ byte: UInt8, into bits: inout (UInt64, UInt64)) -> Bool {
      let bit = UInt64(1) << UInt64(byte & 63)
      if byte < 64 {
        if bits.0 & bit != 0 { return false }
        bits.0 |= bit
      } else {
        if bits.1 & bit != 0 { return false }
        bits.1 |= bit
      }
      return true
    }

    /// Records the first use of `scalar`, at `column` of the line `start` is on.
    private mutating func record(
      _ scalar: Unicode.Scalar, at start: SourceLocation, column: Int, code: Bool
    ) {
      var location = start
      location.column = column
      if code {
        if uses.code[scalar] == nil { uses.code[scalar] = location }
      } else if uses.text[scalar] == nil {
        uses.text[scalar] = location
      }
    }

    mutating func style(_ style: FontLookup.Style, at location: SourceLocation) {
      if let known = uses.styles[style], known <= location { return }
      uses.styles[style] = location
    }

    mutating func visit(_ inlines: [Inline], bold: Bool, italic: Bool) {
      for inline in inlines {
        switch inline.kind {
        case .text(let text):
          note(text, at: inline.range.start, code: false)
          if bold || italic {
            style(FontLookup.Style(bold: bold, italic: italic), at: inline.range.start)
          }
        case .code(let text):
          note(text, at: inline.range.start, code: true)
        case .strong(let children):
          visit(children, bold: true, italic: italic)
        case .emphasis(let children):
          visit(children, bold: bold, italic: true)
        default:
          visit(inline.children, bold: bold, italic: italic)
        }
      }
    }

    mutating func visitBlocks(_ blocks: [Block]) {
      Block.walk(blocks) { block in
        switch block.kind {
        case .codeBlock(let code):
          // The code starts on the line after the opening fence.
          var line = block.range.start.line + 1
          for text in code.code.split(separator: "\n", omittingEmptySubsequences: false) {
            note(
              String(text), at: SourceLocation(file: block.range.start.file, line: line, column: 1),
              code: true)
            line += 1
          }
        case .heading(let heading):
          // Headings are set in bold (levels 1 to 4).
          visit(heading.content, bold: heading.level <= 4, italic: heading.level == 5)
        case .table(let table):
          for cell in table.header { visit(cell, bold: true, italic: false) }
          for row in table.rows { for cell in row { visit(cell, bold: false, italic: false) } }
        case .figure(let image):
          // Captions are italic.
          if let title = image.title { note(title, at: block.range.start, code: false) }
        default:
          visit(block.inlines, bold: false, italic: false)
        }
      }
    }
  }
}

extension GlyphCoverageCheck.Uses {
  /// Adds the uses of a chapter that comes after those already here: a character keeps its
  /// first use, a style its earliest.
  mutating func merge(_ later: Self) {
    text.merge(later.text) { first, _ in first }
    code.merge(later.code) { first, _ in first }
    for (style, location) in later.styles {
      if let known = styles[style], known <= location { continue }
      styles[style] = location
    }
  }
}

extension String {
  fileprivate func leftPadded(to width: Int) -> String {
    count >= width ? self : String(repeating: "0", count: width - count) + self
  }
}
