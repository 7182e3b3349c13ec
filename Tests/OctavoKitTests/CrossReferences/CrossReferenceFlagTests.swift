import Foundation
import Testing

@testable import OctavoKit

/// Whether a chapter holds a cross-reference is kept with the walk behind its render-cache
/// key, so a rebuild does not walk every chapter for it: the flag is the walk's answer (the
/// chapter's own blocks; its notes and captions left out, as the walk always did), and the
/// print page a cached rebuild writes carries the "on page" rule exactly when a clean build's does.
@Suite("Cross-reference flag")
struct CrossReferenceFlagTests {
  /// A chapter with a figure, and `reference` (a cross-reference, or none) where `place` says.
  static func chapter(_ place: String) -> String {
    let body = place == "body" ? "As @fig:dot shows." : "No reference here."
    let note = place == "note" ? "See @fig:dot." : "A plain note."
    let caption = place == "caption" ? "Ports near @fig:dot" : "Ports"
    return """
      # Chapter

      ![A dot](images/dot.png){#fig:dot}

      \(body) A note.[^a]

      | Port | Ships |
      | --- | ---: |
      | North | 3 |

      : \(caption) {#tbl:ports}

      [^a]: \(note)

      """
  }

  static let places = ["body", "note", "caption", "none"]

  @Test("the flag is what a walk of the chapter's blocks finds", arguments: places)
  func flagIsTheWalk(_ place: String) throws {
    let book = try TemporaryManuscript(
      [
        "book.yaml": "title: Flags\nlanguage: en\ncontents: [one.md]\n",
        "one.md": Self.chapter(place),
      ], binary: ["images/dot.png": tinyPNG])
    defer { book.remove() }
    let manuscript = try book.load()
    let chapter = try #require(manuscript.book.chapters.first)
    var walked = false
    Block.walkInlines(chapter.blocks) { inline in
      if case .link(let link) = inline.kind, link.isCrossReference { walked = true }
    }
    #expect(walked == (place == "body"))
    #expect(RenderCache.keyWalk(of: chapter).hasCrossReference == walked)
    #expect(PrintEditionRenderer.hasCrossReference(manuscript.book) == walked)
  }

  @Test("a rebuild from records prints the rule a clean build prints", arguments: places)
  func rebuildKeepsTheRule(_ place: String) throws {
    let book = try TemporaryManuscript(
      [
        "book.yaml": "title: Flags\nlanguage: en\ncontents: [one.md, two.md]\n",
        "one.md": Self.chapter(place),
        "two.md": "# Two\n\nText.\n",
      ], binary: ["images/dot.png": tinyPNG])
    defer { book.remove() }
    let output = IncrementalBuildTests.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: output) }
    _ = try IncrementalBuildTests.build(book.root, into: output)
    // The second chapter edited twice: the first build after the clean one records how the
    // first chapter was resolved, the next takes the chapter from that record, flag and all.
    var last: IncrementalBuildTests.Outputs?
    for text in ["Other text.", "Still other text."] {
      try book.write(Array("# Two\n\n\(text)\n".utf8), to: "two.md")
      last = try IncrementalBuildTests.build(book.root, into: output)
    }
    let rebuilt = try #require(last)
    #expect(rebuilt == (try IncrementalBuildTests.reference(book.root)))
    let html = String(decoding: rebuilt.html, as: UTF8.self)
    #expect(html.contains("a.xref::after") == (place == "body"))
  }
}
