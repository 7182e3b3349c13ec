import Yams

/// The `book.yaml` keys about the e-book itself: accessibility, notes, typography, page list,
/// fonts and the dedication.
extension MetadataDecoder {
  static let ebookKeys = [
    "accessibility", "notes", "typography", "page-list", "obfuscate-fonts", "dedication",
    "copyright-page", "highlight", "math-macros",
  ]

  /// The one conformance claim Octavo can check the content against.
  static let conformanceClaim = "EPUB Accessibility 1.1 - WCAG 2.2 Level AA"

  mutating func decodeEbookSettings(_ values: [String: Node], into metadata: inout BookMetadata) {
    if let node = values["accessibility"] { metadata.accessibility = accessibility(node) }
    if let node = values["notes"], let text = scalar(node, key: "notes") {
      if let placement = NotePlacement(rawValue: text) {
        metadata.notes = placement
      } else {
        error(.badMetadataValue, "notes must be footnotes, chapter-end or book-end", node)
      }
    }
    if let node = values["typography"] {
      metadata.typography = flag(node, key: "typography") ?? true
    }
    if let node = values["highlight"] {
      metadata.highlightsCode = flag(node, key: "highlight") ?? true
    }
    if let node = values["page-list"] { metadata.pageList = flag(node, key: "page-list") ?? false }
    if let node = values["obfuscate-fonts"] {
      metadata.obfuscateFonts = flag(node, key: "obfuscate-fonts") ?? false
    }
    if let node = values["copyright-page"] {
      metadata.copyrightPage = flag(node, key: "copyright-page") ?? false
    }
    if let text = scalar(values["dedication"], key: "dedication"), !text.isEmpty {
      metadata.dedication = text
    }
    if let node = values["math-macros"] { metadata.mathMacros = mathMacros(node) }
  }

  /// `math-macros:`, a mapping of macro names (with or without the backslash) to their TeX.
  mutating func mathMacros(_ node: Node) -> [String: String] {
    guard case .mapping(let mapping) = node else {
      error(.mathMacro, "math-macros must be a mapping of names to TeX (R: \\mathbb{R})", node)
      return [:]
    }
    var macros: [String: String] = [:]
    for (keyNode, valueNode) in mapping {
      let name = String((keyNode.string ?? "").drop { $0 == "\\" })
      guard !name.isEmpty, name.allSatisfy({ $0.isASCII && $0.isLetter }) else {
        error(.mathMacro, "a math macro name is letters only, such as R or vect", keyNode)
        continue
      }
      guard case .scalar = valueNode, let body = valueNode.string else {
        error(.mathMacro, "math macro '\(name)' must be TeX text", valueNode)
        continue
      }
      macros[name] = body
    }
    return macros
  }

  /// A yes/no value; reports anything else.
  mutating func flag(_ node: Node, key: String) -> Bool? {
    if let value = node.bool, case .scalar = node { return value }
    error(.badMetadataValue, "\(key) must be true or false", node)
    return nil
  }

  mutating func accessibility(_ node: Node) -> AccessibilitySettings {
    var settings = AccessibilitySettings()
    guard case .mapping(let mapping) = node else {
      error(
        .badAccessibilityValue,
        "accessibility must be a mapping (conformance, certified-by, hazards, summary)", node)
      return settings
    }
    let keys = ["conformance", "certified-by", "hazards", "summary"]
    for (keyNode, _) in mapping {
      guard let key = keyNode.string, !keys.contains(key) else { continue }
      var message = "unknown accessibility key '\(key)'"
      if let suggestion = Self.suggestion(for: key, among: keys) {
        message += "; did you mean '\(suggestion)'?"
      }
      warning(.unknownKey, message, keyNode)
    }
    if let claim = scalar(node["conformance"], key: "conformance") {
      // Short forms (`WCAG 2.2 AA`, `AA`) name the same claim.
      let compact = claim.uppercased().filter { !$0.isWhitespace }
      if claim == Self.conformanceClaim || ["AA", "WCAG2.2AA", "WCAG2.2LEVELAA"].contains(compact) {
        settings.conformance = Self.conformanceClaim
      } else {
        error(
          .badAccessibilityValue,
          "conformance '\(claim)' is not one Octavo can check; use '\(Self.conformanceClaim)'",
          node["conformance"])
      }
    }
    settings.certifiedBy = scalar(node["certified-by"], key: "certified-by")
    if settings.certifiedBy != nil, settings.conformance == nil {
      error(.badAccessibilityValue, "certified-by needs a conformance claim", node["certified-by"])
      settings.certifiedBy = nil
    }
    if let hazards = node["hazards"] {
      let items: [Node]
      if case .sequence(let sequence) = hazards {
        items = Array(sequence)
      } else {
        items = [hazards]
      }
      for item in items {
        guard let value = scalar(item, key: "hazard") else { continue }
        if let known = AccessibilitySettings.knownHazards.first(where: {
          $0.lowercased() == value.lowercased()
        }) {
          if !settings.hazards.contains(known) { settings.hazards.append(known) }
        } else {
          var message = "unknown hazard '\(value)'"
          if let suggestion = Self.suggestion(
            for: value, among: AccessibilitySettings.knownHazards.sorted())
          {
            message += "; did you mean '\(suggestion)'?"
          }
          error(.badAccessibilityValue, message, item)
        }
      }
      if settings.hazards.contains("none"), settings.hazards.count > 1 {
        error(.badAccessibilityValue, "hazard 'none' cannot stand with other hazards", hazards)
      }
    }
    if let summary = scalar(node["summary"], key: "summary"), !summary.isEmpty {
      settings.summary = summary
    }
    return settings
  }
}
