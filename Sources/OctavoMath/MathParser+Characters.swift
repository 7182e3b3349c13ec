/// Single characters in math mode: digits, letters, operators and fences.
extension MathParser {
  /// The node for a single character in math mode.
  mutating func charNode(_ c: Unicode.Scalar, _ token: TeXToken) -> MathNode {
    switch c {
    case "+", "=", "<", ">", ",", ";", ":", "?", "*", "@":
      return MathNode("mo", text: String(c))
    case "/": return MathNode("mi", text: "/")
    case "-": return MathNode("mo", text: "−")
    case "!", ".", "\"": return MathNode("mi", text: String(c))
    case "(", "[":
      return MathNode("mo", text: String(c), Self.prefixFence)
    case ")", "]":
      return MathNode("mo", text: String(c), Self.postfixFence)
    case "|": return MathNode("mo", text: "|", Self.notStretchy)
    case "~": return MathNode("mspace", [.init("width", "0.333em")])
    case "'": return MathNode("mo", text: "′")
    default:
      if Self.isDigit(c) {
        var digit = String(c)
        if let font, font != .normal, font != .italic { digit = font.map(digit) }
        return MathNode("mn", text: digit)
      }
      // An ASCII character is alphabetic when it is a letter (told without Unicode's tables).
      if c.isASCII ? Self.isLetter(c) : c.properties.isAlphabetic {
        return identifier(String(c))
      }
      return MathNode("mo", text: String(c))
    }
  }

  // Attribute lists made once (each formula's parentheses would otherwise allocate theirs).
  static let prefixFence: [MathNode.Attribute] = [
    .init("stretchy", "false"), .init("form", "prefix"),
  ]
  static let postfixFence: [MathNode.Attribute] = [
    .init("stretchy", "false"), .init("form", "postfix"),
  ]
  static let notStretchy: [MathNode.Attribute] = [.init("stretchy", "false")]
  static let stretchyPrefix: [MathNode.Attribute] = [
    .init("stretchy", "true"), .init("form", "prefix"),
  ]
  static let stretchyPostfix: [MathNode.Attribute] = [
    .init("stretchy", "true"), .init("form", "postfix"),
  ]

  /// Whether `c` is an ASCII decimal digit (the ASCII characters whose numeric type is decimal).
  @inline(__always)
  static func isDigit(_ c: Unicode.Scalar) -> Bool {
    c.value >= 0x30 && c.value <= 0x39
  }

  /// Whether `c` is an ASCII letter.
  @inline(__always)
  static func isLetter(_ c: Unicode.Scalar) -> Bool {
    (c.value | 0x20) >= 0x61 && (c.value | 0x20) <= 0x7A
  }

  /// An `<mi>` for a letter, styled by the current font.
  func identifier(_ text: String) -> MathNode {
    guard let font else { return MathNode("mi", text: text) }
    if font == .normal {
      return MathNode(
        "mi", text: text, text.unicodeScalars.count == 1 ? [.init("mathvariant", "normal")] : [])
    }
    return MathNode("mi", text: font.map(text))
  }
}
