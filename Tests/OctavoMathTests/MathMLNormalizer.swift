import OctavoMath

/// Brings two MathML trees that render the same to the same form, so that the converter's output
/// can be compared with texmath's. Every rule is a rendering equivalence of MathML Core:
///
/// 1. The `<math>` wrapper, `<semantics>` and the TeX `<annotation>` are dropped.
/// 2. `mathvariant` (on tokens or on an `mstyle`) is applied to the characters, as MathML Core does
///    with Unicode's mathematical alphanumerics, then removed; `normal` is kept on a one-letter `mi`.
/// 3. An accent flagged on the `mo` (MathML 3) is flagged on its `mover`/`munder` (MathML Core);
///    `accent="false"` is the default and is dropped.
/// 4. `stretchy` on a fence whose row holds only characters (no fraction, script, table, large
///    operator…) is dropped: a fence stretches to its row's height, which such a row never exceeds.
/// 5. `displaystyle` (and `scriptlevel="0"` set with it) is dropped from a subtree without fractions,
///    limits or large operators: it changes nothing else.
/// 6. An `mrow` inside a row-like element is spliced into it, and an `mrow` holding one element is
///    that element; an `mstyle` left without attributes is an `mrow`.
/// 7. Lengths are compared as numbers (`1.0em` = `1em`).
/// 8. `form="prefix"` and `form="postfix"` on a vertical bar (`|`, `∥`) are the same: the operator
///    dictionary gives both forms zero spacing.
enum MathMLNormalizer {
  static let largeOperators: Set<String> = [
    "∑", "∏", "∐", "⋃", "⋂", "⨁", "⨂", "⨀", "⨄", "⨆", "⋁", "⋀", "∫", "∬", "∭", "∮", "⨌", "∯", "∰",
  ]
  static let tokens: Set<String> = ["mi", "mn", "mo", "mtext", "ms", "mspace"]
  static let rowLike: Set<String> = [
    "math", "mrow", "mstyle", "msqrt", "mtd", "mphantom", "merror", "menclose", "mpadded",
  ]

  /// The canonical string of the normalized formula inside `math`.
  static func normalize(_ math: MathMLTree) -> String {
    var body = math
    if let semantics = body.children.first, semantics.name == "semantics" {
      body.children = semantics.children.first.map { [$0] } ?? []
    }
    body.attributes = [:]
    body.name = "math"
    let normalized = flatten(displayRule(stretchyRule(variants(accents(body), nil))))
    return normalized.canonical
  }

  static func variants(_ node: MathMLTree, _ inherited: String?) -> MathMLTree {
    var node = node
    var variant = inherited
    if let own = node.attributes.removeValue(forKey: "mathvariant") { variant = own }
    if var text = node.text, node.name != "annotation" {
      if let variant, variant != "normal", let alphabet = MathAlphabet(mathvariant: variant) {
        text = alphabet.map(text)
      }
      node.text = text
      if variant == "normal", node.name == "mi", text.unicodeScalars.count == 1,
        text.unicodeScalars.first!.properties.isAlphabetic
      {
        node.attributes["mathvariant"] = "normal"
      }
    }
    node.children = node.children.map { variants($0, variant) }
    return node
  }

  static func accents(_ node: MathMLTree) -> MathMLTree {
    var node = node
    node.children = node.children.map(accents)
    if node.attributes["accent"] == "false" { node.attributes["accent"] = nil }
    if node.attributes["accentunder"] == "false" { node.attributes["accentunder"] = nil }
    func moveAccent(_ index: Int, _ key: String) {
      guard index < node.children.count, node.children[index].name == "mo" else { return }
      if node.children[index].attributes.removeValue(forKey: "accent") == "true" {
        node.attributes[key] = "true"
      }
    }
    switch node.name {
    case "mover": moveAccent(1, "accent")
    case "munder": moveAccent(1, "accentunder")
    case "munderover":
      moveAccent(1, "accentunder")
      moveAccent(2, "accent")
    default: break
    }
    return node
  }

  static func isFlat(_ node: MathMLTree) -> Bool {
    if tokens.contains(node.name) {
      return !(node.name == "mo" && largeOperators.contains(node.text ?? ""))
    }
    if node.name == "mrow" || (node.name == "mstyle" && node.attributes.isEmpty) {
      return node.children.allSatisfy(isFlat)
    }
    return false
  }

  static func stretchyRule(_ node: MathMLTree) -> MathMLTree {
    var node = node
    node.children = node.children.map(stretchyRule)
    guard rowLike.contains(node.name) else { return node }
    for index in node.children.indices {
      let child = node.children[index]
      guard child.name == "mo", child.attributes["stretchy"] != nil,
        child.attributes["form"] != nil,
        child.attributes["minsize"] == nil
      else { continue }
      let others = node.children.enumerated().filter { $0.offset != index }.map(\.element)
      if others.allSatisfy(isFlat) { node.children[index].attributes["stretchy"] = nil }
    }
    return node
  }

  static func displaySensitive(_ node: MathMLTree) -> Bool {
    if ["mfrac", "munder", "mover", "munderover"].contains(node.name) { return true }
    if node.name == "mo", largeOperators.contains(node.text ?? "") { return true }
    return node.children.contains(where: displaySensitive)
  }

  static func displayRule(_ node: MathMLTree) -> MathMLTree {
    var node = node
    node.children = node.children.map(displayRule)
    if node.attributes["displaystyle"] != nil, !displaySensitive(node) {
      node.attributes["displaystyle"] = nil
      if node.attributes["scriptlevel"] == "0" { node.attributes["scriptlevel"] = nil }
    }
    if ["|", "∥", "‖"].contains(node.text ?? ""),
      ["prefix", "postfix"].contains(node.attributes["form"] ?? "")
    {
      node.attributes["form"] = "bar"
    }
    if let width = node.attributes["width"], width.hasSuffix("em"),
      let value = Double(width.dropLast(2))
    {
      node.attributes["width"] = "\(value)em"
    }
    return node
  }

  static func flatten(_ node: MathMLTree) -> MathMLTree {
    var node = node
    if node.name == "mstyle" && node.attributes.isEmpty { node.name = "mrow" }
    var children: [MathMLTree] = []
    for child in node.children.map(flatten) {
      if rowLike.contains(node.name), child.name == "mrow", child.attributes.isEmpty {
        children += child.children
      } else if child.name == "mrow", child.attributes.isEmpty, child.children.count == 1 {
        children.append(child.children[0])
      } else {
        children.append(child)
      }
    }
    node.children = children
    return node
  }
}
