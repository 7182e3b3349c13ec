/// Turns parsed raw HTML into content that is valid in an EPUB XHTML document.
///
/// Raw HTML in a manuscript is parsed by ``MarkupParser/parseHTMLFragment(_:)``, which
/// recovers from tag soup as browsers do but knows nothing of HTML5 content models. The
/// sanitizer passes the result through an allow-list:
///
/// - unsafe or unsupported elements (`script`, `iframe`, forms, media, inline SVG, …) are
///   removed with their content; obsolete ones (`center`, `font`, `tt`, …) are mapped to
///   current ones; unknown ones are replaced by their content;
/// - attributes are kept only when allowed on the element and valid; event handlers,
///   `style` and presentational attributes are dropped, `align` becomes an `align-*` class;
/// - the structure is repaired where HTML5 content models would be broken: blocks inside
///   phrasing content, links inside links, list items outside lists, table cells outside
///   rows, `details` without `summary`, and the like; each table's grid is made consistent
///   (``TableRepair``).
///
/// Its knowledge is kept by role: the allow-list (`HTMLSanitizer+Elements.swift`), the
/// builders that repair content models (`+Builders`), tables (`+Tables`), attributes and
/// their values (`+Attributes`) and dates (`+Dates`); what HTML allows where for Octavo's
/// own nodes, and the heading elements, in ``ContentModel``; the characters an output may
/// hold in ``XMLCharacters``.
///
/// The result needs no further checking to be valid in an EPUB 3.3 content document.
/// Elements named `o-slot` are placeholders the renderer replaces afterwards: they pass
/// through untouched, in either context.
struct HTMLSanitizer {
  /// Where the nodes will be placed.
  enum Context: Sendable { case flow, phrasing }

  /// Resolves an `href` of an `<a>`: returns the href to write, or nil to drop the link and
  /// keep its content. Also resolves the `cite` attributes of quotations and edits.
  var resolveLink: (String) -> String?
  /// Replaces an `<img>`: given its `src` and `alt`, returns the node(s) to write instead (an
  /// `img` element with a rewritten src, a link, or text). The sanitizer passes every img
  /// through it.
  var resolveImage: (_ src: String, _ alt: String?) -> [XMLNode]
  /// Ids the element may keep (others are dropped); an id is kept at most once per sanitizer
  /// instance.
  var allowedIDs: Set<String>
  /// Human-readable notes of what was removed or repaired, deduplicated, in first-seen order.
  private(set) var notes: [String] = []

  /// Ids already written.
  var usedIDs: Set<String> = []
  /// The notes, for deduplication.
  private var notedSet: Set<String> = []
  /// Content moved out of the tables being built, innermost last.
  var fostered: [[XMLNode]] = []

  /// Below this depth, elements are replaced by their text.
  static let maximumDepth = 64
  /// The name of the renderer's placeholder element.
  static let slotName = HTMLSlots.name

  /// Creates a sanitizer.
  ///
  /// - Parameters:
  ///   - allowedIDs: the ids that may be written.
  ///   - resolveLink: resolves `href` and `cite` values; by default, keeps them as written.
  ///   - resolveImage: replaces images; by default, writes an `img` with the same `src` and `alt`.
  init(
    allowedIDs: Set<String> = [],
    resolveLink: @escaping (String) -> String? = { $0 },
    resolveImage: @escaping (_ src: String, _ alt: String?) -> [XMLNode] = HTMLSanitizer.plainImage
  ) {
    self.allowedIDs = allowedIDs
    self.resolveLink = resolveLink
    self.resolveImage = resolveImage
  }

  /// The default image resolver: an `img` element with the same `src` and `alt`.
  static func plainImage(src: String, alt: String?) -> [XMLNode] {
    [.el("img", [("src", src), ("alt", alt ?? "")])]
  }

