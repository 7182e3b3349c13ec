import OctavoMath
import Testing

/// The converter's own behaviour: chosen constructs, the result's metadata, diagnostics.
@Suite struct MathConverterTests {
  static func body(_ tex: String, display: Bool = false, macros: [String: MathMacro] = [:])
    -> String
  {
    let math = MathConverter(macros: macros).convert(tex, display: display).math
    return math.children[0].children[0].xml
  }

  @Test(arguments: [
    ("x^2", "<msup><mi>x</mi><mn>2</mn></msup>"),
    ("\\frac{a}{b}", "<mfrac><mi>a</mi><mi>b</mi></mfrac>"),
    ("\\sqrt[3]{x}", "<mroot><mi>x</mi><mn>3</mn></mroot>"),
    ("f'", "<mrow><mi>f</mi><mi>′</mi></mrow>"),
    ("p_1'", "<mrow><msub><mi>p</mi><mn>1</mn></msub><mi>′</mi></mrow>"),
    ("f''^2", "<msup><mi>f</mi><mrow><mo>″</mo><mn>2</mn></mrow></msup>"),
    ("\\mathbb{R}", "<mi>ℝ</mi>"),
    ("\\mathbf{x1}", "<mrow><mi>𝐱</mi><mn>𝟏</mn></mrow>"),
    ("\\mathrm{d}", "<mi mathvariant=\"normal\">d</mi>"),
    ("\\boldsymbol{\\alpha}", "<mi>𝜶</mi>"),
    ("\\not\\in", "<mo>∉</mo>"),
    ("\\not\\star", "<mo>⋆̸</mo>"),
    ("12.5", "<mn>12.5</mn>"),
    ("a - b", "<mrow><mi>a</mi><mo>−</mo><mi>b</mi></mrow>"),
    ("\\operatorname{rank}", "<mo>rank</mo>"),
    ("\\text{if }", "<mrow><mtext>if </mtext><mspace width=\"0.333em\"/></mrow>"),
    (
      "\\text{ and }",
      "<mrow><mspace width=\"0.333em\"/><mtext> and </mtext><mspace width=\"0.333em\"/></mrow>"
    ),
    ("\\hspace{2pt}", "<mspace width=\"0.2em\"/>"),
    ("\\overset{a}{=}", "<mover><mo>=</mo><mi>a</mi></mover>"),
    (
      "\\begin{cases} a \\end{cases}",
      "<mrow><mo stretchy=\"true\" form=\"prefix\">{</mo><mtable><mtr><mtd columnalign=\"left\"><mi>a</mi></mtd></mtr></mtable></mrow>"
    ),
    (
      "\\begin{aligned} a &= b \\end{aligned}",
      "<mtable displaystyle=\"true\"><mtr><mtd columnalign=\"right\"><mi>a</mi></mtd><mtd columnalign=\"left\"><mo>=</mo><mi>b</mi></mtd></mtr></mtable>"
    ),
    (
      "\\big(",
      "<mo minsize=\"1.2em\" maxsize=\"1.2em\" stretchy=\"true\" symmetric=\"true\" form=\"prefix\">(</mo>"
    ),
    (
      "\\Bigr]",
      "<mo minsize=\"1.623em\" maxsize=\"1.623em\" stretchy=\"true\" symmetric=\"true\" form=\"postfix\">]</mo>"
    ),
    ("\\left. x \\right|", "<mrow><mi>x</mi><mo stretchy=\"true\" form=\"postfix\">|</mo></mrow>"),
    (
      "(x)",
      "<mrow><mo stretchy=\"false\" form=\"prefix\">(</mo><mi>x</mi><mo stretchy=\"false\" form=\"postfix\">)</mo></mrow>"
    ),
    ("\\hat{x}", "<mover accent=\"true\"><mi>x</mi><mo accent=\"true\">̂</mo></mover>"),
    (
      "\\underbrace{x}_{n}",
      "<munder><munder accentunder=\"true\"><mi>x</mi><mo accent=\"true\">⏟</mo></munder><mi>n</mi></munder>"
    ),
    (
      "\\a \\, b",
      "<mrow><merror><mtext>\\a</mtext></merror><mspace width=\"0.167em\"/><mi>b</mi></mrow>"
    ),
    (
      "\\begin{array}{l|r} a & b \\end{array}",
      "<mtable><mtr><mtd columnalign=\"left\"><mi>a</mi></mtd><mtd columnalign=\"right\"><mi>b</mi></mtd></mtr></mtable>"
    ),
    (
      "n \\choose k",
      "<mrow><mo stretchy=\"true\" form=\"prefix\">(</mo><mfrac linethickness=\"0\"><mi>n</mi><mi>k</mi></mfrac><mo stretchy=\"true\" form=\"postfix\">)</mo></mrow>"
    ),
  ])
  func converts(_ tex: String, _ expected: String) {
    #expect(Self.body(tex) == expected)
  }

  @Test func limitsFollowTheStyle() {
    #expect(Self.body("\\sum_i x", display: true).hasPrefix("<mrow><munder><mo>∑</mo>"))
    #expect(Self.body("\\sum_i x").hasPrefix("<mrow><msub><mo>∑</mo>"))
    #expect(Self.body("\\sum\\limits_i x").hasPrefix("<mrow><munder><mo>∑</mo>"))
    #expect(Self.body("\\lim\\nolimits_i x", display: true).hasPrefix("<mrow><msub><mo>lim</mo>"))
    #expect(Self.body("\\int\\limits_0^1", display: false).hasPrefix("<munderover><mo>∫</mo>"))
  }

