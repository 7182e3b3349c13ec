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

  /// A display formula: shown as its TeX in code style until formulas are converted, with
  /// the label as its id and the number at its side when it is numbered.
  func renderDisplayFormula(_ formula: Formula) -> [XMLNode] {
    let pre: XMLNode = .el(
      "pre", [("class", "math")], [.el("code", [], Self.codeLines(formula.tex))])
    guard let label = formula.label, let number = formula.number else { return [pre] }
    return [
      .el(
        "div", [("class", "equation"), ("id", label)],
        [pre, .el("span", [("class", "equation-number")], [.text("(" + number + ")")])])
    ]
  }
}
