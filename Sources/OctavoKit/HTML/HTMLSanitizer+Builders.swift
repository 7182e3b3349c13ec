// Content-model repair: the builders that assemble each kept element with the children its
// content model allows (lists, terms, details, figures, ruby, links, images).

// MARK: - Builders

extension HTMLSanitizer {
  /// Writes a kept element in a place where it is allowed.
  mutating func build(
    _ element: XMLElement, kind: Kind, in scope: Scope, depth: Int,
    into run: inout Run
  ) {
    let name = element.name
    switch name {
    case "a": link(element, in: scope, depth: depth, into: &run)
    case "img": image(element, in: scope, into: &run)
    case "ul", "ol": list(element, in: scope, depth: depth, into: &run)
    case "dl": terms(element, in: scope, depth: depth, into: &run)
    case "table": table(element, in: scope, depth: depth, into: &run)
    case "details": details(element, in: scope, depth: depth, into: &run)
    case "figure": figure(element, in: scope, depth: depth, into: &run)
    case "ruby": ruby(element, in: scope, depth: depth, into: &run)
    case "time", "data", "bdo":
      if Self.isComplete(element) {
        plain(element, kind: kind, in: scope, depth: depth, into: &run)
      } else {
        var span = element
        span.name = "span"
        place(span, in: scope, depth: depth, into: &run)
      }
    default: plain(element, kind: kind, in: scope, depth: depth, into: &run)
    }
  }

  /// Whether a `time`, `data` or `bdo` element has the value it requires.
  static func isComplete(_ element: XMLElement) -> Bool {
    switch element.name {
    case "time":
      if let datetime = element[attribute: "datetime"] { return isDateTime(datetime) }
      return isDateTime(element.textContent)
    case "data": return element[attribute: "value"] != nil
    case "bdo":
      return ["ltr", "rtl"].contains(trimmed(element[attribute: "dir"] ?? "").lowercased())
    default: return true
    }
  }

  /// Writes an element with its own attributes and content model.
  mutating func plain(
    _ element: XMLElement, kind: Kind, in scope: Scope, depth: Int,
    into run: inout Run
  ) {
    let name = element.name
    let attributes = attributes(of: element, as: name)
    var children: [XMLNode] = []
    switch kind.model {
    case .phrasing, .structured:
      children = content(
        element.children, in: scope.entering(name, phrasing: true), depth: depth + 1)
    case .flow:
      children = content(
        element.children, in: scope.entering(name, phrasing: false), depth: depth + 1)
    case .transparent:
      children = content(
        element.children, in: scope.entering(name, phrasing: scope.phrasing), depth: depth + 1)
    case .empty:
      break
    }
    let isHollow = name == "span" || Self.headings.contains(name)
    if isHollow && children.isEmpty && !attributes.contains(where: { $0.0 == "id" }) { return }
    run.append(.el(name, attributes, children))
    if kind.model == .empty {
      // Void elements hold nothing; anything libxml2 put inside them followed them.
      process(element.children, in: scope, depth: depth + 1, into: &run)
    }
  }

  /// Writes an element taken by a container (`li` in a list, `td` in a row, …).
  mutating func part(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let name = element.name
    switch (scope.container, name) {
    case (.list(let ordered), _):
      run.append(item(element, ordered: ordered, in: scope, depth: depth))
    case (.terms, "div"):
      // A group of terms and descriptions: the terms and descriptions count.
      unwrap(element, in: scope, depth: depth, into: &run)
    case (.terms, _):
      run.append(item(element, ordered: false, in: scope, depth: depth))
    case (_, "thead"), (_, "tbody"), (_, "tfoot"):
      let rows = wrapCells(
        content: element.children, in: scope.entering(name, phrasing: false, container: .rowGroup),
        depth: depth)
      run.append(.el(name, attributes(of: element, as: name), rows))
    case (_, "tr"):
      run.append(row(element, in: scope, depth: depth))
    case (_, "colgroup"):
      var columns = Run()
      var attributes = attributes(of: element, as: name)
      process(
        element.children, in: scope.entering(name, phrasing: false, container: .columns),
        depth: depth + 1, into: &columns)
      if columns.hasContent { attributes.removeAll { $0.0 == "span" } }
      run.append(.el(name, attributes, columns.nodes.filter { !Self.isBlank($0) }))
    case (_, "col"):
      run.append(.el(name, attributes(of: element, as: name)))
    case (_, "summary"):
      run.append(summary(element, in: scope, depth: depth))
    case (_, "rp"):
      // Parentheses for reading systems without ruby: text only.
      run.append(
        .el(name, attributes(of: element, as: name), [.text(Self.visibleText(of: element))]))
    case (.summary, _), (_, "rt"):
      let children = content(
        element.children, in: scope.entering(name, phrasing: true), depth: depth + 1)
      run.append(.el(name, attributes(of: element, as: name), children))
    default:
      // td, th, caption, figcaption: flow content.
      let children = content(
        element.children, in: scope.entering(name, phrasing: false), depth: depth + 1)
      run.append(.el(name, attributes(of: element, as: name), children))
    }
  }

