extension MathParser {
  /// Parses `\begin{name} … \end{name}` (the `\begin` already consumed).
  mutating func parseEnvironment(_ begin: TeXToken) -> MathNode {
    let name = readRawText().trimmingSpaces()
    guard MathSymbols.environments.contains(name) else {
      report(.unknownEnvironment(name: name), "unknown environment \(name)", at: begin.offset)
      let rows = parseTable(name, begin)
      return table(rows, aligns: ["center"])
    }
    var aligns: [String] = ["center"]
    switch name {
    case "array", "darray", "subarray":
      aligns = Self.columnAligns(readRawText())
    case "alignat", "alignat*", "alignedat":
      _ = readRawText()
    default:
      break
    }
    let saved = displayStyle
    let alignments = [
      "aligned", "align", "align*", "alignat", "alignat*", "alignedat", "split", "eqnarray",
      "eqnarray*",
    ]
    let displayed =
      alignments.contains(name)
      || [
        "gathered", "gather", "gather*", "dcases", "multline", "multline*", "equation", "equation*",
        "darray",
      ].contains(name)
    displayStyle = displayed
    tableDepth += 1
    let rows = parseTable(name, begin)
    tableDepth -= 1
    displayStyle = saved
    switch name {
    case "equation", "equation*":
      return Self.row(rows.flatMap { $0.flatMap { $0 } })
    case "matrix":
      return table(rows, aligns: ["center"])
    case "pmatrix": return Self.fenced("(", ")", table(rows, aligns: ["center"]))
    case "bmatrix": return Self.fenced("[", "]", table(rows, aligns: ["center"]))
    case "Bmatrix": return Self.fenced("{", "}", table(rows, aligns: ["center"]))
    case "vmatrix": return Self.fenced("|", "|", table(rows, aligns: ["center"]))
    case "Vmatrix": return Self.fenced("‖", "‖", table(rows, aligns: ["center"]))
    case "smallmatrix", "subarray":
      var node = table(rows, aligns: name == "smallmatrix" ? ["center"] : aligns)
      node.setAttribute("scriptlevel", "1")
      return node
    case "cases", "dcases":
      var node = table(rows, aligns: ["left"])
      if name == "dcases" { node.setAttribute("displaystyle", "true") }
      return Self.fenced("{", nil, node)
    case "rcases":
      return Self.fenced(nil, "}", table(rows, aligns: ["left"]))
    case "array", "darray":
      var node = table(rows, aligns: aligns)
      if name == "darray" { node.setAttribute("displaystyle", "true") }
      return node
    case "gathered", "gather", "gather*", "multline", "multline*":
      var node = table(rows, aligns: ["center"])
      node.setAttribute("displaystyle", "true")
      return node
    case "eqnarray", "eqnarray*":
      var node = table(rows, aligns: ["right", "center", "left"])
      node.setAttribute("displaystyle", "true")
      return node
    default:  // aligned, align, align*, alignat, split
      var node = table(rows, aligns: ["right", "left"])
      node.setAttribute("displaystyle", "true")
      return node
    }
  }

  /// The column alignments of an `array` specification such as `{l|cr}`.
  static func columnAligns(_ spec: String) -> [String] {
    var aligns: [String] = []
    var skipGroup = 0
    var previous: Character = " "
    for c in spec {
      if skipGroup > 0 {
        if c == "{" { skipGroup += 1 }
        if c == "}" { skipGroup -= 1 }
        continue
      }
      switch c {
      case "l": aligns.append("left")
      case "c": aligns.append("center")
      case "r": aligns.append("right")
      case "p", "m", "b": aligns.append("left")
      case "{"
      where previous == "@" || previous == "!" || previous == "p" || previous == "m"
        || previous == "b" || previous == "*" || previous == "}":
        skipGroup = 1
      default: break
      }
      previous = c
    }
    return aligns.isEmpty ? ["center"] : aligns
  }

  /// Parses rows of `&`-separated cells up to `\end{name}`.
  private mutating func parseTable(_ name: String, _ begin: TeXToken) -> [[[MathNode]]] {
    var rows: [[[MathNode]]] = []
    var row: [[MathNode]] = []
    while true {
      let cell = parseRow()
      row.append(cell)
      guard let token = next() else {
        report(
          .environmentNotClosed(name: name), "\\begin{\(name)} is not closed by \\end{\(name)}",
          at: begin.offset)
        break
      }
      switch token.kind {
      case .alignment:
        continue
      case .command("\\"), .command("cr"):
        // An optional vertical space `[2pt]` after `\\` is dropped.
        if let bracket = peekSkippingSpace(), bracket.kind == .char("[") {
          while let t = rawNext(), t.kind != .char("]") {}
        }
        rows.append(row)
        row = []
        continue
      case .command("end"):
        let closing = readRawText().trimmingSpaces()
        if closing != name {
          report(
            .unexpectedEnd(name: closing), "\\end{\(closing)} closes \\begin{\(name)}",
            at: token.offset)
        }
      case .endGroup:
        report(.unbalancedBraces, "unbalanced braces: this } closes no {", at: token.offset)
        continue
      case .command(let other):
        // `\right` or `\middle` inside a table: TeX would complain about the \left.
        _ = readDelimiter()
        report(.unbalancedLeftRight, "\\\(other) without a matching \\left", at: token.offset)
        continue
      default:
        continue
      }
      break
    }
    // A trailing `\\` leaves an empty last row, which TeX does not show.
    if !(row.count == 1 && row[0].isEmpty) || rows.isEmpty { rows.append(row) }
    return rows
  }

  private func table(_ rows: [[[MathNode]]], aligns: [String]) -> MathNode {
    let trs = rows.map { cells in
      MathNode(
        "mtr",
        children: cells.enumerated().map { column, items in
          let align = aligns[column % aligns.count]
          return MathNode("mtd", [.init("columnalign", align)], children: items)
        })
    }
    return MathNode("mtable", children: trs)
  }
}
