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
    var tokens: [TeXToken] = []
    tokens.reserveCapacity(tex.utf8.count / 2)
    let scalars = Array(tex.unicodeScalars)
    var offsets: [Int] = []
    offsets.reserveCapacity(scalars.count + 1)
    var running = base
    for scalar in scalars {
      offsets.append(running)
      running += UTF8.width(scalar)
    }
    offsets.append(running)
    var i = 0
    let n = scalars.count
    func isLetter(_ s: Unicode.Scalar) -> Bool {
      (s.value >= 0x41 && s.value <= 0x5A) || (s.value >= 0x61 && s.value <= 0x7A)
    }
    func isSpace(_ s: Unicode.Scalar) -> Bool {
      s == " " || s == "\t" || s == "\n" || s == "\r"
    }
    while i < n {
      let s = scalars[i]
      let offset = offsets[i]
      switch s {
      case "\\":
        if i + 1 >= n {
          tokens.append(TeXToken(kind: .char("\\"), offset: offset))
          i += 1
        } else if isLetter(scalars[i + 1]) {
          var j = i + 1
          var name = ""
          while j < n && isLetter(scalars[j]) {
            name.unicodeScalars.append(scalars[j])
            j += 1
          }
          // `\operatorname*`, `\tag*`, `\align*` style stars belong to the command.
          tokens.append(TeXToken(kind: .command(name), offset: offset))
          i = j
        } else {
          var name = ""
          name.unicodeScalars.append(scalars[i + 1])
          // A control symbol written with a white-space character is the "control space".
          if isSpace(scalars[i + 1]) { name = " " }
          tokens.append(TeXToken(kind: .command(name), offset: offset))
          i += 2
        }
      case "{":
        tokens.append(TeXToken(kind: .beginGroup, offset: offset))
        i += 1
      case "}":
        tokens.append(TeXToken(kind: .endGroup, offset: offset))
        i += 1
      case "^":
        tokens.append(TeXToken(kind: .superscript, offset: offset))
        i += 1
      case "_":
        tokens.append(TeXToken(kind: .subscript, offset: offset))
        i += 1
      case "&":
        tokens.append(TeXToken(kind: .alignment, offset: offset))
        i += 1
      case "%":
        while i < n && scalars[i] != "\n" { i += 1 }
      case "#":
        if i + 1 < n, let digit = Int(String(scalars[i + 1])), digit >= 1 {
          tokens.append(TeXToken(kind: .parameter(digit), offset: offset))
          i += 2
        } else {
          tokens.append(TeXToken(kind: .char("#"), offset: offset))
          i += 1
        }
      default:
        if isSpace(s) {
          while i < n && isSpace(scalars[i]) { i += 1 }
          if tokens.last?.kind != .space {
            tokens.append(TeXToken(kind: .space, offset: offset))
          }
        } else {
          tokens.append(TeXToken(kind: .char(s), offset: offset))
          i += 1
        }
      }
    }
    return tokens
  }
}
