import Testing

@testable import OctavoKit

/// Packs `nodes` (elements and text only), as the math pass packs a formula's MathML.
private func pack(_ nodes: [XMLNode]) -> PackedChildren? {
  PackedChildren.pack { packer in
    for node in nodes { add(node, &packer) }
  }
}

/// Packs `nodes` with `packer`'s buffers, as the math pass packs a chapter's formulas.
private func pack(_ nodes: [XMLNode], with packer: inout PackedChildren.Packer) -> PackedChildren? {
  PackedChildren.pack(with: &packer) { packer in
    for node in nodes { add(node, &packer) }
  }
}

/// Adds `node` and everything below it to `packer`.
private func add(_ node: XMLNode, _ packer: inout PackedChildren.Packer) {
  switch node {
  case .element(let element):
    packer.startElement(element.name, attributes: element.attributes.count)
    for (name, value) in element.attributes { packer.attribute(name, value) }
    for child in element.children { add(child, &packer) }
    packer.endElement()
  case .text(let text): packer.text(text)
  case .comment: Issue.record("comments are not packed")
  }
}

@Suite("Packed children")
struct PackedChildrenTests {
  /// MathML with what escaping and encoding must get right: markup characters in text and
  /// attribute values, quotes, non-ASCII and astral characters, empty text and elements.
  static let formula: [XMLNode] = [
    .el(
      "semantics", [],
      [
        .el(
          "mrow", [],
          [
            .el("mi", [("mathvariant", "bold")], [.text("𝐯")]),
            .el("mo", [("stretchy", "false"), ("form", "prefix")], [.text("<")]),
            .el("mtext", [("class", "a&b \"q\" 'r' <s>")], [.text("x & y > z \"q\"\ttab")]),
            .el("mspace", [("width", "0.167em")]),
            .el("mi", [], [.text("")]),
            .el("mo", [], [.text("−")]),
            // Adjacent texts (libxml2 merges them), short and long, and a 15- and a 16-byte
            // value either side of what a text node holds inside itself.
            .el(
              "mtext", [("title", "fifteen bytes.."), ("alt", "sixteen bytes...")],
              [.text("ab"), .text("cd"), .text(String(repeating: "long text ", count: 4))]),
          ]),
        .el(
          "annotation", [("encoding", "application/x-tex")],
          [.text("\\left( a \\right) & b \\\\ c")]),
      ])
  ]

  /// The same tree, packed or not, is written as the same bytes in both syntaxes, with
  /// the `<math>` element's namespace given to the packed elements in XML.
  @Test(arguments: [XMLSyntax.xml, .html])
  func serializesAsTheTree(syntax: XMLSyntax) throws {
    let names = ["xmlns", "display", "alttext"]
    let values = ["http://www.w3.org/1998/Math/MathML", "inline", "a < b & \"c\""]
    let plain = XMLElement("math", names: names, values: values, children: Self.formula)
    let packed = XMLElement(
      "math", names: names, values: values, packed: try #require(pack(Self.formula)))
    let paragraph = { (math: XMLElement) in
      XMLElement(
        "html", [("xmlns", "http://www.w3.org/1999/xhtml")],
        [.el("body", [], [.el("p", [], [.text("We have "), .element(math), .text(".")])])])
    }
    let written = try XMLSerializer.document(paragraph(packed), syntax: syntax)
    #expect(written == (try XMLSerializer.document(paragraph(plain), syntax: syntax)))
    #expect(String(decoding: written, as: UTF8.self).contains("<mi mathvariant=\"bold\">𝐯</mi>"))
    #expect(
      try XMLSerializer.fragment(packed, syntax: syntax)
        == XMLSerializer.fragment(plain, syntax: syntax))
  }

