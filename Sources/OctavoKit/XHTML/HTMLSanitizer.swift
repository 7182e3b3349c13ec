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
///   rows, `details` without `summary`, and the like.
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
  private var usedIDs: Set<String> = []
  /// The notes, for deduplication.
  private var notedSet: Set<String> = []
  /// Content moved out of the tables being built, innermost last.
  private var fostered: [[XMLNode]] = []

  /// Below this depth, elements are replaced by their text.
  static let maximumDepth = 64
  /// The name of the renderer's placeholder element.
  static let slotName = "o-slot"

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
}

// MARK: - Element table

extension HTMLSanitizer {
  /// Where an element may appear.
  private enum Level {
    /// In phrasing and flow content.
    case phrasing
    /// In flow content only.
    case flow
    /// Only inside a particular parent (`li`, `td`, `summary`, …).
    case part
  }

  /// What an element may contain.
  private enum Model {
    case phrasing, flow, empty
    /// What its parent may contain (`a`, `ins`, `del`).
    case transparent
    /// Particular children, assembled by a dedicated builder (lists, tables, …).
    case structured
  }

  /// An element the sanitizer keeps.
  private struct Kind {
    var level: Level
    var model: Model
  }

  /// An obsolete element written under another name.
  private struct Renaming {
    /// The name in flow content.
    var name: String
    /// The name in phrasing content, if different.
    var phrasingName: String? = nil
    /// A class to add.
    var className: String? = nil
  }

  /// What the sanitizer does with an element.
  private enum Treatment {
    /// Kept, possibly renamed and with an extra class.
    case keep(name: String, className: String?)
    /// Removed with its content, with a note.
    case remove
    /// Removed with a note, its children kept: libxml2 puts the siblings that follow some
    /// void elements it does not know (`source`, `embed`) inside them.
    case removeTag
    /// Removed silently, its children kept.
    case dropTag
    /// Replaced by its children, silently.
    case unwrap
    /// Replaced by its children, with a note.
    case unknown
    /// Replaced by its `img`.
    case picture
  }

  private static let headings = ["h1", "h2", "h3", "h4", "h5", "h6"]

  /// The elements kept, and their content models.
  private static let kinds: [String: Kind] = {
    var kinds: [String: Kind] = [:]
    func add(_ names: [String], _ level: Level, _ model: Model) {
      for name in names { kinds[name] = Kind(level: level, model: model) }
    }
    add(["abbr", "b", "bdi", "bdo", "cite", "code", "data", "dfn", "em", "i", "kbd", "mark", "q",
         "s", "samp", "small", "span", "strong", "sub", "sup", "time", "u", "var"], .phrasing, .phrasing)
    add(["a", "ins", "del"], .phrasing, .transparent)
    add(["br", "img"], .phrasing, .empty)
    add(["ruby"], .phrasing, .structured)
    add(["address", "article", "aside", "blockquote", "div", "footer", "header", "section"], .flow, .flow)
    add(["p", "pre"] + headings, .flow, .phrasing)
    add(["hr"], .flow, .empty)
    add(["ul", "ol", "dl", "table", "details", "figure"], .flow, .structured)
    add(["li", "dd", "dt", "td", "th", "caption", "figcaption"], .part, .flow)
    add(["rt", "rp"], .part, .phrasing)
    add(["col"], .part, .empty)
    add(["colgroup", "thead", "tbody", "tfoot", "tr", "summary"], .part, .structured)
    return kinds
  }()

  /// Obsolete and unsupported elements written as others.
  private static let renamings: [String: Renaming] = [
    "center": Renaming(name: "div", phrasingName: "span", className: "center"),
    "font": Renaming(name: "span"), "big": Renaming(name: "span", className: "big"),
    "tt": Renaming(name: "code"), "strike": Renaming(name: "s"), "acronym": Renaming(name: "abbr"),
    "nobr": Renaming(name: "span"), "marquee": Renaming(name: "span"), "blink": Renaming(name: "span"),
    "label": Renaming(name: "span"), "image": Renaming(name: "img"),
    "listing": Renaming(name: "pre"), "xmp": Renaming(name: "pre"), "plaintext": Renaming(name: "pre"),
    "dir": Renaming(name: "ul"), "menu": Renaming(name: "ul"),
    "main": Renaming(name: "div"), "nav": Renaming(name: "div"), "hgroup": Renaming(name: "div"),
    "search": Renaming(name: "div"), "fieldset": Renaming(name: "div"), "legend": Renaming(name: "p"),
  ]

  /// Elements removed with their content.
  private static let removed: Set<String> = [
    "script", "style", "noscript", "template", "iframe", "frame", "frameset", "noframes",
    "noembed", "object", "applet", "form", "button", "select", "textarea", "option", "optgroup",
    "datalist", "output", "meter", "progress", "canvas", "audio", "video", "map", "head", "title",
    "svg", "math", "dialog", "xml", "portal", "fencedframe",
  ]

  /// Void elements removed, whose children (misplaced siblings) are kept.
  private static let removedTags: Set<String> = [
    "embed", "source", "track", "param", "input", "meta", "link", "base", "basefont", "bgsound",
    "keygen", "area", "isindex", "command", "menuitem",
  ]

