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
    try write(element, nodesPerPiece: max(nodesPerPiece, 1), to: &pieces)
    guard pieces.count > 1 else { return pieces.first ?? [] }
    // Joined once, at its size: the section is kept until the book is written.
    var output: [UInt8] = []
    output.reserveCapacity(pieces.reduce(0) { $0 + $1.count })
    for piece in pieces { output += piece }
    return output
  }

  private static func write(
    _ element: XMLElement, nodesPerPiece: Int, to output: inout [[UInt8]]
  ) throws {
    guard nodeCount(element, upTo: nodesPerPiece) > nodesPerPiece else {
      output.append(try XMLSerializer.fragment(element, syntax: .html))
      return
    }
    var shell = element
    shell.children = []
    let empty = try XMLSerializer.fragment(shell, syntax: .html)
    let endTag = Array("</\(element.name)>".utf8)
    // An element libxml2 writes without an end tag when empty is written whole.
    guard empty.count > endTag.count, empty.suffix(endTag.count).elementsEqual(endTag) else {
      output.append(try XMLSerializer.fragment(element, syntax: .html))
      return
    }
    let startTag = empty.dropLast(endTag.count)
    output.append(Array(startTag))
    var run: [XMLNode] = []
    var runNodes = 0
    func flush() throws {
      guard !run.isEmpty else { return }
      shell.children = run
      let bytes = try XMLSerializer.fragment(shell, syntax: .html)
      output.append(Array(bytes[startTag.count..<(bytes.count - endTag.count)]))
      run = []
      runNodes = 0
    }
    for child in element.children {
      let count: Int
      if case .element(let inner) = child {
        count = nodeCount(inner, upTo: nodesPerPiece)
      } else {
        count = 1
      }
      if count > nodesPerPiece, case .element(let inner) = child {
        try flush()
        try write(inner, nodesPerPiece: nodesPerPiece, to: &output)
        continue
      }
      if runNodes + count > nodesPerPiece { try flush() }
      run.append(child)
      runNodes += count
    }
    try flush()
    output.append(endTag)
  }

  /// The nodes in `element`'s tree, itself included, counted up to just past `limit`.
  static func nodeCount(_ element: XMLElement, upTo limit: Int) -> Int {
    element.nodeCount(upTo: limit)
  }
}
