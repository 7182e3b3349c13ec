/// What a code fence's info string asks for: the language, a listing's label and caption,
/// line numbers and highlighted lines.
///
/// Accepts the spellings authors already write (docs/markup.md, "Code blocks"):
/// - a bare language word: ` ```python `, with anything after a comma ignored (`rust,ignore`);
/// - pandoc attributes: `{.python #lst:id caption="…" .numberLines startFrom="10"}`;
/// - Quarto's `{#lst-id .python lst-cap="…"}` and `{python}`;
/// - attributes after the language without braces, as MkDocs and Docusaurus write them:
///   `python title="x.py" linenums="1" hl_lines="2 4-6"`, `jsx {1,4-6} showLineNumbers`.
///
/// Problems (an option Octavo does not know, a value it cannot read, quotes or braces left
/// open) are collected with their UTF-8 offset in the info string; the rest still applies.
struct FenceInfo: Equatable {
  /// The language named, if any.
  var language: String?
  /// The label (`#lst:id`), without the `#`.
  var label: String?
  /// The caption, as written (inline Markdown).
  var caption: String?
  /// The number of the first line when lines are numbered; nil when they are not.
  var firstLineNumber: Int?
  /// The lines to highlight, counted from the block's first line as 1.
  var highlightedLines: [ClosedRange<Int>] = []
  /// Whether the fence is a raw block for another format (`{=html}`): no language.
  var isRaw = false
  /// Problems found, each with the UTF-8 offset in the info string where it is.
  var problems: [Problem] = []

  /// A problem with an option, and where in the info string it is.
  struct Problem: Equatable {
    var offset: Int
    var message: String
  }

  /// The option names that number lines (a class or a bare word), in lowercase.
  static let numberingNames: Set<String> = [
    "numberlines", "number-lines", "linenos", "linenums", "line-numbers", "linenumbers",
    "shownumbers", "showlinenumbers", "numbered",
  ]
  /// The option names that give the first line's number, in lowercase.
  static let startNames: Set<String> = [
    "startfrom", "start-from", "start", "linenostart", "firstnumber", "first-number",
  ]
  /// The option names that list lines to highlight, in lowercase.
  static let highlightNames: Set<String> = [
    "hl_lines", "hl-lines", "highlight", "highlight-lines", "emphasize-lines", "mark", "lines",
  ]
  /// The option names that give a caption, in lowercase.
  static let captionNames: Set<String> = ["caption", "lst-cap", "title", "filename"]
  /// Option names Octavo reads elsewhere or knowingly ignores (pandoc, Quarto, MkDocs).
  static let ignoredNames: Set<String> = ["label", "lst-label", "class", "style", "data-lang"]

  /// Reads an info string.
  init(parsing info: String) {
    let bytes = Array(info.utf8)
    var reader = Reader(bytes: bytes)
    reader.skipSpaces()
    // A bare first word is the language: `python`, `rust,ignore`, `c++`.
    if let first = reader.peek, first != UInt8(ascii: "{") {
      let start = reader.position
      let word = reader.word(stoppingAt: [UInt8(ascii: ",")])
      if word.contains(UInt8(ascii: "=")) {
        reader.position = start
      } else {
        language = String(decoding: word, as: UTF8.self)
        if reader.peek == UInt8(ascii: ",") {
          // `rust,ignore`, `python,linenums`: the rest of the word are flags.
          reader.position += 1
          let flags = reader.word()
          for flag in flags.split(separator: UInt8(ascii: ",")) {
            let name = String(decoding: flag, as: UTF8.self).lowercased()
            if Self.numberingNames.contains(name) { firstLineNumber = firstLineNumber ?? 1 }
          }
        }
      }
    }
    readAttributes(&reader, braced: false)
  }

  /// Reads attributes until the end (or, in braces, the closing `}`).
  private mutating func readAttributes(_ reader: inout Reader, braced: Bool) {
    while true {
      reader.skipSpaces()
      guard let byte = reader.peek else {
        if braced {
          problems.append(
            Problem(offset: reader.position, message: "the fence's '{' is never closed"))
        }
        return
      }
      let start = reader.position
      switch byte {
      case UInt8(ascii: "}"):
        reader.position += 1
        if braced { return }
        problems.append(Problem(offset: start, message: "a '}' without its '{'"))
      case UInt8(ascii: "{"):
        reader.position += 1
        // `{1,4-6}` after the language highlights lines (Docusaurus, VitePress).
        let save = reader.position
        let inner = reader.word(stoppingAt: [UInt8(ascii: "}")])
        if !inner.isEmpty, reader.peek == UInt8(ascii: "}"),
          inner.allSatisfy({ ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2C || $0 == 0x2D })
        {
          reader.position += 1
          addHighlights(String(decoding: inner, as: UTF8.self), at: save)
        } else {
          reader.position = save
          readAttributes(&reader, braced: true)
        }
      case UInt8(ascii: "."):
        reader.position += 1
        let name = String(decoding: reader.word(), as: UTF8.self)
        if Self.numberingNames.contains(name.lowercased()) {
          firstLineNumber = firstLineNumber ?? 1
        } else if language == nil, !name.isEmpty {
          language = name
        }
      // Other classes are pandoc's own business (extra classes on the block): ignored.
      case UInt8(ascii: "#"):
        reader.position += 1
        let name = String(decoding: reader.word(), as: UTF8.self)
        if name.isEmpty {
          problems.append(Problem(offset: start, message: "a '#' with no label after it"))
        } else if let label {
          problems.append(
            Problem(
              offset: start,
              message: "a code block has one label; '#\(name)' is ignored, '#\(label)' kept"))
        } else {
          label = name
        }
      case UInt8(ascii: "="):
        reader.position += 1
        _ = reader.word()
        if braced, language == nil { isRaw = true }
      default:
        let key = String(decoding: reader.word(stoppingAt: [UInt8(ascii: "=")]), as: UTF8.self)
        var value: String?
        if reader.peek == UInt8(ascii: "=") {
          reader.position += 1
          switch reader.value() {
          case .success(let text): value = text
          case .failure:
            problems.append(
              Problem(offset: start, message: "the value of '\(key)' has no closing quote"))
            return
          }
        }
        apply(key: key, value: value, at: start, braced: braced)
      }
    }
  }

