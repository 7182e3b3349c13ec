import Foundation
import Testing

@testable import OctavoKit

/// Labels, numbering and references: what the parser attaches, how the transform numbers
/// (per chapter, through the book, appendices, front matter, equations) and what a
/// reference shows.
@Suite("Cross-references")
struct CrossReferenceTests {
  /// The text of a paragraph's inlines with each cross-reference link as `[text→href]`.
  static func shown(_ inlines: [Inline]) -> String {
    inlines.map { inline in
      switch inline.kind {
      case .text(let text): return text
      case .link(let link) where link.isCrossReference:
        guard case .chapter(let id, let fragment) = link.target else { return "?" }
        return "[\(Inline.plainText(link.content))→\(id)#\(fragment ?? "")]"
      case .softBreak: return " "
      default: return Inline.plainText([inline])
      }
    }.joined().replacingOccurrences(of: "\u{A0}", with: " ")
  }

  static func paragraphs(_ chapter: Chapter) -> [String] {
    var result: [String] = []
    Block.walk(chapter.blocks) { block in
      if case .paragraph(let inlines) = block.kind { result.append(shown(inlines)) }
    }
    return result
  }

  static let images = ["a.png": tinyPNG]

  static func load(_ chapters: [String: String], order: [String], yaml: String = "") throws
    -> Manuscript
  {
    var files = chapters
    files["book.yaml"] =
      "title: T\nlanguage: en\n\(yaml)\ncontents: [\(order.joined(separator: ", "))]\n"
    let manuscript = try TemporaryManuscript(files, binary: images)
    defer { manuscript.remove() }
    return try manuscript.load()
  }

  @Test(
    "references are found as pandoc-crossref, Quarto and LaTeX write them; citations and handles stay text",
    arguments: [
      ("See @fig:a.", ["fig:a"]),
      ("See [@fig:a].", ["fig:a"]),
      ("See [@fig:a; @tbl:b].", ["fig:a", "tbl:b"]),
      ("See [-@fig:a].", ["fig:a"]),
      ("See @fig-a, @Fig:a.", ["fig-a", "Fig:a"]),
      ("See \\ref{tbl:b} and \\eqref{eq:c}.", ["tbl:b", "eq:c"]),
      ("End of sentence @sec:intro.", ["sec:intro"]),
      ("A citation [@smith2020] and @smith2020.", []),
      ("Mixed [@smith2020; @fig:a] stays a citation.", []),
      ("Mail me@fig:a or @@fig:a.", []),
      ("A figure @figure:a is no label.", []),
    ])
  func scanning(_ text: String, _ labels: [String]) {
    let matches = BookTransformer.referenceMatches(in: text)
    #expect(matches.flatMap { $0.items.map(\.label) } == labels)
  }

  @Test(
    "label prefixes name kinds; fig:x, Fig:x and fig-x are one label",
    arguments: [
      ("fig:arch", LabelKind.figure, "fig-arch"), ("Fig:arch", .figure, "fig-arch"),
      ("fig-arch", .figure, "fig-arch"), ("tbl:a:b", .table, "tbl-a:b"),
      ("lst-x", .listing, "lst-x"), ("sec:intro", .section, "sec-intro"),
      ("eq:energy", .equation, "eq-energy"),
    ])
  func labelKinds(_ label: String, _ kind: LabelKind, _ key: String) {
    #expect(LabelKind(label: label) == kind)
    #expect(LabelKind.key(of: label) == key)
  }

  @Test("no kind for an unprefixed label, an empty name or another prefix")
  func notLabels() {
    for label in ["arch", "fig:", "figure:a", "smith2020", "-fig"] {
      #expect(LabelKind(label: label) == nil, "\(label)")
    }
  }

