/// Depth-first walks over trees whose nodes hold their children in arrays (blocks, inlines).
enum TreeWalk {
  /// Calls `body` on every node of `roots` and, depth first, on every node below them, in
  /// document order. Iterative, so deeply nested input cannot overflow the stack; the arrays
  /// are walked where they are, nothing is copied (a chapter taken from its summary has
  /// thousands of emptied paragraphs, walked by every pass).
  @inline(__always)
  static func depthFirst<Node>(
    _ roots: [Node], children: (Node) -> [Node], _ body: (Node) -> Void
  ) {
    var pending: [(nodes: [Node], next: Int)] = []
    var current = roots
    var index = 0
    while true {
      if index < current.count {
        // Read in place and handed on borrowed: a copy of each node would retain and
        // release what it holds (an inline's string), for every node of every walk.
        let at = index
        index += 1
        body(current[at])
        let below = children(current[at])
        if !below.isEmpty {
          pending.append((current, index))
          current = below
          index = 0
        }
      } else if let (outer, next) = pending.popLast() {
        current = outer
        index = next
      } else {
        return
      }
    }
  }
}
