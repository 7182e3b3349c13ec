/// A whole document written in pieces: libxml2 builds a tree of its own for what it writes,
/// and a chapter of 10,000 notes makes one of about 45 MB. Written a few thousand nodes at a
/// time, the same bytes need a small tree at once.
extension XMLSerializer {
  /// The comment that stands for an element's children while its tags are found.
  private static let marker: [UInt8] = Array("<!--octavo-piece-->".utf8)

  /// `root` written as ``document(_:syntax:doctype:declaration:)`` writes it, with no more
  /// than about `nodesPerPiece` nodes handed to libxml2 at once.
  ///
  /// An element too large is written as what comes before its children (the declaration, the
  /// doctype and its ancestors' start tags, or only its own start tag below the top), its
  /// children in runs of at most `nodesPerPiece` nodes, or one by one when a child is itself
  /// too large, and what comes after them. Each run is written inside copies of the element
  /// and its ancestors that hold nothing else, so namespaces declared above are found as in
  /// the whole document; the copies' bytes, found around a marker comment, are cut off.
  /// Without formatting, libxml2 writes a node the same way whatever its siblings are, so
  /// the pieces join into the bytes of the whole.
  static func document(
    _ root: XMLElement, syntax: XMLSyntax = .xml, doctype: String? = nil, nodesPerPiece: Int
  ) throws -> [UInt8] {
    var pieces: [ArraySlice<UInt8>] = []
    try document(root, syntax: syntax, doctype: doctype, nodesPerPiece: nodesPerPiece) {
      pieces.append($0)
    }
    guard pieces.count > 1 else { return pieces.first.map(Array.init) ?? [] }
    var output: [UInt8] = []
    output.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
    for piece in pieces { output += piece }
    return output
  }

  /// `root` written as ``document(_:syntax:doctype:nodesPerPiece:)`` writes it, each piece
  /// given to `sink` as soon as it is written (in order), so the document is never whole in
  /// memory: a chapter's XHTML is deflated as it comes.
  static func document(
    _ root: XMLElement, syntax: XMLSyntax = .xml, doctype: String? = nil, nodesPerPiece: Int,
    into sink: (ArraySlice<UInt8>) throws -> Void
  ) throws {
    let limit = max(nodesPerPiece, 1)
    // Built whole unless it turns out too large while libxml2's tree is made (not counted
    // first: most documents fit).
    if let whole = try document(root, syntax: syntax, doctype: doctype, upTo: limit) {
      try sink(whole[...])
      return
    }
    try write(
      root, ancestors: [], outer: (0, 0), limit: limit, syntax: syntax, doctype: doctype,
      to: sink)
  }

  /// Writes `element` (below `ancestors`, each without children) in pieces: what comes
  /// before its children past the first `outer.before` bytes, the children, and what comes
  /// after them short of the last `outer.after` bytes.
  private static func write(
    _ element: XMLElement, ancestors: [XMLElement], outer: (before: Int, after: Int),
    limit: Int, syntax: XMLSyntax, doctype: String?, to sink: (ArraySlice<UInt8>) throws -> Void
  ) throws {
    var shell = element
    shell.children = []
    let chain = ancestors + [shell]
    func written(_ children: [XMLNode]) throws -> [UInt8] {
      try document(nest(chain, children), syntax: syntax, doctype: doctype)
    }
    let marked = try written([.comment("octavo-piece")])
    guard let at = marked.firstRange(of: marker) else {
      throw OctavoError(.xml, detail: "no marker in a piece of \(element.name)")
    }
    let before = marked[..<at.lowerBound]
    let after = marked[at.upperBound...]
    try sink(before.dropFirst(outer.before))
    var run: [XMLNode] = []
    var runNodes = 0
    func flush() throws {
      guard !run.isEmpty else { return }
      let bytes = try written(run)
      assert(bytes.starts(with: before) && bytes.reversed().starts(with: after.reversed()))
      try sink(bytes[before.count..<(bytes.count - after.count)])
      run = []
      runNodes = 0
    }
    for child in element.children {
      let count = child.element?.nodeCount(upTo: limit) ?? 1
      if count > limit, let inner = child.element, inner.packedChildren == nil {
        try flush()
        try write(
          inner, ancestors: chain, outer: (before.count, after.count), limit: limit,
          syntax: syntax, doctype: doctype, to: sink)
        continue
      }
      if runNodes + count > limit { try flush() }
      run.append(child)
      runNodes += count
    }
    try flush()
    try sink(after.dropLast(outer.after))
  }

  /// The elements of `chain` each inside the one before it, the last holding `children`.
  private static func nest(_ chain: [XMLElement], _ children: [XMLNode]) -> XMLElement {
    var inner = chain[chain.count - 1]
    inner.children = children
    for outer in chain.dropLast().reversed() {
      var element = outer
      element.children = [.element(inner)]
      inner = element
    }
    return inner
  }
}

extension XMLElement {
  /// The nodes in the element's tree, itself included, counted up to just past `limit`:
  /// exact when there are at most `limit`, some number above `limit` otherwise.
  func nodeCount(upTo limit: Int) -> Int {
    var count = 0
    countNodes(into: &count, upTo: limit)
    return count
  }

  /// Adds the nodes of the element's tree to `count`, stopping once it is past `limit`;
  /// walks the children in place (no stack of copied elements).
  private func countNodes(into count: inout Int, upTo limit: Int) {
    count += 1
    if count > limit { return }
    if let packed = packedChildren {
      count += packed.nodeCount
      return
    }
    for child in children {
      if case .element(let inner) = child {
        inner.countNodes(into: &count, upTo: limit)
        if count > limit { return }
      } else {
        count += 1
      }
    }
  }
}
