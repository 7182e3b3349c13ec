import Foundation

/// Reads the part of TOML that mdBook's `book.toml` needs: `[table]` headers, `key = value`
/// lines (dotted keys too) whose values are strings (basic, literal and multi-line),
/// booleans, integers and arrays of these (over several lines too), and `#` comments.
///
/// Values of any other kind (dates, inline tables, arrays of tables) are skipped with a
/// diagnostic when they sit in a table the caller reads (`wanted`), silently elsewhere:
/// mdBook's `[output.html]` and `[preprocessor.*]` tables mean nothing to Octavo.
struct TOMLSubset {
  /// A value read.
  enum Value: Equatable {
    case string(String)
    case bool(Bool)
    case integer(Int)
    case array([Value])

    /// The value as a string, when it is one.
    var string: String? {
      if case .string(let text) = self { return text }
      return nil
    }

    /// The value as a list of strings: an array of strings, or one string.
    var strings: [String]? {
      switch self {
      case .string(let text): [text]
      case .array(let items): items.compactMap(\.string)
      default: nil
      }
    }
  }

  /// Every value read, by full dotted key (`book.title`), with the line it is on.
  private(set) var values: [String: (value: Value, line: Int)] = [:]
  /// Problems with lines in wanted tables.
  private(set) var diagnostics: [Diagnostic] = []

  /// The value of `key` (`book.title`), if read.
  subscript(key: String) -> Value? { values[key]?.value }

  /// Reads `text`; `file` names it in diagnostics; values are kept and problems reported for
  /// keys in the tables `wanted` (and at the top level).
  init(_ text: String, file: String, wanted: Set<String>) {
    var scanner = Scanner(Array(text.unicodeScalars))
    var table = ""
    while !scanner.atEnd {
      scanner.skipBlanks()
      let line = scanner.line
      let column = scanner.column
      guard let character = scanner.peek else { break }
      if character == "\n" || character == "#" {
        scanner.skipLine()
        continue
      }
      let reads = table.isEmpty || wanted.contains(table)
      func problem(_ message: String) {
        guard reads else { return }
        diagnostics.append(
          Diagnostic(
            .warning, .importConfiguration, message,
            at: SourceLocation(file: file, line: line, column: column)))
      }
      if character == "[" {
        // A table header, `[book]` or `[[array.of.tables]]`.
        let header = scanner.restOfLine()
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        let name =
          trimmed.split(separator: "#", maxSplits: 1).first.map {
            $0.trimmingCharacters(in: .whitespaces)
          } ?? ""
        if name.hasPrefix("[["), name.hasSuffix("]]") {
          table =
            "[[" + String(name.dropFirst(2).dropLast(2)).trimmingCharacters(in: .whitespaces) + "]]"
        } else if name.hasPrefix("["), name.hasSuffix("]") {
          table = String(name.dropFirst().dropLast()).trimmingCharacters(in: .whitespaces)
            .replacingOccurrences(of: "\"", with: "")
        } else {
          problem("'\(trimmed)' is not a table header")
        }
        continue
      }
      guard let key = scanner.key() else {
        problem("a line that is not `key = value`; it is left out")
        scanner.skipLine()
        continue
      }
      scanner.skipBlanks()
      guard scanner.peek == "=" else {
        problem("'\(key)' has no `= value`; it is left out")
        scanner.skipLine()
        continue
      }
      scanner.advance()
      scanner.skipBlanks()
      let fullKey = table.isEmpty ? key : table + "." + key
      let keyTable = fullKey.split(separator: ".").dropLast().joined(separator: ".")
      let wantedKey = wanted.contains(keyTable) || keyTable.isEmpty
      // A value that fails to read is skipped to the end of its own line, not beyond.
      var lineStart = scanner
      while let next = lineStart.peek, next != "\n" { lineStart.advance() }
      do {
        let value = try scanner.value()
        if wantedKey { values[fullKey] = (value, line) }
        scanner.skipBlanks()
        if let next = scanner.peek, next != "\n", next != "#" {
          throw TOMLError.message("text after the value of '\(key)'")
        }
        scanner.skipLine()
      } catch TOMLError.message(let message) {
        if wantedKey {
          diagnostics.append(
            Diagnostic(
              .warning, .importConfiguration, "\(message); '\(key)' is left out",
              at: SourceLocation(file: file, line: line, column: column)))
        }
        if scanner.line > line { scanner = lineStart }
        scanner.skipLine()
      } catch {
        scanner = lineStart
        scanner.skipLine()
      }
    }
  }

  enum TOMLError: Error {
    case message(String)
  }

  /// A position in the text, with line and column.
  struct Scanner {
    let scalars: [Unicode.Scalar]
    var index = 0
    var line = 1
    var column = 1

    init(_ scalars: [Unicode.Scalar]) { self.scalars = scalars }

    var atEnd: Bool { index >= scalars.count }
    var peek: Unicode.Scalar? { index < scalars.count ? scalars[index] : nil }

    func peek(_ offset: Int) -> Unicode.Scalar? {
      index + offset < scalars.count ? scalars[index + offset] : nil
    }

    mutating func advance() {
      guard index < scalars.count else { return }
      if scalars[index] == "\n" {
        line += 1
        column = 1
      } else {
        column += 1
      }
      index += 1
    }

