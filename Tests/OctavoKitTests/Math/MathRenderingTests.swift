import Foundation
import Testing

@testable import OctavoKit

/// Formulas in the rendered XHTML, raw `<math>` through the sanitizer, and what the math pass
/// reports.
@Suite("Math rendering")
struct MathRenderingTests {
  static func chapterXHTML(_ markdown: String, yaml: String = "") throws -> String {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\n\(yaml)contents: [c.md]\n", "c.md": markdown,
    ])
    defer { book.remove() }
    let manuscript = try book.load()
    let rendered = try SerializedBook(
      book: manuscript.book, root: book.root, formats: [.epub], parallel: false)
    let document = try #require(rendered.documents.first { $0.id == "c" })
    return String(decoding: document.xhtml, as: UTF8.self)
  }

  @Test("a numbered, labelled display formula: a box with the label as id and the number right")
  func displayNumbered() throws {
    let xhtml = try Self.chapterXHTML("# C\n\n$$\nx^2 \\tag{4} \\label{eq:sq}\n$$\n")
    #expect(
      xhtml.contains(
        "<div id=\"eq:sq\" class=\"equation numbered\"><math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\" alttext=\"x^2 \\tag{4} \\label{eq:sq}\"><semantics><msup><mi>x</mi><mn>2</mn></msup><annotation encoding=\"application/x-tex\">x^2 \\tag{4} \\label{eq:sq}</annotation></semantics></math><span class=\"equation-number\">(4)</span></div>"
      ), "\(xhtml)")
  }

  @Test("a formula with errors shows its TeX in code style")
  func errorsShowTeX() throws {
    let xhtml = try Self.chapterXHTML("# C\n\nSee $\\alpah$.\n\n$$\\frac{1$$\n")
    #expect(xhtml.contains("See <code class=\"math\">\\alpah</code>."))
    #expect(xhtml.contains("<div class=\"equation\"><pre class=\"math\"><code>"))
    #expect(!xhtml.contains("<math"))
  }

  @Test("book macros reach every formula")
  func macros() throws {
    let xhtml = try Self.chapterXHTML(
      "# C\n\n$\\R \\times \\pair{a}{b}$\n",
      yaml: "math-macros:\n  R: \\mathbb{R}\n  pair: '(#1, #2)'\n")
    #expect(xhtml.contains("<mi>ℝ</mi><mo>×</mo><mrow><mo"), "\(xhtml)")
    #expect(xhtml.contains("<mi>a</mi><mo>,</mo><mi>b</mi>"), "\(xhtml)")
  }

  @Test(
    "raw <math> keeps MathML Core only",
    arguments: [
      (
        "<math onclick=\"evil()\"><mi href=\"http://x\">x</mi><script>bad()</script></math>",
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mi>x</mi></math>"
      ),
      (
        "<math display=\"block\"><maction actiontype=\"toggle\"><mi>a</mi></maction><mn>1</mn></math>",
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\" display=\"block\"><mn>1</mn></math>"
      ),
      (
        "<math><mstyle mathvariant=\"bold\" style=\"color:red\"><mi>v</mi></mstyle></math>",
        "<math xmlns=\"http://www.w3.org/1998/Math/MathML\"><mstyle mathvariant=\"bold\"><mi>v</mi></mstyle></math>"
      ),
    ])
  func rawMath(html: String, expected: String) throws {
    let xhtml = try Self.chapterXHTML("# C\n\nA \(html) B.\n")
    #expect(xhtml.contains("A \(expected) B."), "\(xhtml)")
  }

  @Test("formula problems are reported inside the formula, on its own line")
  func diagnosticLocations() throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [c.md]\n",
      "c.md": "# C\n\nOne $a +\n  \\bta$ and\n\n```math\n\\begin{cases}\n```\n",
    ])
    defer { book.remove() }
    let diagnostics = try book.load().diagnostics.map(\.description)
    #expect(
      diagnostics == [
        "c.md:4:3: warning: formula shown as its TeX: unknown command \\bta; did you mean \\eta? [OCT330]",
        "c.md:7:1: warning: formula shown as its TeX: \\begin{cases} is not closed by \\end{cases} [OCT333]",
      ])
  }
}