  @Test func mathElementKeepsTheTeX() {
    let result = MathConverter().convert("a<b & \"c\"", display: true)
    #expect(
      result.mathML.hasPrefix(
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\" alttext=\"a&lt;b &amp; &quot;c&quot;\"><semantics>"
      ))
    #expect(
      result.mathML.hasSuffix(
        "<annotation encoding=\"application/x-tex\">a&lt;b &amp; \"c\"</annotation></semantics></math>"
      ))
  }

  @Test func tagsLabelsAndReferences() {
    let result = MathConverter().convert("E = mc^2 \\tag{3.1} \\label{eq:e}", display: true)
    #expect(result.tag == "3.1")
    #expect(result.tagIsStarred == false)
    #expect(result.labels == ["eq:e"])
    #expect(!result.math.children[0].children[0].xml.contains("3.1"))
    #expect(result.diagnostics.isEmpty)
    let rows = MathConverter().convert(
      "\\begin{align} a &= b \\tag{1} \\label{one} \\\\ c &= d \\tag{2} \\label{two} \\end{align}",
      display: true)
    #expect(rows.tags == ["1", "2"] && rows.tag == "1" && rows.labels == ["one", "two"])
    #expect(rows.diagnostics.isEmpty)
    let twice = MathConverter().convert("x \\tag{1} \\tag{2}", display: true)
    #expect(twice.diagnostics.map(\.message) == ["an equation can have only one \\tag"])
    let starred = MathConverter().convert("x \\tag*{A}", display: true)
    #expect(starred.tag == "A" && starred.tagIsStarred)
    let reference = MathConverter().convert("\\eqref{eq:e}", display: false)
    #expect(reference.references == ["eq:e"])
    #expect(
      reference.mathML.contains("<mtext class=\"octavo-eqref\" data-ref=\"eq:e\">(eq:e)</mtext>"))
  }

  @Test func macrosWithArguments() {
    let macros = [
      "R": MathMacro(body: "\\mathbb{R}"),
      "norm": MathMacro(arity: 1, body: "\\left\\| #1 \\right\\|"),
      "pair": MathMacro(arity: 2, body: "(#1, #2)"),
    ]
    #expect(Self.body("\\R^n", macros: macros) == "<msup><mi>ℝ</mi><mi>n</mi></msup>")
    #expect(Self.body("\\norm{x}", macros: macros) == Self.body("\\left\\| x \\right\\|"))
    #expect(Self.body("\\pair{a}b", macros: macros) == Self.body("(a, b)"))
  }

  struct DiagnosticCase: Sendable, CustomTestStringConvertible {
    var tex: String
    var kind: MathDiagnostic.Kind
    var offset: Int
    var message: String
    var testDescription: String { tex }
  }

  @Test(arguments: [
    DiagnosticCase(
      tex: "x + \\alpah", kind: .unknownCommand(name: "alpah", suggestion: "alpha"), offset: 4,
      message: "unknown command \\alpah; did you mean \\alpha?"),
    DiagnosticCase(
      tex: "é + \\fracc{1}{2}", kind: .unknownCommand(name: "fracc", suggestion: "frac"), offset: 5,
      message: "unknown command \\fracc; did you mean \\frac?"),
    DiagnosticCase(
      tex: "\\frac{a}{b", kind: .unbalancedBraces, offset: 8,
      message: "unbalanced braces: this { is not closed"),
    DiagnosticCase(
      tex: "a}", kind: .unbalancedBraces, offset: 1,
      message: "unbalanced braces: this } closes no {"),
    DiagnosticCase(
      tex: "x \\left( y", kind: .unbalancedLeftRight, offset: 2,
      message: "\\left without a matching \\right"),
    DiagnosticCase(
      tex: "x \\right)", kind: .unbalancedLeftRight, offset: 2,
      message: "\\right without a matching \\left"),
    DiagnosticCase(
      tex: "\\begin{pmatrix} a & b", kind: .environmentNotClosed(name: "pmatrix"), offset: 0,
      message: "\\begin{pmatrix} is not closed by \\end{pmatrix}"),
    DiagnosticCase(
      tex: "\\begin{matrix} a \\end{pmatrix}", kind: .unexpectedEnd(name: "pmatrix"), offset: 17,
      message: "\\end{pmatrix} closes \\begin{matrix}"),
    DiagnosticCase(
      tex: "\\begin{foo} a \\end{foo}", kind: .unknownEnvironment(name: "foo"), offset: 0,
      message: "unknown environment foo"),
    DiagnosticCase(
      tex: "a & b", kind: .misplaced("&"), offset: 2, message: "& outside a table environment"),
  ])
  func diagnostics(_ c: DiagnosticCase) throws {
    let result = MathConverter().convert(c.tex, display: false)
    let first = try #require(result.diagnostics.first)
    #expect(first.kind == c.kind)
    #expect(first.offset == c.offset)
    #expect(first.message == c.message)
    #expect(MathMLTree.parse(result.mathML) != nil)
  }

  @Test func macroDiagnosticsPointAtTheCall() {
    let macros = ["loop": MathMacro(body: "x\\loop"), "bad": MathMacro(body: "\\nope")]
    let looping = MathConverter(macros: macros).convert("a + \\loop", display: false)
    #expect(looping.diagnostics.map(\.kind) == [.tooComplex])
    #expect(looping.diagnostics.first?.offset == 4)
    let bad = MathConverter(macros: macros).convert("ab\\bad", display: false)
    #expect(bad.diagnostics.first?.offset == 2)
    #expect(bad.diagnostics.first?.kind == .unknownCommand(name: "nope", suggestion: "not"))
  }

  @Test func userMacrosAreSuggested() {
    let macros = ["vect": MathMacro(arity: 1, body: "\\mathbf{#1}")]
    let result = MathConverter(macros: macros).convert("\\vectt{x}", display: false)
    #expect(result.diagnostics.first?.kind == .unknownCommand(name: "vectt", suggestion: "vect"))
  }
}