  /// An `li`, `dt` or `dd` with flow content.
  mutating func item(_ element: XMLElement, ordered: Bool, in scope: Scope, depth: Int) -> XMLNode {
    let name = element.name
    let attributes = attributes(of: element, as: name, ordered: ordered)
    let children = content(
      element.children, in: scope.entering(name, phrasing: false), depth: depth + 1)
    return .el(name, attributes, children)
  }

  /// Writes a link, or its content if its href is unsafe or does not resolve.
  mutating func link(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    guard let href = element[attribute: "href"].flatMap({ resolveURL($0) }) else {
      if let anchor = anchor(for: element) { run.append(anchor) }
      process(element.children, in: scope, depth: depth + 1, into: &run)
      return
    }
    let attributes = [("href", href)] + attributes(of: element, as: "a")
    let children = content(
      element.children, in: scope.entering("a", phrasing: scope.phrasing), depth: depth + 1)
    guard !children.isEmpty else {
      // An empty link cannot be followed; its id, if any, still can.
      if let id = attributes.first(where: { $0.0 == "id" }) { run.append(.el("span", [id])) }
      return
    }
    run.append(.el("a", attributes, children))
  }

  /// Writes what the image resolver returns for an image, with the image's own attributes.
  mutating func image(_ element: XMLElement, in scope: Scope, into run: inout Run) {
    let source = Self.trimmed(element[attribute: "src"] ?? "")
    guard !source.isEmpty else {
      note("removed <img> without src")
      return
    }
    if let scheme = Self.unsafeScheme(source) {
      note("removed \(scheme): URL")
      return
    }
    var attributes = attributes(of: element, as: "img")
    var nodes: [XMLNode] = []
    for node in resolveImage(source, element[attribute: "alt"]) {
      guard case .element(var resolved) = node else {
        nodes.append(node)
        continue
      }
      if resolved.name == "img" {
        Self.merge(attributes, into: &resolved)
        attributes = []
      } else if resolved.name == "a" && scope.excluded["a"] != nil {
        nodes.append(contentsOf: resolved.children)
        continue
      }
      nodes.append(.element(resolved))
    }
    if let id = attributes.first(where: { $0.0 == "id" }) { nodes.insert(.el("span", [id]), at: 0) }
    run.append(contentsOf: nodes)
  }

  /// Adds `attributes` to an element the image resolver returned, merging classes and
  /// keeping the resolver's own values.
  static func merge(_ attributes: [(String, String)], into element: inout XMLElement) {
    for (name, value) in attributes {
      if let existing = element[attribute: name] {
        if name == "class" { element[attribute: name] = existing + " " + value }
      } else {
        element[attribute: name] = value
      }
    }
  }

  /// Writes a `ul` or `ol` whose children are all `li`.
  mutating func list(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let name = element.name
    let attributes = attributes(of: element, as: name)
    var items = Run()
    let listScope = scope.entering(name, phrasing: false, container: .list(ordered: name == "ol"))
    process(element.children, in: listScope, depth: depth + 1, into: &items)
    run.append(
      .el(name, attributes, group(items.nodes, items: ["li"], wrapper: "li", parent: name)))
  }