  /// A packed element is counted as its unpacked tree is, at every limit, without unpacking:
  /// the print edition's piece writer counts every formula.
  @Test(arguments: [1, 3, 8, 15, 16, 17, 100])
  func countsNodesAsTheTree(limit: Int) throws {
    let plain = XMLElement("math", names: [], values: [], children: Self.formula)
    let packed = XMLElement("math", names: [], values: [], packed: try #require(pack(Self.formula)))
    #expect(packed.nodeCount(upTo: 1000) == plain.nodeCount(upTo: 1000))
    let expected = plain.nodeCount(upTo: limit)
    let counted = packed.nodeCount(upTo: limit)
    // Past the limit both only say "more": the packed count may stop later, not earlier.
    #expect(expected > limit ? counted > limit : counted == expected)
  }

  /// Read back, packed children are the tree they were packed from; an element with them
  /// equals the same element with the tree, and changing them unpacks them.
  @Test func unpacksToTheTree() throws {
    let packed = try #require(pack(Self.formula))
    #expect(packed.nodes == Self.formula)
    #expect(packed.isInert)
    var element = XMLElement("math", names: [], values: [], packed: packed)
    let plain = XMLElement("math", names: [], values: [], children: Self.formula)
    #expect(element == plain)
    #expect(element.hashValue == plain.hashValue)
    #expect(element.textContent == plain.textContent)
    element.children.append(.text("more"))
    #expect(element.packedChildren == nil)
    #expect(element.children == Self.formula + [.text("more")])
  }

  /// What libxml2 would get differently from a tree is not packed (the renderer then builds
  /// the tree as before); what print adapts makes the children not inert.
  @Test(
    arguments: [
      (XMLNode.el("m:mi", [], [.text("x")]), false, false),
      (.el("mi", [("xlink:href", "#a")], [.text("x")]), false, false),
      (.el("mi", [("xmlns", "urn:x")], [.text("x")]), false, false),
      (.el("mi", [], [.text("a\u{1}b")]), false, false),
      (.el("mi", [("title", "a\u{FFFE}b")], [.text("x")]), false, false),
      (.el("mi", [], [.text("𝐯 ∑ \u{FEFF}")]), true, true),
      (.el("mrow", [], [.el("span", [], [.text("x")])]), true, false),
      (.el("mi", [("role", "doc-pagebreak")], [.text("x")]), true, false),
    ] as [(XMLNode, Bool, Bool)])
  func refuses(node: XMLNode, packs: Bool, inert: Bool) {
    let packed = pack([node])
    #expect((packed != nil) == packs)
    #expect((packed?.isInert ?? false) == inert)
  }

  /// A packer reused from tree to tree (after a larger tree, and after one it refused) packs
  /// each as a fresh packer does, into arrays of their own.
  @Test func reusedPackerPacksAsAFreshOne() throws {
    var packer = PackedChildren.Packer()
    let small: [XMLNode] = [.el("mi", [], [.text("x")])]
    let refused: [XMLNode] = [.el("mi", [("xmlns", "urn:x")], [.el("span", [], [.text("x")])])]
    var kept: [(PackedChildren, PackedChildren)] = []
    for nodes in [Self.formula, small, refused, Self.formula, refused, small] {
      let fresh = pack(nodes)
      let reused = pack(nodes, with: &packer)
      #expect((fresh == nil) == (reused == nil))
      guard let fresh, let reused else { continue }
      #expect(reused.operations == fresh.operations)
      #expect(reused.strings == fresh.strings)
      #expect(reused.isInert == fresh.isInert)
      #expect(reused.nodeCount == fresh.nodeCount)
      #expect(reused.nodes == nodes)
      kept.append((fresh, reused))
    }
    // What was packed before is not changed by what the packer packs after.
    for (fresh, reused) in kept {
      #expect(reused.operations == fresh.operations)
      #expect(reused.strings == fresh.strings)
    }
    #expect(kept.count == 4)
  }

  /// Elements nested deeper than the shim builds are not packed.
  @Test func depthLimit() {
    var deep = XMLNode.text("x")
    for _ in 0..<PackedChildren.maximumDepth { deep = .el("mrow", [], [deep]) }
    #expect(pack([deep]) != nil)
    #expect(pack([.el("mrow", [], [deep])]) == nil)
  }
}
