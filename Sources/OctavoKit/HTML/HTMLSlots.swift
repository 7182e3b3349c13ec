/// The placeholders that stand for Markdown rendered inside raw HTML while the two are parsed
/// and sanitized together: `<o-slot data-i="N">`, which the sanitizer passes through
/// untouched, then replaced by the rendered nodes fitted to where it ended up.
enum HTMLSlots {
  /// The placeholder element's name.
  static let name = "o-slot"

  /// The placeholder for the rendered nodes numbered `index`.
  static func placeholder(_ index: Int) -> String {
    "<\(name) data-i=\"\(index)\"></\(name)>"
  }

  /// The text of `nodes` when they are only text.
  static func plainText(_ nodes: [XMLNode]) -> String? {
    var text = ""
    for node in nodes {
      guard case .text(let value) = node else { return nil }
      text += value
    }
    return text
  }

  /// `text` escaped to stand as text in HTML.
  static func escape(_ text: String) -> String {
    var result = ""
    for character in text {
      switch character {
      case "&": result += "&amp;"
      case "<": result += "&lt;"
      case ">": result += "&gt;"
      default: result.append(character)
      }
    }
    return result
  }

  /// The number of placeholders that came through parsing and cleaning as elements. One
  /// lost in an attribute, a comment, or inside an unclosed `<iframe>` or `<script>` that the
  /// sanitizer removed, means the raw HTML must be cleaned piece by piece, so the Markdown
  /// after it is not lost.
  static func count(_ nodes: [XMLNode]) -> Int {
    var count = 0
    for case .element(let element) in nodes {
      element.forEachElement { if $0.name == name { count += 1 } }
    }
    return count
  }

  /// Replaces every `<o-slot data-i="N">` in `nodes` with `slots[N]`, fitting the rendered
  /// nodes to where the slot ended up: block content in a phrasing parent is unwrapped, and
  /// a link inside a link loses its anchor.
  static func fill(
    _ nodes: [XMLNode], _ slots: [[XMLNode]], phrasing: Bool = false,
    insideAnchor: Bool = false
  ) -> [XMLNode] {
    var result: [XMLNode] = []
    for node in nodes {
      guard case .element(var element) = node else {
        result.append(node)
        continue
      }
      if element.name == name {
        if let index = element[attribute: "data-i"].flatMap(Int.init), index < slots.count {
          result += ContentModel.fit(slots[index], phrasing: phrasing, insideAnchor: insideAnchor)
        }
        continue
      }
      element.children = fill(
        element.children, slots,
        phrasing: phrasing || ContentModel.phrasingParents.contains(element.name),
        insideAnchor: insideAnchor || element.name == "a")
      result.append(.element(element))
    }
    return result
  }
}
