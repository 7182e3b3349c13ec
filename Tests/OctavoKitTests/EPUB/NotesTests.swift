import Foundation
import Testing

@testable import OctavoKit

/// Notes in the markup reading systems turn into pop-ups, in the place `notes:` asks for.
@Suite("Notes")
struct NotesTests {
  static let one =
    "# One\n\nA claim.[^a] Another.[^b] Again.[^a]\n\n[^a]: The source.\n[^b]: A [link](two.md).\n"
  static let two = "# Two\n\nMore.[^x]\n\n[^x]: Said twice.\n"

  func build(_ placement: String?, language: String = "en")
    throws -> (one: String, nav: String, opf: String, notes: String?, epub: URL, folder: URL)
  {
    var yaml = EbookBuild.yaml(
      placement.map { "notes: \($0)" } ?? "", contents: ["one.md", "two.md"])
    yaml = yaml.replacingOccurrences(of: "language: en", with: "language: \(language)")
    let (result, epub, folder) = try EbookBuild.build([
      "book.yaml": yaml, "one.md": Self.one, "two.md": Self.two,
    ])
    #expect(!result.diagnostics.hasErrors, "\(result.diagnostics)")
    let url = try #require(epub)
    let archive = try ZipArchiveReader(url)
    func text(_ name: String) -> String? {
      archive.entries[name].map { String(decoding: $0, as: UTF8.self) }
    }
    return (
      try #require(text("EPUB/text/one.xhtml")), try #require(text("EPUB/nav.xhtml")),
      try #require(text("EPUB/package.opf")), text("EPUB/text/notes.xhtml"), url, folder
    )
  }

  @Test("noterefs are plain links (no <sup> inside) to asides that hold their back links")
  func footnotes() throws {
    let built = try build(nil)
    defer { try? FileManager.default.removeItem(at: built.folder) }
    #expect(
      built.one.contains(
        ##"<a id="one-fnref-1" class="noteref" href="#one-fn-1" epub:type="noteref" role="doc-noteref">1</a>"##
      ))
    #expect(!built.one.contains("<sup>"))
    let aside = try #require(
      built.one.range(
        of: ##"<aside id="one-fn-1" class="footnote" epub:type="footnote" role="doc-footnote">"##))
    let afterAside = built.one[aside.upperBound...]
    let close = try #require(afterAside.range(of: "</aside>"))
    let note = afterAside[..<close.lowerBound]
    #expect(note.contains(##"href="#one-fnref-1""##))
    #expect(note.contains(##"href="#one-fnref-1-2""##))
    #expect(built.notes == nil)
  }

  @Test("chapter-end: an endnotes section closes each chapter")
  func chapterEnd() throws {
    let built = try build("chapter-end")
    defer { try? FileManager.default.removeItem(at: built.folder) }
    #expect(
      built.one.contains(
        ##"<section id="one-endnotes" class="endnotes" epub:type="endnotes" role="doc-endnotes">"##)
    )
    #expect(built.one.contains(##"<li id="one-fn-1" class="endnote" epub:type="footnote">"##))
    #expect(built.one.contains(##"href="#one-fnref-1""##))
    #expect(!built.one.contains("<aside"))
    #expect(built.notes == nil)
  }

  // EPUBCheck and the Nu checker (java): skipped without them, failed when make test requires them.
  @Test(
    "book-end: a Notes document in the back matter, in the spine, contents and landmarks",
    .enabled(if: Validators.enabled))
  func bookEnd() throws {
    try Validators.require()
    let built = try build("book-end")
    defer { try? FileManager.default.removeItem(at: built.folder) }
    let notes = try #require(built.notes)
    #expect(built.one.contains(##"href="notes.xhtml#one-fn-1""##))
    #expect(!built.one.contains("id=\"one-fn-1\""))
    #expect(notes.contains(##"<li id="one-fn-1" class="endnote" epub:type="footnote">"##))
    #expect(notes.contains(##"href="one.xhtml#one-fnref-1-2""##))
    #expect(notes.contains(##"<li id="two-fn-1""##))
    // A link inside a note leads to the other chapter's document.
    #expect(notes.contains(##"href="two.xhtml""##))
    #expect(notes.contains(##"<body epub:type="backmatter""##))
    #expect(built.opf.contains(##"<itemref idref="doc-notes"/>"##))
    #expect(built.nav.contains(##"<a href="text/notes.xhtml">Notes</a>"##))
    #expect(built.nav.contains(##"<a epub:type="endnotes" href="text/notes.xhtml">Notes</a>"##))
    let report = try Validators.epubcheck(built.epub)
    #expect(report.messages.isEmpty, "\(report.messages.joined(separator: "\n"))")
  }

  @Test(
    "generated words follow the book's language",
    arguments: [
      ("de", "Anmerkungen", "Inhalt"), ("fr", "Notes", "Table des matières"),
      ("es", "Notas", "Índice"), ("xx", "Notes", "Contents"),
    ])
  func localized(_ language: String, _ notesTitle: String, _ contents: String) throws {
    let built = try build("book-end", language: language)
    defer { try? FileManager.default.removeItem(at: built.folder) }
    #expect(try #require(built.notes).contains("<h1 class=\"chapter-title\">\(notesTitle)</h1>"))
    #expect(built.nav.contains("<h1>\(contents)</h1>"))
  }

  /// Where a link to an element inside a note leads, by placement: the chapter's document,
  /// or the Notes document when notes go to the book's end.
  @Test(
    "links to a heading or a raw-HTML id inside a note lead to where the note is",
    arguments: [(nil, "one.xhtml"), ("chapter-end", "one.xhtml"), ("book-end", "notes.xhtml")])
  func linksIntoNotes(_ placement: String?, _ document: String) throws {
    let one = """
      # One

      A claim.[^a]

      [^a]: See <span id="spot">this spot</span>.

          ### Aside heading

          And [back](#spot).
      """
    let two =
      "# Two\n\nTo [the spot](one.md#spot), <a href=\"one.md#aside-heading\">the aside</a>.\n"
    let (result, epub, folder) = try EbookBuild.build([
      "book.yaml": EbookBuild.yaml(
        placement.map { "notes: \($0)" } ?? "", contents: ["one.md", "two.md"]),
      "one.md": one, "two.md": two,
    ])
    defer { try? FileManager.default.removeItem(at: folder) }
    // Before, the raw id was dropped with a warning and, with book-end, the build failed
    // Octavo's structure check (the links led into one.xhtml).
    #expect(result.diagnostics.isEmpty, "\(result.diagnostics)")
    let archive = try ZipArchiveReader(try #require(epub))
    let text = try #require(archive.entries["EPUB/text/two.xhtml"])
    let twoText = String(decoding: text, as: UTF8.self)
    #expect(twoText.contains(#"href="\#(document)#spot""#))
    #expect(twoText.contains(#"href="\#(document)#aside-heading""#))
    let holder = try #require(archive.entries["EPUB/text/" + document])
    let notes = String(decoding: holder, as: UTF8.self)
    #expect(notes.contains(#"<span id="spot">this spot</span>"#))
    #expect(notes.contains(#"id="aside-heading""#))
    #expect(notes.contains(##"<a href="#spot">back</a>"##))
  }

  @Test("an unknown placement is an error in book.yaml")
  func badPlacement() throws {
    let manuscript = try TemporaryManuscript([
      "book.yaml": EbookBuild.yaml("notes: margin"), "one.md": "# One\n",
    ])
    defer { manuscript.remove() }
    #expect(try manuscript.load().errors.map(\.code) == [.badMetadataValue])
  }
}
