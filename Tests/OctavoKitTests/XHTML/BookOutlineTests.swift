import Foundation
import Testing

@testable import OctavoKit

/// A build lets each chapter's model go once the chapter is rendered and keeps the book's
/// outline (``Book/outlineOnly``): everything the steps after rendering read is the same as
/// from the whole book, and the running text is gone.
@Suite("The book kept after rendering")
struct BookOutlineTests {
  static let books: [URL] =
    [TestPaths.sampleManuscript]
    + [
      "essay", "github-flavour", "images-in-tables", "mathematics", "minimal", "parts-and-matter",
      "print-settings", "readme-project", "right-to-left", "tag-soup", "technical", "typeset",
    ].map { TestPaths.fixtures.appending(path: "books/\($0)") }

  @Test("what the outputs read after rendering is the same", arguments: books)
  func sameOutline(folder: URL) throws {
    let book = try Manuscript.load(at: folder).book
    let outline = book.outlineOnly
    let words = GeneratedWords(language: book.metadata.language)
    #expect(outline.chapters.count == book.chapters.count)
    for (kept, whole) in zip(outline.chapters, book.chapters) {
      #expect(kept.headings.map(\.id) == whole.headings.map(\.id), "\(whole.path)")
      #expect(kept.headings.map(\.level) == whole.headings.map(\.level))
      #expect(kept.titleHeadingIndex == whole.titleHeadingIndex)
      #expect(kept.startsWithTitleHeading == whole.startsWithTitleHeading)
      #expect(kept.showsOwnTitle == whole.showsOwnTitle)
      #expect(kept.outline.count == whole.outline.count)
      #expect(
        (kept.id, kept.path, kept.title, kept.type, kept.wordCount, kept.runningHead)
          == (whole.id, whole.path, whole.title, whole.type, whole.wordCount, whole.runningHead))
      #expect(kept.anchors == whole.anchors && kept.rawHTMLIDs == whole.rawHTMLIDs)
      #expect(kept.blocks.count <= whole.blocks.count)
      // Notes stay only when the Notes document is rendered from them after the chapters.
      #expect(
        kept.footnotes.count
          == (book.metadata.notes == .bookEnd ? whole.footnotes.count : 0))
    }
    #expect(outline.hasMath == (book.hasMath ?? book.chapters.contains(where: \.containsMath)))
    #expect(outline.wordCount == book.wordCount)
    #expect(outline.images.map(\.path) == book.images.map(\.path))
    // The contents, the lists of figures, tables and listings, and the print edition's rule
    // for cross-references.
    let href: (TableOfContents.Entry) -> String = { $0.document + "#" + ($0.fragment ?? "") }
    #expect(
      TableOfContents(book: outline).orderedList(href: href)
        == TableOfContents(book: book).orderedList(href: href))
    func lists(_ book: Book) -> [XMLElement] {
      NumberedLists(book: book, words: words).lists.map { list in
        NumberedLists.orderedList(list) { "#" + $0.numbering.id }
      }
    }
    #expect(lists(outline) == lists(book))
    #expect(
      PrintEditionRenderer.crossReferencePageRule(outline, words: words)
        == PrintEditionRenderer.crossReferencePageRule(book, words: words))
  }

  @Test("plain paragraphs and notes are let go")
  func runningTextGone() throws {
    let book = try Manuscript.load(at: TestPaths.sampleManuscript).book
    let outline = book.outlineOnly
    let before = book.chapters.reduce(0) { $0 + $1.blocks.count }
    let after = outline.chapters.reduce(0) { $0 + $1.blocks.count }
    #expect(after * 2 < before, "\(after) of \(before) blocks kept")
    #expect(book.chapters.contains { !$0.footnotes.isEmpty })
    #expect(outline.chapters.allSatisfy { $0.footnotes.isEmpty })
  }

  @Test("a build's result holds the book as built, with the titles and word counts of the whole")
  func buildResult() throws {
    let output = FileManager.default.temporaryDirectory.appending(
      path: "octavo-outline-\(UUID().uuidString)")
    defer { try? FileManager.default.removeItem(at: output) }
    let result = try BookBuilder.build(
      BuildOptions(manuscript: TestPaths.sampleManuscript, output: output, useCache: false))
    let whole = try Manuscript.load(at: TestPaths.sampleManuscript)
    #expect(!result.diagnostics.hasErrors)
    #expect(result.book.chapters.map(\.title) == whole.chapters.map(\.title))
    #expect(result.book.wordCount == whole.wordCount)
    #expect(
      result.book.chapters.map { $0.headings.count } == whole.chapters.map { $0.headings.count })
    // Builds keep the chapters' models (letting them go costs more time than it saves).
    #expect(
      result.book.chapters.reduce(0) { $0 + $1.blocks.count }
        == whole.chapters.reduce(0) { $0 + $1.blocks.count })
  }
}
