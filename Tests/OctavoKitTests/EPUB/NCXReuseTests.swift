import Foundation
import Testing

@testable import OctavoKit

/// A rebuild leaves the NCX unmade when the last EPUB holds the one made from the same inputs
/// (``NCXDocument/inputDigest``), and makes it after all when that entry cannot be copied.
@Suite("NCX left unmade by rebuilds")
struct NCXReuseTests {
  static func packager(_ book: TemporaryManuscript) throws -> EPUBPackager {
    let manuscript = try book.load()
    let rendered = try SerializedBook(book: manuscript.book, root: book.root, formats: [.epub])
    return EPUBPackager(
      serialized: rendered, root: book.root, stylesheet: Array("p { margin: 0 }".utf8))
  }

  static let files = [
    "book.yaml": "title: Small\nlanguage: en\ncontents: [one.md, two.md]\n",
    "one.md": "# One\n\nSee [two](two.md#later).\n\n## A section\n\nText.\n",
    "two.md": "# Two\n\n## Later {#later}\n\nText.\n",
  ]

  @Test("the digest changes with every input the NCX is made from, and only with them")
  func digestInputs() throws {
    let book = try TemporaryManuscript(Self.files)
    defer { book.remove() }
    let manuscript = try book.load()
    let contents = TableOfContents(book: manuscript.book)
    let base = NCXDocument(
      metadata: manuscript.book.metadata, contents: contents,
      pages: [PagePlan.Page(number: 1, document: "one", blockIndex: 0)], pagesLabel: "Pages")
    #expect(base.inputDigest == base.inputDigest)
    var variants: [NCXDocument] = []
    for change in 0..<3 {
      var metadata = manuscript.book.metadata
      switch change {
      case 0: metadata.identifier += "x"
      case 1: metadata.language = "fr"
      default: metadata.title += "!"
      }
      variants.append(
        NCXDocument(
          metadata: metadata, contents: contents, pages: base.pages, pagesLabel: "Pages"))
    }
    var label = base
    label.pagesLabel = "Seiten"
    var pages = base
    pages.pages = [PagePlan.Page(number: 2, document: "one", blockIndex: 0)]
    var otherDocument = base
    otherDocument.pages = [PagePlan.Page(number: 1, document: "two", blockIndex: 0)]
    var noPages = base
    noPages.pages = []
    // The block index is not in the NCX: the same digest.
    var block = base
    block.pages = [PagePlan.Page(number: 1, document: "one", blockIndex: 5)]
    #expect(block.inputDigest == base.inputDigest)
    variants += [label, pages, otherDocument, noPages]
    func toc(_ entries: [TableOfContents.Entry]) -> TableOfContents {
      var toc = contents
      toc.entries = entries
      return toc
    }
    var entries = contents.entries
    entries[0].title += "!"
    variants.append(
      NCXDocument(
        metadata: base.metadata, contents: toc(entries), pages: base.pages,
        pagesLabel: "Pages"))
    entries = contents.entries
    entries[0].children[0].fragment = "other"
    variants.append(
      NCXDocument(
        metadata: base.metadata, contents: toc(entries), pages: base.pages,
        pagesLabel: "Pages"))
    entries = contents.entries
    entries[0].children[0].fragment = nil
    variants.append(
      NCXDocument(
        metadata: base.metadata, contents: toc(entries), pages: base.pages,
        pagesLabel: "Pages"))
    entries = contents.entries
    entries[1].children += entries[0].children
    variants.append(
      NCXDocument(
        metadata: base.metadata, contents: toc(entries), pages: base.pages,
        pagesLabel: "Pages"))
    let digests = variants.map(\.inputDigest)
    #expect(!digests.contains(base.inputDigest))
    #expect(Set(digests).count == digests.count)
  }

  @Test(
    "an NCX left unmade is copied, and made after all when its entry cannot be copied: the bytes of a fresh write"
  )
  func leftUnmade() throws {
    let book = try TemporaryManuscript(Self.files)
    defer { book.remove() }
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-ncx-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fresh = folder.appending(path: "fresh.epub")
    let written = try Self.packager(book).writeForReuse(to: fresh)
    written.replaced?.discard()
    let freshBytes = try Data(contentsOf: fresh)
    #expect(written.made.count == 1)
    let (digest, made) = try #require(written.made.first)
    #expect(written.keys["EPUB/toc.ncx"] == made.key)

    var copied: [Int] = []
    for size in [made.size, made.size + 1] {
      var packager = try Self.packager(book)
      packager.reuse.previous = (fresh, written.keys)
      packager.reuse.made = { $0 == digest ? (made.key, size) : nil }
      let ncx = try #require(packager.entries().first { $0.name == "EPUB/toc.ncx" })
      #expect(ncx.bytes.isEmpty)
      #expect(ncx.size == size)
      let again = folder.appending(path: "again-\(size).epub")
      let rewritten = try packager.writeForReuse(to: again)
      copied.append(rewritten.copied)
      #expect(rewritten.made[digest]?.key == made.key)
      #expect(rewritten.made[digest]?.size == made.size)
      #expect(try Data(contentsOf: again) == freshBytes)
    }
    // Copied when the size is the old entry's; made and deflated when it is not.
    #expect(copied[0] == copied[1] + 1)
  }
}