  /// Sanitizes `nodes` for a place where `context` content is expected.
  ///
  /// Notes about what was removed or repaired are added to ``notes``.
  mutating func sanitize(_ nodes: [XMLNode], context: Context) -> [XMLNode] {
    content(nodes, in: Scope(phrasing: context == .phrasing), depth: 0)
  }

  /// Adds a note, once.
  mutating func note(_ text: String) {
    if notedSet.insert(text).inserted { notes.append(text) }
  }
}

// MARK: - Scopes and runs

extension HTMLSanitizer {
  /// Where nodes are being placed: the content model and the elements excluded by ancestors.
  struct Scope {
    /// A parent that takes particular children.
    enum Container: Equatable {
      case none
      case list(ordered: Bool)
      case terms, table, rowGroup, row, columns, details, figure, ruby, summary
    }

    /// Whether only phrasing content is allowed.
    var phrasing: Bool
    /// The parent taking particular children, if any.
    var container: Container = .none
    /// Elements not allowed here, each with the ancestor that excludes it.
    var excluded: [String: String] = [:]

    /// Whether content that does not fit the container is moved out of the table.
    var fosters: Bool {
      switch container {
      case .table, .rowGroup, .row, .columns: true
      default: false
      }
    }

    /// The scope of nodes that do not fit the container.
    var stray: Scope {
      switch container {
      case .none: self
      case .ruby, .summary: Scope(phrasing: true, excluded: excluded)
      default: Scope(phrasing: false, excluded: excluded)
      }
    }

    /// Whether the container takes the element named `name` as it is.
    func accepts(_ name: String) -> Bool {
      switch container {
      case .none: false
      case .list: name == "li"
      case .terms: name == "dt" || name == "dd" || name == "div"
      case .table:
        ["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"].contains(name)
      case .rowGroup: name == "tr" || name == "td" || name == "th"
      case .row: name == "td" || name == "th"
      case .columns: name == "col"
      case .details: name == "summary"
      case .figure: name == "figcaption"
      case .ruby: name == "rt" || name == "rp"
      case .summary: HTMLSanitizer.headings.contains(name)
      }
    }

    /// The scope of the children of an element named `element`.
    func entering(_ element: String, phrasing: Bool, container: Container = .none) -> Scope {
      var scope = Scope(phrasing: phrasing, container: container, excluded: excluded)
      for name in HTMLSanitizer.exclusions[element] ?? [] where scope.excluded[name] == nil {
        scope.excluded[name] = element
      }
      return scope
    }
  }

  /// Sanitized nodes being collected for one parent. In phrasing content, the content of
  /// unwrapped blocks is set apart from its neighbours by line breaks.
  struct Run {
    private(set) var nodes: [XMLNode] = []
    /// Whether a node other than whitespace was added.
    private(set) var hasContent = false
    private var lastIsBreak = false
    private var breakPending = false

    mutating func append(_ node: XMLNode) {
      if !HTMLSanitizer.isBlank(node) {
        let isBreak = node.element?.name == "br"
        if breakPending && !isBreak { nodes.append(.el("br")) }
        breakPending = false
        hasContent = true
        lastIsBreak = isBreak
      }
      nodes.append(node)
    }

    mutating func append(contentsOf nodes: [XMLNode]) {
      for node in nodes { append(node) }
    }

    /// Appends the content of a block unwrapped in phrasing content, on a line of its own.
    mutating func appendBlock(_ content: [XMLNode]) {
      if hasContent && !lastIsBreak { breakPending = true }
      append(contentsOf: content)
      if hasContent && !lastIsBreak { breakPending = true }
    }
  }
}

extension HTMLSanitizer {
  /// Whether `node` is whitespace-only text or a comment.
  static func isBlank(_ node: XMLNode) -> Bool {
    switch node {
    case .text(let text): text.unicodeScalars.allSatisfy(isHTMLSpace)
    case .comment: true
    case .element: false
    }
  }
}

// MARK: - Walking the tree

