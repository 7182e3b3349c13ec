import Foundation
import Testing

@testable import OctavoKit

/// Markdown → model: a compact dump of the block tree, compared with what it should be.
@Suite("Markdown to model")
struct MarkdownParserTests {
  /// A one-line-per-block dump: kind, position and a summary.
  static func dump(_ markdown: String, lineOffset: Int = 0) -> [String] {
    let result = MarkdownParser(file: "c.md", lineOffset: lineOffset).parse(markdown)
    var lines: [String] = []
    func visit(_ blocks: [Block], _ depth: Int) {
      for block in blocks {
        let at = "@\(block.range.start.line):\(block.range.start.column)"
        let pad = String(repeating: "  ", count: depth)
        switch block.kind {
        case .paragraph(let inlines): lines.append("\(pad)p\(at) \(summary(inlines))")
        case .heading(let h):
          lines.append(
            "\(pad)h\(h.level)\(at) \(summary(h.content))\(h.explicitID.map { " #" + $0 } ?? "")")
        case .blockQuote(let children):
          lines.append("\(pad)quote\(at)")
          visit(children, depth + 1)
        case .list(let list):
          lines.append(
            "\(pad)\(list.isOrdered ? "ol(\(list.start))" : "ul")\(list.isTight ? "" : " loose")\(at)"
          )
          for item in list.items {
            lines.append("\(pad)  li\(item.task.map { $0 ? "[x]" : "[ ]" } ?? "")")
            visit(item.blocks, depth + 2)
          }
        case .codeBlock(let code):
          lines.append("\(pad)code(\(code.language ?? "-"))\(at) \(code.code.debugDescription)")
        case .html(let html): lines.append("\(pad)html\(at) \(html.source.debugDescription)")
        case .thematicBreak: lines.append("\(pad)hr\(at)")
        case .math(let formula): lines.append("\(pad)math\(at) \(formula.tex.debugDescription)")
        case .table(let table):
          lines.append(
            "\(pad)table\(at) \(table.alignments.map(\.rawValue)) \(table.header.map(summary)) \(table.rows.map { $0.map(summary) })"
          )
        case .figure(let image):
          lines.append(
            "\(pad)figure\(at) \(image.source) alt=\(image.altText) title=\(image.title ?? "-")")
        case .alert(let alert):
          lines.append("\(pad)alert(\(alert.kind.rawValue))\(at)")
          visit(alert.blocks, depth + 1)
        }
      }
    }
    visit(result.blocks, 0)
    for note in result.footnoteDefinitions {
      lines.append("note[\(note.label)]@\(note.range.start.line)")
      visit(note.blocks, 1)
    }
    return lines
  }

  static func summary(_ inlines: [Inline]) -> String {
    inlines.map { inline -> String in
      switch inline.kind {
      case .text(let t): t
      case .emphasis(let c): "*\(summary(c))*"
      case .strong(let c): "**\(summary(c))**"
      case .strikethrough(let c): "~\(summary(c))~"
      case .code(let c): "`\(c)`"
      case .link(let l): "[\(summary(l.content))](\(l.destination))"
      case .image(let i): "![\(i.altText)](\(i.source))"
      case .html(let h): "<html:\(h.source)>"
      case .softBreak: "␤"
      case .lineBreak: "↵"
      case .footnoteReference(let label, _): "[^\(label)]"
      case .math(let formula): formula.isDisplay ? "$$\(formula.tex)$$" : "$\(formula.tex)$"
      }
    }.joined()
  }

  struct Case: Sendable, CustomTestStringConvertible {
    let markdown: String
    let expected: [String]
    var testDescription: String { markdown.debugDescription }
  }

  @Test(
    "converts every construct",
    arguments: [
      Case(
        markdown: "# Title\n\nSome *em* and **strong** and ~~gone~~ and `code`.\n",
        expected: ["h1@1:1 Title", "p@3:1 Some *em* and **strong** and ~gone~ and `code`."]),
      Case(markdown: "## Named {#custom-id}\n", expected: ["h2@1:1 Named #custom-id"]),
      Case(markdown: "## Code `x` {#a.b}\n", expected: ["h2@1:1 Code `x` #a.b"]),
      Case(markdown: "## Not {#an id}\n", expected: ["h2@1:1 Not {#an id}"]),
      Case(markdown: "# Pandoc {#pan .unnumbered lang=fr}\n", expected: ["h1@1:1 Pandoc #pan"]),
      Case(markdown: "# Unnumbered {-}\n", expected: ["h1@1:1 Unnumbered"]),
      Case(markdown: "# Set {a, b}\n", expected: ["h1@1:1 Set {a, b}"]),
      Case(markdown: "```{.python}\nx\n```\n", expected: ["code(python)@1:1 \"x\\n\""]),
      Case(markdown: "```rust,ignore\nx\n```\n", expected: ["code(rust)@1:1 \"x\\n\""]),
      Case(
        markdown: "- a\n  - b\n- c\n",
        expected: [
          "ul@1:1", "  li", "    p@1:3 a", "    ul@2:3", "      li", "        p@2:5 b", "  li",
          "    p@3:3 c",
        ]),
      Case(
        markdown: "3. x\n4. y\n",
        expected: ["ol(3)@1:1", "  li", "    p@1:4 x", "  li", "    p@2:4 y"]),
      Case(
        markdown: "- [x] done\n- [ ] todo\n",
        expected: ["ul@1:1", "  li[x]", "    p@1:7 done", "  li[ ]", "    p@2:7 todo"]),
      Case(markdown: "> q\n>\n> r\n", expected: ["quote@1:1", "  p@1:3 q", "  p@3:3 r"]),
      Case(
        markdown: "> [!WARNING]\n> Hot *stove*.\n",
        expected: ["alert(warning)@1:1", "  p@1:3 Hot *stove*."]),
      Case(
        markdown: "> [!NOTE] not alone\n", expected: ["quote@1:1", "  p@1:3 [!NOTE] not alone"]),
      Case(markdown: "```swift\nlet a = 1\n```\n", expected: ["code(swift)@1:1 \"let a = 1\\n\""]),
      Case(
        markdown: "| a | b |\n|:--|--:|\n| 1 | 2 |\n",
        expected: ["table@1:1 [\"left\", \"right\"] [\"a\", \"b\"] [[\"1\", \"2\"]]"]),
      Case(
        markdown: "![Alt *text*](img.png \"Cap\")\n",
        expected: ["figure@1:1 img.png alt=Alt text title=Cap"]),
      Case(markdown: "Text ![a](i.png) more\n", expected: ["p@1:1 Text ![a](i.png) more"]),
      Case(
        markdown: "See https://example.org now\n",
        expected: ["p@1:1 See [https://example.org](https://example.org) now"]),
      Case(markdown: "a\\\nb\nc\n", expected: ["p@1:1 a↵b␤c"]),
      Case(markdown: "***\n", expected: ["hr@1:1"]),
      Case(markdown: "<div>\nhi\n</div>\n", expected: ["html@1:1 \"<div>\\nhi\\n</div>\\n\""]),
      Case(markdown: "A<sup>2</sup>\n", expected: ["p@1:1 A<html:<sup>>2<html:</sup>>"]),
      Case(
        markdown: "Note[^x] and[^x].\n\n[^x]: The *note*.\n",
        expected: ["p@1:1 Note[^x] and[^x].", "note[x]@3", "  p@3:7 The *note*."]),
    ])
  func constructs(_ test: Case) {
    #expect(Self.dump(test.markdown) == test.expected)
  }

  @Test("positions are shifted past front matter")
  func lineOffset() {
    #expect(Self.dump("# T\n", lineOffset: 4) == ["h1@5:1 T"])
  }

  @Test("inline positions in a multi-line paragraph point at the real line")
  func inlinePositions() {
    let result = MarkdownParser(file: "c.md", lineOffset: 0).parse(
      "First line\\\nsecond [link](x.md) here\n")
    guard case .paragraph(let inlines) = result.blocks.first?.kind else {
      Issue.record("no paragraph")
      return
    }
    let link = inlines.first { if case .link = $0.kind { true } else { false } }
    #expect(link?.range.start == SourceLocation(file: "c.md", line: 2, column: 8))
  }

  @Test("thousands of nested quotes and lists are flattened, not a crash")
  func deepNesting() {
    let quotes = String(repeating: ">", count: 5000) + " deep\n"
    let result = MarkdownParser(file: "c.md", lineOffset: 0).parse(quotes)
    #expect(result.diagnostics.map(\.code) == [.parseLimit])
    var depth = 0
    var blocks = result.blocks
    while let first = blocks.first, case .blockQuote(let children) = first.kind {
      depth += 1
      blocks = children
    }
    #expect(depth == MarkdownParser.maximumDepth)
    let lists = (0..<3000).map { String(repeating: "  ", count: $0) + "- item" }.joined(
      separator: "\n")
    #expect(MarkdownParser(file: "c.md", lineOffset: 0).parse(lists).diagnostics.count == 1)
  }
}

extension MarkdownParserTests {
  @Test("thousands of nested emphases are flattened, not a crash")
  func deepInlines() {
    let markdown =
      String(repeating: "*a ", count: 3000) + "core" + String(repeating: " b*", count: 3000) + "\n"
    let result = MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown)
    #expect(result.diagnostics.map(\.code) == [.parseLimit])
    guard case .paragraph(let inlines) = result.blocks.first?.kind else {
      Issue.record("no paragraph")
      return
    }
    #expect(Inline.plainText(inlines).contains("core"))
  }

  /// Chapters parsed on all cores at once read the same as parsed one by one: the block
  /// parses run side by side, the inline parses (whose special characters cmark-gfm keeps
  /// in a global table while they run) take turns.
  @Test func concurrentParsesAgree() {
    let chapters = (0..<48).map { index in
      """
      # Chapter \(index)

      Text with ~~struck~~ and ~one~ tilde, *emphasis*, a price of $\(index) and $x_\(index)$,
      www.example.org/\(index) and a note.[^n\(index)]

      | a | b \(index) |
      | - | :-: |
      | ~~c~~ | $y$ |

      - [ ] task \(index)
      - [x] done ~~old~~

      [^n\(index)]: The note, with ~~a change~~ and $z^\(index)$.
      """
    }
    let serial = chapters.map { Self.dump($0) }
    for _ in 0..<4 {
      #expect(Parallel.map(chapters) { Self.dump($0) } == serial)
    }
    // The extensions' characters were read as markup: strikethrough and a formula.
    #expect(serial[7].contains { $0.contains("~struck~") && $0.contains("$x_7$") })
  }
}
