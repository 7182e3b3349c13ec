import OctavoMath
import Testing

/// The converter never crashes or hangs and always writes well-formed MathML, whatever it gets.
@Suite struct MathRobustnessTests {
  /// A small deterministic generator (SplitMix64), so that a failure can be replayed.
  struct Generator {
    var state: UInt64
    mutating func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }
  }

  static let fragments = [
    "{", "}", "{", "}", "^", "_", "'", "&", "\\\\", "x", "1", "2.5", " ", "+", "=", "(", ")", "[",
    "]",
    "|", "\\left(", "\\right)", "\\left.", "\\middle|", "\\right", "\\left", "\\frac", "\\sqrt",
    "\\sqrt[",
    "\\begin{pmatrix}", "\\end{pmatrix}", "\\begin{cases}", "\\end{cases}", "\\begin{array}{c|l}",
    "\\end{array}", "\\begin{aligned}", "\\end{aligned}", "\\end{foo}", "\\begin{", "\\text{",
    "\\mathbf",
    "\\mathbb{", "\\operatorname*{", "\\not", "\\big", "\\Bigl", "\\tag{", "\\label{", "\\eqref{",
    "%",
    "#1", "#", "\\", "\\alpha", "\\sum", "\\limits", "\\nolimits", "\\over", "\\choose",
    "\\displaystyle",
    "\\hspace{", "em", "\\overbrace", "^{", "_{", "\\unknown", "é", "𝔸", "\u{0}", "\u{FFFF}", "\"",
    "<", "&amp;",
    "\\m", "\\mm", "\\id", "\\hat", "\\overset", "\\stackrel", "~", "\\,", "\\ ", "\\xrightarrow[",
  ]

  static let macros = [
    "m": MathMacro(arity: 1, body: "{#1}^{#1}"),
    "mm": MathMacro(arity: 2, body: "\\m{#2}\\m{#1}"),
    "id": MathMacro(arity: 1, body: "#1"),
  ]

  @Test(arguments: 0..<8)
  func randomInput(_ seed: Int) {
    var generator = Generator(state: UInt64(seed) &* 7919)
    let converter = MathConverter(macros: Self.macros)
    for _ in 0..<300 {
      var tex = ""
      let length = Int(generator.next() % 40)
      for _ in 0..<length { tex += generator.pick(Self.fragments) }
      for display in [false, true] {
        let result = converter.convert(tex, display: display)
        #expect(MathMLTree.parse(result.mathML) != nil, "not well formed for \(tex)")
        for diagnostic in result.diagnostics {
          #expect(
            diagnostic.offset >= 0 && diagnostic.offset <= tex.utf8.count, "offset outside \(tex)")
        }
      }
    }
  }

  @Test(arguments: [
    String(repeating: "{", count: 20_000),
    String(repeating: "}", count: 20_000),
    String(repeating: "{x^", count: 5_000) + String(repeating: "}", count: 5_000),
    String(repeating: "\\left(", count: 5_000),
    String(repeating: "\\right)", count: 5_000),
    String(repeating: "\\frac{", count: 5_000),
    String(repeating: "\\sqrt[", count: 5_000),
    String(repeating: "x^", count: 5_000),
    String(repeating: "\\begin{pmatrix}", count: 3_000),
    String(repeating: "\\end{pmatrix}", count: 3_000),
    String(repeating: "\\text{", count: 5_000),
    String(repeating: "a_{b^{c'}}\\alpha\\beta + ", count: 40_000),
    String(repeating: "\\mm{x}{y}", count: 2_000),
  ])
  func pathologicalInput(_ tex: String) {
    let result = MathConverter(macros: Self.macros).convert(tex, display: true)
    #expect(MathMLTree.parse(result.mathML) != nil)
  }

  @Test func oneMegabyteFormula() {
    var generator = Generator(state: 42)
    var tex = ""
    while tex.utf8.count < 1_000_000 { tex += generator.pick(Self.fragments) }
    let result = MathConverter(macros: Self.macros).convert(tex, display: false)
    #expect(result.mathML.utf8.count > 0)
    #expect(result.diagnostics.count <= 100)
  }

  @Test func runawayMacrosStop() {
    let macros = [
      "a": MathMacro(body: "\\b\\b"), "b": MathMacro(body: "\\c\\c"),
      "c": MathMacro(body: "\\a\\a"),
      "self": MathMacro(arity: 1, body: "\\self{#1#1}"),
    ]
    for tex in ["\\a", "\\self{x}"] {
      let result = MathConverter(macros: macros).convert(tex, display: false)
      #expect(result.diagnostics.contains { $0.kind == .tooComplex })
    }
  }
}
