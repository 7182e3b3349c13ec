/// Converts the TeX of one formula to MathML.
///
/// The converter covers the LaTeX maths authors write (fractions, roots, scripts and limits,
/// symbols, accents, delimiters, fonts, spacing, the amsmath environments, `\tag`, `\label`,
/// `\eqref`) plus the user's macros. It never throws, never crashes on bad input and always
/// returns MathML; problems come back as ``MathDiagnostic`` values with UTF-8 byte offsets.
///
/// ```swift
/// let converter = MathConverter(macros: ["R": MathMacro(body: "\\mathbb{R}")])
/// let result = converter.convert("x \\in \\R", display: false)
/// print(result.mathML)
/// ```
package struct MathConverter: Sendable {
  /// The MathML namespace.
  package static let namespace = "http://www.w3.org/1998/Math/MathML"

  /// The user macros, by name without the backslash.
  package let macros: [String: MathMacro]

  /// Creates a converter that knows `macros` (name without backslash → definition).
  package init(macros: [String: MathMacro] = [:]) {
    self.macros = macros
  }

  /// Converts `tex`, as inline math or, when `display` is set, as display math.
  package func convert(_ tex: String, display: Bool) -> MathResult {
    var parser = MathParser(tex: tex, macros: macros, display: display)
    let items = parser.parseFormula()
    let body = MathParser.row(items.isEmpty ? [MathNode("mrow")] : items)
    let semantics = MathNode(
      "semantics",
      children: [
        body,
        MathNode("annotation", text: tex, [.init("encoding", "application/x-tex")]),
      ])
    let math = MathNode(
      "math",
      [
        .init("xmlns", Self.namespace), .init("display", display ? "block" : "inline"),
        .init("alttext", tex),
      ],
      children: [semantics])
    return MathResult(
      math: math, tag: parser.tag, tagIsStarred: parser.tagIsStarred, tags: parser.tags,
      labels: parser.labels,
      references: parser.references, diagnostics: parser.diagnostics)
  }
}
