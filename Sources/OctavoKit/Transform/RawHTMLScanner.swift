/// Reads raw HTML before it is rendered, so the ids, headings, images and links written in
/// it can take part in titles, link checking and packaging.
enum RawHTMLScanner {
  /// An element's text with runs of white space made single spaces, as a browser shows it.
  static func normalizedText(_ element: XMLElement) -> String {
    element.textContent.collapsingWhitespace
  }

  /// A heading's text, or when it holds only images (a logo), their alt text.
  static func headingText(_ element: XMLElement) -> String {
    let text = normalizedText(element)
    if !text.isEmpty { return text }
    var alts: [String] = []
    element.forEachElement {
      if $0.name == "img", let alt = $0[attribute: "alt"] { alts.append(alt) }
    }
    return alts.joined(separator: " ").collapsingWhitespace
  }

  /// The text of each heading (`<h1>`…`<h6>`) written in `html`, in order.
  static func headings(in html: String) -> [String] {
    guard html.range(of: "<h", options: .caseInsensitive) != nil else { return [] }
    return headings(in: elements(in: html))
  }

  /// The text of each heading among `elements` (as ``elements(in:)`` lists them), in order.
  static func headings(in elements: [XMLElement]) -> [String] {
    elements.filter { ContentModel.headings.contains($0.name) }
      .map(headingText).filter { !$0.isEmpty }
  }

  /// Every element written in `html`, in document order, as libxml2's HTML parser reads it.
  static func elements(in html: String) -> [XMLElement] {
    guard html.contains("<") else { return [] }
    var result: [XMLElement] = []
    var stack = MarkupParser.parseHTMLFragment(html).reversed().compactMap(\.element)
    while let element = stack.popLast() {
      result.append(element)
      stack.append(contentsOf: element.children.reversed().compactMap(\.element))
    }
    return result
  }

  /// The id an element names: its `id`, or the `name` of an `<a>`.
  static func id(of element: XMLElement) -> String? {
    let id = element[attribute: "id"] ?? (element.name == "a" ? element[attribute: "name"] : nil)
    guard let id, !id.isEmpty, !id.contains(where: \.isWhitespace) else { return nil }
    return id
  }

}
