// Attributes: which are kept on which element, their values checked, ids claimed once, URLs
// resolved.

// MARK: - Attributes

extension HTMLSanitizer {
  /// What to do with an element-specific attribute.
  enum AttributeCheck {
    case keep(String)
    case invalid
    case notAllowed
  }

  /// Attributes read from an element, before ids are claimed and classes merged.
  struct AttributeDraft {
    var idCandidates: [String] = []
    var classes: [String] = []
    var alignments: [String] = []
    var language: String?
    var others: [(String, String)] = []
  }

  /// The attributes to write on an element named `name`, made from those of `element`.
  ///
  /// `href`, `src` and `alt` are left to the link and image builders.
  mutating func attributes(
    of element: XMLElement, as name: String,
    ordered: Bool = false
  ) -> [(String, String)] {
    var draft = AttributeDraft()
    for (rawName, rawValue) in element.attributes {
      read(
        rawName.lowercased(), XMLCharacters.filtered(rawValue), on: name, ordered: ordered,
        into: &draft)
    }
    var result: [(String, String)] = []
    if let id = claimID(draft.idCandidates) { result.append(("id", id)) }
    var seen: Set<String> = []
    let classes = (draft.classes + draft.alignments).filter { seen.insert($0).inserted }
    if !classes.isEmpty { result.append(("class", classes.joined(separator: " "))) }
    if let language = draft.language {
      if Self.isLanguageTag(language) {
        result += [("lang", language), ("xml:lang", language)]
      } else {
        note("dropped invalid lang attribute")
      }
    }
    return result + draft.others
  }

  /// Reads one attribute of an element named `name` into `draft`, or drops it.
  mutating func read(
    _ attribute: String, _ value: String, on name: String, ordered: Bool,
    into draft: inout AttributeDraft
  ) {
    switch attribute {
    case "href" where name == "a", "src" where name == "img", "alt" where name == "img":
      return
    case "id":
      draft.idCandidates.insert(value, at: 0)
    case "name" where name == "a":
      draft.idCandidates.append(value)
    case "class":
      draft.classes += value.split(whereSeparator: {
        $0.unicodeScalars.allSatisfy(Self.isHTMLSpace)
      }).map(String.init)
    case "title":
      draft.others.append(("title", value))
    case "lang", "xml:lang":
      draft.language = draft.language ?? value
    case "dir":
      let direction = Self.trimmed(value).lowercased()
      guard ["ltr", "rtl", "auto"].contains(direction) else {
        return note("dropped invalid dir attribute")
      }
      draft.others.append(("dir", direction))
    case "hidden":
      draft.others.append(("hidden", "hidden"))
    case "style":
      note("dropped style attributes")
    case "align":
      guard let alignment = Self.alignClass(Self.trimmed(value).lowercased(), on: name) else {
        return note("dropped align attribute")
      }
      draft.alignments.append(alignment)
    case _ where attribute.hasPrefix("on"):
      note("removed on* event handler attributes")
    default:
      switch check(attribute, value, on: name, ordered: ordered) {
      case .keep(let kept): draft.others.append((attribute, kept))
      case .invalid: note("dropped invalid \(attribute) attribute")
      case .notAllowed where Self.presentational.contains(attribute):
        note("dropped \(attribute) attribute")
      case .notAllowed: break
      }
    }
  }

  /// Checks an attribute that only some elements have.
  mutating func check(
    _ attribute: String, _ value: String, on name: String,
    ordered: Bool
  ) -> AttributeCheck {
    let token = Self.trimmed(value)
    func valid(_ isValid: Bool, _ kept: String? = nil) -> AttributeCheck {
      isValid ? .keep(kept ?? token) : .invalid
    }
    switch (name, attribute) {
    case ("img", "width"), ("img", "height"):
      return Self.pixels(token).map(AttributeCheck.keep) ?? .invalid
    case ("td", "colspan"), ("th", "colspan"), ("col", "span"), ("colgroup", "span"):
      return valid(Int(token).map { 1...1000 ~= $0 } ?? false)
    case ("td", "rowspan"), ("th", "rowspan"):
      return valid(Int(token).map { 0...65534 ~= $0 } ?? false)
    case ("th", "scope"):
      return valid(
        ["row", "col", "rowgroup", "colgroup"].contains(token.lowercased()), token.lowercased())
    case ("ol", "start"):
      return valid(Self.isInteger(token))
    case ("li", "value") where ordered:
      return valid(Self.isInteger(token))
    case ("ol", "reversed"):
      return .keep("reversed")
    case ("ol", "type"):
      return valid(["1", "a", "A", "i", "I"].contains(token))
    case ("details", "open"):
      return .keep("open")
    case ("time", "datetime"):
      return valid(Self.isDateTime(token))
    case ("data", "value"):
      return .keep(value)
    case ("q", "cite"), ("blockquote", "cite"), ("del", "cite"), ("ins", "cite"):
      // A plain-http source is a remote reference EPUBCheck warns about (RSC-031).
      if Self.trimmed(value).lowercased().hasPrefix("http:") {
        note("dropped cite attribute with an http: URL (only https: sources are kept)")
        return .notAllowed
      }
      return resolveURL(value).map(AttributeCheck.keep) ?? .notAllowed
    default:
      return .notAllowed
    }
  }

