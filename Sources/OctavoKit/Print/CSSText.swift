import Foundation

/// Writes values into generated CSS safely: text from the manuscript only ever appears as
/// an escaped CSS string or identifier, and numbers are written in a fixed form.
enum CSSText {
  /// `text` as a double-quoted CSS string. Quotes, backslashes, control characters and the
  /// characters that could close the HTML `<style>` element (`<`, `>`, `&`) become hex
  /// escapes, so the result can be pasted into a style sheet inside HTML.
  static func string(_ text: String) -> String {
    var result = "\""
    for scalar in text.unicodeScalars {
      // Printable ASCII but the five escaped below: as it is, without looking its category up.
      switch scalar.value {
      case 0x22, 0x5C, 0x3C, 0x3E, 0x26: break
      case 0x20..<0x7F:
        result.unicodeScalars.append(scalar)
        continue
      default: break
      }
      switch scalar {
      case "\"", "\\", "<", ">", "&":
        result += hexEscape(scalar)
      case _ where scalar.properties.generalCategory == .control || scalar.value == 0x7F:
        // Line breaks and tabs in a title print as a space.
        result += scalar == "\n" || scalar == "\r" || scalar == "\t" ? " " : hexEscape(scalar)
      case "\u{2028}", "\u{2029}":
        result += " "
      default:
        result.unicodeScalars.append(scalar)
      }
    }
    return result + "\""
  }

  /// `text` as a CSS identifier (for an `#id` selector): every character that is not a
  /// letter, a digit, `-` or `_` is escaped, and so is a leading digit.
  static func identifier(_ text: String) -> String {
    var result = ""
    for (index, scalar) in text.unicodeScalars.enumerated() {
      let isASCIILetter = ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar)
      let isDigit = ("0"..."9").contains(scalar)
      let isSafe =
        isASCIILetter || scalar == "_"
        || scalar.value >= 0x80 && scalar.properties.generalCategory != .control
        || (index > 0 && (isDigit || scalar == "-"))
      if index == 0 && scalar == "-" && text.unicodeScalars.count > 1 {
        let second = text.unicodeScalars[
          text.unicodeScalars.index(after: text.unicodeScalars.startIndex)]
        result += ("0"..."9").contains(second) || second == "-" ? "\\-" : "-"
        continue
      }
      result += isSafe ? String(scalar) : hexEscape(scalar)
    }
    return result
  }

  /// A length in points with at most three decimals, such as `54pt` or `419.528pt`.
  static func points(_ value: Double) -> String {
    number(value) + "pt"
  }

  /// A number with at most three decimals and no exponent.
  static func number(_ value: Double) -> String {
    // Lengths are checked at load (at most 100in); anything else is no length to print.
    guard value.isFinite, abs(value) < 1e12 else { return "0" }
    let thousandths = Int((value * 1000).rounded())
    let whole = thousandths / 1000
    var fraction = abs(thousandths % 1000)
    if fraction == 0 { return String(whole) }
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let padded = String(repeating: "0", count: digits - String(fraction).count) + String(fraction)
    return (thousandths < 0 && whole == 0 ? "-" : "") + "\(whole).\(padded)"
  }

  static func hexEscape(_ scalar: Unicode.Scalar) -> String {
    "\\" + String(scalar.value, radix: 16, uppercase: true) + " "
  }
}
