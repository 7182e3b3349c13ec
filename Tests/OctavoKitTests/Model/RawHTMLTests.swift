import Foundation
import Testing

@testable import OctavoKit

/// Raw HTML in the model: parsed once when the Markdown is read, and read from its nodes by
/// the passes after (ids, heading texts, the tag an inline piece is).
@Suite("Raw HTML in the model")
struct RawHTMLTests {
  struct TagCase: Sendable, CustomTestStringConvertible {
    var source: String
    /// `name`, `/name` for an end tag, `name/` for a self-closing one; nil for no tag.
    var tag: String?
    var testDescription: String { source }
  }

  @Test(
    "an inline piece knows the tag it starts with",
    arguments: [
      TagCase(source: "<code>", tag: "code"),
      TagCase(source: "</CODE>", tag: "/code"),
      TagCase(source: "<br/>", tag: "br/"),
      TagCase(source: "<span class=\"x\">", tag: "span"),
      TagCase(source: "<h2 id=a>", tag: "h2"),
      TagCase(source: "<!-- a comment -->", tag: nil),
      TagCase(source: "</>", tag: nil),
      TagCase(source: "plain", tag: nil),
    ])
  func tag(_ test: TagCase) {
    let tag = RawHTML(test.source).tag
    let written = tag.map {
      ($0.isClosing ? "/" : "") + $0.name + ($0.isSelfClosing ? "/" : "")
    }
    #expect(written == test.tag)
  }

  @Test("ids and heading texts are read from the nodes parsed at load, in document order")
  func idsAndHeadings() {
    let html = RawHTML(
      """
      <div id="top"><a name="anchor">x</a><p id="has space">no</p>
      <h2>Two
        words</h2><h1><img src="logo.png" alt="Logo"></h1><h3> </h3></div>
      """)
    #expect(html.nodes.count == 1)
    #expect(html.elements.map(\.name) == ["div", "a", "p", "h2", "h1", "img", "h3"])
    #expect(html.ids == ["top", "anchor"])
    #expect(html.headingTexts == ["Two words", "Logo"])
  }

  @Test("what the renderer sanitizes is the HTML without the tags that end or start a document")
  func fragment() {
    let plain = RawHTML("<p id=\"a\">text</p>")
    #expect(plain.fragment == plain.nodes)
    let document = RawHTML("<html><body><p>text</p></body></html><image src=\"x.png\">")
    #expect(document.fragment.compactMap(\.element).map(\.name) == ["p", "img"])
    #expect(document.elements.map(\.name) == ["p", "image"])
  }

  @Test("a chapter lists the names its raw HTML claims in the order the transform gives them")
  func chapterNames() {
    let markdown = """
      <div id="first"><h2>Raw heading</h2></div>

      Text with <span id="inline">inline</span> HTML.

      > <p id="quoted">in a quote</p>
      """
    let parsed = MarkdownParser(file: "c.md", lineOffset: 0).parse(markdown)
    let chapter = Chapter(id: "c", path: "c.md", title: "C", blocks: parsed.blocks)
    let expected: [RawHTMLName] = [
      .id("first"), .headingText("Raw heading"), .id("quoted"), .id("inline"),
    ]
    #expect(chapter.rawHTMLNames == expected)
  }

  @Test("the transform names raw HTML's ids and headings from the parsed nodes")
  func transformedIDs() throws {
    let manuscript = try TemporaryManuscript.load(
      chapters: [
        "a.md": "# Alpha\n\n<p id=\"alpha\">x</p>\n\nSee <span id=\"mid\">this</span>.\n",
        "b.md": "# Beta\n\n<div><h3>Raw  Title</h3></div>\n\n<p id=\"mid\">y</p>\n",
      ], order: ["a.md", "b.md"])
    let (a, b) = (manuscript.chapters[0], manuscript.chapters[1])
    // A raw id taken by a heading is numbered; one unique in the book is kept.
    let alpha = try #require(a.rawHTMLIDs["alpha"])
    #expect(alpha != "alpha" && alpha.hasPrefix("alpha-"))
    #expect(a.rawHTMLIDs["mid"] == "mid")
    #expect(b.rawHTMLIDs["mid"] != "mid")
    // A raw heading gets the slug of its text, which links find.
    #expect(b.rawHeadingIDs == ["raw-title": "raw-title"])
    #expect(b.anchors["raw-title"] == "raw-title")
  }
}
