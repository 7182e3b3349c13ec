/// The print section written in pieces: libxml2 builds a tree of its own for what it writes,
/// and a chapter of 10,000 notes makes one of about 40 MB. Written a few thousand nodes at a
/// time, the same bytes need a small tree at once.
extension PrintSection {
  /// `element` written as HTML, as ``XMLSerializer/fragment(_:syntax:)`` writes it, with no
  /// more than about `nodesPerPiece` nodes handed to libxml2 at once.
  ///
  /// An element too large is written as its start tag, its children in runs of at most
  /// `nodesPerPiece` nodes (each run written inside an empty copy of the element, whose tags
  /// are then cut off) or one by one when a child is itself too large, and its end tag.
  /// Without formatting, libxml2's HTML writer writes each node the same way whatever its
  /// siblings are, so the pieces join into the bytes of the whole.
  static func serialized(_ element: XMLElement, nodesPerPiece: Int = 4096) throws -> [UInt8] {
    var pieces: [[UInt8]] = []
    try write(element, nodesPerPiece: max(nodesPerPiece, 1)) { pieces.append($0) }
    guard pieces.count > 1 else { return pieces.first ?? [] }
    // Joined once, at its size: the section is kept until the book is written.
    var output: [UInt8] = []
    output.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
    for piece in pieces { output += piece }
    return output
  }

  /// `element` adapted for print (``forPrint(_:images:printsAddresses:footnoteCalls:)``) and
  /// written as ``serialized(_:nodesPerPiece:)`` writes the adapted whole, each piece given to
  /// `sink` as soon as it is written (in order), so neither the adapted copy nor its bytes
  /// exist whole: an element too large is adapted without its children, and each child just
  /// before it is written, in the order (and with the notes' state) the whole adaptation takes
  /// them. A code line, code block, table or formula is adapted whole (their rules measure the
  /// whole element).
  ///
  /// With `splitting`, a large element's later children (``splitPoint(of:limit:)``) are
  /// adapted and written on another thread while the earlier ones are written here; their
  /// pieces go to `sink` after the earlier ones', and the bytes are the same.
  static func writeForPrint(
    _ element: XMLElement, images: ImageURIs, printsAddresses: Bool = true,
    footnoteCalls: FootnoteCalls?, nodesPerPiece: Int = 4096, splitting: Bool = false,
    into sink: ([UInt8]) throws -> Void
  ) throws {
    let limit = max(nodesPerPiece, 1)
    func whole() throws {
      try write(
        forPrint(
          element, images: images, printsAddresses: printsAddresses,
          footnoteCalls: footnoteCalls), nodesPerPiece: limit, to: sink)
    }
    guard adaptsChildrenApart(element), nodeCount(element, upTo: limit) > limit else {
      return try whole()
    }
    var shell = element
    shell.children = []
    shell = forPrint(shell, images: images, printsAddresses: printsAddresses)
    // What forPrint does with each child, one child at a time.
    let printsAddresses = printsAddresses && !printsNoAddress(element.name)
    @Sendable func adapt(
      _ children: ArraySlice<XMLNode>, footnoteCalls: FootnoteCalls?,
      add: (XMLNode) throws -> Void, flush: () throws -> Void,
      sink: ([UInt8]) throws -> Void
    ) throws {
      for child in children {
        // What print leaves as it is goes as it is (``forPrint`` would copy it unchanged).
        guard !printsAsIs(child), case .element(var inner) = child, !isCodeToken(inner) else {
          try add(child)
          continue
        }
        guard let (footnote, innerCalls) = visit(&inner, footnoteCalls: footnoteCalls) else {
          continue
        }
        if adaptsChildrenApart(inner), nodeCount(inner, upTo: limit) > limit {
          try flush()
          try writeForPrint(
            inner, images: images, printsAddresses: printsAddresses, footnoteCalls: innerCalls,
            nodesPerPiece: limit, into: sink)
        } else {
          try add(
            .element(
              forPrint(
                inner, images: images, printsAddresses: printsAddresses,
                footnoteCalls: innerCalls)))
        }
        for node in following(
          inner, footnote: footnote, images: images, printsAddresses: printsAddresses)
        {
          try add(node)
        }
      }
    }
    let children = element.children[...]
    // A large element's later children adapted and written on another thread meanwhile
    // (``splitPoint(of:limit:)``), their pieces given to `sink` after the earlier ones'.
    let later: Background<Result<[[UInt8]], Error>>?
    let split = splitting ? splitPoint(of: children, limit: limit) : nil
    if let split {
      let (rest, notes, emptyShell) = (Array(children[split...]), footnoteCalls?.notes, shell)
      later = Background {
        Result {
          var pieces: [[UInt8]] = []
          // Nothing the earlier children float is called here (``splitPoint``): the
          // later ones start with no note floated, as they would after the earlier ones.
          let calls = notes.map(FootnoteCalls.init(notes:))
          _ = try writeInRuns(of: emptyShell, limit: limit, to: { pieces.append($0) }) {
            add, flush in
            try adapt(rest[...], footnoteCalls: calls, add: add, flush: flush) {
              pieces.append($0)
            }
          }
          // The shell's start and end tags are the earlier children's to write.
          return Array(pieces.dropFirst().dropLast())
        }
      }
    } else {
      later = nil
    }
    let written = try writeInRuns(of: shell, limit: limit, to: sink) { add, flush in
      try adapt(
        children[..<(split ?? children.endIndex)], footnoteCalls: footnoteCalls, add: add,
        flush: flush, sink: sink)
      if let later {
        try flush()
        for piece in try later.value.get() { try sink(piece) }
      }
    }
    if !written { try whole() }
  }