  /// The class standing for `align`, or nil if the value or element has none.
  static func alignClass(_ value: String, on name: String) -> String? {
    if name == "img" {
      return ["left", "right", "center"].contains(value) ? "align-\(value)" : nil
    }
    guard alignable.contains(name), ["left", "center", "right", "justify"].contains(value) else {
      return nil
    }
    return "align-\(value)"
  }

  /// Checks an href or cite: nil if unsafe, empty or unresolved.
  mutating func resolveURL(_ raw: String) -> String? {
    let url = Self.trimmed(raw)
    guard !url.isEmpty else { return nil }
    if let scheme = Self.unsafeScheme(url) {
      note("removed \(scheme): URL")
      return nil
    }
    if url.lowercased().hasPrefix("file:") {
      note("removed file: URL")
      return nil
    }
    guard let resolved = resolveLink(url), !resolved.isEmpty else { return nil }
    return XMLCharacters.filtered(resolved)
  }

  /// Claims the first usable id among `candidates`, noting those that cannot be kept.
  mutating func claimID(_ candidates: [String]) -> String? {
    for id in candidates where !id.isEmpty {
      if id.unicodeScalars.contains(where: Self.isHTMLSpace) {
        note("dropped invalid id \"\(id)\"")
      } else if !allowedIDs.contains(id) {
        note("dropped id \"\(id)\"")
      } else if !usedIDs.insert(id).inserted {
        note("dropped duplicate id \"\(id)\"")
      } else {
        return id
      }
    }
    return nil
  }

  /// An empty span keeping the id of an element that is unwrapped.
  mutating func anchor(for element: XMLElement) -> XMLNode? {
    var candidates = [element[attribute: "id"]].compactMap { $0 }
    if element.name.lowercased() == "a", let name = element[attribute: "name"] {
      candidates.append(name)
    }
    guard !candidates.isEmpty, let id = claimID(candidates.map(XMLCharacters.filtered)) else {
      return nil
    }
    return .el("span", [("id", id)])
  }

}

// MARK: - Values

extension HTMLSanitizer {
  /// Whether `scalar` is an HTML space (space, tab, line feed, form feed, carriage return).
  static func isHTMLSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r"
  }

  /// `text` without leading and trailing HTML spaces.
  static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !isHTMLSpace($0) }),
      let end = scalars.lastIndex(where: { !isHTMLSpace($0) })
    else { return "" }
    return String(scalars[start...end])
  }

  /// The scheme of a URL that runs script (`javascript`, `vbscript`), ignoring the
  /// whitespace and control characters browsers ignore; nil for other URLs.
  static func unsafeScheme(_ url: String) -> String? {
    let compact = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 }))
      .lowercased()
    return ["javascript", "vbscript", "livescript"].first { compact.hasPrefix($0 + ":") }
  }

  /// A width or height in pixels as a non-negative integer ("100px" is 100), or nil.
  static func pixels(_ value: String) -> String? {
    var number = value.lowercased()
    if number.hasSuffix("px") { number = trimmed(String(number.dropLast(2))) }
    guard !number.isEmpty, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
      return nil
    }
    return number
  }

  /// Whether `value` is a valid integer (`-?[0-9]+`).
  static func isInteger(_ value: String) -> Bool {
    let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
    return !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
  }

  /// Whether `value` has the syntax of a BCP 47 language tag, or is empty.
  static func isLanguageTag(_ value: String) -> Bool {
    if value.isEmpty { return true }
    let subtags = value.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = subtags.first, first.utf8.allSatisfy(isASCIILetter) else { return false }
    return subtags.allSatisfy { subtag in
      (1...8).contains(subtag.utf8.count)
        && subtag.utf8.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
    }
  }

  static func isASCIILetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  static func isASCIIDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte)
  }

  /// The text of an element, without the content of removed elements.
  static func visibleText(of element: XMLElement) -> String {
    var text = ""
    var stack: [XMLNode] = element.children.reversed()
    while let node = stack.popLast() {
      switch node {
      case .text(let string):
        text += string
      case .element(let child):
        if case .remove = treatment(of: child.name.lowercased(), phrasing: false) { continue }
        stack.append(contentsOf: child.children.reversed())
      case .comment:
        continue
      }
    }
    return text
  }
}
