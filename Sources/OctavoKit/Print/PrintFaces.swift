import Foundation

/// The typefaces of the print edition: the default book face, the fallbacks that follow any
/// family (so no character prints as an empty box), and the code face.
///
/// `print.css` spells out the same lists (a test keeps them in step); `print.font-family` in
/// `book.yaml` replaces ``defaultBody`` and keeps the fallbacks after it.
enum PrintFaces {
  /// Gentium Book Plus (Debian `fonts-sil-gentiumplus`): regular, italic, bold and bold
  /// italic, small capitals, Latin, Greek and Cyrillic, in TrueType outlines, which both
  /// engines embed as TrueType (Chromium turns CFF-flavoured OpenType into Type 3).
  static let defaultBody = ["Gentium Book Plus", "Gentium Plus"]
  /// Symbols the book face lacks (hollow bullets, ballot boxes, arrows) from DejaVu
  /// (`fonts-dejavu-core`), and Chinese, Japanese and Korean (Hangul included, which Droid
  /// Sans Fallback lacks) from WenQuanYi Micro Hei (`fonts-wqy-microhei`, a 1.6 MB download
  /// against 57 MB for Noto CJK).
  static let fallbacks = ["DejaVu Serif", "DejaVu Sans", "WenQuanYi Micro Hei"]
  /// Code: DejaVu Sans Mono in four faces, then the CJK fallback.
  static let monospace = ["DejaVu Sans Mono", "WenQuanYi Micro Hei Mono"]

  /// The body text's families in order: `print.font-family` or the default, then the fallbacks.
  static func body(_ settings: PrintSettings) -> [String] {
    var families = settings.fontFamily.isEmpty ? defaultBody : settings.fontFamily
    for family in fallbacks
    where !families.contains(where: { $0.caseInsensitiveCompare(family) == .orderedSame }) {
      families.append(family)
    }
    return families
  }
}