  /// Elements dropped silently, their children kept.
  private static let droppedTags: Set<String> = ["wbr", "spacer"]

  /// Elements replaced by their children, silently.
  private static let unwrapped: Set<String> = ["html", "body", "rb", "rtc"]

  /// Elements that may not appear inside others, by ancestor (HTML5 and EPUBCheck rules).
  private static let exclusions: [String: [String]] = [
    "a": ["a", "details"],
    "dfn": ["dfn"],
    "time": ["time"],
    "caption": ["table"],
    "header": ["header", "footer"],
    "footer": ["header", "footer"],
    "address": ["address", "header", "footer", "section", "article", "aside"] + headings,
    "th": ["header", "footer", "section", "article", "aside"] + headings,
    "dt": ["header", "footer", "section", "article", "aside"] + headings,
  ]

  /// What excluded elements become; the others are unwrapped.
  private static let exclusionReplacements: [String: String] = {
    var replacements = ["section": "div", "article": "div", "aside": "div", "header": "div",
                        "footer": "div", "address": "div"]
    for heading in headings { replacements[heading] = "p" }
    return replacements
  }()

  /// Elements whose `align` attribute becomes an `align-*` class.
  private static let alignable = Set([
    "div", "p", "pre", "blockquote", "section", "article", "aside", "header", "footer", "address",
    "figure", "figcaption", "details", "summary", "ul", "ol", "li", "dl", "dt", "dd", "hr",
    "table", "caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th",
  ]).union(headings)

  /// Presentational attributes, dropped with a note.
  private static let presentational: Set<String> = [
    "align", "valign", "bgcolor", "border", "cellpadding", "cellspacing", "width", "height",
    "color", "face", "size", "hspace", "vspace", "nowrap", "background", "clear", "frame", "rules",
    "noshade", "compact", "char", "charoff", "axis", "summary", "text", "link", "vlink", "alink",
    "bordercolor", "marginwidth", "marginheight",
  ]

  /// What to do with the element named `name` (lower case), in phrasing or flow content.
  private static func treatment(of name: String, phrasing: Bool) -> Treatment {
    if kinds[name] != nil { return .keep(name: name, className: nil) }
    if let renaming = renamings[name] {
      let target = phrasing ? renaming.phrasingName ?? renaming.name : renaming.name
      return .keep(name: target, className: renaming.className)
    }
    if removed.contains(name) { return .remove }
    if removedTags.contains(name) { return .removeTag }
    if droppedTags.contains(name) { return .dropTag }
    if unwrapped.contains(name) { return .unwrap }
    if name == "picture" { return .picture }
    return .unknown
  }
}

// MARK: - Scopes and runs

