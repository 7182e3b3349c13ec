import Foundation
import Testing

@testable import OctavoKit

@Suite("Ids, links, notes and images")
struct TransformTests {
  static func load(_ chapters: [String: String], order: [String], extra: [String: [UInt8]] = [:])
    throws -> Manuscript
  {
    try TemporaryManuscript.load(chapters: chapters, order: order, binary: extra)
  }

  @Test("heading ids follow GitHub's slugs and are unique across the book")
  func headingIDs() throws {
    let manuscript = try Self.load(
      [
        "a.md": "# Intro\n\n## Usage\n\n## Usage\n\n## Café & Crème: “Quoted”!\n",
        "b.md": "# Intro\n\n## Usage\n",
      ], order: ["a.md", "b.md"])
    #expect(
      manuscript.chapters[0].headings.map(\.id) == [
        "intro", "usage", "usage-1", "café--crème-quoted",
      ])
    #expect(manuscript.chapters[1].headings.map(\.id) == ["intro-2", "usage-2"])
    // A link written for GitHub still finds the heading: `b.md#usage` → `usage-2`.
    #expect(manuscript.chapters[1].anchors["usage"] == "usage-2")
    #expect(manuscript.chapters[0].anchors["usage-1"] == "usage-1")
  }

  @Test("a heading id never takes a chapter's id")
  func chapterIDsReserved() throws {
    let manuscript = try Self.load(
      ["intro.md": "# Intro\n", "b.md": "# B\n\n## Intro\n"], order: ["intro.md", "b.md"])
    let ids = manuscript.chapters.map(\.id) + manuscript.chapters.flatMap { $0.headings.map(\.id) }
    #expect(Set(ids).count == ids.count)
  }

  @Test("a heading that skips a level is a warning")
  func headingSkip() throws {
    let manuscript = try Self.load(
      ["a.md": "# A\n\n### Too deep\n\n## Fine\n\n### Fine too\n"], order: ["a.md"])
    #expect(
      manuscript.diagnostics.map(\.description) == [
        "a.md:3:1: warning: heading level 3 follows level 1; readers who move by headings expect level 2 [OCT301]"
      ])
  }

  @Test("a duplicate explicit id is an error")
  func duplicateExplicit() throws {
    let manuscript = try Self.load(
      ["a.md": "# A {#same}\n", "b.md": "# B\n\n## B2 {#same}\n"], order: ["a.md", "b.md"])
    #expect(
      manuscript.diagnostics.map(\.description)
        == ["b.md:3:1: error: the id 'same' is already used in the book [OCT302]"])
  }

  struct LinkCase: Sendable, CustomTestStringConvertible {
    let destination: String
    let target: LinkTarget
    let warning: String?
    var testDescription: String { destination }
  }

  @Test(
    "links resolve to chapters, headings and allowed URLs",
    arguments: [
      LinkCase(destination: "b.md", target: .chapter(id: "b", fragment: nil), warning: nil),
      LinkCase(
        destination: "./b.md#part-two", target: .chapter(id: "b", fragment: "part-two"),
        warning: nil),
      LinkCase(
        destination: "sub/c.md#top", target: .chapter(id: "c", fragment: "top"), warning: nil),
      LinkCase(
        destination: "b.md#Part-Two", target: .chapter(id: "b", fragment: "part-two"), warning: nil),
      LinkCase(destination: "#local", target: .chapter(id: "a", fragment: "local"), warning: nil),
      LinkCase(
        destination: "b.md#nope", target: .chapter(id: "b", fragment: nil),
        warning: "warning: no heading or id 'nope' in b.md"),
      LinkCase(
        destination: "https://example.org/a?b#c", target: .external("https://example.org/a?b#c"),
        warning: nil),
      LinkCase(
        destination: "mailto:a@example.org", target: .external("mailto:a@example.org"), warning: nil
      ),
      LinkCase(
        destination: "javascript:alert(1)", target: .none,
        warning: "warning: link with the 'javascript:' scheme removed"),
      LinkCase(
        destination: "JaVaScRiPt:alert(1)", target: .none,
        warning: "warning: link with the 'javascript:' scheme removed"),
      LinkCase(
        destination: "file:///etc/passwd", target: .none,
        warning: "warning: link with the 'file:' scheme removed"),
      LinkCase(
        destination: "LICENSE", target: .none,
        warning: "warning: link to 'LICENSE', which is not a chapter"),
      LinkCase(
        destination: "gone.md", target: .none,
        warning: "warning: link to 'gone.md', which does not exist"),
      LinkCase(
        destination: "../../etc/passwd", target: .none,
        warning: "warning: link to '../../etc/passwd' leads outside the manuscript"),
      LinkCase(
        destination: "/b.md#part-two", target: .chapter(id: "b", fragment: "part-two"), warning: nil
      ),
      LinkCase(
        destination: "b.html#part-two", target: .chapter(id: "b", fragment: "part-two"),
        warning: nil),
      LinkCase(
        destination: "https://example.org\\path\\file",
        target: .external("https://example.org/path/file"), warning: nil),
      LinkCase(
        destination: "<http://exa mple.org>", target: .none,
        warning: "warning: 'http://exa mple.org' is not a valid URL"),
      LinkCase(
        destination: "mailto:", target: .none, warning: "warning: 'mailto:' is not a valid URL"),
    ])
  func links(_ test: LinkCase) throws {
    let manuscript = try Self.load(
      [
        "a.md": "# A\n\n## Local\n\n[x](\(test.destination))\n",
        "b.md": "# B\n\n## Part Two\n",
        "sub/c.md": "# C {#top}\n",
        "LICENSE": "MIT\n",
      ], order: ["a.md", "b.md", "sub/c.md"])
    var target: LinkTarget?
    Block.walkInlines(manuscript.chapters[0].blocks) { inline in
      if case .link(let link) = inline.kind { target = link.target }
    }
    #expect(target == test.target)
    let warnings = manuscript.diagnostics.map(\.description)
    if let warning = test.warning {
      #expect(warnings.count == 1)
      #expect(warnings.first?.hasPrefix("a.md:5:1: " + warning) == true, "\(warnings)")
    } else {
      #expect(warnings.isEmpty, "\(warnings)")
    }
  }

  @Test("footnotes are numbered per chapter in order of first reference")
  func footnotes() throws {
    let manuscript = try Self.load(
      [
        "a.md":
          "# A\n\nOne[^z], two[^a], again[^z].\n\n[^a]: Alpha.\n[^z]: Zed.\n[^unused]: Never.\n",
        "b.md": "# B\n\nFresh[^a].\n\n[^a]: Again one.\n",
      ], order: ["a.md", "b.md"])
    let a = manuscript.chapters[0].footnotes
    #expect(a.map(\.label) == ["z", "a"])
    #expect(a.map(\.number) == [1, 2])
    #expect(a.map(\.referenceCount) == [2, 1])
    #expect(manuscript.chapters[1].footnotes.map(\.number) == [1])
    #expect(
      manuscript.diagnostics.map(\.description) == [
        "a.md:7:1: warning: footnote 'unused' is never referenced; it is left out [OCT311]"
      ])
  }

  @Test("images are found, typed by their bytes and packaged once")
  func images() throws {
    let manuscript = try Self.load(
      [
        "a.md":
          "# A\n\n![one](img/dot.png)\n\nInline ![again](./img/../img/dot.png) and ![jpeg](img/photo.png)\n\n![](img/dot.png)\n",
        "sub/b.md":
          "# B\n\n![up](../img/dot.png)\n\n![far](https://example.org/x.png)\n\n![bad](img/text.png)\n",
      ], order: ["a.md", "sub/b.md"],
      extra: [
        "img/dot.png": tinyPNG, "img/photo.png": [0xFF, 0xD8, 0xFF, 0xE0, 0, 16],
        "sub/img/text.png": Array("hello".utf8),
      ])
    // The file that is not an image is an error; a draft shows a placeholder in its place.
    let found = manuscript.book.images.filter { !$0.isPlaceholder }
    #expect(found.map(\.path) == ["img/dot.png", "img/photo.png"])
    #expect(found.map(\.mediaType) == ["image/png", "image/jpeg"])
    #expect(found.map(\.fileName) == ["dot.png", "photo.jpg"])
    let placeholders = manuscript.book.images.filter { $0.isPlaceholder }
    #expect(placeholders.map(\.fileName) == ["missing-text.svg"])
    #expect(placeholders.map(\.missingSource) == ["img/text.png"])
    let lines = manuscript.diagnostics.map(\.description)
    #expect(
      lines == [
        "a.md:7:1: warning: image 'img/dot.png' has no alt text [OCT308]",
        "sub/b.md:5:1: warning: remote image 'https://example.org/x.png' is not fetched; its alt text links to it [OCT309]",
        "sub/b.md:7:1: error: 'img/text.png' is not a PNG, JPEG, GIF, WebP or SVG image [OCT307]",
      ])
  }

  @Test("a path from the site's root is read from the manuscript folder")
  func siteRootImage() throws {
    let manuscript = try Self.load(
      ["posts/a.md": "# A\n\n![logo](/assets/logo.png)\n"], order: ["posts/a.md"],
      extra: ["assets/logo.png": tinyPNG])
    #expect(manuscript.diagnostics.isEmpty)
    #expect(manuscript.book.images.map(\.path) == ["assets/logo.png"])
  }

  @Test("headings inside footnotes get ids too")
  func headingInNote() throws {
    let manuscript = try Self.load(
      ["a.md": "# A\n\nText.[^a]\n\n[^a]: Note.\n\n    ## Inside\n"], order: ["a.md"])
    var ids: [String] = []
    Block.walk(manuscript.chapters[0].footnotes.flatMap(\.blocks)) { block in
      if case .heading(let heading) = block.kind { ids.append(heading.id) }
    }
    #expect(ids == ["inside"])
  }

  @Test("an image path that leaves the manuscript is an error")
  func imageOutside() throws {
    let manuscript = try Self.load(["a.md": "# A\n\n![x](../../../etc/passwd)\n"], order: ["a.md"])
    #expect(
      manuscript.diagnostics.map(\.description) == [
        "a.md:3:1: error: image '../../../etc/passwd' is outside the manuscript folder [OCT112]"
      ])
  }

  @Test("words are counted, code included")
  func words() throws {
    let manuscript = try Self.load(
      ["a.md": "# Two words\n\nThree more *words* here.\n\n```\ncode line\n```\n"], order: ["a.md"])
    #expect(manuscript.wordCount == 2 + 4 + 2)
  }
}
