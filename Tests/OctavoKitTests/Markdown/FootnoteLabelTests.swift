import Foundation
import Testing

@testable import OctavoKit

/// Footnote labels are read from the source line (definitions) and from cmark-gfm's numbering
/// (references) rather than by rendering each note back to Markdown; they must be the labels
/// cmark-gfm's renderer gives, in every place a definition may stand.
@Suite("Footnote labels")
struct FootnoteLabelTests {
  @Test(
    "a definition's label is read from its line",
    arguments: [
      ("[^a]: text", 7, "a"),
      ("  [^note]: A *b*.", 12, "note"),
      ("> [^q]:   x", 11, "q"),
      (">[^q]: x", 8, "q"),
      ("[^a[^b]: x", 10, "a[^b"),
      ("[^été]: x", 11, "été"),
      ("[^a]:", 6, "a"),
    ])
  func definitionLine(line: String, column: Int, label: String) {
    #expect(MarkdownParser.definitionLabel(Substring(line), before: column) == label)
  }

  @Test(
    "what is not a definition's start gives no label",
    arguments: [("text", 5), ("[^]: x", 6), ("[a]: x", 6), ("", 1), ("a]: x", 5)])
  func notDefinitions(line: String, column: Int) {
    #expect(MarkdownParser.definitionLabel(Substring(line), before: column) == nil)
  }

  @Test(
    "references and definitions get cmark-gfm's labels wherever they stand",
    arguments: [
      (
        "One[^Note], two[^x y], three[^b].\n\n  [^note]: A *b*.\n\n> [^b]: In a quote.\n",
        ["note", "b"], ["note", "b"]
      ),
      (
        "- item[^i]\n\n  [^i]:\n    Later line.\n\nAgain[^i] and[^z].\n\n- [^z]: In a list.\n",
        ["i", "i", "z"], ["i", "z"]
      ),
      ("Late[^2] early[^1].\n\n[^1]: One.\n[^2]: Two.\n", ["2", "1"], ["2", "1"]),
    ])
  func labels(markdown: String, references: [String], definitions: [String]) {
    let result = MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown)
    var found: [String] = []
    Block.walkInlines(result.blocks + result.footnoteDefinitions.flatMap(\.blocks)) {
      if case .footnoteReference(let label, _) = $0.kind { found.append(label) }
    }
    #expect(found == references)
    #expect(result.footnoteDefinitions.map(\.label) == definitions)
  }
}
