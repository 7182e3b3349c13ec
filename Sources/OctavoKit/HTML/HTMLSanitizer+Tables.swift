// Tables: rows, cells, captions and columns put where HTML's table model wants them.

// MARK: - Tables

extension HTMLSanitizer {
  /// Writes a table in the order HTML requires (caption, column groups, head, bodies or rows,
  /// foot), preceded by whatever was inside it but not in a cell, and with its grid made
  /// consistent (``TableRepair``).
  mutating func table(_ element: XMLElement, in scope: Scope, depth: Int, into run: inout Run) {
    let attributes = attributes(of: element, as: "table")
    fostered.append([])
    var parts = Run()
    process(
      element.children, in: scope.entering("table", phrasing: false, container: .table),
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
    // Then the grid: no empty rows, spans that stay inside their row group and columns.
    run.append(.element(TableRepair.repairTable(XMLElement("table", attributes, layout.children))))
  }

  /// The parts of a table, put in the order HTML requires as they are added.
  struct TableLayout {
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
  static func wrapRowsIfMixed(_ bodies: [XMLNode]) -> [XMLNode] {
    guard bodies.contains(where: { $0.element?.name == "tbody" }),
      bodies.contains(where: { $0.element?.name == "tr" })
    else { return bodies }
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
  mutating func wrapCells(content children: [XMLNode], in scope: Scope, depth: Int) -> [XMLNode] {
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
  mutating func row(_ element: XMLElement, in scope: Scope, depth: Int) -> XMLNode {
    let attributes = attributes(of: element, as: "tr")
    var cells = Run()
    process(
      element.children, in: scope.entering("tr", phrasing: false, container: .row),
      depth: depth + 1, into: &cells)
    return .el("tr", attributes, cells.nodes.filter { !Self.isBlank($0) })
  }
}
