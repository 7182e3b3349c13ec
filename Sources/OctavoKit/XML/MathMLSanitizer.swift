/// Keeps a `<math>` element written as raw HTML in the manuscript, rebuilt from the MathML Core
/// allow-list: its elements and attributes only, in the MathML namespace. Anything else (an
/// element MathML Core does not have, an event handler, a link, a style sheet) is removed, and
/// each kind of removal is named so the author can be told.
enum MathMLSanitizer {
  static let namespace = "http://www.w3.org/1998/Math/MathML"

  /// The elements of MathML Core.
  static let allowedElements: Set<String> = [
    "math", "semantics", "annotation", "annotation-xml", "mi", "mn", "mo", "ms", "mspace", "mtext",
    "merror", "mfrac", "mpadded", "mphantom", "mroot", "mrow", "msqrt", "mstyle", "mmultiscripts",
    "mover", "mprescripts", "msub", "msubsup", "msup", "munder", "munderover", "mtable", "mtd",
    "mtr",
  ]

  /// Elements whose text is kept and whose children are not read further.
  static let tokenElements: Set<String> = ["mi", "mn", "mo", "ms", "mtext", "annotation"]

  /// The attributes of MathML Core (global ones and those of particular elements) that a book
  /// may carry; `class`, `id`, `dir` and the language are kept as on HTML elements.
  static let allowedAttributes: Set<String> = [
    "class", "id", "dir", "lang", "xml:lang", "displaystyle", "scriptlevel", "mathvariant",
    "display", "alttext", "encoding", "linethickness", "accent", "accentunder", "form", "fence",
    "separator", "largeop", "movablelimits", "stretchy", "symmetric", "lspace", "rspace",
    "minsize", "maxsize", "width", "height", "depth", "voffset", "columnspan", "rowspan",
    "columnalign", "rowalign",
  ]

  /// `element` (a `<math>` from raw HTML) kept as MathML Core, and the phrases naming what was
  /// removed (empty when nothing was).
  static func sanitize(_ element: XMLElement) -> (XMLElement, [String]) {
    var removed: [String] = []
    var clean = rebuild(element, depth: 0) { what in
      if !removed.contains(what) { removed.append(what) }
    }
    clean[attribute: "xmlns"] = namespace
    if clean[attribute: "display"] != "block" { clean[attribute: "display"] = nil }
    return (clean, removed)
  }

  private static func rebuild(
    _ element: XMLElement, depth: Int, note: (String) -> Void
  ) -> XMLElement {
    var attributes: [(String, String)] = []
    for (name, value) in element.attributes {
      let lower = name.lowercased()
      if lower == "xmlns" { continue }
      if allowedAttributes.contains(lower) {
        attributes.append((lower, value))
      } else if lower.hasPrefix("on") {
        note("event handlers")
      } else {
        note("the attribute '\(lower)'")
      }
    }
    var children: [XMLNode] = []
    for child in element.children {
      switch child {
      case .text(let text): children.append(.text(text))
      case .comment: continue
      case .element(let inner):
        let name = inner.name.lowercased()
        guard allowedElements.contains(name), name != "math", depth < 64 else {
          note(name == "math" ? "a <math> inside <math>" : "<\(name)>, not MathML Core")
          continue
        }
        var kept = rebuild(inner, depth: depth + 1, note: note)
        kept.name = name
        if tokenElements.contains(name) {
          kept.children = [.text(kept.textContent)]
        }
        children.append(.element(kept))
      }
    }
    return XMLElement("math", attributes, children).renamed(element.name.lowercased())
  }
}

extension XMLElement {
  /// This element under another name.
  fileprivate func renamed(_ name: String) -> XMLElement {
    var copy = self
    copy.name = name
    return copy
  }
}
