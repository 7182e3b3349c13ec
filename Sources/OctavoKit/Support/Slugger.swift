import Foundation

/// Makes readable ids from text, the way GitHub does for headings, so that links written
/// for a README on GitHub (`#getting-started`) find the same heading in Octavo's outputs.
enum Slugger {
  /// The GitHub-style slug of `text`: lower case, punctuation removed except `-` and `_`,
  /// spaces turned into `-`. Letters and digits of any script are kept.
  static func slug(_ text: String) -> String {
    // ASCII text (most headings): byte by byte, with the same result (in ASCII, only `A`–`Z`
    // change case, only letters and digits are letters or numbers, and CR LF, the one
    // character of two, is neither).
    if text.utf8.allSatisfy({ $0 < 0x80 }) {
      var bytes: [UInt8] = []
      bytes.reserveCapacity(text.utf8.count)
      for byte in text.utf8 {
        switch byte {
        case UInt8(ascii: " "): bytes.append(UInt8(ascii: "-"))
        case UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "a")...UInt8(ascii: "z"),
          UInt8(ascii: "0")...UInt8(ascii: "9"):
          bytes.append(byte)
        case UInt8(ascii: "A")...UInt8(ascii: "Z"): bytes.append(byte + 32)
        default: break
        }
      }
      return String(decoding: bytes, as: UTF8.self)
    }
    var result = ""
    for character in text.lowercased() {
      if character == " " {
        result.append("-")
      } else if character == "-" || character == "_" {
        result.append(character)
      } else if character.isLetter || character.isNumber {
        result.append(character)
      }
    }
    return result
  }

  /// A slug made only of `a-z`, `0-9` and `-`, for file names and manifest ids. Accented
  /// Latin letters lose their accents; other characters become `-`.
  static func asciiSlug(_ text: String) -> String {
    var result = ""
    let folded = text.applyingTransformIfAvailable()
    for scalar in folded.lowercased().unicodeScalars {
      if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
        result.unicodeScalars.append(scalar)
      } else if !result.isEmpty, result.last != "-" {
        result.append("-")
      }
    }
    while result.hasSuffix("-") { result.removeLast() }
    return result
  }
}

extension String {
  fileprivate func applyingTransformIfAvailable() -> String {
    folding(options: [.diacriticInsensitive, .widthInsensitive], locale: nil)
  }
}
