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
    "the NCX and navigation left unmade are copied, and made after all when their entries cannot be copied: the bytes of a fresh write"
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
    #expect(written.made.count == 2)
    for name in ["EPUB/toc.ncx", "EPUB/nav.xhtml"] {
      #expect(written.made.values.contains { $0.key == written.keys[name] })
    }

    var copied: [Int] = []
    for offset in [0, 1] {
      var packager = try Self.packager(book)
      packager.reuse.previous = (fresh, written.keys)
      packager.reuse.made = { digest in written.made[digest].map { ($0.key, $0.size + offset) } }
      packager.reuse.lookup = { written.documents[$0] }
      let entries = try packager.entries()
      for name in ["EPUB/toc.ncx", "EPUB/nav.xhtml"] {
        let entry = try #require(entries.first { $0.name == name })
        #expect(entry.bytes.isEmpty, "\(name)")
      }
      let again = folder.appending(path: "again-\(offset).epub")
      let rewritten = try packager.writeForReuse(to: again)
      copied.append(rewritten.copied)
      for (digest, made) in written.made {
        #expect(rewritten.made[digest]?.key == made.key)
        #expect(rewritten.made[digest]?.size == made.size)
      }
      #expect(try Data(contentsOf: again) == freshBytes)
    }
    // Copied when the size is the old entry's; made and deflated when it is not.
    #expect(copied[0] == copied[1] + 2)
  }

  @Test("a navigation made after all under another key is checked again, not taken as known")
  func navigationMadeUnderAnotherKey() throws {
    let book = try TemporaryManuscript(Self.files)
    defer { book.remove() }
    let folder = FileManager.default.temporaryDirectory.appending(
      path: "octavo-nav-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    let fresh = folder.appending(path: "fresh.epub")
    let written = try Self.packager(book).writeForReuse(to: fresh)
    written.replaced?.discard()
    let name = "EPUB/nav.xhtml"
    let key = try #require(written.keys[name])
    let (digest, made) = try #require(written.made.first { $0.value.key == key })
    // A stale record: another key, another size, and findings with a problem planted.
    var facts = try #require(written.documents[key])
    facts.scan.problems.append("\(name): a planted problem")
    var keys = written.keys
    keys[name] = "stale"
    var packager = try Self.packager(book)
    packager.reuse.previous = (fresh, keys)
    packager.reuse.made = { $0 == digest ? ("stale", made.size + 1) : nil }
    packager.reuse.lookup = { $0 == "stale" ? facts : written.documents[$0] }
    let again = folder.appending(path: "again.epub")
    let rewritten = try packager.writeForReuse(to: again)
    #expect(rewritten.keys[name] == key)
    #expect(rewritten.documents[key]?.scan.problems == [])
    #expect(try Data(contentsOf: again) == Data(contentsOf: fresh))
  }

  @Test("the navigation's digest changes with what it is made from")
  func navigationDigestInputs() throws {
    let book = try TemporaryManuscript(Self.files)
    defer { book.remove() }
    let packager = try Self.packager(book)
    let renderer = packager.documents.renderer
    let contents = packager.documents.contents
    let base = NavigationDocument(
      book: packager.book, contents: contents, coverHref: nil,
      bodyMatterHref: "text/one.xhtml", notesHref: nil)
    let digest = base.inputDigest(renderer: renderer)
    #expect(digest == base.inputDigest(renderer: renderer))
    func nav(
      contents: TableOfContents? = nil, cover: String? = nil, body: String? = "text/one.xhtml",
      notes: String? = nil
    ) -> NavigationDocument {
      NavigationDocument(
        book: packager.book, contents: contents ?? base.contents, coverHref: cover,
        bodyMatterHref: body, notesHref: notes)
    }
    var variants = [
      nav(cover: "text/cover.xhtml"), nav(body: nil), nav(body: "text/two.xhtml"),
      nav(notes: "text/notes.xhtml"),
    ]
    for change in 0..<4 {
      var toc = contents
      switch change {
      case 0: toc.entries[0].title += "!"
      case 1: toc.entries[0].isPart.toggle()
      case 2: toc.entries[1].children[0].fragment = nil
      default: toc.entries.removeLast()
      }
      variants.append(nav(contents: toc))
    }
    let digests = variants.map { $0.inputDigest(renderer: renderer) }
    #expect(!digests.contains(digest))
    #expect(Set(digests).count == digests.count)
    // Another language: other words, another page.
    var french = Self.files
    french["book.yaml"] = "title: Small\nlanguage: fr\ncontents: [one.md, two.md]\n"
    let other = try TemporaryManuscript(french)
    defer { other.remove() }
    let frenchPackager = try Self.packager(other)
    #expect(
      NavigationDocument(
        book: frenchPackager.book, contents: frenchPackager.documents.contents, coverHref: nil,
        bodyMatterHref: "text/one.xhtml", notesHref: nil
      ).inputDigest(renderer: frenchPackager.documents.renderer) != digest)
  }
}
