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
    // Every element's count is known from one walk of the tree; the writer reads them instead
    // of counting each child again at every level it goes down.
    let sizes = SubtreeSizes(root)
    guard sizes.nodes[0] > limit else {
      try sink(try document(root, syntax: syntax, doctype: doctype)[...])
      return
    }
    try write(
      root, at: 0, sizes: sizes, ancestors: [], outer: (0, 0), limit: limit, syntax: syntax,
      doctype: doctype, to: sink)
  }

  /// The size of each element's tree, the element itself included, by the element's place in
  /// the tree's elements in document order (pre-order); an element with packed children is
  /// one element whose nodes include theirs.
  struct SubtreeSizes {
    /// The nodes (elements and texts) in each element's tree.
    private(set) var nodes: [Int] = []
    /// The elements in each element's tree: the place of its next sibling is its own plus
    /// this.
    private(set) var elements: [Int] = []

    init(_ root: XMLElement) {
      _ = add(root)
    }

    /// Records `element`'s tree, its place first, and returns its node and element counts.
    private mutating func add(_ element: XMLElement) -> (nodes: Int, elements: Int) {
      let place = nodes.count
      nodes.append(1)
      elements.append(1)
      var counts = (nodes: 1, elements: 1)
      if let packed = element.packedChildren {
        counts.nodes += packed.nodeCount
      } else {
        for child in element.children {
          if case .element(let inner) = child {
            let inside = add(inner)
            counts.nodes += inside.nodes
            counts.elements += inside.elements
          } else {
            counts.nodes += 1
          }
        }
      }
      nodes[place] = counts.nodes
      elements[place] = counts.elements
      return counts
    }
  }

  /// Writes `element` (below `ancestors`, each without children) in pieces: what comes
  /// before its children past the first `outer.before` bytes, the children, and what comes
  /// after them short of the last `outer.after` bytes.
  private static func write(
    _ element: XMLElement, at place: Int, sizes: SubtreeSizes, ancestors: [XMLElement],
    outer: (before: Int, after: Int), limit: Int, syntax: XMLSyntax, doctype: String?,
    to sink: (ArraySlice<UInt8>) throws -> Void
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
    // The place of the next child element among the tree's elements.
    var next = place + 1
    for child in element.children {
      var count = 1
      if case .element(let inner) = child {
        let childPlace = next
        count = sizes.nodes[childPlace]
        next += sizes.elements[childPlace]
        if count > limit, inner.packedChildren == nil {
          try flush()
          try write(
            inner, at: childPlace, sizes: sizes, ancestors: chain,
            outer: (before.count, after.count), limit: limit, syntax: syntax, doctype: doctype,
            to: sink)
          continue
        }
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