  /// Where the children of a large element are split in two for ``writeForPrint`` (with
  /// `splitting`), so that the halves hold about as many nodes: nil when the element is not
  /// that large (eight runs of `limit` nodes), or when a note is called in both halves (which
  /// call floats it depends on the order the calls are written in).
  static func splitPoint(of children: ArraySlice<XMLNode>, limit: Int) -> Int? {
    guard children.count > 1 else { return nil }
    // One walk of each child: its nodes, and the note calls in it.
    var counts: [Int] = []
    var calls: [Set<String>] = []
    for child in children {
      var count = 0
      var found: Set<String> = []
      if case .element(let element) = child {
        walk(element, count: &count, calls: &found)
      } else {
        count = 1
      }
      counts.append(count)
      calls.append(found)
    }
    let total = counts.reduce(0, +)
    guard total > 8 * limit else { return nil }
    var sum = 0
    var split = 0
    for count in counts {
      if sum + count / 2 > total / 2 { break }
      sum += count
      split += 1
    }
    guard split > 0, split < counts.count else { return nil }
    let earlier = calls[..<split].reduce(into: Set<String>()) { $0.formUnion($1) }
    guard calls[split...].allSatisfy({ $0.isDisjoint(with: earlier) }) else { return nil }
    return children.startIndex + split
  }

  /// Counts the nodes of `element`'s tree and adds the `href` of every note call (`a` of
  /// class `noteref`) in it to `calls`. Packed children are counted, not walked: they hold
  /// no `a` (``PackedChildren/adaptedNames``).
  private static func walk(_ element: XMLElement, count: inout Int, calls: inout Set<String>) {
    count += 1
    if element.name == "a", let classes = element[attribute: "class"],
      Self.classes(classes, contain: "noteref"), let href = element[attribute: "href"]
    {
      calls.insert(href)
    }
    if let packed = element.packedChildren {
      count += packed.nodeCount
      return
    }
    for child in element.children {
      if case .element(let inner) = child {
        walk(inner, count: &count, calls: &calls)
      } else {
        count += 1
      }
    }
  }

  /// Whether ``writeForPrint(_:images:printsAddresses:footnoteCalls:nodesPerPiece:splitting:into:)`` may
  /// adapt `element` without its children: not when what print does to it depends on them.
  private static func adaptsChildrenApart(_ element: XMLElement) -> Bool {
    switch element.name {
    case "math", "table", "pre": return false
    case "span": return !isCodeLine(element)
    default: return element.packedChildren == nil
    }
  }

  private static func write(
    _ element: XMLElement, nodesPerPiece: Int, to output: ([UInt8]) throws -> Void
  ) throws {
    // Written whole unless it turns out too large while libxml2's tree is made.
    if let whole = try XMLSerializer.fragment(element, syntax: .html, upTo: nodesPerPiece) {
      try output(whole)
      return
    }
    let written = try writeInRuns(of: element, limit: nodesPerPiece, to: output) { add, _ in
      for child in element.children { try add(child) }
    }
    // An element libxml2 writes without an end tag when empty is written whole.
    if !written { try output(try XMLSerializer.fragment(element, syntax: .html)) }
  }

  /// `shell`'s start tag, the nodes `body` adds, then its end tag, each piece given to `output`
  /// in order. The nodes go in runs of at most `limit` nodes, each run written inside `shell`
  /// emptied, whose tags are then cut off; a node too large for a run is written on its own,
  /// in pieces (``write(_:nodesPerPiece:to:)``); `flush` ends a run early (before the caller
  /// writes something itself). Returns `false`, having written nothing, for an element
  /// libxml2 writes without an end tag when it is empty.
  private static func writeInRuns(
    of shell: XMLElement, limit: Int, to output: ([UInt8]) throws -> Void,
    _ body: (_ add: (XMLNode) throws -> Void, _ flush: () throws -> Void) throws -> Void
  ) throws -> Bool {
    var shell = shell
    shell.children = []
    let empty = try XMLSerializer.fragment(shell, syntax: .html)
    let endTag = Array("</\(shell.name)>".utf8)
    guard empty.count > endTag.count, empty.suffix(endTag.count).elementsEqual(endTag) else {
      return false
    }
    // `add` and `flush` call `output` and are handed to `body`: the compiler asks for
    // `output` as an escaping closure to allow that; it does not outlive this call.
    try withoutActuallyEscaping(output) { output in
      let startCount = empty.count - endTag.count
      try output(Array(empty.prefix(startCount)))
      var run: [XMLNode] = []
      var runNodes = 0
      func flush() throws {
        guard !run.isEmpty else { return }
        shell.children = run
        let bytes = try XMLSerializer.fragment(shell, syntax: .html)
        try output(Array(bytes[startCount..<(bytes.count - endTag.count)]))
        run = []
        runNodes = 0
      }
      func add(_ node: XMLNode) throws {
        let count = node.element?.nodeCount(upTo: limit) ?? 1
        if count > limit, let inner = node.element {
          try flush()
          try write(inner, nodesPerPiece: limit, to: output)
          return
        }
        if runNodes + count > limit { try flush() }
        run.append(node)
        runNodes += count
      }
      try body(add, flush)
      try flush()
      try output(endTag)
    }
    return true
  }

  /// The nodes in `element`'s tree, itself included, counted up to just past `limit`.
  static func nodeCount(_ element: XMLElement, upTo limit: Int) -> Int {
    element.nodeCount(upTo: limit)
  }
}