    mutating func skipBlanks() {
      while let character = peek, character == " " || character == "\t" || character == "\r" {
        advance()
      }
    }

    /// Skips to the start of the next line.
    mutating func skipLine() {
      while let character = peek, character != "\n" { advance() }
      advance()
    }

    /// The rest of the line, which is consumed with its end.
    mutating func restOfLine() -> String {
      var text = String.UnicodeScalarView()
      while let character = peek, character != "\n" {
        text.append(character)
        advance()
      }
      advance()
      return String(text)
    }

    /// Skips blanks, line ends and comments (inside an array).
    mutating func skipSpaceAndComments() {
      while let character = peek {
        if character == " " || character == "\t" || character == "\r" || character == "\n" {
          advance()
        } else if character == "#" {
          while let next = peek, next != "\n" { advance() }
        } else {
          return
        }
      }
    }

    /// A key: bare (`title`, `build-dir`), quoted, or dotted.
    mutating func key() -> String? {
      var parts: [String] = []
      while true {
        skipBlanks()
        if peek == "\"" || peek == "'" {
          guard let part = try? simpleString() else { return nil }
          parts.append(part)
        } else {
          var bare = String.UnicodeScalarView()
          while let character = peek,
            CharacterSet.alphanumerics.contains(character) || character == "-" || character == "_"
          {
            bare.append(character)
            advance()
          }
          guard !bare.isEmpty else { return nil }
          parts.append(String(bare))
        }
        skipBlanks()
        guard peek == "." else { break }
        advance()
      }
      return parts.joined(separator: ".")
    }

    /// A value: string, boolean, integer or array.
    mutating func value() throws -> Value {
      guard let character = peek else { throw TOMLError.message("no value") }
      switch character {
      case "\"", "'":
        return .string(try string())
      case "[":
        advance()
        var items: [Value] = []
        while true {
          skipSpaceAndComments()
          if peek == "]" {
            advance()
            return .array(items)
          }
          items.append(try value())
          skipSpaceAndComments()
          if peek == "," {
            advance()
          } else if peek == "]" {
            continue
          } else {
            throw TOMLError.message("an array that is not closed")
          }
        }
      case "t", "f":
        var word = String.UnicodeScalarView()
        while let next = peek, CharacterSet.letters.contains(next) {
          word.append(next)
          advance()
        }
        switch String(word) {
        case "true": return .bool(true)
        case "false": return .bool(false)
        default: throw TOMLError.message("'\(String(word))' is not a value Octavo reads")
        }
      default:
        var digits = String.UnicodeScalarView()
        while let next = peek,
          CharacterSet.decimalDigits.contains(next) || next == "-" || next == "+" || next == "_"
        {
          if next != "_" { digits.append(next) }
          advance()
        }
        if let number = Int(String(digits)),
          peek.map({ $0 == " " || $0 == "\n" || $0 == "," || $0 == "]" || $0 == "#" || $0 == "\r" })
            ?? true
        {
          return .integer(number)
        }
        throw TOMLError.message(
          "a value of a kind Octavo does not read (only strings, booleans, integers and arrays)")
      }
    }

    /// A string of any of TOML's four kinds.
    mutating func string() throws -> String {
      let quote = peek!
      if peek(1) == quote, peek(2) == quote {
        advance()
        advance()
        advance()
        // A newline right after the opening quotes is not part of the string.
        if peek == "\r" { advance() }
        if peek == "\n" { advance() }
        var text = String.UnicodeScalarView()
        while true {
          guard let character = peek else {
            throw TOMLError.message("a multi-line string that is not closed")
          }
          if character == quote, peek(1) == quote, peek(2) == quote {
            advance()
            advance()
            advance()
            return String(text)
          }
          if quote == "\"", character == "\\" {
            advance()
            if let next = peek, next == "\n" || next == " " || next == "\r" {
              // A line-ending backslash joins the lines.
              skipSpaceAndComments()
              continue
            }
            text.append(try escape())
            continue
          }
          text.append(character)
          advance()
        }
      }
      return try simpleString()
    }

    /// A one-line basic (`"…"`) or literal (`'…'`) string.
    mutating func simpleString() throws -> String {
      let quote = peek!
      advance()
      var text = String.UnicodeScalarView()
      while true {
        guard let character = peek, character != "\n" else {
          throw TOMLError.message("a string that is not closed")
        }
        advance()
        if character == quote { return String(text) }
        if quote == "\"", character == "\\" {
          text.append(try escape())
        } else {
          text.append(character)
        }
      }
    }

    /// The character an escape stands for; the backslash is consumed already.
    mutating func escape() throws -> Unicode.Scalar {
      guard let character = peek else { throw TOMLError.message("a string that is not closed") }
      advance()
      switch character {
      case "n": return "\n"
      case "t": return "\t"
      case "r": return "\r"
      case "b": return "\u{8}"
      case "f": return "\u{C}"
      case "\"": return "\""
      case "\\": return "\\"
      case "u", "U":
        var hex = ""
        for _ in 0..<(character == "u" ? 4 : 8) {
          guard let digit = peek else { break }
          hex.unicodeScalars.append(digit)
          advance()
        }
        guard let value = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(value) else {
          throw TOMLError.message("'\\\(character)\(hex)' is not a character")
        }
        return scalar
      default:
        throw TOMLError.message("'\\\(character)' is not a TOML escape")
      }
    }
  }
}
