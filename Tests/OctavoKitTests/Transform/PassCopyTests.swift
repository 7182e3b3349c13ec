import Foundation
import Testing

@testable import OctavoKit

/// The link pass (links resolved, notes counted, references made links, words counted)
/// copies a paragraph's inlines only when one of them changes: most paragraphs hold no link,
/// note or reference, and keep the array the parser made. Heading ids are given in place:
/// blocks without a heading in them are not copied.
@Suite("Passes leave unchanged content uncopied")
struct PassCopyTests {
  static let markdown = """
    # Title

    Plain words, *emphasis* and **strong** with `code`.

    A [link](https://example.com) to elsewhere.

    A note.[^n]

    More *plain and **nested** words*.

    [^n]: The note's words.
    """

  /// The address of each top-level paragraph's inline storage.
  static func storage(_ blocks: [Block]) -> [UnsafeRawPointer?] {
    blocks.compactMap { block in
      guard case .paragraph(let inlines) = block.kind else { return nil }
      return inlines.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }
  }

  @Test("paragraphs without a link or note keep their storage; the others are rewritten")
  func sharesUnchanged() throws {
    let parsed = MarkdownParser(file: "c.md", lineOffset: 0).parse(Self.markdown)
    let chapter = Chapter(
      id: "c", path: "c.md", title: "Title", blocks: parsed.blocks,
      footnotes: parsed.footnoteDefinitions.map {
        Footnote(label: $0.label, number: 0, blocks: $0.blocks, range: $0.range)
      })
    var transformer = BookTransformer(
      book: Book(metadata: BookMetadata(title: "T"), contents: [.chapter(chapter)]),
      files: ManuscriptFile(root: URL(fileURLWithPath: "/nonexistent")))
    let resolved = transformer.resolve(chapter, chapters: ["c.md": chapter])

    let before = Self.storage(chapter.blocks)
    let after = Self.storage(resolved.blocks)
    try #require(before.count == 4 && after.count == 4)
    #expect(after[0] == before[0], "a plain paragraph was copied")
    #expect(after[1] != before[1], "the link was not resolved in a new array")
    #expect(after[2] != before[2], "the note reference was not counted in a new array")
    #expect(after[3] == before[3], "nested emphasis without a link was copied")

    // What changed is what the pass is for; the words are all counted.
    guard case .paragraph(let linked) = resolved.blocks[2].kind,
      case .link(let link) = linked[1].kind
    else {
      Issue.record("no link in \(resolved.blocks[2].kind)")
      return
    }
    #expect(link.target == .external("https://example.com"))
    guard case .paragraph(let noted) = resolved.blocks[3].kind,
      case .footnoteReference(let label, let occurrence) = noted[1].kind
    else {
      Issue.record("no note reference in \(resolved.blocks[3].kind)")
      return
    }
    #expect(label == "n" && occurrence == 1)
    #expect(resolved.footnotes.map(\.number) == [1])
    // Words are counted in the paragraphs left as they were too: each text node counts its
    // own runs, so the full stops after `code` and after the emphasis count as words (24).
    #expect(resolved.wordCount == 24)
  }

  /// The address of an array's storage.
  static func address<T>(_ array: [T]) -> UnsafeRawPointer? {
    array.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
  }

  @Test("heading ids are given in place: a list and a note without headings keep their storage")
  func idsInPlace() throws {
    let markdown = """
      # Title

      - one item
      - two items

      > ## Quoted heading
      >
      > Quoted words.

      ## Title

      Words.[^n]

      [^n]: A note.
      """
    let parsed = MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown)
    var chapter = Chapter(
      id: "c", path: "c.md", title: "Title", blocks: parsed.blocks,
      footnotes: parsed.footnoteDefinitions.map {
        Footnote(label: $0.label, number: 0, blocks: $0.blocks, range: $0.range)
      })
    guard case .list(let list) = chapter.blocks[1].kind else {
      Issue.record("no list: \(chapter.blocks[1].kind)")
      return
    }
    let items = Self.address(list.items)
    let note = Self.address(chapter.footnotes[0].blocks)
    var transformer = BookTransformer(
      book: Book(metadata: BookMetadata(title: "T"), contents: [.chapter(chapter)]),
      files: ManuscriptFile(root: URL(fileURLWithPath: "/nonexistent")))
    transformer.assignIDs(&chapter)

    #expect(chapter.headings.map(\.id) == ["title", "quoted-heading", "title-1"])
    guard case .list(let after) = chapter.blocks[1].kind else {
      Issue.record("no list after: \(chapter.blocks[1].kind)")
      return
    }
    #expect(Self.address(after.items) == items, "a list without a heading was copied")
    #expect(
      Self.address(chapter.footnotes[0].blocks) == note, "a note without a heading was copied")
  }
}
