/// Raw HTML written in a manuscript: the text as written, and the nodes it holds, parsed once
/// when the Markdown is read.
///
/// cmark-gfm gives inline HTML tag by tag (`<span>`, then the Markdown inside, then `</span>`),
/// so an inline piece is often one tag; ``tag`` says which. Transform, the accessibility
/// checks and the title finder read ``nodes``; none of them parses ``source`` again.
public struct RawHTML: Sendable, Hashable {
  /// One tag alone, as cmark-gfm gives inline HTML.
  public struct Tag: Sendable, Hashable {
    /// The element's name, in lower case.
    public var name: String
    /// Whether it is an end tag (`</span>`).
    public var isClosing: Bool
    /// Whether it ends with `/>` (`<br/>`).
    public var isSelfClosing: Bool
  }

  /// The HTML as written.
  public var source: String
  /// What the HTML holds, as libxml2's HTML parser reads it (recovering as browsers do);
  /// not yet sanitized. Comments are dropped.
  public var nodes: [XMLNode]
  /// What the renderer sanitizes when the HTML stands alone: the nodes of the HTML without
  /// the tags that would end or restart a document (``HTMLFragment``); the same as ``nodes``
  /// unless the HTML writes such a tag.
  public var fragment: [XMLNode]
  /// The tag the HTML starts with, when it starts with one (`<code>`, `</code>`, `<br/>`).
  public var tag: Tag?

  /// Raw HTML, parsed.
  public init(_ source: String) {
    self.source = source
    nodes = source.contains("<") ? MarkupParser.parseHTMLFragment(source) : []
    let cleaned = HTMLFragment.withoutDocumentTags(source)
    fragment = cleaned == source ? nodes : MarkupParser.parseHTMLFragment(cleaned)
    tag = Self.tag(of: source)
  }

  /// The tag `source` starts with, if any.
  static func tag(of source: String) -> Tag? {
    guard source.hasPrefix("<") else { return nil }
    let body = source.dropFirst()
    let closing = body.hasPrefix("/")
    let name = (closing ? body.dropFirst() : body).prefix { $0.isLetter || $0.isNumber }
      .lowercased()
    guard !name.isEmpty else { return nil }
    return Tag(name: name, isClosing: closing, isSelfClosing: source.hasSuffix("/>"))
  }

  /// Every element, in document order.
  public var elements: [XMLElement] {
    var result: [XMLElement] = []
    var stack = nodes.reversed().compactMap(\.element)
    while let element = stack.popLast() {
      result.append(element)
      stack.append(contentsOf: element.children.reversed().compactMap(\.element))
    }
    return result
  }

  /// The ids written, in order: each element's `id`, or the `name` of an `<a>`.
  public var ids: [String] { elements.compactMap(Self.id(of:)) }

  /// The text of each heading (`<h1>`…`<h6>`) written, in order, empty ones left out.
  public var headingTexts: [String] {
    guard source.range(of: "<h", options: .caseInsensitive) != nil else { return [] }
    return elements.filter { ContentModel.headings.contains($0.name) }
      .map(Self.headingText).filter { !$0.isEmpty }
  }

  /// The id an element names: its `id`, or the `name` of an `<a>`; nil when empty or
  /// holding white space.
  public static func id(of element: XMLElement) -> String? {
    let id = element[attribute: "id"] ?? (element.name == "a" ? element[attribute: "name"] : nil)
    guard let id, !id.isEmpty, !id.contains(where: \.isWhitespace) else { return nil }
    return id
  }

  /// A heading's text with runs of white space made single spaces, as a browser shows it;
  /// when it holds only images (a logo), their alt text.
  public static func headingText(_ element: XMLElement) -> String {
    let text = element.textContent.collapsingWhitespace
    if !text.isEmpty { return text }
    var alts: [String] = []
    element.forEachElement {
      if $0.name == "img", let alt = $0[attribute: "alt"] { alts.append(alt) }
    }
    return alts.joined(separator: " ").collapsingWhitespace
  }
}