  /// Writes a `dl` whose children are groups of `dt` followed by `dd`.
  mutating func terms(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "dl")
    var items = Run()
    process(
      element.children, in: scope.entering("dl", phrasing: false, container: .terms),
      depth: depth + 1, into: &items)
    let children = repairTerms(
      group(items.nodes, items: ["dt", "dd"], wrapper: "dd", parent: "dl"))
    run.append(.el("dl", attributes, children))
  }

  /// Wraps each run of nodes other than `items` in a `wrapper` element.
  mutating func group(_ nodes: [XMLNode], items: Set<String>, wrapper: String, parent: String)
    -> [XMLNode]
  {
    var result: [XMLNode] = []
    var loose: [XMLNode] = []
    func flush(_ sanitizer: inout HTMLSanitizer) {
      if loose.contains(where: { !Self.isBlank($0) }) {
        sanitizer.note("wrapped loose content of <\(parent)> in <\(wrapper)>")
        result.append(.el(wrapper, [], sanitizer.wrapStrayItems(loose)))
      } else {
        result.append(contentsOf: loose)
      }
      loose = []
    }
    for node in nodes {
      if let name = node.element?.name, items.contains(name) {
        flush(&self)
        result.append(node)
      } else {
        loose.append(node)
      }
    }
    flush(&self)
    return result
  }

  /// Makes a description list start with a term and end with a description.
  mutating func repairTerms(_ nodes: [XMLNode]) -> [XMLNode] {
    var nodes = nodes
    let names = nodes.compactMap(\.element?.name)
    if names.first == "dd", let first = nodes.firstIndex(where: { $0.element?.name == "dd" }) {
      note("added empty <dt> to <dl>")
      nodes.insert(.el("dt"), at: first)
    }
    if names.last == "dt" {
      note("added empty <dd> to <dl>")
      nodes.append(.el("dd"))
    }
    return nodes
  }

  /// Writes a `details` whose first child is a `summary`.
  mutating func details(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "details")
    var parts = Run()
    process(
      element.children, in: scope.entering("details", phrasing: false, container: .details),
      depth: depth + 1, into: &parts)
    var nodes = wrapStrayItems(parts.nodes)
    let summaries = nodes.indices.filter { nodes[$0].element?.name == "summary" }
    let summary: XMLNode
    if let first = summaries.first {
      if nodes[..<first].contains(where: { !Self.isBlank($0) }) {
        note("moved <summary> to the start of <details>")
      }
      summary = nodes[first]
      if summaries.count > 1 { note("replaced extra <summary> with <div>") }
      for index in summaries.dropFirst() { nodes[index] = Self.renamed(nodes[index], to: "div") }
      nodes.remove(at: first)
    } else {
      note("added <summary> to <details>")
      summary = .el("summary", [], [.text("Details")])
    }
    run.append(.el("details", attributes, [summary] + nodes))
  }

  /// A `summary`: phrasing content and at most one heading of each rank.
  mutating func summary(_ element: XMLElement, in scope: Scope, depth: Int) -> XMLNode {
    let attributes = attributes(of: element, as: "summary")
    var parts = Run()
    process(
      element.children, in: scope.entering("summary", phrasing: true, container: .summary),
      depth: depth + 1, into: &parts)
    var seen: Set<String> = []
    let children = parts.nodes.map { node -> XMLNode in
      guard let name = node.element?.name, Self.headings.contains(name) else { return node }
      return seen.insert(name).inserted ? node : Self.renamed(node, to: "span")
    }
    return .el("summary", attributes, children)
  }

  /// Writes a `figure` whose `figcaption`, if any, is its first or last child.
  mutating func figure(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "figure")
    var parts = Run()
    process(
      element.children, in: scope.entering("figure", phrasing: false, container: .figure),
      depth: depth + 1, into: &parts)
    var nodes = wrapStrayItems(parts.nodes)
    let captions = nodes.indices.filter { nodes[$0].element?.name == "figcaption" }
    if let first = captions.first {
      if captions.count > 1 { note("replaced extra <figcaption> with <div>") }
      for index in captions.dropFirst() { nodes[index] = Self.renamed(nodes[index], to: "div") }
      let isFirst = !nodes[..<first].contains { !Self.isBlank($0) }
      let isLast = !nodes[(first + 1)...].contains { !Self.isBlank($0) }
      if !isFirst && !isLast {
        note("moved <figcaption> to the end of <figure>")
        nodes.append(nodes.remove(at: first))
      }
    }
    run.append(.el("figure", attributes, nodes))
  }

  /// Writes a `ruby` as groups of base text each followed by annotations (`rt` elements,
  /// or `rp`, `rt`, `rp`), or its content if it has no `rt`. Base text after the last
  /// annotation follows the ruby.
  mutating func ruby(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "ruby")
    var parts = Run()
    process(
      element.children, in: scope.entering("ruby", phrasing: true, container: .ruby),
      depth: depth + 1, into: &parts)
    var children: [XMLNode] = []
    var base: [XMLNode] = []
    var annotations: [XMLNode] = []
    func flush() {
      let kept = Self.rubyAnnotations(annotations)
      annotations = []
      guard !kept.isEmpty else { return }
      children += base + kept
      base = []
    }
    for node in parts.nodes {
      let name = node.element?.name
      if name == "rt" || name == "rp" || (Self.isBlank(node) && !annotations.isEmpty) {
        annotations.append(node)
      } else {
        flush()
        base.append(node)
      }
    }
    flush()
    if children.isEmpty {
      note("unwrapped <ruby> without <rt>")
      if let id = attributes.first(where: { $0.0 == "id" }) { run.append(.el("span", [id])) }
    } else {
      run.append(.el("ruby", attributes, children))
    }
    run.append(contentsOf: base)
  }

  /// A run of `rt` and `rp` elements in a form HTML allows: kept if it is `rp`, then `rt`
  /// and `rp` pairs; otherwise its `rt` elements alone.
  static func rubyAnnotations(_ run: [XMLNode]) -> [XMLNode] {
    let names = run.compactMap(\.element?.name)
    let paired =
      names.count >= 3 && names.count % 2 == 1
      && names.enumerated().allSatisfy { $0.element == ($0.offset % 2 == 0 ? "rp" : "rt") }
    return paired ? run : run.filter { $0.element?.name == "rt" }
  }

  /// An element with another name, its attributes and children kept.
  static func renamed(_ node: XMLNode, to name: String) -> XMLNode {
    guard case .element(var element) = node else { return node }
    element.name = name
    return .element(element)
  }
}