extension HTMLSanitizer {
  /// Sanitizes `nodes` as the children of an element whose content is `scope`.
  mutating func content(_ nodes: [XMLNode], in scope: Scope, depth: Int) -> [XMLNode] {
    var run = Run()
    process(nodes, in: scope, depth: depth, into: &run)
    return scope.phrasing ? run.nodes : wrapStrayItems(run.nodes)
  }

  mutating func process(_ nodes: [XMLNode], in scope: Scope, depth: Int, into run: inout Run) {
    for node in nodes { process(node, in: scope, depth: depth, into: &run) }
  }

  mutating func process(_ node: XMLNode, in scope: Scope, depth: Int, into run: inout Run) {
    switch node {
    case .comment:
      return
    case .text:
      emit(node, in: scope, into: &run)
    case .element(let element):
      process(element, in: scope, depth: depth, into: &run)
    }
  }

  /// Adds a node that is already sanitized, moving it out of the table if it does not fit there.
  mutating func emit(_ node: XMLNode, in scope: Scope, into run: inout Run) {
    guard scope.fosters else {
      run.append(node)
      return
    }
    if !Self.isBlank(node) { foster([node]) }
  }

  mutating func foster(_ nodes: [XMLNode]) {
    guard !fostered.isEmpty else { return }
    fostered[fostered.count - 1].append(contentsOf: nodes)
  }

  mutating func process(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let name = element.name.lowercased()
    if name == Self.slotName {
      emit(.element(element), in: scope, into: &run)
      return
    }
    guard depth < Self.maximumDepth else {
      note("flattened deeply nested HTML to text")
      emit(.text(Self.visibleText(of: element)), in: scope, into: &run)
      return
    }
    if name == "math" {
      let (math, removed) = MathMLSanitizer.sanitize(element)
      for what in removed { note("removed \(what) from <math>") }
      emit(.element(math), in: scope, into: &run)
      return
    }
    switch Self.treatment(of: name, phrasing: scope.stray.phrasing) {
    case .remove:
      note(["svg", "math"].contains(name) ? "removed inline <\(name)>" : "removed <\(name)>")
    case .removeTag:
      note("removed <\(name)>")
      process(element.children, in: scope, depth: depth + 1, into: &run)
    case .dropTag:
      process(element.children, in: scope, depth: depth + 1, into: &run)
    case .unwrap:
      unwrap(element, in: scope, depth: depth, into: &run)
    case .unknown:
      note("unwrapped unknown <\(name)>")
      unwrap(element, in: scope, depth: depth, into: &run)
    case .picture:
      picture(element, in: scope, depth: depth, into: &run)
    case .keep(let target, let className):
      if scope.container != .none && !scope.accepts(target) {
        stray(element, in: scope, depth: depth, into: &run)
        return
      }
      var renamed = element
      renamed.name = target
      if let className {
        renamed[attribute: "class"] = ((element[attribute: "class"] ?? "") + " " + className)
      }
      place(renamed, in: scope, depth: depth, into: &run)
    }
  }

  /// Processes an element that does not fit its container: in lists it will be wrapped in an
  /// item; in tables it is moved out, before the table.
  mutating func stray(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    guard scope.fosters else {
      process(element, in: scope.stray, depth: depth, into: &run)
      return
    }
    var moved = Run()
    process(element, in: scope.stray, depth: depth, into: &moved)
    foster(moved.nodes)
  }

  /// Places a kept element (already renamed) where its content model allows, or repairs.
  mutating func place(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let name = element.name
    guard let kind = Self.kinds[name] else {
      unwrap(element, in: scope, depth: depth, into: &run)
      return
    }
    if scope.container != .none {
      part(element, in: scope, depth: depth, into: &run)
    } else if kind.level == .part {
      misplaced(element, in: scope, depth: depth, into: &run)
    } else if scope.phrasing && kind.level == .flow {
      let verb = kind.model == .empty ? "removed" : "unwrapped"
      note("\(verb) <\(name)> inside inline content")
      unwrapBlock(element, in: scope, depth: depth, into: &run)
    } else if let ancestor = scope.excluded[name] {
      excluded(element, by: ancestor, in: scope, depth: depth, into: &run)
    } else {
      build(element, kind: kind, in: scope, depth: depth, into: &run)
    }
  }