  @Test("the parser attaches a figure's label, a table's caption and label, a listing's")
  func parsing() throws {
    let markdown = """
      ![The caption](a.png){#fig:one width=50%}

      | a | b |
      |---|---|
      | 1 | 2 |

      Table: Sizes *of things* {#tbl:sizes}

      : Before the table {#tbl-before}

      | c |
      |---|
      | 3 |

      Listing: Hello {#lst:hello}

      ```sh
      echo hello
      ```

      ![Not labelled](a.png){.wide}
      """
    let blocks = MarkdownParser(file: "one.md", lineOffset: 0).parse(markdown).blocks
    #expect(blocks.count == 5)
    guard case .figure(let figure) = blocks[0].kind else {
      Issue.record("no figure")
      return
    }
    #expect(figure.label == "fig:one")
    #expect(figure.altText == "The caption")
    guard case .table(let first) = blocks[1].kind, case .table(let second) = blocks[2].kind else {
      Issue.record("no tables")
      return
    }
    #expect(first.label == "tbl:sizes")
    #expect(Inline.plainText(first.caption) == "Sizes of things")
    #expect(blocks[1].range.end.line == 7)
    #expect(second.label == "tbl-before")
    #expect(Inline.plainText(second.caption) == "Before the table")
    #expect(blocks[2].range.start.line == 9)
    guard case .codeBlock(let code) = blocks[3].kind else {
      Issue.record("no code")
      return
    }
    #expect(code.label == "lst:hello")
    #expect(Inline.plainText(code.caption) == "Hello")
    // Attributes without an id leave the image as written.
    guard case .paragraph = blocks[4].kind else {
      Issue.record("an unlabelled image with attributes became a figure")
      return
    }
  }

