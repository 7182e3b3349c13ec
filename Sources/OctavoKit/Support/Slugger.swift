import Foundation

/// Makes readable ids from text, the way GitHub does for headings, so that links written
/// for a README on GitHub (`#getting-started`) find the same heading in Octavo's outputs.
enum Slugger {
  /// The GitHub-style slug of `text`: lower case, punctuation removed except `-` and `_`,
  /// spaces turned into `-`. Letters and digits of any script are kept.
  static func slug(_ text: String) -> String {
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