  /// Applies `key` (with `value` when it has one).
  private mutating func apply(key: String, value: String?, at offset: Int, braced: Bool) {
    let name = key.lowercased()
    if value == nil {
      if Self.numberingNames.contains(name) {
        firstLineNumber = firstLineNumber ?? 1
      } else if braced, language == nil, !key.isEmpty {
        language = key  // Quarto's `{python}`
      }
      // Other bare words (`ignore`, `no_run`, `hide`…) are other tools' flags: ignored.
      return
    }
    let value = value ?? ""
    if Self.captionNames.contains(name) {
      caption = value
    } else if Self.highlightNames.contains(name) {
      addHighlights(value, at: offset)
    } else if Self.startNames.contains(name) || Self.numberingNames.contains(name) {
      // `linenums="10"`, `showLineNumbers=3` number lines from that number; `startFrom`
      // alone numbers them too, as in pandoc.
      if Self.numberingNames.contains(name), ["true", "yes", ""].contains(value.lowercased()) {
        firstLineNumber = firstLineNumber ?? 1
      } else if Self.numberingNames.contains(name), ["false", "no"].contains(value.lowercased()) {
        firstLineNumber = nil
      } else if let number = Int(value), number >= 0, number < 1_000_000 {
        firstLineNumber = number
      } else {
        problems.append(
          Problem(
            offset: offset,
            message: "'\(key)' wants the number of the first line, not '\(value)'"))
      }
    } else if name == "id" {
      if label == nil, !value.isEmpty { label = value }
    } else if name == "lang" || name == "language" {
      if language == nil, !value.isEmpty { language = value }
    } else if !Self.ignoredNames.contains(name) {
      problems.append(
        Problem(
          offset: offset,
          message:
            "unknown code block option '\(key)'; it is ignored (Octavo reads caption, startFrom, hl_lines and .numberLines)"
        ))
    }
  }

  /// Adds the lines of a list such as `2 4-6` or `2,4-6`.
  private mutating func addHighlights(_ list: String, at offset: Int) {
    for item in list.split(whereSeparator: { $0 == " " || $0 == "," }) {
      let bounds = item.split(separator: "-", omittingEmptySubsequences: false)
      if bounds.count <= 2, let low = Int(bounds[0]), let high = Int(bounds.last ?? ""),
        low >= 1, high >= low, high < 1_000_000
      {
        highlightedLines.append(low...high)
      } else {
        problems.append(
          Problem(
            offset: offset,
            message:
              "'\(item)' is not a line or a range of lines to highlight (write them as \"2 4-6\")"
          ))
      }
    }
  }
}

/// Reads an info string byte by byte.
private struct Reader {
  let bytes: [UInt8]
  var position = 0

  var peek: UInt8? { position < bytes.count ? bytes[position] : nil }

  mutating func skipSpaces() {
    while let byte = peek, byte == 0x20 || byte == 0x09 { position += 1 }
  }

  /// Bytes up to a space, a brace or one of `stops`.
  mutating func word(stoppingAt stops: [UInt8] = []) -> ArraySlice<UInt8> {
    let start = position
    while let byte = peek, byte != 0x20, byte != 0x09, byte != UInt8(ascii: "}"),
      byte != UInt8(ascii: "{"), !stops.contains(byte)
    {
      position += 1
    }
    return bytes[start..<position]
  }

  struct Unclosed: Error {}

  /// A value after `=`: quoted with `"` or `'` (backslash escapes the quote), or a word.
  mutating func value() -> Result<String, Unclosed> {
    guard let quote = peek, quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") else {
      return .success(String(decoding: word(), as: UTF8.self))
    }
    position += 1
    var text: [UInt8] = []
    while let byte = peek {
      position += 1
      if byte == quote { return .success(String(decoding: text, as: UTF8.self)) }
      if byte == UInt8(ascii: "\\"), let next = peek, next == quote || next == 0x5C {
        text.append(next)
        position += 1
      } else {
        text.append(byte)
      }
    }
    return .failure(Unclosed())
  }
}
