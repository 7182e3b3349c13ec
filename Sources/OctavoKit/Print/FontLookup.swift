internal import CFontconfig
import Foundation

/// What the fonts installed on this machine can set, asked of fontconfig (the library both
/// PDF engines find their fonts with). The only file that calls fontconfig.
enum FontLookup {
  /// A face of a family: upright or italic, regular or bold.
  struct Style: Hashable, Sendable, CustomStringConvertible {
    var bold: Bool
    var italic: Bool

    static let regular = Style(bold: false, italic: false)
    static let italic = Style(bold: false, italic: true)
    static let bold = Style(bold: true, italic: false)
    static let boldItalic = Style(bold: true, italic: true)

    var description: String {
      switch (bold, italic) {
      case (false, false): "regular"
      case (false, true): "italic"
      case (true, false): "bold"
      case (true, true): "bold italic"
      }
    }
  }

  /// One family as installed: its faces and which of the asked characters it has.
  struct Family: Sendable {
    /// The name asked for.
    var name: String
    /// The faces installed (empty when the family is not installed).
    var styles: Set<Style>
    /// The asked characters that some face of the family has.
    var covered: Set<Unicode.Scalar>

    var isInstalled: Bool { !styles.isEmpty }
  }

  /// Looks up each family in `names`: its installed faces, and which of `characters` its
  /// faces have. Returns the families in the order asked; an empty list when fontconfig
  /// cannot be initialised.
  static func families(_ names: [String], characters: Set<Unicode.Scalar>) -> [Family] {
    guard let config = FcInitLoadConfigAndFonts() else { return [] }
    defer { FcConfigDestroy(config) }
    var result: [Family] = []
    for name in names {
      var family = Family(name: name, styles: [], covered: [])
      guard let pattern = FcPatternCreate() else { continue }
      defer { FcPatternDestroy(pattern) }
      _ = name.withCString { FcPatternAddString(pattern, FC_FAMILY, $0) }
      guard let objects = FcObjectSetCreate() else { continue }
      defer { FcObjectSetDestroy(objects) }
      for object in [FC_FAMILY, FC_WEIGHT, FC_SLANT, FC_CHARSET] {
        _ = FcObjectSetAdd(objects, object)
      }
      guard let list = FcFontList(config, pattern, objects) else { continue }
      defer { FcFontSetDestroy(list) }
      let count = Int(list.pointee.nfont)
      for index in 0..<count {
        guard let font = list.pointee.fonts[index] else { continue }
        var weight: Int32 = 80
        var slant: Int32 = 0
        _ = FcPatternGetInteger(font, FC_WEIGHT, 0, &weight)
        _ = FcPatternGetInteger(font, FC_SLANT, 0, &slant)
        family.styles.insert(Style(bold: weight >= 180, italic: slant != 0))
        var charset: OpaquePointer?
        if FcPatternGetCharSet(font, FC_CHARSET, 0, &charset) == FcResultMatch, let charset {
          for scalar in characters where !family.covered.contains(scalar) {
            if FcCharSetHasChar(charset, scalar.value) != 0 { family.covered.insert(scalar) }
          }
        }
      }
      result.append(family)
    }
    return result
  }
}
