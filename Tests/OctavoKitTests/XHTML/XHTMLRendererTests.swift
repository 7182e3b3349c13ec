import Foundation
import Testing

@testable import OctavoKit

/// Rendering chapters to XHTML: the markup each construct becomes.
@Suite("XHTML rendering")
struct XHTMLRendererTests {
  /// Renders the chapters of a small manuscript and returns each one's `<section>` as text.
  static func render(_ chapters: [String: String], order: [String], language: String = "en")
    throws -> (
      sections: [String: String], manuscript: Manuscript, trees: [String: XHTMLRenderer.Document]
    )
  {
    let manuscript = try TemporaryManuscript.load(
      chapters: chapters, order: order, language: language)
    // Rendered as a build renders, keeping the trees.
    let rendered = try SerializedBook(
      book: manuscript.book, root: manuscript.root, formats: [.epub], keepsTrees: true)
    var sections: [String: String] = [:]
    var trees: [String: XHTMLRenderer.Document] = [:]
    for document in rendered.documents {
      let tree = try #require(document.tree)
      trees[document.id] = tree
      let bytes = try XMLSerializer.document(tree.section, declaration: false)
      sections[document.id] = String(decoding: bytes, as: UTF8.self)
    }
    return (sections, manuscript, trees)
  }

  @Test("GitHub alerts become labelled notes")
  func alerts() throws {
    let section =
      try Self.render(["a.md": "# A\n\n> [!TIP]\n> Use *it*.\n"], order: ["a.md"]).sections["a"]
      ?? ""
    #expect(
      section.contains(
        "<div class=\"alert alert-tip\" role=\"note\">\n<p class=\"alert-title\">Tip</p>\n<p>Use <em>it</em>.</p>\n</div>"
      ))
  }

  @Test("a paragraph that opens an HTML table is parsed with the HTML block that ends it")
  func tableAcrossBlocks() throws {
    let markdown = "# A\n\n<br/><table>\n<tr><td>a</td><td>*b*</td></tr>\n</table>\n"
    let section = try Self.render(["a.md": markdown], order: ["a.md"]).sections["a"] ?? ""
    #expect(section.contains("<br/>\n<table><tr><td>a</td><td>*b*</td></tr></table>"), "\(section)")
  }

  @Test("raw HTML around Markdown keeps its structure")
  func wrapper() throws {
    let markdown = "# A\n\n<details>\n<summary>More</summary>\n\nHidden *text*.\n\n</details>\n"
    let section = try Self.render(["a.md": markdown], order: ["a.md"]).sections["a"] ?? ""
    #expect(
      section.contains(
        "<details><summary>More</summary>\n\n<p>Hidden <em>text</em>.</p>\n</details>"),
      "\(section)")
  }

  @Test("an id written in raw HTML in two chapters is numbered, and links follow it")
  func rawIDs() throws {
    let result = try Self.render(
      [
        "a.md": "# A\n\n<a id=\"top\"></a>\n\n[up](#top)\n",
        "b.md": "# B\n\n<a id=\"top\"></a>\n\n[up](#top) and [there](a.md#top)\n",
      ], order: ["a.md", "b.md"])
    #expect(result.sections["a"]?.contains("id=\"top\"") == true)
    let b = result.sections["b"] ?? ""
    #expect(b.contains("id=\"top-2\""))
    #expect(b.contains("<a href=\"#top-2\">up</a>"))
    #expect(b.contains("<a href=\"a.xhtml#top\">there</a>"))
    #expect(result.manuscript.diagnostics.isEmpty, "\(result.manuscript.diagnostics)")
  }

  @Test("a badge inside a link does not nest links, and an image without alt text says so")
  func badges() throws {
    let markdown =
      "# A\n\n[![build](https://example.org/b.svg)](https://ci.example.org)\n[![](https://example.org/c.svg)](https://example.org)\n"
    let section = try Self.render(["a.md": markdown], order: ["a.md"]).sections["a"] ?? ""
    #expect(section.contains("<a href=\"https://ci.example.org\">build</a>"))
    #expect(section.contains("<a href=\"https://example.org\">[image]</a>"))
  }

  @Test(
    "sloppy URLs are made valid",
    arguments: [
      (
        "https://img.example.org/badge/cov-100%-green",
        "https://img.example.org/badge/cov-100%25-green"
      ),
      ("https://example.org/a%20b", "https://example.org/a%20b"),
      (
        "https://example.org/items?filter[state]=open",
        "https://example.org/items?filter%5Bstate%5D=open"
      ),
      ("https://example.org/#/docs#install", "https://example.org/#/docs%23install"),
      ("http://[::1]:8080/x", "http://[::1]:8080/x"),
      ("https://example.org/a|b^c", "https://example.org/a%7Cb%5Ec"),
      ("https://例え.jp/パス", "https://例え.jp/パス"),
    ])
  func urls(_ input: String, _ expected: String) {
    #expect(LinkResolver.classify(input) == .external(expected))
  }

  @Test(
    "URLs beyond repair are not links", arguments: ["https:///path", "http://example.org:99999/"])
  func invalidURLs(_ input: String) {
    #expect(LinkResolver.classify(input) == .invalid(input))
  }

  @Test("a reference to an undefined footnote is reported")
  func undefinedFootnote() throws {
    let result = try Self.render(["a.md": "# A\n\nText[^gone] here.\n"], order: ["a.md"])
    #expect(
      result.manuscript.diagnostics.map(\.description)
        == [
          "a.md:3:5: warning: footnote 'gone' is not defined; the reference is shown as text [OCT310]"
        ])
  }

  @Test("a right-to-left book says so in its documents and its spine")
  func rightToLeft() throws {
    let result = try Self.render(["a.md": "# أ\n\nنص.\n"], order: ["a.md"], language: "ar")
    #expect(result.trees["a"]?.root[attribute: "dir"] == "rtl")
    let package = PackageDocument(
      metadata: result.manuscript.book.metadata, items: [], coverImageID: nil
    ).root
    let spine = package.children.compactMap(\.element).first { $0.name == "spine" }
    #expect(spine?[attribute: "page-progression-direction"] == "rtl")
    #expect(!(BookMetadata(title: "x", language: "en-GB").isRightToLeft))
    #expect(BookMetadata(title: "x", language: "az-Arab").isRightToLeft)
  }

  @Test("Chinese and Japanese characters count as words")
  func cjkWords() {
    #expect(BookTransformer.countWords("汉字のテキスト and two") == 9)
  }

  @Test("a file that opens with a rule has no front matter")
  func ruleIsNotFrontMatter() {
    let split = FrontMatter(splitting: "---\n\n# Title\n\n---\n")
    #expect(split.yaml == nil)
    #expect(FrontMatter(splitting: "---\ntitle: T\n---\n# X\n").yaml == "title: T")
  }

  @Test("table rows without cells go, and spans fit the table")
  func tableRepair() throws {
    let nodes = MarkupParser.parseHTMLFragment(
      "<table><tr><td colspan=\"3\">w</td></tr><tr><td>a</td><td rowspan=\"4\">b</td></tr><tr></tr></table>"
    )
    let repaired = TableRepair.repair(nodes)
    let text = String(
      decoding: try XMLSerializer.document(XMLElement("div", [], repaired), declaration: false),
      as: UTF8.self)
    #expect(
      text
        == "<div><table><tr><td colspan=\"2\">w</td></tr><tr><td>a</td><td>b</td></tr></table></div>\n"
    )
  }

  @Test(
    "Markdown after an unclosed or document-level HTML tag is never lost",
    arguments: [
      // (An unclosed <script> is another matter: CommonMark itself makes the rest of the file
      // part of that HTML block, as GitHub does.)
      "<iframe src=\"https://example.org/embed\">", "</html>", "</body>", "<frameset>",
      "<noscript>", "<template>", "<svg>",
    ])
  func nothingLost(_ tag: String) throws {
    let result = try Self.render(
      ["a.md": "# A\n\nbefore\n\(tag)\n\n## B\n\nafter *this*\n"], order: ["a.md"])
    let section = result.sections["a"] ?? ""
    #expect(section.contains("<h2 id=\"b\">B</h2>"), "\(section)")
    #expect(section.contains("after <em>this</em>"), "\(section)")
  }

  @Test("an unclosed summary ends before the first block")
  func unclosedSummary() throws {
    let section =
      try Self.render(["a.md": "# A\n\n<details>\n<summary>Click\n\nMore text.\n"], order: ["a.md"])
      .sections["a"] ?? ""
    #expect(section.contains("<summary>Click\n</summary><p>More text.</p>"), "\(section)")
  }

  @Test("a task box stays out of block HTML")
  func taskBox() throws {
    let markdown = "# A\n\n- [x] <ol><li>i</li></ol> text\n\n    - nested\n"
    let section = try Self.render(["a.md": markdown], order: ["a.md"]).sections["a"] ?? ""
    #expect(
      section.contains("<li class=\"task-list-item\">\n<span class=\"task-box\">☑</span>"),
      "\(section)")
    #expect(!section.contains("<ol><span"), "\(section)")
  }

  @Test(
    "blank titles fall back: heading text, then the file name",
    arguments: [
      ("---\ntitle: \"  \"\n---\n# Heading\n", "Heading"),
      ("# ![](x.png)\n\nText.\n", "Some name"),
      ("#\n\n## Real\n", "Real"),
    ])
  func blankTitles(_ markdown: String, _ title: String) throws {
    let result = try Self.render(["some_name.md": markdown], order: ["some_name.md"])
    #expect(result.manuscript.chapters.first?.title == title)
  }

  @Test("an explicit id wins over an automatic one, whatever the chapters' order")
  func explicitIDsFirst() throws {
    let result = try Self.render(
      ["a.md": "# A\n\n## Usage\n", "b.md": "# B\n\n## How to {#usage}\n"], order: ["a.md", "b.md"])
    #expect(result.manuscript.errors.isEmpty)
    #expect(result.manuscript.chapters[0].headings.map(\.id) == ["a-2", "usage-2"])
    #expect(result.manuscript.chapters[1].headings.map(\.id) == ["b-2", "usage"])
  }

  @Test("column markup that does not match the rows is dropped")
  func columnMarkup() throws {
    let nodes = TableRepair.repair(
      MarkupParser.parseHTMLFragment(
        "<table><colgroup><col span=\"2\"></colgroup><tr><td>a</td></tr></table>"))
    let text = String(
      decoding: try XMLSerializer.document(XMLElement("div", [], nodes), declaration: false),
      as: UTF8.self)
    #expect(text == "<div><table><tr><td>a</td></tr></table></div>\n")
  }
}
