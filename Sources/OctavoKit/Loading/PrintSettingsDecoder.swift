import Foundation
import Yams

/// Reads the `print:` mapping of `book.yaml` into ``PrintSettings``.
extension MetadataDecoder {
  static let printKeys = ["trim", "margins", "bleed", "crop-marks", "font-size", "font-family"]
  static let marginKeys = ["inside", "outside", "top", "bottom"]
  static let trimSizeKeys = ["width", "height"]

  /// Decodes `print:`; every bad value is reported with its position and replaced by the
  /// default, so one run shows every problem.
  mutating func printSettings(_ node: Node) -> PrintSettings {
    var settings = PrintSettings()
    guard let values = mapping(node, key: "print", known: Self.printKeys) else { return settings }

    if let trimNode = values["trim"] { settings.trim = trimSize(trimNode) ?? settings.trim }
    if let marginsNode = values["margins"],
      let fields = mapping(marginsNode, key: "margins", known: Self.marginKeys)
    {
      let defaults = PrintSettings.Margins.proportional(to: settings.trim)
      var margins = defaults
      func read(_ name: String, into value: inout Double) {
        guard let node = fields[name] else { return }
        if let length = length(node, key: "margin \(name)", allowZero: true) { value = length }
      }
      read("inside", into: &margins.inside)
      read("outside", into: &margins.outside)
      read("top", into: &margins.top)
      read("bottom", into: &margins.bottom)
      // At least an inch of text block each way, or nothing fits on the page.
      if margins.inside + margins.outside > settings.trim.width - 72 {
        error(
          .badMetadataValue,
          "the inside and outside margins leave less than 1in for the text on a \(Self.describe(settings.trim)) page",
          marginsNode)
        margins.inside = defaults.inside
        margins.outside = defaults.outside
      }
      if margins.top + margins.bottom > settings.trim.height - 72 {
        error(
          .badMetadataValue,
          "the top and bottom margins leave less than 1in for the text on a \(Self.describe(settings.trim)) page",
          marginsNode)
        margins.top = defaults.top
        margins.bottom = defaults.bottom
      }
      settings.margins = margins
    }
    if let node = values["crop-marks"] {
      if case .scalar = node, let flag = node.bool {
        settings.cropMarks = flag
      } else {
        error(.badMetadataValue, "crop-marks must be true or false", node)
      }
    }
    if let node = values["bleed"] {
      if let bleed = length(node, key: "bleed", allowZero: true) {
        if bleed > 36 {
          error(
            .badMetadataValue, "bleed must be at most 0.5in (printers ask for 0.125in or 3mm)", node
          )
        } else {
          settings.bleed = bleed
        }
      }
    } else if settings.cropMarks {
      // Crop marks are drawn in the bleed area: give them the usual 1/8 in.
      settings.bleed = 9
    }
    if let node = values["font-size"] {
      if let size = length(node, key: "font-size", unitless: "pt") {
        if (6...24).contains(size) {
          settings.fontSize = size
        } else {
          error(.badMetadataValue, "font-size must be between 6pt and 24pt", node)
        }
      }
    }
    if let node = values["font-family"] { settings.fontFamily = fontFamily(node) }
    return settings
  }

  /// A mapping's values by key; unknown keys get a warning with a suggestion.
  mutating func mapping(_ node: Node, key: String, known: [String]) -> [String: Node]? {
    guard case .mapping(let mapping) = node else {
      error(.badMetadataValue, "\(key) must be a mapping (\(known.joined(separator: ", ")))", node)
      return nil
    }
    var values: [String: Node] = [:]
    for (keyNode, value) in mapping {
      guard let name = keyNode.string else { continue }
      guard known.contains(name) else {
        var message = "unknown key '\(name)' in \(key)"
        if let suggestion = Self.suggestion(for: name, among: known) {
          message += "; did you mean '\(suggestion)'?"
        } else {
          message += " (known keys: \(known.joined(separator: ", ")))"
        }
        warning(.unknownKey, message, keyNode)
        continue
      }
      values[name] = value
    }
    return values
  }

  /// A trim size: a name (`a5`, `6x9in`…), `WxH` with a unit, or `{width, height}`.
  mutating func trimSize(_ node: Node) -> PrintSettings.TrimSize? {
    if case .mapping = node {
      guard let fields = mapping(node, key: "trim", known: Self.trimSizeKeys) else { return nil }
      guard let widthNode = fields["width"], let heightNode = fields["height"] else {
        error(
          .badMetadataValue,
          "a custom trim needs both width and height (such as {width: 5in, height: 8in})", node)
        return nil
      }
      let width = length(widthNode, key: "trim width")
      let height = length(heightNode, key: "trim height")
      guard let width, let height else { return nil }
      return checkedTrim(PrintSettings.TrimSize(width: width, height: height), node)
    }
    guard case .scalar = node, let text = node.string else {
      error(.badMetadataValue, "trim must be a size name or a mapping with width and height", node)
      return nil
    }
    let normalized = text.lowercased().filter { !$0.isWhitespace }.replacingOccurrences(
      of: "×", with: "x")
    if let named = PrintSettings.TrimSize.named.first(where: { $0.name == normalized }) {
      return named.size
    }
    if ["usletter", "us-letter"].contains(normalized) {
      return PrintSettings.TrimSize(width: 612, height: 792)
    }
    // "5.25x8in", "140x216mm": two numbers and one unit.
    let parts = normalized.split(separator: "x", omittingEmptySubsequences: false)
    if parts.count == 2, let unit = Self.lengthUnits.first(where: { parts[1].hasSuffix($0.name) }),
      let width = Double(
        parts[0].hasSuffix(unit.name)
          ? String(parts[0].dropLast(unit.name.count)) : String(parts[0])),
      let height = Double(parts[1].dropLast(unit.name.count)), width.isFinite, height.isFinite,
      width > 0, height > 0
    {
      guard width * unit.points <= Self.maximumLength, height * unit.points <= Self.maximumLength
      else {
        error(
          .badMetadataValue, "trim '\(text)' is outside the sizes Octavo prints (3 × 4in to A3)",
          node)
        return nil
      }
      return checkedTrim(
        PrintSettings.TrimSize(width: width * unit.points, height: height * unit.points), node)
    }
    let names = PrintSettings.TrimSize.named.map(\.name)
    var message = "unknown trim '\(text)'"
    if let suggestion = Self.suggestion(for: normalized, among: names) {
      message += "; did you mean '\(suggestion)'?"
    } else {
      message +=
        " (use \(names.joined(separator: ", ")), WxH with a unit such as 5x8in, or {width, height})"
    }
    error(.badMetadataValue, message, node)
    return nil
  }

