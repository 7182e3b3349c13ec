/// The mathematical alphanumeric styles of Unicode (bold, script, double-struck…), which MathML Core
/// uses instead of the `mathvariant` attribute of MathML 3.
package enum MathAlphabet: String, Sendable, CaseIterable {
  case normal, bold, italic
  case boldItalic = "bold-italic"
  case doubleStruck = "double-struck"
  case script
  case boldScript = "bold-script"
  case fraktur
  case boldFraktur = "bold-fraktur"
  case sansSerif = "sans-serif"
  case sansSerifBold = "bold-sans-serif"
  case sansSerifItalic = "sans-serif-italic"
  case sansSerifBoldItalic = "sans-serif-bold-italic"
  case monospace

  /// The style named by a MathML 3 `mathvariant` value, or `nil` for an unknown value.
  package init?(mathvariant: String) {
    self.init(rawValue: mathvariant)
  }

  /// `text` with every Latin letter, digit and Greek letter this style covers replaced by its
  /// mathematical alphanumeric character; other characters (and already styled ones) are kept.
  package func map(_ text: String) -> String {
    if self == .normal { return text }
    var out = String.UnicodeScalarView()
    for scalar in text.unicodeScalars {
      out.append(map(scalar))
    }
    return String(out)
  }

  /// The styled form of one character, or the character itself when the style has none.
  package func map(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
    let v = scalar.value
    if let latin = latinBase, (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v) {
      if let special = Self.latinHoles[self]?[scalar] { return special }
      let index = v <= 0x5A ? v - 0x41 : v - 0x61 + 26
      return Unicode.Scalar(latin + index) ?? scalar
    }
    if let digits = digitBase, (0x30...0x39).contains(v) {
      return Unicode.Scalar(digits + v - 0x30) ?? scalar
    }
    if let (capital, small) = greekBase {
      if (0x391...0x3A9).contains(v) { return Unicode.Scalar(capital + v - 0x391) ?? scalar }
      if (0x3B1...0x3C9).contains(v) { return Unicode.Scalar(small + v - 0x3B1) ?? scalar }
      let extra: [UInt32: UInt32] = [0x2207: 25, 0x3F4: 17]
      if let offset = extra[v] { return Unicode.Scalar(capital + offset) ?? scalar }
      let smallExtra: [UInt32: UInt32] = [
        0x2202: 25, 0x3F5: 26, 0x3D1: 27, 0x3F0: 28, 0x3D5: 29, 0x3F1: 30, 0x3D6: 31,
      ]
      if let offset = smallExtra[v] { return Unicode.Scalar(small + offset) ?? scalar }
    }
    if self == .italic {
      if v == 0x131 { return "\u{1D6A4}" }
      if v == 0x237 { return "\u{1D6A5}" }
    }
    return scalar
  }

  private var latinBase: UInt32? {
    switch self {
    case .normal: nil
    case .bold: 0x1D400
    case .italic: 0x1D434
    case .boldItalic: 0x1D468
    case .script: 0x1D49C
    case .boldScript: 0x1D4D0
    case .fraktur: 0x1D504
    case .doubleStruck: 0x1D538
    case .boldFraktur: 0x1D56C
    case .sansSerif: 0x1D5A0
    case .sansSerifBold: 0x1D5D4
    case .sansSerifItalic: 0x1D608
    case .sansSerifBoldItalic: 0x1D63C
    case .monospace: 0x1D670
    }
  }

  private var digitBase: UInt32? {
    switch self {
    case .bold: 0x1D7CE
    case .doubleStruck: 0x1D7D8
    case .sansSerif: 0x1D7E2
    case .sansSerifBold: 0x1D7EC
    case .monospace: 0x1D7F6
    default: nil
    }
  }

  private var greekBase: (UInt32, UInt32)? {
    switch self {
    case .bold: (0x1D6A8, 0x1D6C2)
    case .italic: (0x1D6E2, 0x1D6FC)
    case .boldItalic: (0x1D71C, 0x1D736)
    case .sansSerifBold: (0x1D756, 0x1D770)
    case .sansSerifBoldItalic: (0x1D790, 0x1D7AA)
    default: nil
    }
  }

  /// Letters Unicode encoded before the Mathematical Alphanumeric Symbols block (the "holes").
  private static let latinHoles: [MathAlphabet: [Unicode.Scalar: Unicode.Scalar]] = [
    .italic: ["h": "\u{210E}"],
    .script: [
      "B": "\u{212C}", "E": "\u{2130}", "F": "\u{2131}", "H": "\u{210B}", "I": "\u{2110}",
      "L": "\u{2112}", "M": "\u{2133}", "R": "\u{211B}", "e": "\u{212F}", "g": "\u{210A}",
      "o": "\u{2134}",
    ],
    .fraktur: [
      "C": "\u{212D}", "H": "\u{210C}", "I": "\u{2111}", "R": "\u{211C}", "Z": "\u{2128}",
    ],
    .doubleStruck: [
      "C": "\u{2102}", "H": "\u{210D}", "N": "\u{2115}", "P": "\u{2119}", "Q": "\u{211A}",
      "R": "\u{211D}", "Z": "\u{2124}",
    ],
  ]
}
