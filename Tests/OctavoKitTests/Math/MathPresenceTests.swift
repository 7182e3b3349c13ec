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
    #expect(try Self.formulas(in: book.load().book, holdsMath: holdsMath) == holdsMath)
    // The preview's loads: parsed, then taken from the summaries in its memo, which remember
    // whether each chapter made a formula.
    let memo = ChapterParseMemo()
    for _ in 0..<3 {
      let loaded = try Manuscript.load(
        at: book.root, environment: [:], parallel: true, memo: memo, summaries: nil,
        memoSummaries: true, fullPaths: [])
      #expect(try Self.formulas(in: loaded.book, holdsMath: holdsMath) == holdsMath)
    }
    #expect(memo.lastHits == 2)
    // Each summary says whether its chapter made a formula (the pass walks none that did not).
    for (path, text) in [("a.md", first), ("b.md", second)] {
      let digest = SHA1.hash(utf8: "# \(path.prefix(1).uppercased())\n\n\(text)\n")
      let summary = try #require(memo.summary(path, digest: digest, keepsNotes: false))
      let made = MarkdownParser(file: path, lineOffset: 0).parse(text).mayHoldMath
      #expect(summary.mayHoldMath == made, "\(path): \(text)")
    }
  }

  /// Whether `loaded` says it holds formulas as expected and holds them converted; returns
  /// whether it holds any.
  static func formulas(in loaded: Book, holdsMath: Bool) throws -> Bool {
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
    #expect(formulas.allSatisfy { $0.mathML != nil }, "every formula converted")
    return !formulas.isEmpty
  }

  /// The math pass, given a book not known to hold formulas or not (`hasMath` nil), walks
  /// each chapter once and leaves the book knowing: false and nothing reported without
  /// formulas; true, the same MathML as the loader's pass and each problem reported once, in
  /// reading order, with them.
  @Test("the math pass tells whether a book not yet known holds formulas")
  func mathPassOnUnknownBook() throws {
    let withMath = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [a.md, b.md, c.md]\n",
      "a.md": "# A\n\nPlain.\n", "b.md": "# B\n\nSee $x^2$ and $\\nosuch$.\n",
      "c.md": "# C\n\nAgain $y + \\nosuch$, and $x^2$.\n",
    ])
    defer { withMath.remove() }
    let loaded = try withMath.load()
    var book = loaded.book
    book.hasMath = nil
    let problems = MathTypesetter.apply(to: &book, parallel: true)
    #expect(book.hasMath == true)
    #expect(problems.map(\.code) == [.mathUnknownCommand, .mathUnknownCommand])
    #expect(problems.map(\.location?.file) == ["b.md", "c.md"])
    let formulas = Self.formulas(of: book)
    #expect(formulas.map(\.tex) == ["x^2", "\\nosuch", "y + \\nosuch", "x^2"])
    #expect(formulas.map { $0.mathML != nil } == [true, false, false, true])
    #expect(formulas.map(\.mathML) == Self.formulas(of: loaded.book).map(\.mathML))

    let plain = try TemporaryManuscript([
      "book.yaml": "title: T\nlanguage: en\ncontents: [a.md]\n", "a.md": "# A\n\nPlain.\n",
    ])
    defer { plain.remove() }
    var plainBook = try plain.load().book
    plainBook.hasMath = nil
    #expect(MathTypesetter.apply(to: &plainBook).isEmpty)
    #expect(plainBook.hasMath == false)
  }

  /// Every formula of `book`, in reading order (a chapter's inline formulas; the test books
  /// have no displayed ones or notes).
  static func formulas(of book: Book) -> [Formula] {
    var formulas: [Formula] = []
    for chapter in book.chapters {
      Block.walkInlines(chapter.blocks) { inline in
        if case .math(let formula) = inline.kind { formulas.append(formula) }
      }
    }
    return formulas
  }
}