  mutating func checkedTrim(_ size: PrintSettings.TrimSize, _ node: Node) -> PrintSettings.TrimSize?
  {
    // From a pocket book (3 × 4 in) to A3 (11.7 × 16.5 in).
    guard (216...842).contains(size.width), (288...1191).contains(size.height) else {
      error(
        .badMetadataValue,
        "trim \(Self.describe(size)) is outside the sizes Octavo prints (3 × 4in to A3)", node)
      return nil
    }
    return size
  }

  static let lengthUnits: [(name: String, points: Double)] = [
    ("in", 72), ("mm", PrintSettings.pointsPerMillimetre),
    ("cm", 10 * PrintSettings.pointsPerMillimetre),
    ("pt", 1), ("pc", 12),
  ]

  /// A length with a unit (`0.75in`, `19mm`, `1.5cm`, `54pt`, `4pc`), in points. A bare
  /// number is taken in `unitless` when given, and is an error otherwise.
  mutating func length(_ node: Node, key: String, allowZero: Bool = false, unitless: String? = nil)
    -> Double?
  {
    guard case .scalar(let scalar) = node else {
      error(.badMetadataValue, "\(key) must be a length such as 0.75in or 19mm", node)
      return nil
    }
    let text = scalar.string.trimmingCharacters(in: .whitespaces).lowercased()
    var value: Double?
    if let unit = Self.lengthUnits.first(where: { text.hasSuffix($0.name) }) {
      let number = text.dropLast(unit.name.count).trimmingCharacters(in: .whitespaces)
      if let number = Double(number), Self.isPlainNumber(number) { value = number * unit.points }
    } else if let number = Double(text), let unitless, Self.isPlainNumber(number),
      let unit = Self.lengthUnits.first(where: { $0.name == unitless })
    {
      value = number * unit.points
    } else if Double(text) != nil {
      error(.badMetadataValue, "\(key) '\(scalar.string)' needs a unit: in, mm, cm, pt or pc", node)
      return nil
    }
    guard let value, value > 0 || (allowZero && value == 0) else {
      let expected = allowZero ? "a length of 0 or more" : "a positive length"
      error(
        .badMetadataValue,
        "\(key) '\(scalar.string)' is not \(expected) such as 0.75in, 19mm or 12pt", node)
      return nil
    }
    // No page is larger than this: a length beyond it is a typing error, and keeping it out
    // keeps every later sum and conversion finite.
    guard value <= Self.maximumLength else {
      error(
        .badMetadataValue, "\(key) '\(scalar.string)' is larger than any page (at most 100in)", node
      )
      return nil
    }
    return value == 0 ? 0 : value  // -0 is 0
  }

  /// The largest length `length(_:key:)` accepts: 100in, in points.
  static let maximumLength: Double = 7200

  static func isPlainNumber(_ number: Double) -> Bool { number.isFinite && number >= 0 }

  /// Font family names: a list, or one string of comma-separated names.
  mutating func fontFamily(_ node: Node) -> [String] {
    var names: [String] = []
    switch node {
    case .sequence(let items):
      for item in items { if let name = scalar(item, key: "font-family") { names.append(name) } }
    case .scalar:
      if let text = scalar(node, key: "font-family") {
        names = text.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }
      }
    default:
      error(.badMetadataValue, "font-family must be a name or a list of names", node)
      return []
    }
    var result: [String] = []
    for name in names {
      let unquoted = name.trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
      if unquoted.isEmpty { continue }
      // A family name is text: no control characters, nothing that could end a CSS string.
      if unquoted.count > 100
        || unquoted.unicodeScalars.contains(where: {
          $0.properties.generalCategory == .control || "\"\\;{}<>".unicodeScalars.contains($0)
        })
      {
        error(.badMetadataValue, "font-family '\(name)' is not a font name", node)
        continue
      }
      result.append(unquoted)
    }
    return result
  }

  /// "6 × 9in" or "148 × 210mm", for messages.
  static func describe(_ size: PrintSettings.TrimSize) -> String {
    func number(_ value: Double) -> String {
      let rounded = (value * 100).rounded() / 100
      guard rounded.isFinite, abs(rounded) < 1e9 else { return "\(value)" }
      return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }
    let inches = (size.width / 72, size.height / 72)
    if (inches.0 * 8).rounded() == inches.0 * 8 && (inches.1 * 8).rounded() == inches.1 * 8 {
      return "\(number(inches.0)) × \(number(inches.1))in"
    }
    return
      "\(number(size.width / PrintSettings.pointsPerMillimetre)) × \(number(size.height / PrintSettings.pointsPerMillimetre))mm"
  }
}