  @Test(
    "numbered per chapter: body chapters count from 1, appendices by letter, front matter alone")
  func perChapter() throws {
    let manuscript = try Self.load(
      [
        "pre.md":
          "---\ntype: preface\n---\n# Preface\n\n![P](a.png){#fig:p}\n\nSee @fig:x and @fig:y.\n",
        "one.md": "# One\n\n![X](a.png){#fig:x}\n\n![X2](a.png){#fig:x2}\n",
        "two.md": "# Two\n\n![Y](a.png){#fig:y}\n\nSee [@fig:x; @fig:x2; @fig:y] and [-@fig:p].\n",
        "app.md": "---\ntype: appendix\n---\n# Appendix\n\n![Z](a.png){#fig:z}\n\n@fig:z\n",
        "app2.md": "---\ntype: appendix\n---\n# More\n\n![W](a.png){#fig:w}\n\n@fig:w\n",
      ], order: ["pre.md", "one.md", "two.md", "app.md", "app2.md"])
    #expect(!manuscript.diagnostics.contains { $0.code.rawValue.hasPrefix("OCT32") })
    let chapters = manuscript.chapters
    #expect(
      Self.paragraphs(chapters[0]) == ["See [Figure 1.1→one#fig:x] and [Figure 2.1→two#fig:y]."])
    #expect(
      Self.paragraphs(chapters[2]) == [
        "See Figures [1.1→one#fig:x], [1.2→one#fig:x2] and [2.1→two#fig:y] and [1→pre#fig:p]."
      ])
    #expect(Self.paragraphs(chapters[3]) == ["[Figure A.1→app#fig:z]"])
    #expect(Self.paragraphs(chapters[4]) == ["[Figure B.1→app2#fig:w]"])
  }

  @Test("numbering: book counts through every chapter")
  func throughBook() throws {
    let manuscript = try Self.load(
      [
        "one.md": "# One\n\n![X](a.png){#fig:x}\n\n| a |\n|---|\n| 1 |\n\nTable: T {#tbl:t}\n",
        "two.md": "# Two\n\n![Y](a.png){#fig:y}\n\n@fig:y, @tbl:t\n",
      ], order: ["one.md", "two.md"], yaml: "numbering: book")
    #expect(
      Self.paragraphs(manuscript.chapters[1]) == ["[Figure 2→two#fig:y], [Table 1→one#tbl:t]"])
  }

  @Test("references to sections show the heading's text")
  func sections() throws {
    let manuscript = try Self.load(
      [
        "one.md":
          "# One\n\n## Getting *started* {#sec:start}\n\nSee @sec:start and [-@sec-end].\n\n## The end {#sec-end}\n"
      ], order: ["one.md"])
    #expect(
      Self.paragraphs(manuscript.chapters[0]) == [
        "See [Getting started→one#sec:start] and [The end→one#sec-end]."
      ])
  }

  @Test(
    "words in the book's language",
    arguments: [
      ("de", "Abbildung 1.1", "Tabellen"), ("fr", "Figure 1.1", "Tableaux"),
      ("es", "Figura 1.1", "Tablas"),
    ])
  func language(_ language: String, _ figure: String, _ tables: String) throws {
    var files = [
      "one.md":
        "# One\n\n![X](a.png){#fig:x}\n\n| a |\n|---|\n| 1 |\n\n: A {#tbl:a}\n\n| b |\n|---|\n| 2 |\n\n: B {#tbl:b}\n\n@fig:x, [@tbl:a; @tbl:b]\n"
    ]
    files["book.yaml"] = "title: T\nlanguage: \(language)\ncontents: [one.md]\n"
    let temporary = try TemporaryManuscript(files, binary: Self.images)
    defer { temporary.remove() }
    let paragraph = Self.paragraphs(try temporary.load().chapters[0]).last ?? ""
    #expect(paragraph.hasPrefix("[\(figure)→one#fig:x], \(tables) [1.1→"), "\(paragraph)")
  }

  @Test("book.yaml: numbering and lists-of are read, mistakes reported with a did-you-mean")
  func settings() throws {
    let manuscript = try Self.load(
      ["one.md": "# One\n"], order: ["one.md"],
      yaml: "numbering: chapters\nlists-of: [figures, tabels, listings]")
    let messages = manuscript.diagnostics.map(\.message)
    #expect(messages.contains("numbering must be chapter or book"))
    #expect(
      messages.contains(
        "lists-of takes figures, tables and listings, not 'tabels'; did you mean 'tables'?"))
    #expect(manuscript.book.metadata.listsOf == [.figure, .listing])
  }

  /// A book built from model nodes: display equations as the math parser makes them.
  static func equationBook() -> Book {
    let here = SourceRange(
      start: SourceLocation(file: "one.md", line: 3, column: 1),
      end: SourceLocation(file: "one.md", line: 3, column: 20))
    func equation(_ tex: String, label: String?, tag: String? = nil) -> Block {
      Block(.math(Formula(tex: tex, isDisplay: true, label: label, number: tag)), range: here)
    }
    func text(_ string: String) -> Block {
      Block(.paragraph([Inline(.text(string), range: here)]), range: here)
    }
    let one = Chapter(
      id: "one", path: "one.md", title: "One",
      blocks: [
        equation("E = mc^2", label: "eq:energy"),
        equation("a^2 + b^2 = c^2", label: nil),
        equation("F = ma", label: "eq-force"),
        equation("x = 1", label: "eq:tagged", tag: "*"),
      ])
    let two = Chapter(
      id: "two", path: "two.md", title: "Two",
      blocks: [
        equation("e^{i\\pi} = -1", label: "eq:euler"),
        text("By @eq:energy, [-@eq-force], \\eqref{eq:euler}, \\ref{eq:energy} and @eq:tagged."),
      ])
    return Book(
      metadata: BookMetadata(title: "T"), contents: [.chapter(one), .chapter(two)])
  }

  @Test("labelled display equations are numbered; a \\tag keeps its own; references name them")
  func equations() throws {
    var transformer = BookTransformer(
      book: Self.equationBook(), files: ManuscriptFile(root: URL(fileURLWithPath: "/nonexistent")))
    let book = transformer.run()
    #expect(transformer.diagnostics.isEmpty, "\(transformer.diagnostics)")
    var numbers: [String?] = []
    for chapter in book.chapters {
      Block.walk(chapter.blocks) { block in
        if case .math(let formula) = block.kind { numbers.append(formula.number) }
      }
    }
    #expect(numbers == ["1.1", nil, "1.2", "*", "2.1"])
    #expect(
      Self.paragraphs(book.chapters[1]) == [
        "By [Equation (1.1)→one#eq:energy], [(1.2)→one#eq-force], [(2.1)→two#eq:euler], [1.1→one#eq:energy] and [Equation (*)→one#eq:tagged]."
      ])
    let renderer = XHTMLRenderer(book: book)
    let xhtml = try XMLSerializer.fragment(renderer.render(book.chapters[0]).section, syntax: .xml)
    #expect(
      String(decoding: xhtml, as: UTF8.self).contains(
        "<div id=\"eq:energy\" class=\"equation numbered\">"))
  }

  @Test("a duplicate label is reported at both places; references lead to the first")
  func duplicates() throws {
    let manuscript = try Self.load(
      [
        "one.md": "# One\n\n![X](a.png){#fig:x}\n",
        "two.md": "# Two\n\n![Y](a.png){#fig-x}\n\n@fig:x\n",
      ], order: ["one.md", "two.md"])
    let found = manuscript.diagnostics.filter { $0.code == .duplicateLabel }
    #expect(
      found.map(\.description) == [
        "one.md:3:1: note: 'fig:x' is first used here [OCT321]",
        "two.md:3:1: error: the label 'fig-x' is already used at one.md:3:1; references lead to the first [OCT321]",
      ])
    #expect(Self.paragraphs(manuscript.chapters[1]) == ["[Figure 1.1→one#fig:x]"])
  }
}
