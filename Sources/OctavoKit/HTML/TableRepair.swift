/// Makes tables written in raw HTML consistent, as HTML's table model requires: rows
/// without cells are removed, a `rowspan` never reaches past its row group, and every
/// column has a cell that begins in it (`colspan`s are narrowed until it does). The
/// sanitizer applies it to each table it writes, as the last step of building it.
enum TableRepair {
  /// Repairs every table in `nodes`.
  static func repair(_ nodes: [XMLNode]) -> [XMLNode] {
    nodes.map { node in
      guard case .element(var element) = node else { return node }
      element.children = repair(element.children)
      if element.name == "table" { element = repairTable(element) }
      return .element(element)
    }
  }

  static let rowGroups: Set<String> = ["thead", "tbody", "tfoot"]

  static func isCell(_ node: XMLNode) -> Bool {
    guard let name = node.element?.name else { return false }
    return name == "td" || name == "th"
  }

  static func repairTable(_ table: XMLElement) -> XMLElement {
    var table = table
    // Rows without cells, and row groups left without rows, go.
    table.children = table.children.compactMap { child -> XMLNode? in
      guard case .element(var element) = child else { return child }
      if element.name == "tr" { return element.children.contains(where: isCell) ? child : nil }
      guard rowGroups.contains(element.name) else { return child }
      element.children = element.children.filter { row in
        guard row.element?.name == "tr" else { return true }
        return row.element?.children.contains(where: isCell) ?? false
      }
      return element.children.contains { $0.element?.name == "tr" } ? .element(element) : nil
    }
    // Each row group (loose rows form one) is laid out on its own grid.
    var index = 0
    while index < table.children.count {
      guard case .element(var element) = table.children[index] else {
        index += 1
        continue
      }
      if rowGroups.contains(element.name) {
        element.children = clampRowspans(element.children)
        table.children[index] = .element(element)
        index += 1
      } else if element.name == "tr" {
        var end = index
        while end < table.children.count,
          table.children[end].element?.name == "tr" || table.children[end].element == nil
        {
          end += 1
        }
        table.children.replaceSubrange(
          index..<end, with: clampRowspans(Array(table.children[index..<end])))
        index = end
      } else {
        index += 1
      }
    }
    narrowColspans(&table)
    // Column markup that does not match the rows describes columns that are not there.
    let columns = table.children.compactMap(\.element).filter {
      $0.name == "colgroup" || $0.name == "col"
    }
    .reduce(0) { total, element in
      if element.name == "col" { return total + span(element, "span") }
      let cols = element.children.compactMap(\.element).filter { $0.name == "col" }
      return total
        + (cols.isEmpty ? span(element, "span") : cols.reduce(0) { $0 + span($1, "span") })
    }
    if columns > 0, columns != layout(table).width {
      table.children.removeAll { $0.element?.name == "colgroup" || $0.element?.name == "col" }
    }
    return table
  }

  /// The positive integer in a span attribute, 1 when absent or malformed.
  static func span(_ element: XMLElement, _ name: String) -> Int {
    max(Int(element[attribute: name] ?? "") ?? 1, 1)
  }

  /// Clamps each cell's `rowspan` to the rows left in its group.
  static func clampRowspans(_ rows: [XMLNode]) -> [XMLNode] {
    let rowCount = rows.filter { $0.element?.name == "tr" }.count
    var rowIndex = 0
    return rows.map { node in
      guard case .element(var row) = node, row.name == "tr" else { return node }
      let remaining = rowCount - rowIndex
      rowIndex += 1
      row.children = row.children.map { cell in
        guard case .element(var element) = cell, isCell(cell) else { return cell }
        let rowspan = span(element, "rowspan")
        if rowspan > remaining {
          element[attribute: "rowspan"] = remaining > 1 ? String(remaining) : nil
        }
        return .element(element)
      }
      return .element(row)
    }
  }

  /// Where each cell of the table begins: (row path, cell path) → column.
  static func layout(_ table: XMLElement) -> (
    starts: Set<Int>, width: Int,
    cells: [(group: Int?, row: Int, cell: Int, column: Int, colspan: Int)]
  ) {
    var starts = Set<Int>()
    var width = 0
    var cells: [(Int?, Int, Int, Int, Int)] = []
    func layoutGroup(_ rows: [(index: Int, row: XMLElement)], group: Int?) {
      var occupied: [Int: Set<Int>] = [:]  // row number → columns taken by rowspans
      for (number, entry) in rows.enumerated() {
        var column = 0
        for (cellIndex, node) in entry.row.children.enumerated() {
          guard case .element(let cell) = node, isCell(node) else { continue }
          while occupied[number, default: []].contains(column) { column += 1 }
          let colspan = span(cell, "colspan")
          let rowspan = span(cell, "rowspan")
          starts.insert(column)
          cells.append((group, entry.index, cellIndex, column, colspan))
          for r in number..<(number + rowspan) {
            for c in column..<(column + colspan) { occupied[r, default: []].insert(c) }
          }
          column += colspan
          width = max(width, column)
        }
      }
    }
    var loose: [(Int, XMLElement)] = []
    for (index, child) in table.children.enumerated() {
      guard let element = child.element else { continue }
      if element.name == "tr" {
        loose.append((index, element))
      } else if rowGroups.contains(element.name) {
        if !loose.isEmpty {
          layoutGroup(loose, group: nil)
          loose = []
        }
        let rows = element.children.enumerated().compactMap { item -> (Int, XMLElement)? in
          guard let row = item.element.element, row.name == "tr" else { return nil }
          return (item.offset, row)
        }
        layoutGroup(rows, group: index)
      }
    }
    if !loose.isEmpty { layoutGroup(loose, group: nil) }
    return (starts, width, cells)
  }

  /// Narrows colspans until every column of the table has a cell beginning in it.
  static func narrowColspans(_ table: inout XMLElement) {
    for _ in 0..<64 {
      let (starts, width, cells) = layout(table)
      guard let empty = (0..<width).first(where: { !starts.contains($0) }) else { return }
      // Every cell that covers the empty column loses one column of span.
      for cell in cells where cell.column < empty && empty < cell.column + cell.colspan {
        let narrowed = cell.colspan - 1
        func update(_ element: inout XMLElement) {
          element[attribute: "colspan"] = narrowed > 1 ? String(narrowed) : nil
        }
        if let group = cell.group, case .element(var groupElement) = table.children[group],
          case .element(var row) = groupElement.children[cell.row],
          case .element(var element) = row.children[cell.cell]
        {
          update(&element)
          row.children[cell.cell] = .element(element)
          groupElement.children[cell.row] = .element(row)
          table.children[group] = .element(groupElement)
        } else if cell.group == nil, case .element(var row) = table.children[cell.row],
          case .element(var element) = row.children[cell.cell]
        {
          update(&element)
          row.children[cell.cell] = .element(element)
          table.children[cell.row] = .element(row)
        }
      }
    }
  }
}
