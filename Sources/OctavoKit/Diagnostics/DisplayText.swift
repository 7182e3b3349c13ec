/// The one escaping function for text Octavo prints that came from a manuscript (paths, ids,
/// link fragments, titles): on a terminal, in `--format json` and in the preview's pages.
///
/// Control characters (C0, DEL, C1), line and paragraph separators and the bidirectional
/// overrides and isolates are shown as escapes (`\n`, `\t`, `\r`, `\0`, `\u{1B}`), so a
/// manuscript can neither start a line of its own in a diagnostic, nor send terminal escape
/// sequences, nor reorder what is shown.
enum DisplayText {
  /// `text` with every character that could change how the output looks shown as an escape.
  static func escaped(_ text: String) -> String {
    guard text.unicodeScalars.contains(where: needsEscape) else { return text }
    var result = ""
    result.reserveCapacity(text.utf8.count + 8)
    for scalar in text.unicodeScalars {
      guard needsEscape(scalar) else {
        result.unicodeScalars.append(scalar)
        continue
      }
      switch scalar {
      case "\n": result += "\\n"
      case "\r": result += "\\r"
      case "\t": result += "\\t"
      case "\0": result += "\\0"
      default: result += "\\u{" + String(scalar.value, radix: 16, uppercase: true) + "}"
      }
    }
    return result
  }

  /// Whether `scalar` is shown as an escape.
  static func needsEscape(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x00...0x1F, 0x7F...0x9F: return true
    case 0x2028, 0x2029: return true  // line and paragraph separators
    case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true  // bidi controls
    default: return false
    }
  }
}
