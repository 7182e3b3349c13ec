/// Numbered captions: a figure's, a table's and a listing's, with the number in front
/// ("Figure 3.2. Caption"), and a labelled display equation with its number.
extension XHTMLRenderer {
  /// A caption's content with the element's number in front: `<span class="caption-label">
  /// Figure 3.2.</span> Caption`, or the number alone when there is no caption text.
  static func numberedCaption(_ numbering: NumberedLabel, _ text: [XMLNode]) -> [XMLNode] {
    let hasText = text.contains { node in
      if case .text(let string) = node { !string.allSatisfy(\.isWhitespace) } else { true }
    }
    let label: XMLNode = .el(
      "span", [("class", "caption-label")], [.text(numbering.title + (hasText ? "." : ""))])
    return hasText ? [label, .text(" ")] + text : [label]
  }

}
