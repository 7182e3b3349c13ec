/// One lexical unit of TeX maths, with the UTF-8 byte offset where it starts.
struct TeXToken: Sendable, Equatable {
  enum Kind: Sendable, Equatable {
    /// `\name` (letters) or `\c` (one other character); the name is without the backslash.
    case command(String)
    /// Any other single character.
    case char(Unicode.Scalar)
    case beginGroup
    case endGroup
    case superscript
    case `subscript`
    case alignment
    /// One or more white-space characters (a comment counts as none).
    case space
    /// `#1` … `#9` in a macro body.
    case parameter(Int)
  }

  var kind: Kind
  var offset: Int

  /// Splits `tex` into tokens; `base` is added to every offset.
  static func tokenize(_ tex: String, base: Int = 0) -> [TeXToken] {
    var tex = tex
    // Read as UTF-8 bytes (a String's are always valid): offsets are byte offsets, and all
    // of TeX's special characters are ASCII.
    return tex.withUTF8 { bytes in tokenize(bytes, base: base) }
  }

  private static func tokenize(_ bytes: UnsafeBufferPointer<UInt8>, base: Int) -> [TeXToken] {
    var tokens: [TeXToken] = []
    // Every token takes at least one byte: the array never grows.
    tokens.reserveCapacity(bytes.count)
    let n = bytes.count
    @inline(__always) func isLetter(_ b: UInt8) -> Bool {
      (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
    }
    @inline(__always) func isSpace(_ b: UInt8) -> Bool {
      b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D
    }
    // The scalar that starts at `i`, and its length in bytes.
    func scalar(at i: Int) -> (Unicode.Scalar, Int) {
      let b0 = UInt32(bytes[i])
      if b0 < 0x80 { return (Unicode.Scalar(UInt8(b0)), 1) }
      let width = b0 < 0xE0 ? 2 : b0 < 0xF0 ? 3 : 4
      var value = b0 & (width == 2 ? 0x1F : width == 3 ? 0x0F : 0x07)
      for k in 1..<width { value = value << 6 | (UInt32(bytes[i + k]) & 0x3F) }
      return (Unicode.Scalar(value) ?? "\u{FFFD}", width)
    }
    var i = 0
    while i < n {
      let b = bytes[i]
      let offset = base + i
      switch b {
      case UInt8(ascii: "\\"):
        if i + 1 >= n {
          tokens.append(TeXToken(kind: .char("\\"), offset: offset))
          i += 1
        } else if isLetter(bytes[i + 1]) {
          var j = i + 1
          while j < n && isLetter(bytes[j]) { j += 1 }
          let name = String(
            decoding: UnsafeBufferPointer(rebasing: bytes[(i + 1)..<j]), as: UTF8.self)
          // `\operatorname*`, `\tag*`, `\align*` style stars belong to the command.
          tokens.append(TeXToken(kind: .command(name), offset: offset))
          i = j
        } else {
          let (next, width) = scalar(at: i + 1)
          // A control symbol written with a white-space character is the "control space".
          let name = isSpace(bytes[i + 1]) ? " " : String(next)
          tokens.append(TeXToken(kind: .command(name), offset: offset))
          i += 1 + width
        }
      case UInt8(ascii: "{"):
        tokens.append(TeXToken(kind: .beginGroup, offset: offset))
        i += 1
      case UInt8(ascii: "}"):
        tokens.append(TeXToken(kind: .endGroup, offset: offset))
        i += 1
      case UInt8(ascii: "^"):
        tokens.append(TeXToken(kind: .superscript, offset: offset))
        i += 1
      case UInt8(ascii: "_"):
        tokens.append(TeXToken(kind: .subscript, offset: offset))
        i += 1
      case UInt8(ascii: "&"):
        tokens.append(TeXToken(kind: .alignment, offset: offset))
        i += 1
      case UInt8(ascii: "%"):
        while i < n && bytes[i] != 0x0A { i += 1 }
      case UInt8(ascii: "#"):
        if i + 1 < n, bytes[i + 1] >= 0x31, bytes[i + 1] <= 0x39 {
          tokens.append(TeXToken(kind: .parameter(Int(bytes[i + 1] - 0x30)), offset: offset))
          i += 2
        } else {
          tokens.append(TeXToken(kind: .char("#"), offset: offset))
          i += 1
        }
      default:
        if isSpace(b) {
          while i < n && isSpace(bytes[i]) { i += 1 }
          if case .space? = tokens.last?.kind {
          } else {
            tokens.append(TeXToken(kind: .space, offset: offset))
          }
        } else {
          let (character, width) = scalar(at: i)
          tokens.append(TeXToken(kind: .char(character), offset: offset))
          i += width
        }
      }
    }
    return tokens
  }
}
