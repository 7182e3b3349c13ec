import Foundation
import Testing

@testable import OctavoKit

/// The parser tells whether it made a formula, and the loader tells the math pass when no
/// chapter did, so a book without formulas is not walked for them.
@Suite("Math presence")
struct MathPresenceTests {
  @Test(
    "the parser says whether it made a formula",
    arguments: [
      ("Plain prose.", false),
      ("It costs $5 and $10.", false),
      ("Code: `$x$` is not a formula.", false),
      ("```\n$x$\n```", false),
      ("$x^2$ and more", true),
      ("$$\nx^2\n$$", true),
      ("```math\nx^2\n```", true),
      ("> A quote with $y$ in it.", true),
      ("Text.[^1]\n\n[^1]: A note with $z$.", true),
      ("| a |\n| --- |\n| $t$ |", true),
    ])
  func parserFlag(markdown: String, holdsMath: Bool) {
    let parsed = MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown)
    #expect(parsed.mayHoldMath == holdsMath, "\(markdown)")
  }

  /// `hasMath` after loading: false when no chapter made a formula, true otherwise, and the
  /// formulas converted wherever they are (a note, a fenced block, the second chapter).
  @Test(
    "the loaded book knows whether it holds formulas, and they are converted",
    arguments: [
      ("Plain prose, $5 and $10.", "Nothing here.", false),
      ("Plain.", "A note.[^1]\n\n[^1]: With $x^2$.", true),
      ("Plain.", "```math\na+b\n```", true),
      ("See $y$.", "Plain.", true),
    ])
  func loadedBook(first: String, second: String, holdsMath: Bool) throws {
    let book = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [a.md, b.md]\n",
      "a.md": "# A\n\n\(first)\n", "b.md": "# B\n\n\(second)\n",
    ])
    defer { book.remove() }
    let loaded = try book.load().book
    #expect(loaded.hasMath == holdsMath)
    var formulas: [Formula] = []
    for chapter in loaded.chapters {
      let collect: (Block) -> Void = { block in
        if case .math(let formula) = block.kind { formulas.append(formula) }
      }
      Block.walk(chapter.blocks, collect)
      for note in chapter.footnotes { Block.walk(note.blocks, collect) }
      let inline: (Inline) -> Void = { inline in
        if case .math(let formula) = inline.kind { formulas.append(formula) }
      }
      Block.walkInlines(chapter.blocks, inline)
      for note in chapter.footnotes { Block.walkInlines(note.blocks, inline) }
    }
    #expect(formulas.isEmpty == !holdsMath)
    #expect(formulas.allSatisfy { $0.mathML != nil }, "every formula converted")
  }
}