extension HTMLSanitizer {
  /// Where nodes are being placed: the content model and the elements excluded by ancestors.
  private struct Scope {
    /// A parent that takes particular children.
    enum Container: Equatable {
      case none, list(ordered: Bool), terms, table, rowGroup, row, columns, details, figure, ruby, summary
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
      case .table: ["caption", "colgroup", "col", "thead", "tbody", "tfoot", "tr", "td", "th"].contains(name)
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
  private struct Run {
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
  private static func isBlank(_ node: XMLNode) -> Bool {
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
  private mutating func content(_ nodes: [XMLNode], in scope: Scope, depth: Int) -> [XMLNode] {
    var run = Run()
    process(nodes, in: scope, depth: depth, into: &run)
    return scope.phrasing ? run.nodes : wrapStrayItems(run.nodes)
  }

  private mutating func process(_ nodes: [XMLNode], in scope: Scope, depth: Int, into run: inout Run) {
    for node in nodes { process(node, in: scope, depth: depth, into: &run) }
  }

  private mutating func process(_ node: XMLNode, in scope: Scope, depth: Int, into run: inout Run) {
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
  private mutating func emit(_ node: XMLNode, in scope: Scope, into run: inout Run) {
    guard scope.fosters else {
      run.append(node)
      return
    }
    if !Self.isBlank(node) { foster([node]) }
  }

  private mutating func foster(_ nodes: [XMLNode]) {
    guard !fostered.isEmpty else { return }
    fostered[fostered.count - 1].append(contentsOf: nodes)
  }

  private mutating func process(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
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
      if let className { renamed[attribute: "class"] = ((element[attribute: "class"] ?? "") + " " + className) }
      place(renamed, in: scope, depth: depth, into: &run)
    }
  }

  /// Processes an element that does not fit its container: in lists it will be wrapped in an
  /// item; in tables it is moved out, before the table.
  private mutating func stray(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    guard scope.fosters else {
      process(element, in: scope.stray, depth: depth, into: &run)
      return
    }
    var moved = Run()
    process(element, in: scope.stray, depth: depth, into: &moved)
    foster(moved.nodes)
  }

  /// Places a kept element (already renamed) where its content model allows, or repairs.
  private mutating func place(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
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
  private mutating func unwrap(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    if let anchor = anchor(for: element) { emit(anchor, in: scope, into: &run) }
    process(element.children, in: scope, depth: depth + 1, into: &run)
  }

  /// Replaces a block in phrasing content by its children, on a line of their own.
  private mutating func unwrapBlock(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    var inner = Run()
    if let anchor = anchor(for: element) { inner.append(anchor) }
    process(element.children, in: scope, depth: depth + 1, into: &inner)
    run.appendBlock(inner.nodes)
  }

  /// Repairs an element that belongs inside a particular parent but is elsewhere.
  private mutating func misplaced(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
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
      let children = content(element.children, in: scope.entering("div", phrasing: false), depth: depth + 1)
      run.append(.el("div", attributes(of: element, as: "div"), children))
    }
  }

  /// Repairs an element that an ancestor excludes: headings become paragraphs, sections
  /// become divisions, others are unwrapped.
  private mutating func excluded(_ element: XMLElement, by ancestor: String, in scope: Scope,
                                 depth: Int, into run: inout Run) {
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
  private mutating func picture(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
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
  private mutating func wrapStrayItems(_ nodes: [XMLNode]) -> [XMLNode] {
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

// MARK: - Builders

extension HTMLSanitizer {
  /// Writes a kept element in a place where it is allowed.
  private mutating func build(_ element: XMLElement, kind: Kind, in scope: Scope, depth: Int,
                              into run: inout Run) {
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
  private static func isComplete(_ element: XMLElement) -> Bool {
    switch element.name {
    case "time":
      if let datetime = element[attribute: "datetime"] { return isDateTime(datetime) }
      return isDateTime(element.textContent)
    case "data": return element[attribute: "value"] != nil
    case "bdo": return ["ltr", "rtl"].contains(trimmed(element[attribute: "dir"] ?? "").lowercased())
    default: return true
    }
  }

  /// Writes an element with its own attributes and content model.
  private mutating func plain(_ element: XMLElement, kind: Kind, in scope: Scope, depth: Int,
                              into run: inout Run) {
    let name = element.name
    let attributes = attributes(of: element, as: name)
    var children: [XMLNode] = []
    switch kind.model {
    case .phrasing, .structured:
      children = content(element.children, in: scope.entering(name, phrasing: true), depth: depth + 1)
    case .flow:
      children = content(element.children, in: scope.entering(name, phrasing: false), depth: depth + 1)
    case .transparent:
      children = content(element.children, in: scope.entering(name, phrasing: scope.phrasing), depth: depth + 1)
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
  private mutating func part(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
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
      let rows = wrapCells(content: element.children, in: scope.entering(name, phrasing: false, container: .rowGroup),
                           depth: depth)
      run.append(.el(name, attributes(of: element, as: name), rows))
    case (_, "tr"):
      run.append(row(element, in: scope, depth: depth))
    case (_, "colgroup"):
      var columns = Run()
      var attributes = attributes(of: element, as: name)
      process(element.children, in: scope.entering(name, phrasing: false, container: .columns),
              depth: depth + 1, into: &columns)
      if columns.hasContent { attributes.removeAll { $0.0 == "span" } }
      run.append(.el(name, attributes, columns.nodes.filter { !Self.isBlank($0) }))
    case (_, "col"):
      run.append(.el(name, attributes(of: element, as: name)))
    case (_, "summary"):
      run.append(summary(element, in: scope, depth: depth))
    case (_, "rp"):
      // Parentheses for reading systems without ruby: text only.
      run.append(.el(name, attributes(of: element, as: name), [.text(Self.visibleText(of: element))]))
    case (.summary, _), (_, "rt"):
      let children = content(element.children, in: scope.entering(name, phrasing: true), depth: depth + 1)
      run.append(.el(name, attributes(of: element, as: name), children))
    default:
      // td, th, caption, figcaption: flow content.
      let children = content(element.children, in: scope.entering(name, phrasing: false), depth: depth + 1)
      run.append(.el(name, attributes(of: element, as: name), children))
    }
  }

  /// An `li`, `dt` or `dd` with flow content.
  private mutating func item(_ element: XMLElement, ordered: Bool, in scope: Scope, depth: Int) -> XMLNode {
    let name = element.name
    let attributes = attributes(of: element, as: name, ordered: ordered)
    let children = content(element.children, in: scope.entering(name, phrasing: false), depth: depth + 1)
    return .el(name, attributes, children)
  }

  /// Writes a link, or its content if its href is unsafe or does not resolve.
  private mutating func link(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    guard let href = element[attribute: "href"].flatMap({ resolveURL($0) }) else {
      if let anchor = anchor(for: element) { run.append(anchor) }
      process(element.children, in: scope, depth: depth + 1, into: &run)
      return
    }
    let attributes = [("href", href)] + attributes(of: element, as: "a")
    let children = content(element.children, in: scope.entering("a", phrasing: scope.phrasing), depth: depth + 1)
    guard !children.isEmpty else {
      // An empty link cannot be followed; its id, if any, still can.
      if let id = attributes.first(where: { $0.0 == "id" }) { run.append(.el("span", [id])) }
      return
    }
    run.append(.el("a", attributes, children))
  }

  /// Writes what the image resolver returns for an image, with the image's own attributes.
  private mutating func image(_ element: XMLElement, in scope: Scope, into run: inout Run) {
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
  private static func merge(_ attributes: [(String, String)], into element: inout XMLElement) {
    for (name, value) in attributes {
      if let existing = element[attribute: name] {
        if name == "class" { element[attribute: name] = existing + " " + value }
      } else {
        element[attribute: name] = value
      }
    }
  }

  /// Writes a `ul` or `ol` whose children are all `li`.
  private mutating func list(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let name = element.name
    let attributes = attributes(of: element, as: name)
    var items = Run()
    let listScope = scope.entering(name, phrasing: false, container: .list(ordered: name == "ol"))
    process(element.children, in: listScope, depth: depth + 1, into: &items)
    run.append(.el(name, attributes, group(items.nodes, items: ["li"], wrapper: "li", parent: name)))
  }

  /// Writes a `dl` whose children are groups of `dt` followed by `dd`.
  private mutating func terms(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "dl")
    var items = Run()
    process(element.children, in: scope.entering("dl", phrasing: false, container: .terms),
            depth: depth + 1, into: &items)
    let children = repairTerms(group(items.nodes, items: ["dt", "dd"], wrapper: "dd", parent: "dl"))
    run.append(.el("dl", attributes, children))
  }

  /// Wraps each run of nodes other than `items` in a `wrapper` element.
  private mutating func group(_ nodes: [XMLNode], items: Set<String>, wrapper: String, parent: String) -> [XMLNode] {
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
  private mutating func repairTerms(_ nodes: [XMLNode]) -> [XMLNode] {
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
  private mutating func details(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "details")
    var parts = Run()
    process(element.children, in: scope.entering("details", phrasing: false, container: .details),
            depth: depth + 1, into: &parts)
    var nodes = wrapStrayItems(parts.nodes)
    let summaries = nodes.indices.filter { nodes[$0].element?.name == "summary" }
    let summary: XMLNode
    if let first = summaries.first {
      if nodes[..<first].contains(where: { !Self.isBlank($0) }) { note("moved <summary> to the start of <details>") }
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
  private mutating func summary(_ element: XMLElement, in scope: Scope, depth: Int) -> XMLNode {
    let attributes = attributes(of: element, as: "summary")
    var parts = Run()
    process(element.children, in: scope.entering("summary", phrasing: true, container: .summary),
            depth: depth + 1, into: &parts)
    var seen: Set<String> = []
    let children = parts.nodes.map { node -> XMLNode in
      guard let name = node.element?.name, Self.headings.contains(name) else { return node }
      return seen.insert(name).inserted ? node : Self.renamed(node, to: "span")
    }
    return .el("summary", attributes, children)
  }

  /// Writes a `figure` whose `figcaption`, if any, is its first or last child.
  private mutating func figure(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "figure")
    var parts = Run()
    process(element.children, in: scope.entering("figure", phrasing: false, container: .figure),
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
  private mutating func ruby(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "ruby")
    var parts = Run()
    process(element.children, in: scope.entering("ruby", phrasing: true, container: .ruby),
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
  private static func rubyAnnotations(_ run: [XMLNode]) -> [XMLNode] {
    let names = run.compactMap(\.element?.name)
    let paired = names.count >= 3 && names.count % 2 == 1
      && names.enumerated().allSatisfy { $0.element == ($0.offset % 2 == 0 ? "rp" : "rt") }
    return paired ? run : run.filter { $0.element?.name == "rt" }
  }

  /// An element with another name, its attributes and children kept.
  private static func renamed(_ node: XMLNode, to name: String) -> XMLNode {
    guard case .element(var element) = node else { return node }
    element.name = name
    return .element(element)
  }
}

// MARK: - Tables

extension HTMLSanitizer {
  /// Writes a table in the order HTML requires (caption, column groups, head, bodies or rows,
  /// foot), preceded by whatever was inside it but not in a cell.
  private mutating func table(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "table")
    fostered.append([])
    var parts = Run()
    process(element.children, in: scope.entering("table", phrasing: false, container: .table),
            depth: depth + 1, into: &parts)
    let moved = fostered.popLast() ?? []
    if !moved.isEmpty {
      note("moved content out of <table>")
      run.append(contentsOf: moved)
    }
    var layout = TableLayout()
    for part in parts.nodes { layout.add(part) }
    layout.finish()
    if layout.wrappedCells { note("wrapped table cells in <tr>") }
    if layout.reordered { note("reordered the parts of <table>") }
    if !layout.extraCaptions.isEmpty {
      note("replaced extra <caption> with <div>")
      run.append(contentsOf: layout.extraCaptions)
    }
    guard layout.rowCount > 0 else {
      note("removed empty <table>")
      if let id = attributes.first(where: { $0.0 == "id" }) { run.append(.el("span", [id])) }
      return
    }
    run.append(.el("table", attributes, layout.children))
  }

  /// The parts of a table, put in the order HTML requires as they are added.
  private struct TableLayout {
    private var caption: XMLNode?
    private var columns: [XMLNode] = []
    private var looseColumns: [XMLNode] = []
    private var head: XMLNode?
    private var bodies: [XMLNode] = []
    private var foot: XMLNode?
    private var looseCells: [XMLNode] = []
    /// Captions after the first, as divisions to write before the table.
    private(set) var extraCaptions: [XMLNode] = []
    /// Whether parts were out of order.
    private(set) var reordered = false
    /// Whether cells outside rows were wrapped in rows.
    private(set) var wrappedCells = false

    /// Adds a `caption`, `colgroup`, `col`, `thead`, `tbody`, `tfoot`, `tr`, `td` or `th`.
    mutating func add(_ part: XMLNode) {
      guard let name = part.element?.name else { return }
      if name == "td" || name == "th" {
        looseCells.append(part)
        return
      }
      flushCells()
      if name != "col" { flushColumns() }
      let rowsSeen = head != nil || !bodies.isEmpty || foot != nil
      switch name {
      case "caption" where caption == nil:
        reordered = reordered || rowsSeen || !columns.isEmpty
        caption = part
      case "caption":
        extraCaptions.append(HTMLSanitizer.renamed(part, to: "div"))
      case "col":
        reordered = reordered || rowsSeen
        looseColumns.append(part)
      case "colgroup":
        reordered = reordered || rowsSeen
        columns.append(part)
      case "thead" where head == nil:
        reordered = reordered || !bodies.isEmpty || foot != nil
        head = part
      case "tfoot" where foot == nil:
        foot = part
      case "thead", "tfoot":
        bodies.append(HTMLSanitizer.renamed(part, to: "tbody"))
      default:
        bodies.append(part)
      }
    }

    /// Wraps the cells and columns added last.
    mutating func finish() {
      flushCells()
      flushColumns()
    }

    private mutating func flushCells() {
      guard !looseCells.isEmpty else { return }
      wrappedCells = true
      bodies.append(.el("tr", [], looseCells))
      looseCells = []
    }

    private mutating func flushColumns() {
      guard !looseColumns.isEmpty else { return }
      columns.append(.el("colgroup", [], looseColumns))
      looseColumns = []
    }

    /// The number of rows.
    var rowCount: Int {
      ([head, foot].compactMap { $0 } + bodies).reduce(0) { count, node in
        node.element?.name == "tr" ? count + 1 : count + (node.element?.children.count ?? 0)
      }
    }

    /// The parts in order: caption, column groups, head, bodies or rows, foot.
    var children: [XMLNode] {
      [caption].compactMap { $0 } + columns + [head].compactMap { $0 }
        + HTMLSanitizer.wrapRowsIfMixed(bodies) + [foot].compactMap { $0 }
    }
  }

  /// Rows and row groups cannot be siblings: wraps runs of rows in `tbody` if there are groups.
  private static func wrapRowsIfMixed(_ bodies: [XMLNode]) -> [XMLNode] {
    guard bodies.contains(where: { $0.element?.name == "tbody" }),
          bodies.contains(where: { $0.element?.name == "tr" }) else { return bodies }
    var result: [XMLNode] = []
    var rows: [XMLNode] = []
    for node in bodies {
      if node.element?.name == "tr" {
        rows.append(node)
        continue
      }
      if !rows.isEmpty { result.append(.el("tbody", [], rows)) }
      rows = []
      result.append(node)
    }
    if !rows.isEmpty { result.append(.el("tbody", [], rows)) }
    return result
  }

  /// The rows of a row group: its `tr` children, with runs of loose cells wrapped in rows.
  private mutating func wrapCells(content children: [XMLNode], in scope: Scope, depth: Int) -> [XMLNode] {
    var parts = Run()
    process(children, in: scope, depth: depth + 1, into: &parts)
    var rows: [XMLNode] = []
    var cells: [XMLNode] = []
    func flushCells(_ sanitizer: inout HTMLSanitizer) {
      guard !cells.isEmpty else { return }
      sanitizer.note("wrapped table cells in <tr>")
      rows.append(.el("tr", [], cells))
      cells = []
    }
    for part in parts.nodes {
      switch part.element?.name {
      case "td", "th":
        cells.append(part)
      case "tr":
        flushCells(&self)
        rows.append(part)
      default:
        continue
      }
    }
    flushCells(&self)
    return rows
  }

  /// A `tr` holding only cells; anything else was moved out of the table.
  private mutating func row(_ element: XMLElement, in scope: Scope, depth: Int) -> XMLNode {
    let attributes = attributes(of: element, as: "tr")
    var cells = Run()
    process(element.children, in: scope.entering("tr", phrasing: false, container: .row),
            depth: depth + 1, into: &cells)
    return .el("tr", attributes, cells.nodes.filter { !Self.isBlank($0) })
  }
}

// MARK: - Attributes

extension HTMLSanitizer {
  /// What to do with an element-specific attribute.
  private enum AttributeCheck {
    case keep(String)
    case invalid
    case notAllowed
  }

  /// Attributes read from an element, before ids are claimed and classes merged.
  private struct AttributeDraft {
    var idCandidates: [String] = []
    var classes: [String] = []
    var alignments: [String] = []
    var language: String?
    var others: [(String, String)] = []
  }

  /// The attributes to write on an element named `name`, made from those of `element`.
  ///
  /// `href`, `src` and `alt` are left to the link and image builders.
  private mutating func attributes(of element: XMLElement, as name: String,
                                   ordered: Bool = false) -> [(String, String)] {
    var draft = AttributeDraft()
    for (rawName, rawValue) in element.attributes {
      read(rawName.lowercased(), Self.xmlSafe(rawValue), on: name, ordered: ordered, into: &draft)
    }
    var result: [(String, String)] = []
    if let id = claimID(draft.idCandidates) { result.append(("id", id)) }
    var seen: Set<String> = []
    let classes = (draft.classes + draft.alignments).filter { seen.insert($0).inserted }
    if !classes.isEmpty { result.append(("class", classes.joined(separator: " "))) }
    if let language = draft.language {
      if Self.isLanguageTag(language) {
        result += [("lang", language), ("xml:lang", language)]
      } else {
        note("dropped invalid lang attribute")
      }
    }
    return result + draft.others
  }

  /// Reads one attribute of an element named `name` into `draft`, or drops it.
  private mutating func read(_ attribute: String, _ value: String, on name: String, ordered: Bool,
                             into draft: inout AttributeDraft) {
    switch attribute {
    case "href" where name == "a", "src" where name == "img", "alt" where name == "img":
      return
    case "id":
      draft.idCandidates.insert(value, at: 0)
    case "name" where name == "a":
      draft.idCandidates.append(value)
    case "class":
      draft.classes += value.split(whereSeparator: { $0.unicodeScalars.allSatisfy(Self.isHTMLSpace) }).map(String.init)
    case "title":
      draft.others.append(("title", value))
    case "lang", "xml:lang":
      draft.language = draft.language ?? value
    case "dir":
      let direction = Self.trimmed(value).lowercased()
      guard ["ltr", "rtl", "auto"].contains(direction) else { return note("dropped invalid dir attribute") }
      draft.others.append(("dir", direction))
    case "hidden":
      draft.others.append(("hidden", "hidden"))
    case "style":
      note("dropped style attributes")
    case "align":
      guard let alignment = Self.alignClass(Self.trimmed(value).lowercased(), on: name) else {
        return note("dropped align attribute")
      }
      draft.alignments.append(alignment)
    case _ where attribute.hasPrefix("on"):
      note("removed on* event handler attributes")
    default:
      switch check(attribute, value, on: name, ordered: ordered) {
      case .keep(let kept): draft.others.append((attribute, kept))
      case .invalid: note("dropped invalid \(attribute) attribute")
      case .notAllowed where Self.presentational.contains(attribute): note("dropped \(attribute) attribute")
      case .notAllowed: break
      }
    }
  }

  /// Checks an attribute that only some elements have.
  private mutating func check(_ attribute: String, _ value: String, on name: String,
                              ordered: Bool) -> AttributeCheck {
    let token = Self.trimmed(value)
    func valid(_ isValid: Bool, _ kept: String? = nil) -> AttributeCheck {
      isValid ? .keep(kept ?? token) : .invalid
    }
    switch (name, attribute) {
    case ("img", "width"), ("img", "height"):
      return Self.pixels(token).map(AttributeCheck.keep) ?? .invalid
    case ("td", "colspan"), ("th", "colspan"), ("col", "span"), ("colgroup", "span"):
      return valid(Int(token).map { 1...1000 ~= $0 } ?? false)
    case ("td", "rowspan"), ("th", "rowspan"):
      return valid(Int(token).map { 0...65534 ~= $0 } ?? false)
    case ("th", "scope"):
      return valid(["row", "col", "rowgroup", "colgroup"].contains(token.lowercased()), token.lowercased())
    case ("ol", "start"):
      return valid(Self.isInteger(token))
    case ("li", "value") where ordered:
      return valid(Self.isInteger(token))
    case ("ol", "reversed"):
      return .keep("reversed")
    case ("ol", "type"):
      return valid(["1", "a", "A", "i", "I"].contains(token))
    case ("details", "open"):
      return .keep("open")
    case ("time", "datetime"):
      return valid(Self.isDateTime(token))
    case ("data", "value"):
      return .keep(value)
    case ("q", "cite"), ("blockquote", "cite"), ("del", "cite"), ("ins", "cite"):
      // A plain-http source is a remote reference EPUBCheck warns about (RSC-031).
      if Self.trimmed(value).lowercased().hasPrefix("http:") {
        note("dropped cite attribute with an http: URL (only https: sources are kept)")
        return .notAllowed
      }
      return resolveURL(value).map(AttributeCheck.keep) ?? .notAllowed
    default:
      return .notAllowed
    }
  }

  /// The class standing for `align`, or nil if the value or element has none.
  private static func alignClass(_ value: String, on name: String) -> String? {
    if name == "img" {
      return ["left", "right", "center"].contains(value) ? "align-\(value)" : nil
    }
    guard alignable.contains(name), ["left", "center", "right", "justify"].contains(value) else { return nil }
    return "align-\(value)"
  }

  /// Checks an href or cite: nil if unsafe, empty or unresolved.
  private mutating func resolveURL(_ raw: String) -> String? {
    let url = Self.trimmed(raw)
    guard !url.isEmpty else { return nil }
    if let scheme = Self.unsafeScheme(url) {
      note("removed \(scheme): URL")
      return nil
    }
    if url.lowercased().hasPrefix("file:") {
      note("removed file: URL")
      return nil
    }
    guard let resolved = resolveLink(url), !resolved.isEmpty else { return nil }
    return Self.xmlSafe(resolved)
  }

  /// Claims the first usable id among `candidates`, noting those that cannot be kept.
  private mutating func claimID(_ candidates: [String]) -> String? {
    for id in candidates where !id.isEmpty {
      if id.unicodeScalars.contains(where: Self.isHTMLSpace) {
        note("dropped invalid id \"\(id)\"")
      } else if !allowedIDs.contains(id) {
        note("dropped id \"\(id)\"")
      } else if !usedIDs.insert(id).inserted {
        note("dropped duplicate id \"\(id)\"")
      } else {
        return id
      }
    }
    return nil
  }

  /// An empty span keeping the id of an element that is unwrapped.
  private mutating func anchor(for element: XMLElement) -> XMLNode? {
    var candidates = [element[attribute: "id"]].compactMap { $0 }
    if element.name.lowercased() == "a", let name = element[attribute: "name"] { candidates.append(name) }
    guard !candidates.isEmpty, let id = claimID(candidates.map(Self.xmlSafe)) else { return nil }
    return .el("span", [("id", id)])
  }

  /// Adds a note, once.
  private mutating func note(_ text: String) {
    if notedSet.insert(text).inserted { notes.append(text) }
  }
}

// MARK: - Values

extension HTMLSanitizer {
  /// Whether `scalar` is an HTML space (space, tab, line feed, form feed, carriage return).
  private static func isHTMLSpace(_ scalar: Unicode.Scalar) -> Bool {
    scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\u{0C}" || scalar == "\r"
  }

  /// `text` without leading and trailing HTML spaces.
  private static func trimmed(_ text: String) -> String {
    let scalars = text.unicodeScalars
    guard let start = scalars.firstIndex(where: { !isHTMLSpace($0) }),
          let end = scalars.lastIndex(where: { !isHTMLSpace($0) }) else { return "" }
    return String(scalars[start...end])
  }

  /// `text` with only the characters XML 1.0 allows.
  private static func xmlSafe(_ text: String) -> String {
    func allowed(_ scalar: Unicode.Scalar) -> Bool {
      switch scalar.value {
      case 0x9, 0xA, 0xD, 0x20...0xD7FF, 0xE000...0xFFFD, 0x10000...0x10FFFF: true
      default: false
      }
    }
    if text.unicodeScalars.allSatisfy(allowed) { return text }
    return String(String.UnicodeScalarView(text.unicodeScalars.filter(allowed)))
  }

  /// The scheme of a URL that runs script (`javascript`, `vbscript`), ignoring the
  /// whitespace and control characters browsers ignore; nil for other URLs.
  private static func unsafeScheme(_ url: String) -> String? {
    let compact = String(String.UnicodeScalarView(url.unicodeScalars.filter { $0.value > 0x20 })).lowercased()
    return ["javascript", "vbscript", "livescript"].first { compact.hasPrefix($0 + ":") }
  }

  /// A width or height in pixels as a non-negative integer ("100px" is 100), or nil.
  private static func pixels(_ value: String) -> String? {
    var number = value.lowercased()
    if number.hasSuffix("px") { number = trimmed(String(number.dropLast(2))) }
    guard !number.isEmpty, number.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
    return number
  }

  /// Whether `value` is a valid integer (`-?[0-9]+`).
  private static func isInteger(_ value: String) -> Bool {
    let digits = value.hasPrefix("-") ? value.dropFirst() : Substring(value)
    return !digits.isEmpty && digits.utf8.allSatisfy { (0x30...0x39).contains($0) }
  }

  /// Whether `value` has the syntax of a BCP 47 language tag, or is empty.
  private static func isLanguageTag(_ value: String) -> Bool {
    if value.isEmpty { return true }
    let subtags = value.split(separator: "-", omittingEmptySubsequences: false)
    guard let first = subtags.first, first.utf8.allSatisfy(isASCIILetter) else { return false }
    return subtags.allSatisfy { subtag in
      (1...8).contains(subtag.utf8.count) && subtag.utf8.allSatisfy { isASCIILetter($0) || isASCIIDigit($0) }
    }
  }

  private static func isASCIILetter(_ byte: UInt8) -> Bool {
    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte)
  }

  private static func isASCIIDigit(_ byte: UInt8) -> Bool {
    (0x30...0x39).contains(byte)
  }

  /// The text of an element, without the content of removed elements.
  private static func visibleText(of element: XMLElement) -> String {
    var text = ""
    var stack: [XMLNode] = element.children.reversed()
    while let node = stack.popLast() {
      switch node {
      case .text(let string):
        text += string
      case .element(let child):
        if case .remove = treatment(of: child.name.lowercased(), phrasing: false) { continue }
        stack.append(contentsOf: child.children.reversed())
      case .comment:
        continue
      }
    }
    return text
  }
}

// MARK: - Dates and times

extension HTMLSanitizer {
  /// Whether `value` is a valid date, time, date-time, month, year, week or duration string
  /// for `<time>`, in the forms both HTML and EPUBCheck accept.
  static func isDateTime(_ value: String) -> Bool {
    let text = trimmed(value)
    var scanner = DateScanner(text)
    if scanner.time(), scanner.atEnd { return true }
    scanner = DateScanner(text)
    if scanner.yearlessDate(), scanner.atEnd { return true }
    scanner = DateScanner(text)
    if scanner.dateTime() { return true }
    return isDuration(text)
  }

  /// Whether `text` is an ISO 8601 duration (`P1DT2H`) or a list of components (`1H 30M`).
  private static func isDuration(_ text: String) -> Bool {
    var scanner = DateScanner(text)
    guard scanner.take("P") else { return scanner.durationComponents() }
    var components = 0
    if scanner.number() != nil {
      guard scanner.take("D") else { return false }
      components += 1
    }
    if scanner.take("T") {
      var timeComponents = 0
      for unit: Character in ["H", "M"] where scanner.peekNumber(followedBy: unit) {
        _ = scanner.number()
        _ = scanner.take(unit)
        timeComponents += 1
      }
      if scanner.number() != nil {
        if scanner.take(".") { guard scanner.number(maxDigits: 3) != nil else { return false } }
        guard scanner.take("S") else { return false }
        timeComponents += 1
      }
      guard timeComponents > 0 else { return false }
      components += timeComponents
    }
    return components > 0 && scanner.atEnd
  }

  /// Reads the parts of date and time strings.
  private struct DateScanner {
    private let bytes: [UInt8]
    private var index = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    var atEnd: Bool { index == bytes.count }

    /// Consumes `character` if it is next.
    mutating func take(_ character: Character) -> Bool {
      guard let ascii = character.asciiValue, index < bytes.count, bytes[index] == ascii else { return false }
      index += 1
      return true
    }

    /// Reads between `minDigits` and `maxDigits` digits.
    mutating func number(minDigits: Int = 1, maxDigits: Int = 18) -> Int? {
      var end = index
      while end < bytes.count, end - index < maxDigits, isASCIIDigit(bytes[end]) { end += 1 }
      guard end - index >= minDigits else { return nil }
      let value = bytes[index..<end].reduce(0) { $0 * 10 + Int($1 - 0x30) }
      index = end
      return value
    }

    /// Whether digits followed by `unit` come next.
    func peekNumber(followedBy unit: Character) -> Bool {
      var end = index
      while end < bytes.count, isASCIIDigit(bytes[end]) { end += 1 }
      return end > index && end < bytes.count && bytes[end] == unit.asciiValue
    }

    /// Reads exactly two digits within `range`.
    mutating func twoDigits(in range: ClosedRange<Int>) -> Bool {
      let start = index
      guard let value = number(minDigits: 2, maxDigits: 2), range.contains(value) else {
        index = start
        return false
      }
      return true
    }

    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.sss`.
    mutating func time() -> Bool {
      guard twoDigits(in: 0...23), take(":"), twoDigits(in: 0...59) else { return false }
      if take(":") {
        guard twoDigits(in: 0...59) else { return false }
        if take(".") { return number(minDigits: 1, maxDigits: 3) != nil }
      }
      return true
    }

    /// `Z`, `+HH:MM`, `-HHMM`, …
    mutating func timeZone() -> Bool {
      if take("Z") { return true }
      guard take("+") || take("-"), twoDigits(in: 0...23) else { return false }
      _ = take(":")
      return twoDigits(in: 0...59)
    }

    /// Components like `1W 2D 3H 4M 5.5S`, to the end.
    mutating func durationComponents() -> Bool {
      var components = 0
      while true {
        while take(" ") {}
        if atEnd { return components > 0 }
        guard number() != nil else { return false }
        var fraction = false
        if take(".") {
          guard number(maxDigits: 3) != nil else { return false }
          fraction = true
        }
        while take(" ") {}
        if take("S") || (!fraction && (take("W") || take("D") || take("H") || take("M"))) {
          components += 1
        } else {
          return false
        }
      }
    }

    /// `MM-DD` or `--MM-DD`.
    mutating func yearlessDate() -> Bool {
      if take("-") { guard take("-") else { return false } }
      return twoDigits(in: 1...12) && take("-") && twoDigits(in: 1...31)
    }

    /// A year, month, week, date, or date and time with an optional time zone, to the end.
    mutating func dateTime() -> Bool {
      let yearStart = index
      guard let year = number(minDigits: 4, maxDigits: 9), year > 0 else { return false }
      if atEnd { return index - yearStart == 4 }
      guard take("-") else { return false }
      if take("W") { return twoDigits(in: 1...53) && atEnd }
      let monthStart = index
      guard twoDigits(in: 1...12) else { return false }
      let month = bytes[monthStart..<index].reduce(0) { $0 * 10 + Int($1 - 0x30) }
      if atEnd { return true }
      guard take("-"), let day = number(minDigits: 2, maxDigits: 2),
            (1...DateScanner.days(in: month, of: year)).contains(day) else { return false }
      if atEnd { return true }
      guard take("T") || take(" "), time() else { return false }
      if atEnd { return true }
      return timeZone() && atEnd
    }

    static func days(in month: Int, of year: Int) -> Int {
      switch month {
      case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
      case 4, 6, 9, 11: 30
      default: 31
      }
    }
  }
}
