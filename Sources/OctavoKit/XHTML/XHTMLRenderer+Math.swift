/// Formulas: the MathML the math pass made, or the TeX in code style when it has errors.
extension XHTMLRenderer {
  /// A formula in running text: its `<math>` element (`display="block"` for `$$…$$`).
  func renderInlineFormula(_ formula: Formula) -> [XMLNode] {
    let shown: XMLNode
    if let math = Self.mathElement(formula) {
      shown = .element(math)
    } else {
      shown = .el("code", [("class", "math")], [.text(formula.tex)])
    }
    // A labelled or numbered `$$…$$` inside a paragraph: a box set as a display formula's
    // (the style sheet's `.equation`), which references land on, with its number at the right.
    guard formula.isDisplay, formula.label != nil || formula.number != nil else { return [shown] }
    var attributes = [("class", formula.number == nil ? "equation" : "equation numbered")]
    if let label = formula.label, !label.isEmpty { attributes.insert(("id", label), at: 0) }
    var children = [shown]
    if let number = formula.number {
      children.append(.el("span", [("class", "equation-number")], [.text("(\(number))")]))
    }
    return [.el("span", attributes, children)]
  }

  /// A display formula on its own: in a box of its own (a formula wider than a phone's screen
  /// scrolls there), with its number at the right as "(3.2)" and the label as the box's id.
  func renderDisplayFormula(_ formula: Formula) -> [XMLNode] {
    var attributes = [("class", formula.number == nil ? "equation" : "equation numbered")]
    if let label = formula.label, !label.isEmpty { attributes.insert(("id", label), at: 0) }
    guard let math = Self.mathElement(formula) else {
      return [
        .el(
          "div", attributes,
          [.el("pre", [("class", "math")], [.el("code", [], Self.codeLines(formula.tex))])])
      ]
    }
    var children: [XMLNode] = [.element(math)]
    if let number = formula.number {
      children.append(.el("span", [("class", "equation-number")], [.text("(\(number))")]))
    }
    return [.el("div", attributes, children)]
  }

  /// The formula's `<math>` element: made by the math pass, or now for a formula that did not
  /// go through it (a model built in code); nil when its TeX has errors.
  static func mathElement(_ formula: Formula) -> XMLElement? {
    if let math = formula.mathML { return math }
    guard !formula.hasErrors else { return nil }
    var ignored: [Diagnostic] = []
    let converted = MathTypesetter(macros: [:]).convert(formula, &ignored)
    return converted.mathML
  }
}