  /// Replaces an element by its children, keeping its id on an empty span.
  mutating func unwrap(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    if let anchor = anchor(for: element) { emit(anchor, in: scope, into: &run) }
    process(element.children, in: scope, depth: depth + 1, into: &run)
  }

  /// Replaces a block in phrasing content by its children, on a line of their own.
  mutating func unwrapBlock(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run)
  {
    var inner = Run()
    if let anchor = anchor(for: element) { inner.append(anchor) }
    process(element.children, in: scope, depth: depth + 1, into: &inner)
    run.appendBlock(inner.nodes)
  }

  /// Repairs an element that belongs inside a particular parent but is elsewhere.
  mutating func misplaced(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let name = element.name
    switch name {
    case "col", "colgroup":
      return
    case "rt", "rp":
      unwrap(element, in: scope, depth: depth, into: &run)
    case _ where scope.phrasing:
      note("unwrapped <\(name)> inside inline content")
      unwrapBlock(element, in: scope, depth: depth, into: &run)
    case "li", "dt", "dd":
      // Wrapped in a list by `wrapStrayItems` once the run is complete.
      run.append(item(element, ordered: false, in: scope, depth: depth))
    default:
      note("replaced misplaced <\(name)> with <div>")
      let children = content(
        element.children, in: scope.entering("div", phrasing: false), depth: depth + 1)
      run.append(.el("div", attributes(of: element, as: "div"), children))
    }
  }

  /// Repairs an element that an ancestor excludes: headings become paragraphs, sections
  /// become divisions, others are unwrapped.
  mutating func excluded(
    _ element: XMLElement, by ancestor: String, in scope: Scope,
    depth: Int, into run: inout Run
  ) {
    let name = element.name
    guard let replacement = Self.exclusionReplacements[name] else {
      note("unwrapped <\(name)> inside <\(ancestor)>")
      unwrap(element, in: scope, depth: depth, into: &run)
      return
    }
    note("replaced <\(name)> inside <\(ancestor)> with <\(replacement)>")
    var renamed = element
    renamed.name = replacement
    place(renamed, in: scope, depth: depth, into: &run)
  }

  /// Keeps the first `img` of a `picture`, dropping its sources.
  mutating func picture(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    var stack = element.children.reversed().compactMap(\.element)
    while let candidate = stack.popLast() {
      if candidate.name.lowercased() == "img" {
        process(candidate, in: scope, depth: depth + 1, into: &run)
        return
      }
      stack.append(contentsOf: candidate.children.reversed().compactMap(\.element))
    }
    note("removed <picture> without <img>")
  }

  /// Groups list items and description-list terms found in flow content into lists.
  mutating func wrapStrayItems(_ nodes: [XMLNode]) -> [XMLNode] {
    func listName(_ node: XMLNode) -> String? {
      switch node.element?.name {
      case "li": "ul"
      case "dt", "dd": "dl"
      default: nil
      }
    }
    guard nodes.contains(where: { listName($0) != nil }) else { return nodes }
    var result: [XMLNode] = []
    var index = 0
    while index < nodes.count {
      guard let list = listName(nodes[index]) else {
        result.append(nodes[index])
        index += 1
        continue
      }
      var end = index
      var cursor = index + 1
      while cursor < nodes.count, Self.isBlank(nodes[cursor]) || listName(nodes[cursor]) == list {
        if !Self.isBlank(nodes[cursor]) { end = cursor }
        cursor += 1
      }
      let items = Array(nodes[index...end])
      note("wrapped stray <\(nodes[index].element?.name ?? "")> in <\(list)>")
      result.append(.el(list, [], list == "dl" ? repairTerms(items) : items))
      index = end + 1
    }
    return result
  }
}
