import Testing

@testable import OctavoKit

/// `$…$` and `$$…$$` in Markdown: what is a formula, what stays text, and where formulas are.
@Suite("Math in Markdown")
struct MathMarkdownTests {
  /// The first block's inlines written compactly: text as is, `⟨tex⟩` inline math, `⟪tex⟫`
  /// display math inside the text, `*…*` emphasis, `` `…` `` code.
  static func compact(_ inlines: [Inline]) -> String {
    inlines.map { inline in
      switch inline.kind {
      case .text(let text): text
      case .math(let formula): formula.isDisplay ? "⟪\(formula.tex)⟫" : "⟨\(formula.tex)⟩"
      case .emphasis(let children): "*" + compact(children) + "*"
      case .strong(let children): "**" + compact(children) + "**"
      case .code(let code): "`" + code + "`"
      case .softBreak: "\n"
      default: "?"
      }
    }.joined()
  }

  static func at(_ line: Int, _ column: Int) -> OctavoKit.SourceLocation {
    OctavoKit.SourceLocation(file: "c.md", line: line, column: column)
  }

  static func parse(_ markdown: String) -> [Block] {
    MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown).blocks
  }

  @Test(
    "what is a formula and what stays text",
    arguments: [
      ("$x^2$ and more", "⟨x^2⟩ and more"),
      ("It costs $5 and $10.", "It costs $5 and $10."),
      ("From $5 to $6 a day", "From $5 to $6 a day"),
      ("between $x$5 and", "between $x$5 and"),
      ("a $ b$ c", "a $ b$ c"),
      ("a $b $ c", "a $b $ c"),
      ("escaped \\$x\\$ stays", "escaped $x$ stays"),
      ("$a*b*c$ is no emphasis", "⟨a*b*c⟩ is no emphasis"),
      ("$x_1 + y_1$ and $x_2$", "⟨x_1 + y_1⟩ and ⟨x_2⟩"),
      ("*$a_b$ in emphasis*", "*⟨a_b⟩ in emphasis*"),
      ("code `$x$` stays", "code `$x$` stays"),
      ("a `$` and $y$", "a `$` and ⟨y⟩"),
      ("$\\$5$ is TeX's dollar", "⟨\\$5⟩ is TeX's dollar"),
      ("set $\\{a, b\\}$ braces", "set ⟨\\{a, b\\}⟩ braces"),
      ("a $$x = \\frac{1}{2}$$ inside", "a ⟪x = \\frac{1}{2}⟫ inside"),
      ("run `echo $HOME` and $PATH is text", "run `echo $HOME` and $PATH is text"),
      ("lone $ sign", "lone $ sign"),
      ("empty $$$$ stays", "empty $$$$ stays"),
      ("$a<b$ and $c&d$", "⟨a<b⟩ and ⟨c&d⟩"),
      ("$[x](y)$ is no link", "⟨[x](y)⟩ is no link"),
    ])
  func inlineCases(markdown: String, expected: String) throws {
    let blocks = Self.parse(markdown)
    guard case .paragraph(let inlines) = try #require(blocks.first).kind else {
      Issue.record("not a paragraph: \(blocks)")
      return
    }
    #expect(Self.compact(inlines) == expected)
  }

  @Test("a display formula alone in its paragraph is a math block, with its label and tag")
  func displayBlock() throws {
    let blocks = Self.parse(
      "$$\nE = mc^2 \\label{eq:energy}\n$$\n\n$$a = b \\tag{3.2}$$ {#eq:ab}\n")
    #expect(blocks.count == 2)
    guard case .math(let first) = blocks[0].kind, case .math(let second) = blocks[1].kind else {
      Issue.record("not math blocks: \(blocks.map(\.kind))")
      return
    }
    #expect(first.isDisplay && first.tex == "\nE = mc^2 \\label{eq:energy}\n")
    #expect(first.label == "eq:energy" && first.number == nil)
    #expect(second.tex == "a = b \\tag{3.2}" && second.label == "eq:ab" && second.number == "3.2")
  }

  @Test("a math fence is a display formula; other fences and indented code keep their dollars")
  func fences() throws {
    let blocks = Self.parse(
      "```math {#eq:sum}\n\\sum_{i=1}^n i\n```\n\n```sh\necho $HOME $PATH\n```\n\n    $x$\n")
    guard case .math(let formula) = blocks[0].kind else {
      Issue.record("not math: \(blocks[0].kind)")
      return
    }
    #expect(formula.tex == "\\sum_{i=1}^n i\n" && formula.isDisplay && formula.label == "eq:sum")
    #expect(formula.lineStarts.first == Self.at(2, 1))
    guard case .codeBlock(let shell) = blocks[1].kind,
      case .codeBlock(let indented) = blocks[2].kind
    else {
      Issue.record("not code: \(blocks.map(\.kind))")
      return
    }
    #expect(shell.code == "echo $HOME $PATH\n" && indented.code == "$x$\n")
  }

  @Test("a formula knows where each of its lines starts, in lists and quotes too")
  func positions() throws {
    let blocks = Self.parse(
      "Text and $x +\n  y$ here.\n\n> quoted $$a\n> \\cdot b$$ end\n\nOne $a$ two\nthree $b +\n  c$.\n"
    )
    var starts: [[OctavoKit.SourceLocation]] = []
    Block.walkInlines(blocks) { inline in
      if case .math(let formula) = inline.kind { starts.append(formula.lineStarts) }
    }
    #expect(
      starts == [
        [Self.at(1, 11), Self.at(2, 3)],
        [Self.at(4, 12), Self.at(5, 3)],
        [Self.at(7, 6)],
        [Self.at(8, 8), Self.at(9, 3)],
      ])
  }
}
