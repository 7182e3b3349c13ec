import Foundation

/// Finds formulas in running text: `$…$` inline, `$$…$$` display.
///
/// The rules keep prices and shell variables as text, as pandoc's `tex_math_dollars` does: an
/// opening `$` must not be followed by a space, and the first unescaped `$` after it closes the
/// formula only when it is not preceded by a space nor followed by a digit (otherwise there is
/// no formula at all: "$5 and $10" stays text). A backslash hides the character after it (`\$`
/// inside a formula is TeX's dollar sign). `$$` opens display math, closed by the next `$$`.
/// The parser's math extension calls ``end(in:from:)`` on each `$` cmark-gfm meets outside code,
/// so nothing inside a formula is read as Markdown.
enum MathSpan {
  static let dollar = UInt8(ascii: "$")
  static let backslash = UInt8(ascii: "\\")

  /// The end (exclusive) of the formula whose opening `$` is at `start` in `bytes`, or `nil`
  /// when the `$` opens none.
  static func end<Bytes: RandomAccessCollection>(in bytes: Bytes, from start: Int) -> Int?
  where Bytes.Element == UInt8, Bytes.Index == Int {
    let count = bytes.endIndex
    guard start >= bytes.startIndex, start < count, bytes[start] == dollar else { return nil }
    if start + 1 < count, bytes[start + 1] == dollar {
      var index = start + 2
      while index < count {
        let byte = bytes[index]
        if byte == backslash {
          index += 2
          continue
        }
        if byte == dollar, index + 1 < count, bytes[index + 1] == dollar {
          // `$$$$` is not a formula.
          return index > start + 2 ? index + 2 : nil
        }
        index += 1
      }
      return nil
    }
    guard start + 1 < count, !isSpace(bytes[start + 1]) else { return nil }
    var index = start + 1
    while index < count {
      let byte = bytes[index]
      if byte == backslash {
        index += 2
        continue
      }
      if byte == dollar {
        let followedByDigit = index + 1 < count && (48...57).contains(bytes[index + 1])
        return !isSpace(bytes[index - 1]) && !followedByDigit ? index + 1 : nil
      }
      index += 1
    }
    return nil
  }

  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 32 || byte == 9 || byte == 10 || byte == 13
  }

  /// The formula written as `source` (with its delimiters, `$…$` or `$$…$$`), its label and
  /// number read from `\label{…}` and `\tag{…}` in the TeX.
  static func formula(source: String) -> Formula {
    let display = source.hasPrefix("$$")
    let delimiter = display ? 2 : 1
    let tex = String(decoding: source.utf8.dropFirst(delimiter).dropLast(delimiter), as: UTF8.self)
    return formula(tex: tex, display: display)
  }

  /// A formula from its TeX, with the label and number its `\label` and `\tag` give.
  static func formula(tex: String, display: Bool) -> Formula {
    var formula = Formula(tex: tex, isDisplay: display)
    if display {
      formula.label = argument(of: "\\label", in: tex)
      formula.number = argument(of: "\\tag", in: tex) ?? argument(of: "\\tag*", in: tex)
    }
    return formula
  }

  /// The braced argument of the first `command` in `tex` (`\label{eq:x}` → `eq:x`), trimmed.
  static func argument(of command: String, in tex: String) -> String? {
    var rest = Substring(tex)
    while let found = rest.range(of: command) {
      var after = rest[found.upperBound...].drop { $0 == " " }
      rest = rest[found.upperBound...]
      guard after.first == "{" else {
        // `\tagged` is another command; `\tag*` is looked for on its own.
        continue
      }
      after = after.dropFirst()
      guard let close = after.firstIndex(of: "}") else { return nil }
      let value = after[..<close].trimmingCharacters(in: .whitespaces)
      return value.isEmpty ? nil : value
    }
    return nil
  }

  /// Takes `{#eq:id}` written right after display formulas (`$$…$$ {#eq:id}`) as their label,
  /// and returns the formula when it stands alone in the run (a paragraph that is only a
  /// display formula becomes a display block).
  static func attachLabels(_ inlines: inout [Inline]) -> Formula? {
    var index = 0
    while index < inlines.count {
      defer { index += 1 }
      guard case .math(var formula) = inlines[index].kind, formula.isDisplay,
        index + 1 < inlines.count, case .text(let text) = inlines[index + 1].kind
      else { continue }
      let trimmed = text.drop { $0 == " " || $0 == "\t" }
      guard trimmed.hasPrefix("{#"), let close = trimmed.firstIndex(of: "}") else { continue }
      let label = trimmed[trimmed.index(trimmed.startIndex, offsetBy: 2)..<close]
      guard !label.isEmpty, !label.contains(where: { $0 == " " || $0 == "{" || $0 == "#" })
      else { continue }
      formula.label = String(label)
      inlines[index].kind = .math(formula)
      let rest = String(trimmed[trimmed.index(after: close)...])
      if rest.isEmpty {
        inlines.remove(at: index + 1)
      } else {
        inlines[index + 1].kind = .text(rest)
      }
    }
    // The formula, when it is the one inline that is not a soft break or white space.
    var meaningful: Int?
    for index in inlines.indices {
      switch inlines[index].kind {
      case .softBreak: continue
      case .text(let text): if isWhitespace(text) { continue }
      default: break
      }
      if meaningful != nil { return nil }
      meaningful = index
    }
    if let meaningful, case .math(let formula) = inlines[meaningful].kind, formula.isDisplay {
      return formula
    }
    return nil
  }

  /// Whether every character of `text` is white space; told from the first byte when it is
  /// ASCII and not white space (most text), without asking Unicode's tables.
  static func isWhitespace(_ text: String) -> Bool {
    if let first = text.utf8.first, first < 0x80, first != 0x20, !(0x09...0x0D).contains(first) {
      return false
    }
    return text.allSatisfy(\.isWhitespace)
  }
}
