import Foundation
import Testing

@testable import OctavoKit

/// The formula writer against libxml2 itself: every `<math>` written straight to bytes must be
/// exactly what libxml2 writes when it builds the element as nodes, in the EPUB's XML and the
/// print edition's HTML, as a whole document and as a print section.
@Suite("MathML writer")
struct MathMLWriterTests {
  /// Every formula of the texmath comparison corpus, with its display style.
  static func corpus() throws -> [(tex: String, display: Bool)] {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
      .appendingPathComponent("../../OctavoMathTests/Corpus/corpus.txt")
    let text = try String(contentsOf: url, encoding: .utf8)
    return text.split(separator: "\n").compactMap { line in
      if line.hasPrefix("#") || line.allSatisfy({ $0 == " " }) { return nil }
      if line.hasPrefix("$$ ") { return (String(line.dropFirst(3)), true) }
      return (String(line), false)
    }
  }

  /// TeX that puts awkward characters into `alttext` and the annotation: quotes of both
  /// kinds, markup characters, line breaks, tabs, controls XML forbids, other scripts.
  static let awkwardTeX: [String] = [
    "a \"quoted\" b", "it's", "\"both\" 'kinds'", "a < b > c", "a \\& b", "\\text{&{x}}",
    "\\text{<!-- x -->}", "a\r\nb", "a\nb", "\ta\t", "x\u{1}y\u{7F}z\u{85}", "é + α = 𝔸",
    "\\text{x]]>y}", "\u{FFFE}x\u{FFFF}", "\\text{‘’ “”}", "  spaced  ", "\n$x$\n",
    "\\text{a\"b'c\"}",
  ]

  static func math(_ tex: String, display: Bool) -> XMLElement? {
    var ignored: [Diagnostic] = []
    return MathTypesetter(macros: [:]).convert(Formula(tex: tex, isDisplay: display), &ignored)
      .mathML
  }

  /// A page holding `math` between text, as a chapter holds it.
  static func page(_ math: XMLElement) -> XMLElement {
    XMLElement(
      "html", [("xmlns", "http://www.w3.org/1999/xhtml")],
      [
        .el(
          "body", [],
          [.el("p", [("class", "x")], [.text("Then "), .element(math), .text(" & so.")])])
      ])
  }

  /// The writer's output and libxml2's, for `math` in both syntaxes and both forms.
  static func expectSame(_ math: XMLElement, _ what: String) throws {
    let page = page(math)
    for syntax in [XMLSyntax.xml, .html] {
      let direct = try XMLSerializer.document(
        page, syntax: syntax, doctype: "html", declaration: true, writesMathDirectly: true)
      let reference = try XMLSerializer.document(
        page, syntax: syntax, doctype: "html", declaration: true, writesMathDirectly: false)
      #expect(
        direct == reference,
        "\(syntax) document of \(what):\n\(String(decoding: direct, as: UTF8.self))\n\(String(decoding: reference, as: UTF8.self))"
      )
    }
    let direct = try XMLSerializer.fragment(page, syntax: .html, writesMathDirectly: true)
    let reference = try XMLSerializer.fragment(page, syntax: .html, writesMathDirectly: false)
    #expect(
      direct == reference,
      "html fragment of \(what):\n\(String(decoding: direct, as: UTF8.self))\n\(String(decoding: reference, as: UTF8.self))"
    )
  }

  @Test("every formula of the corpus is written as libxml2 writes it, without falling back")
  func corpusFormulas() throws {
    let corpus = try Self.corpus()
    #expect(corpus.count > 800)
    var written = 0
    for (tex, display) in corpus {
      guard let math = Self.math(tex, display: display) else { continue }
      #expect(MathMLWriter.bytes(math, syntax: .xml) != nil, "\(tex)")
      #expect(MathMLWriter.bytes(math, syntax: .html) != nil, "\(tex)")
      // Through the markup the math pass wrote, and through the writer per document.
      #expect(math.markup != nil, "\(tex)")
      try Self.expectSame(math, tex)
      var bare = math
      bare.markup = nil
      try Self.expectSame(bare, tex)
      written += 1
    }
    // Nearly all of the corpus converts without problems (those with problems show as TeX).
    #expect(written > 780)
  }

  @Test("awkward characters in the TeX are escaped as libxml2 escapes them", arguments: awkwardTeX)
  func awkwardCharacters(tex: String) throws {
    for display in [false, true] {
      let math = try #require(Self.math(tex, display: display))
      #expect(MathMLWriter.bytes(math, syntax: .xml) != nil)
      try Self.expectSame(math, tex.debugDescription)
    }
  }

  @Test("any change to a written formula drops its markup, and the output follows the change")
  func changesDropMarkup() throws {
    let math = try #require(Self.math("x^2", display: false))
    #expect(math.markup != nil)
    var changed = math
    changed[attribute: "display"] = "block"
    #expect(changed.markup == nil)
    try Self.expectSame(changed, "changed display")
    let direct = try XMLSerializer.document(Self.page(changed), syntax: .xml)
    #expect(String(decoding: direct, as: UTF8.self).contains("display=\"block\""))
    changed = math
    changed.children = []
    #expect(changed.markup == nil)
    try Self.expectSame(changed, "no children")
    changed = math
    changed.name = "mrow"
    #expect(changed.markup == nil)
    changed = math
    changed.attributes = []
    #expect(changed.markup == nil)
  }

  /// Trees the writer leaves to libxml2 (in HTML: a link is written in HTML's own way), and
  /// trees it writes.
  static let handmade: [(tree: XMLElement, written: Bool)] = [
    (XMLElement("math", [], [.el("mi", [("mathvariant", "a\"b'c")], [.text("x")])]), true),
    (XMLElement("math", [], [.el("mspace", [("width", "1em")])]), true),
    (XMLElement("math", [], [.el("mi", [], [.text("")])]), true),
    (XMLElement("math", [], [.el("mi", [], [.text("a"), .text("b")])]), true),
    (XMLElement("math", [], [.comment("c")]), false),
    (XMLElement("math", [], [.el("mi", [("xml:lang", "en")], [.text("x")])]), false),
    (XMLElement("math", [], [.el("mi", [("href", "#x")], [.text("x")])]), false),
    (XMLElement("math", [], [.el("span", [], [.text("x")])]), false),
    (XMLElement("math", [("xmlns", "urn:other")], [.el("mi", [], [.text("x")])]), false),
    (XMLElement("math", [], [.el("mi", [("xmlns", MathMLSanitizer.namespace)], [])]), false),
  ]

  @Test("trees with anything else go through libxml2; the output is the same either way")
  func handmadeTrees() throws {
    for (tree, written) in Self.handmade {
      #expect((MathMLWriter.bytes(tree, syntax: .html) != nil) == written, "\(tree)")
      try Self.expectSame(tree, "\(tree)")
    }
  }
}
