/// What HTML allows where: the heading elements, the elements that take only phrasing
/// content, the blocks, and the repairs that fit Octavo's own rendered nodes into raw HTML.
enum ContentModel {
  /// The heading elements, `h1` to `h6`, in rank order.
  static let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]

  /// Elements whose content must be phrasing content.
  static let phrasingParents = Set(
    [
      "p", "span", "a", "em", "strong", "b", "i", "u", "s",
      "small", "mark", "abbr", "cite", "code", "kbd", "samp", "var", "sub", "sup", "q", "dfn",
      "del", "ins", "time", "data", "bdi", "bdo", "label", "pre", "legend", "rt", "rp", "ruby",
    ] + headings)

  /// Elements that are not phrasing content.
  static let blockElements = Set(
    [
      "p", "div", "section", "article", "aside", "header", "footer", "nav", "main", "blockquote",
      "ul", "ol", "li", "dl", "dt", "dd", "figure", "figcaption", "table", "caption", "colgroup",
      "col", "thead", "tbody", "tfoot", "tr", "td", "th", "pre", "hr", "address", "details",
      "summary",
    ] + headings)

  /// Elements that end a paragraph when they start inside one.
  static let paragraphClosers: Set<String> = Set(
    [
      "address", "article", "aside", "blockquote", "center", "details", "dialog", "dd", "div",
      "dl", "dt", "fieldset", "figcaption", "figure", "footer", "form", "header", "hr", "li",
      "main", "nav", "ol", "p", "pre", "section", "summary", "table", "tbody", "td", "tfoot",
      "th", "thead", "tr", "ul",
    ] + headings)

  /// Ends each `<summary>` before the first block inside it (an unclosed `<summary>`
  /// followed by Markdown paragraphs), moving the blocks after it into the `<details>`.
  static func closeSummaries(_ nodes: [XMLNode]) -> [XMLNode] {
    nodes.map { node in
      guard case .element(var element) = node else { return node }
      element.children = closeSummaries(element.children)
      guard element.name == "details",
        let index = element.children.firstIndex(where: { $0.element?.name == "summary" }),
        case .element(var summary) = element.children[index],
        var split = summary.children.firstIndex(where: {
          guard let name = $0.element?.name else { return false }
          return blockElements.contains(name)
        })
      else { return .element(element) }
      // A summary may hold one heading and nothing else besides white space.
      if let name = summary.children[split].element?.name, headings.contains(name),
        summary.children[..<split].allSatisfy({
          if case .text(let t) = $0 { t.allSatisfy(\.isWhitespace) } else { false }
        })
      {
        split += 1
        guard split < summary.children.count else { return .element(element) }
      }
      let moved = Array(summary.children[split...])
      summary.children = Array(summary.children[..<split])
      if summary.textContent.allSatisfy(\.isWhitespace) { summary.children = [.text("Details")] }
      element.children[index] = .element(summary)
      element.children.insert(contentsOf: moved, at: index + 1)
      return .element(element)
    }
  }

  /// Fits `nodes` into a parent that allows only phrasing content (`phrasing`) and/or sits
  /// inside a link (`insideAnchor`), keeping all text and every id.
  static func fit(_ nodes: [XMLNode], phrasing: Bool, insideAnchor: Bool) -> [XMLNode] {
    guard phrasing || insideAnchor else { return nodes }
    var result: [XMLNode] = []
    var lastWasBlock = false
    for node in nodes {
      guard case .element(var element) = node else {
        if case .text(let text) = node, lastWasBlock, text.allSatisfy(\.isWhitespace) { continue }
        result.append(node)
        lastWasBlock = false
        continue
      }
      let unwrapBlock = phrasing && blockElements.contains(element.name)
      let unwrapAnchor = insideAnchor && element.name == "a"
      if unwrapBlock || unwrapAnchor {
        if element.name == "hr" { continue }
        if unwrapBlock, lastWasBlock { result.append(.el("br")) }
        if let id = element[attribute: "id"] { result.append(.el("span", [("id", id)])) }
        result += fit(element.children, phrasing: phrasing, insideAnchor: insideAnchor)
        lastWasBlock = unwrapBlock
      } else {
        element.children = fit(
          element.children, phrasing: phrasing || phrasingParents.contains(element.name),
          insideAnchor: insideAnchor || element.name == "a")
        result.append(.element(element))
        lastWasBlock = false
      }
    }
    return result
  }
}
